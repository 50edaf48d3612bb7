import {test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {z} from 'zod';
import {runStatusCommand} from '../../source/commands/status.js';
import {StateFile} from '../../source/store/stateFile.js';
import type {PersistedState} from '../../source/engine/view/snapshot.js';
import {captureStream, deadPid, fixtureNow, makePersistedState, tempDir} from '../store/fixtures.js';

// Written independently of the store's own schema: what an operator's tooling may rely on in `status --json`.
const n = z.number().finite();
const level = z.strictObject({price: n, size: n, cumulativeQuote: n, ownSize: n});
const book = z.strictObject({bids: z.array(level), asks: z.array(level), synced: z.boolean(), lastUpdateAt: n.nullable(), version: n.nullable()});
const rates = z.strictObject({perSide: n.nullable(), combined: n.nullable(), bid: n.nullable(), ask: n.nullable(), spread: n.nullable(), samples: z.number().int().min(0)});
const health = z.strictObject({state: z.enum(['connecting', 'syncing', 'live', 'stale', 'down', 'polling']), reason: z.string().nullable(), lastMessageAt: n.nullable()});
const side = z.strictObject({quoting: z.boolean(), reason: z.string().nullable(), ownDepth: n, target: n});
const statusJsonSchema = z.strictObject({
  running: z.boolean(),
  updatedAgoSec: n.min(0),
  schemaVersion: z.literal(1),
  mode: z.enum(['sim', 'paper', 'live']),
  symbol: z.string().regex(/^[A-Z0-9]+$/),
  referenceSymbol: z.string().regex(/^[A-Z0-9]+-[A-Z0-9]+$/),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  pid: z.number().int().positive(),
  startedAt: n,
  updatedAt: n,
  paused: z.boolean(),
  halted: z.strictObject({since: n, reason: z.string().min(1)}).nullable(),
  suspension: z.strictObject({cause: z.enum(['reference', 'mexcBook', 'exchangeClosed']), since: n, reason: z.string().min(1)}).nullable(),
  pricing: z.strictObject({
    step: z.enum(['reference', 'mexcOthers', 'heldLast', 'holdingQuotes', 'none']),
    since: n,
    detail: z.string(),
    widenLevel: n,
    referenceStaleSince: n.nullable(),
    outage: z.string(),
  }),
  books: z.strictObject({mexc: book, kucoin: book}),
  fair: z.strictObject({price: n.nullable(), model: z.string(), mexcMid: n.nullable(), kucoinMid: n.nullable(), mexcDepth: n.nullable(), kucoinDepth: n.nullable()}),
  spread: z.strictObject({mexc: n.nullable(), kucoin: n.nullable()}),
  depth: z.strictObject({bid: n, ask: n, combined: n}),
  depthTarget: n.positive(),
  bandPct: n.positive(),
  compliance: z.strictObject({
    now: z
      .strictObject({
        at: n,
        pass: z.boolean(),
        passCombined: z.boolean(),
        spread: n.nullable(),
        bidDepth: n,
        askDepth: n,
        combinedDepth: n,
        ownBidDepth: n,
        ownAskDepth: n,
        reason: z.string().nullable(),
      })
      .nullable(),
    lastHour: rates,
    lastDay: rates,
    streakSec: n,
    longestGapSec: n.min(0),
    lastFailure: z.strictObject({at: n, reason: z.string()}).nullable(),
  }),
  orders: z.array(
    z.strictObject({
      clientOrderId: z.string().min(1),
      orderId: z.string().nullable(),
      side: z.enum(['BUY', 'SELL']),
      price: n.positive(),
      qty: n.positive(),
      filled: n.min(0),
      status: z.string(),
      createdAt: n,
    }),
  ),
  balances: z.strictObject({
    base: z.strictObject({asset: z.string(), free: n, locked: n}),
    quote: z.strictObject({asset: z.string(), free: n, locked: n}),
    baseRatio: n.min(0).max(1).nullable(),
  }),
  sides: z.strictObject({bid: side, ask: side}),
  streams: z.strictObject({'kucoin.book': health, 'mexc.book': health, 'mexc.user': health, 'mexc.listenKey': health, 'mexc.rest': health}),
  counters: z.record(z.string(), z.number().int().min(0)),
  lastError: z.strictObject({at: n, message: z.string()}).nullable(),
  nextResetAt: n.nullable(),
  recentEvents: z.array(z.strictObject({at: n, level: z.enum(['info', 'warn', 'error']), text: z.string()})),
  complianceHistory: z.strictObject({
    version: z.literal(1),
    minutes: z.array(
      z.strictObject({minute: z.number().int(), samples: n, pass: n, passCombined: n, bidPass: n, askPass: n, spreadPass: n}),
    ),
    longestGapSec: n,
    lastFailure: z.strictObject({at: n, reason: z.string()}).nullable(),
    streakStartAt: n.nullable(),
    streakPass: z.boolean().nullable(),
  }),
});

async function stateDir(t: Parameters<typeof tempDir>[0], state: PersistedState): Promise<string> {
  const dir = await tempDir(t);
  const file = await StateFile.open(dir);
  await file.save(state);
  return dir;
}

async function status(dir: string, json: boolean, now: number): Promise<{code: number; text: string}> {
  const out = captureStream();
  const code = await runStatusCommand({dataDir: dir, json, out: out.stream, now});
  return {code, text: out.text()};
}

test('status --json prints the raw state plus running and updatedAgoSec, valid against the schema', async (t) => {
  const state = makePersistedState({halted: {since: fixtureNow - 60_000, reason: 'kill switch (key k)'}});
  const dir = await stateDir(t, state);
  const {code, text} = await status(dir, true, fixtureNow + 2_500);
  assert.equal(code, 0);
  const parsed = statusJsonSchema.parse(JSON.parse(text));
  assert.equal(parsed.running, true);
  assert.equal(parsed.updatedAgoSec, 2.5);
  const {running: _r, updatedAgoSec: _u, ...raw} = parsed;
  assert.deepEqual(raw, state);
});

test('the bot counts as running only when its pid is alive and the state was updated within 10 s', async (t) => {
  const fresh = await stateDir(t, makePersistedState({pid: process.pid, updatedAt: fixtureNow}));
  const json = async (dir: string, now: number) => JSON.parse((await status(dir, true, now)).text) as {running: boolean; updatedAgoSec: number};

  assert.deepEqual(await json(fresh, fixtureNow + 9_900), {...(await json(fresh, fixtureNow + 9_900)), running: true, updatedAgoSec: 9.9});
  assert.equal((await json(fresh, fixtureNow + 10_000)).running, false, 'alive pid but a stale file: hung or stopped');
  const human = await status(fresh, false, fixtureNow + 3_000);
  assert.match(human.text, /^mexc-mm RMVUSDT \/ RMV-USDT \[sim\] — RUNNING \(pid \d+, updated 3s ago, up 3h 00m\)/);
  const hung = await status(fresh, false, fixtureNow + 120_000);
  assert.match(hung.text, /— STOPPED \(last update 2025-03-14 12:30:00Z, 2m 00s ago; pid \d+ alive but not updating\)/);

  const dead = await stateDir(t, makePersistedState({pid: await deadPid(), updatedAt: fixtureNow}));
  assert.equal((await json(dead, fixtureNow + 1_000)).running, false, 'fresh file but the process is gone');
  const stopped = (await status(dead, false, fixtureNow + 1_000)).text;
  assert.match(stopped, /— STOPPED .* not running\)/);
  assert.match(stopped, /^streams \(as last seen before the bot stopped\)$/m, 'a stopped bot\'s stream states are history');
  assert.match(stopped, /^next reset — \(not running\)$/m, 'no countdown to a reset that will not happen');
});

