import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {z} from 'zod';
import {runStatusCommand} from '../../source/commands/status.js';
import {StateFile} from '../../source/store/stateFile.js';
import type {PersistedState} from '../../source/engine/view/snapshot.js';
import type {LockRecord} from '../../source/store/lockRecord.js';
import {captureStream, fixtureNow, makeLedgerView, makePersistedState, spawnChildScript, tempDir, waitFor} from '../store/fixtures.js';
import {containerNamespace, fakeReaders, holderRecord, us, writeLock} from '../store/lockFixtures.js';

// Written independently of the store's own schema: what an operator's tooling may rely on in `status --json`.
const n = z.number().finite();
const level = z.strictObject({price: n, size: n, cumulativeQuote: n, ownSize: n});
const book = z.strictObject({bids: z.array(level), asks: z.array(level), synced: z.boolean(), lastUpdateAt: n.nullable(), version: n.nullable()});
const rates = z.strictObject({perSide: n.nullable(), combined: n.nullable(), bid: n.nullable(), ask: n.nullable(), spread: n.nullable(), samples: z.number().int().min(0)});
const health = z.strictObject({state: z.enum(['connecting', 'syncing', 'live', 'stale', 'down', 'polling']), reason: z.string().nullable(), lastMessageAt: n.nullable()});
const side = z.strictObject({quoting: z.boolean(), reason: z.string().nullable(), ownDepth: n, target: n, shortfall: n.min(0)});
const fillTally = z.strictObject({count: z.number().int().min(0), base: n.min(0), quote: n.min(0)});
const count = z.number().int().min(0);
const perHorizon = (value: z.ZodType) => z.strictObject({s1: value, s10: value, s60: value});
const inventory = z.strictObject({at: n, base: n, quote: n, mark: n.positive(), baseRatio: n.min(0).max(1)});
const pnlFigures = z.strictObject({
  from: n, to: n, fills: count, buys: count, sells: count, boughtBase: n, soldBase: n, boughtQuote: n, soldQuote: n, turnover: n.min(0),
  fees: n, baseChange: n, quoteChange: n, vsHold: n, markToMarket: n, realised: n,
  markoutSums: perHorizon(n), markoutCounts: perHorizon(count), adverseSelection: n,
});
const ledgerFill = z.strictObject({
  at: n, tradeId: z.string(), clientOrderId: z.string(), orderId: z.string(), side: z.enum(['BUY', 'SELL']), price: n.positive(), qty: n.positive(),
  quote: n, fee: n, feeAsset: z.string(), feeQuote: n, refMid: n.nullable(), mexcMid: n.nullable(),
  markoutMids: perHorizon(n.nullable()), markouts: perHorizon(n.nullable()),
});
const ledger = z.strictObject({
  start: inventory, now: inventory, position: n, averageCost: n.nullable(), unrealised: n,
  sinceStart: pnlFigures, today: pnlFigures, hours: z.array(pnlFigures), days: z.array(pnlFigures),
  recentFills: z.array(ledgerFill), pendingMarkouts: count, duplicateFills: count,
});
const minutePoint = z.strictObject({minute: z.number().int(), samples: count, pass: count, bidDepth: n, askDepth: n, target: n, baseRatio: n.nullable()});
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
        checks: z.strictObject({bid: z.boolean(), ask: z.boolean(), spread: z.boolean()}),
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
  tallies: z.strictObject({
    rejectedByReason: z.record(z.string(), z.number().int().min(0)),
    fills: z.strictObject({bid: fillTally, ask: fillTally}),
    decisionLatency: z.strictObject({bounds: z.array(n.positive()), counts: z.array(z.number().int().min(0)), sumSec: n.min(0), count: z.number().int().min(0)}),
  }),
  lastError: z.strictObject({at: n, message: z.string()}).nullable(),
  nextResetAt: n.nullable(),
  reconciledAt: n.nullable(),
  recentEvents: z.array(z.strictObject({at: n, level: z.enum(['info', 'warn', 'error']), text: z.string()})),
  ledger: ledger.nullable(),
  history: z.array(minutePoint),
  // the ledger and the minutes as the engine restores them: its own business, not a reader's
  ledgerState: z.unknown(),
  minuteHistory: z.array(z.unknown()),
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

// The status process as the lock sees it: pid 5150 in the host's pid namespace, where the bot (pid 77,
// started at tick 900) is alive; pid 78 is not.
const statusReaders = fakeReaders({...us, pid: 5150}, {alive: new Map([[77, 900]])});
/** the lock of a bot that runs: pid 77, heartbeat a second before the state's update */
const liveLock = (state: PersistedState): LockRecord => holderRecord(state.updatedAt - 1_000);

