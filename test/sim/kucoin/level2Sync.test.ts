import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {startKucoinSim, type KucoinSim} from '../../../source/sim/kucoin/kucoinSim.js';
import {WsClient, applyUpdate, bookFromSnapshot, getJson, waitUntil, type LocalBook} from './kucoinTestClient.js';

const SYMBOL = 'RMV-USDT';
const opened: {close(): Promise<void>}[] = [];
after(async () => {
  for (const item of opened.reverse()) await item.close();
});

async function sim(seed = 7): Promise<KucoinSim> {
  const s = await startKucoinSim({symbol: SYMBOL, priceDecimals: 5, sizeDecimals: 2, seed, port: 0});
  opened.push(s);
  return s;
}

let clock = 1_700_000_000_000;
/** the market time of every step taken, in order: what the pushes must carry as their time */
const stepTimes: number[] = [];
function mid(i: number): number {
  return 0.05 * (1 + 0.002 * Math.sin(i / 3));
}
function steps(s: KucoinSim, from: number, count: number): number {
  for (let i = from; i < from + count; i++) {
    s.step((clock += 100), mid(i));
    stepTimes.push(clock);
  }
  return from + count;
}

/** Levels of `book` whose price lies in [lo, hi], as sorted [price, size] pairs. */
function within(levels: Map<string, string>, lo: number, hi: number): [string, string][] {
  return [...levels].filter(([p]) => Number(p) >= lo && Number(p) <= hi).sort((a, b) => Number(a[0]) - Number(b[0]));
}

test('level2 updates are continuous and, applied to the REST snapshot per the official procedure, reproduce the server book', async () => {
  const s = await sim();
  let i = steps(s, 0, 5);
  const client = await WsClient.connect(s.restUrl);
  opened.push(client);
  await client.subscribe(`/market/level2:${SYMBOL}`);

  i = steps(s, i, 3); // buffered before the snapshot
  await waitUntil(() => client.l2updates().at(-1)?.sequenceEnd === s.stats()['sequence'], 'first updates');
  const first = await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`);
  assert.equal(first.body.code, '200000');
  // no step since the last update: the snapshot is at the server's sequence, as decimal text
  assert.equal(first.body.data.sequence, String(s.stats()['sequence']));
  assert.equal(first.body.data.bids.length, 100);
  i = steps(s, i, 30);
  const target = s.stats()['sequence'];
  await waitUntil(() => client.l2updates().at(-1)?.sequenceEnd === target, 'all updates');

  const updates = client.l2updates();
  for (let k = 1; k < updates.length; k++) {
    assert.equal(updates[k]!.sequenceStart, updates[k - 1]!.sequenceEnd + 1, 'no hole between messages');
  }
  const timesAfterSubscribing = stepTimes.slice(-33); // the 3 steps buffered before the snapshot and the 30 after
  for (const [k, u] of updates.entries()) {
    assert.equal(u.symbol, SYMBOL);
    // each update carries the market time of the step that made it, in step order
    assert.ok(timesAfterSubscribing.includes(u.time), `update time ${u.time} is a step's time`);
    if (k > 0) assert.ok(u.time >= updates[k - 1]!.time);
    assert.ok(u.sequenceStart <= u.sequenceEnd);
    for (const [, , seq] of [...u.changes.asks, ...u.changes.bids]) {
      assert.equal(typeof seq, 'string');
      assert.ok(Number(seq) >= u.sequenceStart && Number(seq) <= u.sequenceEnd, 'per-change sequence inside the message range');
    }
  }
  assert.ok(updates[0]!.sequenceEnd <= Number(first.body.data.sequence), 'some buffered updates precede the snapshot');

  const book: LocalBook = bookFromSnapshot(first.body.data);
  const knownBidFloor = Number(first.body.data.bids.at(-1)[0]);
  const knownAskCeiling = Number(first.body.data.asks.at(-1)[0]);
  for (const u of updates) applyUpdate(book, u);
  assert.equal(book.sequence, target);

  const last = await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`);
  assert.equal(Number(last.body.data.sequence), target);
  const server = bookFromSnapshot(last.body.data);
  // Only prices the client has known since its snapshot can be compared (docs/protocols/kucoin.md §3.7 depth caveat).
  const bidLo = Math.max(knownBidFloor, Number(last.body.data.bids.at(-1)[0]));
  const askHi = Math.min(knownAskCeiling, Number(last.body.data.asks.at(-1)[0]));
  const serverBids = within(server.bids, bidLo, Infinity);
  const serverAsks = within(server.asks, 0, askHi);
  assert.ok(serverBids.length >= 50 && serverAsks.length >= 50, 'comparison covers a deep part of the book');
  assert.deepEqual(within(book.bids, bidLo, Infinity), serverBids);
  assert.deepEqual(within(book.asks, 0, askHi), serverAsks);
  const best = s.bestBidAsk()!;
  assert.equal(Number(serverBids.at(-1)![0]), best.bid);
  assert.equal(Number(serverAsks[0]![0]), best.ask);
});

test('the book is deep and tight: spread about 0.1 % and tens of thousands of USDT within 2 % on each side', async () => {
  const s = await sim(11);
  steps(s, 0, 20);
  const {body} = await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`);
  const bid = Number(body.data.bids[0][0]);
  const ask = Number(body.data.asks[0][0]);
  const m = (bid + ask) / 2;
  assert.ok(ask > bid);
  assert.ok((ask - bid) / m < 0.0015, `spread ${(ask - bid) / m}`);
  const notional = (levels: [string, string][], inBand: (p: number) => boolean): number =>
    levels.filter(([p]) => inBand(Number(p))).reduce((sum, [p, q]) => sum + Number(p) * Number(q), 0);
  assert.ok(notional(body.data.bids, (p) => p >= m * 0.98) > 20_000);
  assert.ok(notional(body.data.asks, (p) => p <= m * 1.02) > 20_000);
  for (let k = 1; k < body.data.bids.length; k++) assert.ok(Number(body.data.bids[k][0]) < Number(body.data.bids[k - 1][0]), 'bids high→low');
  for (let k = 1; k < body.data.asks.length; k++) assert.ok(Number(body.data.asks[k][0]) > Number(body.data.asks[k - 1][0]), 'asks low→high');
  const top20 = await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_20?symbol=${SYMBOL}`);
  assert.deepEqual(top20.body.data.bids, body.data.bids.slice(0, 20));
  assert.deepEqual(top20.body.data.asks, body.data.asks.slice(0, 20));
});

test('the same seed and mids give the same l2update payloads and book; another seed differs', async () => {
  const run = async (seed: number): Promise<{raw: string[]; snapshot: unknown}> => {
    const s = await sim(seed);
    const client = await WsClient.connect(s.restUrl);
    opened.push(client);
    await client.subscribe(`/market/level2:${SYMBOL}`);
    const saved = clock;
    clock = 1_700_000_000_000;
    steps(s, 0, 40);
    clock = saved;
    const target = s.stats()['sequence'];
    await waitUntil(() => client.l2updates().at(-1)?.sequenceEnd === target, 'updates');
    const {body} = await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`);
    return {raw: client.raw.filter((r) => r.includes('trade.l2update')), snapshot: body.data};
  };
  const a = await run(42);
  const b = await run(42);
  const c = await run(43);
  assert.ok(a.raw.length > 40);
  assert.deepEqual(a.raw, b.raw);
  assert.deepEqual(a.snapshot, b.snapshot);
  assert.notDeepEqual(a.snapshot, c.snapshot);
});