test('the human summary shows control state, prices, depth against target, gauges, orders, balances, sides, streams, counters, error and reset', async (t) => {
  const state = makePersistedState({paused: true, halted: {since: fixtureNow - 60_000, reason: 'drawdown beyond limit'}});
  const dir = await stateDir(t, state);
  const {code, text} = await status(dir, false, fixtureNow + 1_000);
  assert.equal(code, 0);
  const expectations: RegExp[] = [
    /^control   HALTED since 2025-03-14 12:29:00Z: drawdown beyond limit .*; PAUSED$/m,
    /^fair      0\.0125015 USDT \(cross-venue-depth-weighted; MEXC mid 0\.0125, KuCoin mid 0\.012503/m,
    /^spread    MEXC 0\.61 %, KuCoin 0\.16 %$/m,
    /^depth ±2\.0%  bid 1,402\.51 \/ 1,250 USDT, ask 1,377\.93 \/ 1,250 USDT, combined 2,780\.44$/m,
    /^compliance now PASS: spread 0\.61 %, bid 1,402\.51 \(ours 997\.9\)/m,
    /^ {2}1h 100\.0 % \(combined 100\.0 %, bid 100\.0 %, ask 100\.0 %, spread 100\.0 %; 3,600 samples\)$/m,
    /^ {2}24h 98\.7 % \(combined 99\.3 %/m,
    /^ {2}streak passing for 3h 00m, longest gap 20m 00s$/m,
    /^ {2}last failure 2025-03-14 09:30:00Z: bid depth 612\.40 < 1000 USDT$/m,
    /^orders    10 open \(5 bid, 5 ask\)$/m,
    /^ {2}bid 0\.012462 × 16,000 filled 1,200 PARTIALLY_FILLED mmx/m,
    /^ {2}ask 0\.012698 × 16,000 PENDING_NEW mmx/m,
    /^balances  RMV 250,000\.5 free \+ 78,800 locked; USDT 2,980\.12 free \+ 997\.9 locked; base ratio 50\.9 %$/m,
    /^side bid  quoting; ours 997\.9 \/ 1,250 USDT$/m,
    /^side ask  NOT quoting — rate-limited: MEXC REST backing off until 12:30:05; ours 1,003\.5 \/ 1,250 USDT$/m,
    /^ {2}mexc\.rest +stale \(rate limited until 12:30:05\), last message 3s ago$/m,
    /^counters  requests 4410 \(throttled 3, rate-limited 1\), placed 1902, cancelled 1880, rejected 4, unknown 1, fills 37/m,
    /^last error 2025-03-14 12:28:25Z \(1m 36s ago\): POST \/api\/v3\/order: 429 Too Many Requests$/m,
    /^next reset 2025-03-14 12:47:00Z \(in 16m 59s\)$/m,
  ];
  for (const expected of expectations) assert.match(text, expected);
  // Fits an 80-column terminal except for long order ids and free-text reasons.
  assert.ok(text.split('\n').length < 60);
});

test('a state saved right after start (no prices, no samples, no orders yet) still prints a full summary', async (t) => {
  const base = makePersistedState();
  const empty = (): typeof base.compliance.lastHour => ({perSide: null, combined: null, bid: null, ask: null, spread: null, samples: 0});
  const state = makePersistedState({
    fair: {price: null, model: 'kucoin-mid', mexcMid: null, kucoinMid: null, mexcDepth: null, kucoinDepth: null},
    spread: {mexc: null, kucoin: null},
    depth: {bid: 0, ask: 0, combined: 0},
    compliance: {now: null, lastHour: empty(), lastDay: empty(), streakSec: 0, longestGapSec: 0, lastFailure: null},
    orders: [],
    balances: {base: {asset: 'RMV', free: 0, locked: 0}, quote: {asset: 'USDT', free: 0, locked: 0}, baseRatio: null},
    streams: Object.fromEntries(Object.keys(base.streams).map((k) => [k, {state: 'connecting', reason: null, lastMessageAt: null}])) as typeof base.streams,
    lastError: null,
    nextResetAt: null,
    recentEvents: [],
  });
  const dir = await stateDir(t, state);
  const {code, text} = await status(dir, false, fixtureNow + 500);
  assert.equal(code, 0);
  assert.match(text, /^fair      — USDT \(kucoin-mid; MEXC mid —, KuCoin mid —, depth MEXC — \/ KuCoin —\)$/m);
  assert.match(text, /^depth ±2\.0%  bid 0 \/ 1,250 USDT SHORT, ask 0 \/ 1,250 USDT SHORT, combined 0$/m);
  assert.match(text, /^compliance now no sample yet$/m);
  assert.match(text, /^ {2}1h no samples$/m);
  assert.match(text, /^orders    0 open \(0 bid, 0 ask\)$/m);
  assert.match(text, /base ratio —$/m);
  assert.match(text, /^ {2}kucoin\.book +connecting, last message never$/m);
  assert.match(text, /^last error none$/m);
  assert.match(text, /^next reset —$/m);
});

test('a missing state file: exit 1 with a message naming the path', async (t) => {
  const dir = await tempDir(t);
  const {code, text} = await status(dir, false, fixtureNow);
  assert.equal(code, 1);
  assert.match(text, /^mexc-mm status: no state file at .*state\.json \(has mexc-mm run with --data-dir /);
  assert.equal((await status(join(dir, 'nowhere'), true, fixtureNow)).code, 1);
});

test('a corrupt or wrongly shaped state file: exit 1 with a message saying what is wrong', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'state.json'), '{"schemaVersion":1,"mode":"sim",');
  const torn = await status(dir, true, fixtureNow);
  assert.equal(torn.code, 1);
  assert.match(torn.text, /^mexc-mm status: corrupt state file: .*state\.json is not valid JSON/);
  await writeFile(join(dir, 'state.json'), JSON.stringify({...makePersistedState(), depth: {bid: 'lots'}}));
  const shape = await status(dir, false, fixtureNow);
  assert.equal(shape.code, 1);
  assert.match(shape.text, /unexpected shape: depth\.bid: /);
});