/** A data dir with `state` saved and `lock` as its lock file (null: none). */
async function stateDir(t: Parameters<typeof tempDir>[0], state: PersistedState, lock: LockRecord | null = liveLock(state)): Promise<string> {
  const dir = await tempDir(t);
  const file = await StateFile.open(dir);
  await file.save(state);
  if (lock) await writeLock(dir, lock);
  return dir;
}

async function status(dir: string, json: boolean, now: number): Promise<{code: number; text: string}> {
  const out = captureStream();
  const code = await runStatusCommand({dataDir: dir, json, out: out.stream, now, readers: statusReaders});
  return {code, text: out.text()};
}

test('status --json prints the raw state plus running and updatedAgoSec, valid against the schema', async (t) => {
  const state = makePersistedState({halted: {since: fixtureNow - 60_000, reason: 'kill switch (key k)'}, ledger: makeLedgerView()});
  const dir = await stateDir(t, state);
  const {code, text} = await status(dir, true, fixtureNow + 2_500);
  assert.equal(code, 1, 'running but halted');
  const parsed = statusJsonSchema.parse(JSON.parse(text));
  assert.equal(parsed.running, true);
  assert.equal(parsed.updatedAgoSec, 2.5);
  const {running: _r, updatedAgoSec: _u, ...raw} = parsed;
  assert.deepEqual(raw, state);
});

test('the bot counts as running only when a live process holds the lock and the state was updated within 10 s', async (t) => {
  const fresh = await stateDir(t, makePersistedState({pid: 77, updatedAt: fixtureNow}));
  const json = async (dir: string, now: number) => JSON.parse((await status(dir, true, now)).text) as {running: boolean; updatedAgoSec: number};

  assert.deepEqual(await json(fresh, fixtureNow + 9_900), {...(await json(fresh, fixtureNow + 9_900)), running: true, updatedAgoSec: 9.9});
  assert.equal((await json(fresh, fixtureNow + 10_000)).running, false, 'alive pid but a stale file: hung or stopped');
  const human = await status(fresh, false, fixtureNow + 3_000);
  assert.match(human.text, /^mexc-mm RMVUSDT \/ RMV-USDT \[sim\] — RUNNING \(pid \d+, updated 3s ago, up 3h 00m\)/);
  const hung = await status(fresh, false, fixtureNow + 120_000);
  assert.match(hung.text, /— STOPPED \(last update 2025-03-14 12:30:00Z, 2m 00s ago; pid \d+ alive but not updating\)/);

  const deadState = makePersistedState({pid: 78, updatedAt: fixtureNow});
  const dead = await stateDir(t, deadState, holderRecord(fixtureNow, {pid: 78}));
  assert.equal((await json(dead, fixtureNow + 1_000)).running, false, 'fresh file but the process is gone');
  const unlocked = await stateDir(t, makePersistedState({pid: 77, updatedAt: fixtureNow}), null);
  assert.equal((await json(unlocked, fixtureNow + 1_000)).running, false, 'fresh file but no lock: the bot released it when it stopped');
  const stopped = (await status(dead, false, fixtureNow + 1_000)).text;
  assert.match(stopped, /— STOPPED .* not running\)/);
  assert.match(stopped, /^control   not quoting: not running \(at its last update: quoting\)$/m, 'a stopped bot does not read as quoting');
  assert.match(stopped, /^streams \(as last seen before the bot stopped\)$/m, 'a stopped bot\'s stream states are history');
  assert.match(stopped, /^next reset — \(not running\)$/m, 'no countdown to a reset that will not happen');
});