test('level2Depth5 and level1 push sorted top-of-book snapshots only when they change', async () => {
  const s = await sim(3);
  steps(s, 0, 3);
  const client = await WsClient.connect(s.restUrl);
  opened.push(client);
  await client.subscribe(`/spotMarket/level2Depth5:${SYMBOL}`, 'd5');
  await client.subscribe(`/spotMarket/level1:${SYMBOL}`, 'l1');
  const firstStep = stepTimes.length;
  steps(s, 3, 2);
  const depth = await client.waitFrame((f) => f.subject === 'level2', 'depth5');
  assert.equal(depth.topic, `/spotMarket/level2Depth5:${SYMBOL}`);
  assert.equal(depth.data.asks.length, 5);
  assert.equal(depth.data.bids.length, 5);
  assert.ok(Number(depth.data.asks[0][0]) < Number(depth.data.asks[1][0]));
  assert.ok(Number(depth.data.bids[0][0]) > Number(depth.data.bids[1][0]));
  // the first step after subscribing changes the book (nothing was pushed yet): its market time
  assert.equal(depth.data.timestamp, stepTimes[firstStep]);
  const lastLevel1 = (): any => client.frames.filter((f) => f.subject === 'level1').at(-1);
  await waitUntil(() => Number(lastLevel1()?.data.bids[0]) === s.bestBidAsk()!.bid, 'level1 at the current best bid');
  assert.equal(lastLevel1().data.asks.length, 2);
  assert.equal(Number(lastLevel1().data.asks[0]), s.bestBidAsk()!.ask);
  // With no step, nothing changes and nothing more is pushed.
  const before = client.frames.length;
  client.send({id: 'p', type: 'ping'});
  await client.waitFrame((f) => f.type === 'pong' && f.id === 'p', 'pong');
  assert.equal(client.frames.length, before + 1);
});