test('the human summary shows control state, prices, depth against target, gauges, orders, balances, sides, streams, counters, error and reset', async (t) => {
  const state = makePersistedState({paused: true, halted: {since: fixtureNow - 60_000, reason: 'drawdown beyond limit'}});
  const dir = await stateDir(t, state);
  const {code, text} = await status(dir, false, fixtureNow + 1_000);
  assert.equal(code, 1, 'halted');
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
  assert.equal(code, 1, 'running, no compliance reading yet');
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

test('a missing state file: exit 4 (status unknown) with a message naming the path', async (t) => {
  const dir = await tempDir(t);
  const {code, text} = await status(dir, false, fixtureNow);
  assert.equal(code, 4);
  assert.match(text, /^mexc-mm status: no state file at .*state\.json \(has mexc-mm run with --data-dir /);
  assert.equal((await status(join(dir, 'nowhere'), true, fixtureNow)).code, 4);
});

test('a corrupt or wrongly shaped state file: exit 4 (status unknown) with a message saying what is wrong', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, holderRecord(fixtureNow)); // even while a bot holds the lock
  await writeFile(join(dir, 'state.json'), '{"schemaVersion":1,"mode":"sim",');
  const torn = await status(dir, true, fixtureNow);
  assert.equal(torn.code, 4);
  assert.match(torn.text, /^mexc-mm status: corrupt state file: .*state\.json is not valid JSON/);
  await writeFile(join(dir, 'state.json'), JSON.stringify({...makePersistedState(), depth: {bid: 'lots'}}));
  const shape = await status(dir, false, fixtureNow);
  assert.equal(shape.code, 4);
  assert.match(shape.text, /unexpected shape: depth\.bid: /);
});

// Exit codes for probes (source/store/statusExitCode.ts): 0 running and compliant, 1 running but halted or
// not compliant, 3 not running, 4 unknown. --json prints the same body and exits the same.
const failing = makePersistedState().compliance;
const failingCompliance = {...failing, now: {...failing.now!, pass: false, bidDepth: 612.4, reason: 'bid depth 612.40 < 1000 USDT'}};

async function codes(dir: string, now: number): Promise<{text: number; json: number}> {
  return {text: (await status(dir, false, now)).code, json: (await status(dir, true, now)).code};
}

test('exit 0: running, not halted, and the latest compliance reading passes (with or without --json)', async (t) => {
  const dir = await stateDir(t, makePersistedState({pid: 77}));
  assert.deepEqual(await codes(dir, fixtureNow + 1_000), {text: 0, json: 0});
});

test('exit 1: running but the latest compliance reading fails, or there is none yet', async (t) => {
  const failingDir = await stateDir(t, makePersistedState({pid: 77, compliance: failingCompliance}));
  assert.deepEqual(await codes(failingDir, fixtureNow + 1_000), {text: 1, json: 1});
  const noReading = await stateDir(t, makePersistedState({pid: 77, compliance: {...failing, now: null}}));
  assert.deepEqual(await codes(noReading, fixtureNow + 1_000), {text: 1, json: 1});
});

test('exit 1: running and halted, even while the compliance reading passes', async (t) => {
  const dir = await stateDir(t, makePersistedState({pid: 77, halted: {since: fixtureNow - 5_000, reason: '8 consecutive order errors'}}));
  assert.deepEqual(await codes(dir, fixtureNow + 1_000), {text: 1, json: 1});
});

test('exit 3: not running — the lock holder is dead, the lock is gone, or the state file is no longer updated', async (t) => {
  const passing = makePersistedState({pid: 77});
  const dead = await stateDir(t, passing, holderRecord(fixtureNow, {pid: 78}));
  assert.deepEqual(await codes(dead, fixtureNow + 1_000), {text: 3, json: 3});
  const released = await stateDir(t, passing, null);
  assert.deepEqual(await codes(released, fixtureNow + 1_000), {text: 3, json: 3});
  const hung = await stateDir(t, passing);
  assert.deepEqual(await codes(hung, fixtureNow + 10_000), {text: 3, json: 3});
  // halted or failing makes no difference once the bot is not running
  const haltedAndGone = await stateDir(t, makePersistedState({pid: 78, halted: {since: fixtureNow, reason: 'kill switch (key k)'}}), holderRecord(fixtureNow, {pid: 78}));
  assert.deepEqual(await codes(haltedAndGone, fixtureNow + 1_000), {text: 3, json: 3});
});

test('a bot in another pid namespace (another container) counts as running while its lock heartbeat is fresh, whatever its pid is here', async (t) => {
  const state = makePersistedState({pid: 1});
  // pid 1 is alive for us too, with another start time: across namespaces it is not evidence either way
  const inContainer = holderRecord(fixtureNow - 1_000, {pid: 1, pidNamespace: containerNamespace, hostname: 'web-1'});
  const beating = await stateDir(t, state, inContainer);
  assert.deepEqual(await codes(beating, fixtureNow + 1_000), {text: 0, json: 0});
  assert.match((await status(beating, false, fixtureNow + 1_000)).text, /— RUNNING \(pid 1,/);
  // its heartbeat stopped over 10 s ago: killed (the state file may still look fresh to a skewed clock)
  const silent = await stateDir(t, state, {...inContainer, heartbeat: {count: 9, at: fixtureNow - 9_500}});
  assert.deepEqual(await codes(silent, fixtureNow + 1_000), {text: 3, json: 3});
});

test('status reads the lock without touching it: a live holder\'s file is byte for byte the same afterwards', async (t) => {
  const state = makePersistedState({pid: 77});
  const dir = await stateDir(t, state);
  const before = await readFile(join(dir, 'mexc-mm.lock'));
  const stale = await stateDir(t, state, holderRecord(fixtureNow, {pid: 78}));
  const staleBefore = await readFile(join(stale, 'mexc-mm.lock'));
  await codes(dir, fixtureNow + 1_000);
  await codes(stale, fixtureNow + 1_000);
  assert.deepEqual(await readFile(join(dir, 'mexc-mm.lock')), before);
  assert.deepEqual(await readFile(join(stale, 'mexc-mm.lock')), staleBefore, 'a stale lock is not removed either');
});

test('with the real process readers: a live lock-holding process is running (0), the same after kill -9 is not (3)', async (t) => {
  const dir = await tempDir(t);
  const holder = spawnChildScript(t, 'holdDataDir.ts', [dir]);
  await waitFor(() => holder.output().includes('locked'), 'the child to take the lock', 10_000);
  const file = await StateFile.open(dir);
  await file.save(makePersistedState({pid: holder.pid, updatedAt: Date.now()}));
  const real = async () => runStatusCommand({dataDir: dir, json: true, out: captureStream().stream});
  assert.equal(await real(), 0);
  holder.child.kill('SIGKILL');
  await holder.exited;
  assert.equal(await real(), 3);
});

test('the human summary shows today\'s and since-start P&L from the ledger: vs hold, fees, fills, turnover, markouts, inventory change', async (t) => {
  const dir = await stateDir(t, makePersistedState({pid: 77, ledger: makeLedgerView()}));
  const {code, text} = await status(dir, false, fixtureNow + 1_000);
  assert.equal(code, 0, 'the ledger does not change the exit code');
  const expectations: RegExp[] = [
    /^ledger    since 2025-03-12 12:30:00Z; base ratio 50\.6 % then, 50\.6 % now$/m,
    /^ {2}today {8}vs hold -1\.2345 USDT \(cost of compliance\), fees 0\.406 USDT$/m,
    /^ {15}12 fills, turnover 1,015\.01 USDT, 60s markouts -0\.2804 USDT \(11\)$/m,
    /^ {15}inventory -1,200 RMV, \+15\.404 USDT$/m,
    /^ {2}since start  vs hold -3\.9021 USDT \(cost of compliance\), fees 0\.817 USDT$/m,
    /^ {15}37 fills, turnover 2,042\.5 USDT, 60s markouts -0\.9312 USDT \(36\)$/m,
    /^ {15}inventory -1,199\.5 RMV, \+20\.483 USDT$/m,
  ];
  for (const expected of expectations) assert.match(text, expected);
  const ledgerLines = text.split('\n').filter((line, i, all) => i >= all.findIndex((l) => l.startsWith('ledger')) && i < all.findIndex((l) => l.startsWith('streams')));
  assert.equal(ledgerLines.length, 7);
  for (const line of ledgerLines) assert.ok(line.length <= 80, `fits 80 columns: ${line}`);
});

test('a ledger last written on an earlier UTC day is labelled with that day, not as today', async (t) => {
  const dir = await stateDir(t, makePersistedState({pid: 77, ledger: makeLedgerView()}), null);
  const {text} = await status(dir, false, fixtureNow + 86_400_000);
  assert.match(text, /^ {2}2025-03-14 {3}vs hold -1\.2345 USDT/m);
  assert.doesNotMatch(text, /^ {2}today /m);
});

test('a state file without a ledger (null, or written before the field existed) says there is none; --json prints it unchanged', async (t) => {
  const none = await stateDir(t, makePersistedState({pid: 77, ledger: null}));
  assert.match((await status(none, false, fixtureNow + 1_000)).text, /^ledger    none yet \(an older state file, or no balances and price yet\)$/m);
  const {ledger: _ledger, ...older} = makePersistedState({pid: 77});
  const olderDir = await stateDir(t, makePersistedState({pid: 77}));
  await writeFile(join(olderDir, 'state.json'), JSON.stringify(older));
  const human = await status(olderDir, false, fixtureNow + 1_000);
  assert.equal(human.code, 0);
  assert.match(human.text, /^ledger    none yet /m);
  const json = JSON.parse((await status(olderDir, true, fixtureNow + 1_000)).text) as Record<string, unknown>;
  assert.equal('ledger' in json, false, 'nothing added to what the file holds');
});

test('before any fill is 60 s old the 60 s markouts read "none yet", not a zero', async (t) => {
  const ledger = makeLedgerView();
  ledger.today = {...ledger.today, markoutSums: {...ledger.today.markoutSums, s60: 0}, markoutCounts: {...ledger.today.markoutCounts, s60: 0}};
  const dir = await stateDir(t, makePersistedState({pid: 77, ledger}));
  const {text} = await status(dir, false, fixtureNow + 1_000);
  assert.match(text, /^ {15}12 fills, turnover 1,015\.01 USDT, 60s markouts none yet$/m);
  assert.match(text, /^ {15}37 fills, turnover 2,042\.5 USDT, 60s markouts -0\.9312 USDT \(36\)$/m, 'since start has some');
});
