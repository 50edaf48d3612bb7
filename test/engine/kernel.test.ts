import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Engine} from '../../source/engine/kernel.js';
import {RECONCILE_RETRY_MS} from '../../source/engine/orders/applyReconcile.js';
import {EventQueue} from '../../source/engine/queue.js';
import {OrderExecutor} from '../../source/engine/orders/orderExecutor.js';
import type {EngineEvent} from '../../source/engine/events.js';
import type {JournalRecord} from '../../source/engine/view/records.js';
import type {EngineSnapshot, PersistedState, RecentEvent} from '../../source/engine/view/snapshot.js';
import {notionalOf} from '../../source/engine/symbolRules.js';
import {haltOf, initialTradingState} from '../../source/engine/risk/tradingState.js';
import {createEngineState} from '../../source/engine/engineState.js';
import {buildPersistedState} from '../../source/engine/view/snapshotBuilder.js';
import {applyMarket, idFactory, makeState, marketEvents, putOrder, RecordingTradingPort, rules, T0} from './engineFixtures.js';
import {waitFor} from '../sim/simTestKit.js';

/**
 * An engine on a recorded port. `primed`: the books and balances of marketEvents() are already in the
 * state (applied without a decision pass), so a decision has a reference price; without it the first
 * decision finds no price at all, which is the reference suspension.
 */
function harness(configure?: Parameters<typeof makeState>[0], options: {primed?: boolean} = {}) {
  const state = makeState(configure);
  if (options.primed) applyMarket(state, marketEvents());
  const queue = new EventQueue();
  const port = new RecordingTradingPort();
  const journal: JournalRecord[] = [];
  const resyncs: string[] = [];
  const notices: RecentEvent[] = [];
  const snapshots: EngineSnapshot[] = [];
  const persisted: PersistedState[] = [];
  let clock = T0;
  const executor = new OrderExecutor(port, (e) => queue.push(e), () => clock);
  const engine = new Engine(
    state,
    queue,
    executor,
    {
      resync: (venue) => void resyncs.push(venue),
      journal: (r) => void journal.push(r),
      notice: (e) => void notices.push(e),
      snapshot: (s) => void snapshots.push(s),
      persist: (p) => void persisted.push(p),
    },
    idFactory(),
    () => clock,
  );
  /** lets the executor's promises settle and feeds their events back through the engine */
  const settle = async () => {
    for (let i = 0; i < 50; i++) {
      await executor.drained();
      await new Promise((r) => setImmediate(r));
      if (queue.depth === 0) break;
      engine.handleBatch(await queue.next());
    }
  };
  return {state, queue, port, journal, resyncs, notices, snapshots, persisted, executor, engine, settle, tick: (ms: number) => (clock += ms), now: () => clock};
}

test('a burst of 1,000 book deltas in one batch makes exactly one decision pass', () => {
  const h = harness();
  h.engine.handleBatch(marketEvents());
  const before = h.state.counters.decisions;
  const burst: EngineEvent[] = [];
  for (let i = 0; i < 1000; i++) {
    const price = (0.2499 - (i % 10) * 0.00001).toFixed(5);
    burst.push({type: 'book.delta', venue: 'kucoin', fromVersion: 101 + i, toVersion: 101 + i, bids: [[price, String(100 + i)]], asks: [], at: T0});
  }
  h.engine.handleBatch(burst);
  assert.equal(h.state.counters.decisions - before, 1);
  assert.equal(h.state.kucoinBook.version, 1100);
  // the first batch had 2 snapshots (1 coalesced), the burst 1,000 deltas (999 coalesced)
  assert.equal(h.state.counters.coalescedBookEvents, 1 + 999);
});

test('the queue consumer receives a burst pushed before it runs as one batch', async () => {
  const h = harness();
  for (const e of marketEvents()) h.queue.push(e);
  for (let i = 0; i < 1000; i++) h.queue.push({type: 'book.delta', venue: 'kucoin', fromVersion: 101 + i, toVersion: 101 + i, bids: [['0.24000', '5']], asks: [], at: T0});
  const batch = await h.queue.next();
  assert.equal(batch.length, 1006);
  h.engine.handleBatch(batch);
  assert.equal(h.state.counters.decisions, 1);
});

test('first pass places the ladder; acks make the orders open and a later pass sends nothing', async () => {
  const h = harness();
  h.engine.handleBatch(marketEvents());
  assert.equal(h.port.placed.flat().length, 10);
  await h.settle();
  const states = [...h.state.orders.values()].map((o) => o.state);
  assert.deepEqual(new Set(states), new Set(['open']));
  const sent = h.port.placed.flat().length;
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at: h.now()}]);
  await h.settle();
  assert.equal(h.port.placed.flat().length, sent, 'no new placements');
  assert.equal(h.port.cancelled.flat().length, 0, 'no cancels');
});

test('a buy-only symbol: only bids are placed, and the published snapshot says why the ask side is not quoting', async () => {
  const h = harness();
  h.state.rules = {...rules, acceptedSides: 'buysOnly'};
  h.engine.handleBatch(marketEvents());
  assert.deepEqual(new Set(h.port.placed.flat().map((p) => p.side)), new Set(['BUY']));
  h.engine.handleBatch([{type: 'timer', timer: 'snapshot', at: h.now()}]);
  const ask = h.snapshots.at(-1)!.sides.ask;
  assert.deepEqual([ask.quoting, ask.reason], [false, 'exchange allows only buys']);
  assert.equal(h.snapshots.at(-1)!.sides.bid.reason, null);
});

test('a version gap marks the book unsynced, asks the feed to resync and freezes orders', async () => {
  const h = harness();
  h.engine.handleBatch(marketEvents());
  await h.settle();
  h.engine.handleBatch([{type: 'book.delta', venue: 'mexc', fromVersion: 510, toVersion: 511, bids: [], asks: [], at: T0}]);
  assert.deepEqual(h.resyncs, ['mexc']);
  assert.equal(h.state.mexcBook.synced, false);
  assert.match(h.state.sideReasons.bid ?? '', /frozen|not synced/);
});

test('an unknown place outcome is never re-sent blindly: it is queried, and dropped only when the exchange does not know it', async () => {
  const h = harness();
  h.port.placeAnswer = (i) => ({kind: 'unknown', clientOrderId: i.clientOrderId, message: 'timeout'});
  h.engine.handleBatch(marketEvents());
  await h.settle();
  const first = h.port.placed.flat().map((p) => p.clientOrderId);
  assert.equal(first.length, 10);
  assert.ok([...h.state.orders.values()].every((o) => o.state === 'unknown'));
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at: h.now()}]);
  await h.settle();
  assert.equal(h.port.placed.flat().length, 10, 'nothing placed while outcomes are unknown');
  // reconcile: the exchange lists none of them → each is queried → not found → dropped, then re-planned
  h.tick(5000);
  h.port.placeAnswer = (i) => ({kind: 'placed', clientOrderId: i.clientOrderId, orderId: 'X' + i.clientOrderId});
  h.engine.handleBatch([{type: 'timer', timer: 'reconcile', at: h.now()}]);
  await h.settle();
  assert.equal(h.port.queried.length, 10);
  const all = h.port.placed.flat().map((p) => p.clientOrderId);
  assert.equal(new Set(all).size, all.length, 'no clientOrderId sent twice');
});

test('an unknown outcome that turns out to be resting is confirmed, not duplicated', async () => {
  const h = harness();
  h.port.placeAnswer = (i) => ({kind: 'unknown', clientOrderId: i.clientOrderId, message: 'timeout'});
  h.engine.handleBatch(marketEvents());
  await h.settle();
  const placed = h.port.placed.flat();
  h.port.open = placed.map((p) => ({clientOrderId: p.clientOrderId, orderId: 'X' + p.clientOrderId, side: p.side, priceTicks: p.priceTicks, origQtyLots: p.qtyLots, filledLots: 0, status: 'resting'}));
  h.tick(5000);
  h.engine.handleBatch([{type: 'timer', timer: 'reconcile', at: h.now()}]);
  await h.settle();
  assert.ok([...h.state.orders.values()].every((o) => o.state === 'open'));
  assert.equal(h.port.placed.flat().length, 10);
});

test('after a restart, orders of ours found on the exchange are adopted, not duplicated', async () => {
  const h = harness(undefined, {primed: true});
  h.port.open = [
    {clientOrderId: 'mmxOLD1', orderId: '1', side: 'BUY', priceTicks: 24900, origQtyLots: 100000, filledLots: 0, status: 'resting'},
    {clientOrderId: 'someoneElse', orderId: '2', side: 'BUY', priceTicks: 24000, origQtyLots: 100000, filledLots: 0, status: 'resting'},
  ];
  h.engine.handleBatch([{type: 'timer', timer: 'reconcile', at: h.now()}]);
  await h.settle();
  assert.ok(h.state.orders.has('mmxOLD1'));
  assert.ok(!h.state.orders.has('someoneElse'), 'orders without our prefix are never touched');
  // the adopted bid at 0.249 stands for one level of the ladder: the other nine are placed around it
  assert.deepEqual([h.state.orders.get('mmxOLD1')?.state, h.state.orders.get('mmxOLD1')?.retiring], ['open', null]);
  assert.equal(h.port.placed.flat().length, 9);
  assert.equal(h.state.orders.size, 10);
  assert.deepEqual(h.port.cancelled, []);
});

test('halted at start: orders of ours found on the exchange are cancelled', async () => {
  const h = harness();
  h.state.trading = initialTradingState({since: T0, reason: 'persisted'});
  h.port.open = [{clientOrderId: 'mmxOLD1', orderId: '1', side: 'BUY', priceTicks: 24900, origQtyLots: 100000, filledLots: 0, status: 'resting'}];
  h.engine.handleBatch([...marketEvents(), {type: 'timer', timer: 'reconcile', at: h.now()}]);
  await h.settle();
  assert.deepEqual(h.port.cancelled.flat().map((c) => c.clientOrderId), ['mmxOLD1']);
  assert.equal(h.port.placed.length, 0);
});

test('repeated order errors trip the kill switch: everything cancelled, halted with the reason', async () => {
  const h = harness((c) => (c.risk.maxConsecutiveOrderErrors = 3));
  h.port.placeAnswer = (i) => ({kind: 'rejected', clientOrderId: i.clientOrderId, reason: 'invalid', detail: '700002 Signature for this request is not valid.'});
  h.engine.handleBatch(marketEvents());
  await h.settle();
  assert.ok(haltOf(h.state.trading));
  assert.match(haltOf(h.state.trading)!.reason, /consecutive order errors/);
});

test('rate limiting is not an order error: a throttled batch holds order changes, then the ladder is placed, with no kill switch', async () => {
  const h = harness((c) => (c.risk.maxConsecutiveOrderErrors = 2));
  let throttledCalls = 0;
  h.port.placeAnswer = (i) => {
    if (h.now() < T0 + 5_000) {
      throttledCalls++;
      return {kind: 'throttled', clientOrderId: i.clientOrderId, retryAt: T0 + 5_000, message: 'batchOrders: request budget exhausted'};
    }
    return {kind: 'placed', clientOrderId: i.clientOrderId, orderId: `X${i.clientOrderId}`};
  };
  h.engine.handleBatch(marketEvents());
  await h.settle();
  assert.equal(throttledCalls, 10, 'the first ladder was refused');
  assert.equal(haltOf(h.state.trading), null, 'no kill switch');
  assert.equal(h.state.consecutiveOrderErrors, 0);
  assert.equal(h.state.orders.size, 0, 'refused orders never existed');
  assert.equal(h.state.rateLimitedUntil, T0 + 5_000);
  assert.equal(h.state.counters.rateLimited, 1, 'one hold, not one count per order');
  assert.equal(h.state.counters.ordersRejected, 0);
  assert.ok(h.journal.some((r) => r.stream === 'orders' && r.action === 'throttled'));
  // while held, a decision pass sends nothing and each side says why
  h.tick(1_000);
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at: h.now()}]);
  await h.settle();
  assert.equal(h.port.placed.length, 1, 'no request while rate-limited');
  assert.match(h.engine.plan?.sides.bid.reason ?? '', /rate-limited/);
  h.tick(4_000);
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at: h.now()}]);
  await h.settle();
  assert.equal(h.state.orders.size, 10, 'the ladder is placed once the hold ends');
  assert.equal(haltOf(h.state.trading), null);
});

test('a throttled cancel leaves the order resting and is sent again after the hold', async () => {
  const h = harness();
  h.engine.handleBatch(marketEvents());
  await h.settle();
  assert.equal(h.state.orders.size, 10);
  let refuse = true;
  h.port.cancelAnswer = (i) => (refuse ? {kind: 'throttled', clientOrderId: i.clientOrderId, retryAt: h.now() + 2_000, message: '429 Too Many Requests'} : {kind: 'cancelled', clientOrderId: i.clientOrderId});
  h.engine.handleBatch([{type: 'command', command: {kind: 'cancelAll'}, source: 'key', at: h.now()}]);
  await h.settle();
  assert.equal(h.state.orders.size, 10, 'still resting');
  assert.ok([...h.state.orders.values()].every((o) => o.state === 'open'));
  assert.equal(haltOf(h.state.trading), null);
  refuse = false;
  h.tick(2_500);
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at: h.now()}]);
  await h.settle();
  assert.equal(h.state.orders.size, 0, 'cancelled once requests flow again');
});

test('kill command halts and cancels; unkill resumes quoting', async () => {
  const h = harness();
  h.engine.handleBatch(marketEvents());
  await h.settle();
  h.engine.handleBatch([{type: 'command', command: {kind: 'kill', reason: 'operator'}, source: 'key', at: h.now()}]);
  await h.settle();
  assert.ok(haltOf(h.state.trading));
  assert.equal(h.state.orders.size, 0);
  assert.equal(h.port.cancelled.flat().length, 10);
  h.engine.handleBatch([{type: 'command', command: {kind: 'unkill'}, source: 'key', at: h.now()}]);
  await h.settle();
  assert.equal(haltOf(h.state.trading), null);
  assert.equal(h.state.orders.size, 10);
});

test('reset rebuilds every order, new ones first, and each side keeps ≥ 1,000 USDT resting throughout', async () => {
  const h = harness();
  h.engine.handleBatch(marketEvents());
  await h.settle();
  const old = new Set(h.state.orders.keys());
  const restingValue = (side: 'BUY' | 'SELL') =>
    [...h.state.orders.values()]
      .filter((o) => o.side === side && o.state === 'open')
      .reduce((sum, o) => sum + notionalOf(o.priceTicks, o.qtyLots - o.filledLots, rules), 0);
  let lowest = Infinity;
  h.engine.handleBatch([{type: 'command', command: {kind: 'resetNow'}, source: 'key', at: h.now()}]);
  assert.equal(h.port.cancelled.length, 0, 'nothing of the old set is cancelled before replacements are placed');
  for (let i = 0; i < 50; i++) {
    await h.executor.drained();
    await new Promise((r) => setImmediate(r));
    if (h.queue.depth === 0) break;
    // apply outcomes one at a time: the worst moment between any two events counts
    for (const event of await h.queue.next()) {
      h.engine.handleBatch([event]);
      lowest = Math.min(lowest, restingValue('BUY'), restingValue('SELL'));
    }
  }
  assert.ok(lowest >= 1000, `lowest resting side value during reset ${lowest.toFixed(0)} USDT`);
  const cancelled = new Set(h.port.cancelled.flat().map((c) => c.clientOrderId));
  assert.deepEqual(cancelled, old);
  assert.equal(h.state.orders.size, 10);
  for (const id of old) assert.ok(!h.state.orders.has(id));
});

test('quit cancels every order, then the consumer loop ends', async () => {
  const h = harness();
  const running = h.engine.run();
  for (const e of marketEvents()) h.queue.push(e);
  const open = () => [...h.state.orders.values()].filter((o) => o.state === 'open').length;
  await waitFor(() => open() === 10, 5000, 'the consumer loop to place and open the ladder of 10');
  h.queue.push({type: 'command', command: {kind: 'quit', reason: 'test'}, source: 'signal', at: h.now()});
  await running;
  assert.equal(h.state.orders.size, 0);
  assert.equal(h.port.cancelled.flat().length, 10);
});

test('fills are journalled and a filled update removes the order', async () => {
  const h = harness();
  h.engine.handleBatch(marketEvents());
  await h.settle();
  const order = [...h.state.orders.values()][0]!;
  h.engine.handleBatch([
    {type: 'fill', clientOrderId: order.clientOrderId, orderId: order.orderId!, tradeId: 't1', side: order.side, priceTicks: order.priceTicks, qtyLots: order.qtyLots, fee: '0', feeAsset: 'USDT', isMaker: true, at: h.now()},
    {type: 'order.update', clientOrderId: order.clientOrderId, orderId: order.orderId!, side: order.side, status: 'filled', priceTicks: order.priceTicks, origQtyLots: order.qtyLots, filledLots: order.qtyLots, at: h.now()},
  ]);
  assert.equal(h.state.counters.fills, 1);
  assert.ok(h.journal.some((r) => r.stream === 'fills'));
  assert.ok(!h.state.orders.has(order.clientOrderId));
  // the ladder is refilled
  assert.equal(h.state.orders.size, 10);
});

// ---- the consumer loop, counters, routing and published views ------------------------------------

/** lets queued microtasks and the consumer loop run */
const turn = () => new Promise<void>((r) => setImmediate(r));
const lines = (notices: readonly RecentEvent[]) => notices.map((n) => `${n.level}: ${n.text}`);
const at = T0;

test('run() announces the start and publishes a first snapshot before any event, and ends when the queue closes', async () => {
  const h = harness();
  const running = h.engine.run();
  await turn();
  assert.deepEqual(h.notices, [{at: T0, level: 'info', text: 'engine started in sim mode on RMVUSDT'}]);
  assert.equal(h.snapshots.length, 1);
  assert.equal(h.snapshots[0]!.recentEvents.length, 1);
  assert.equal(h.persisted.length, 0);
  h.queue.close();
  await running;
  assert.equal(h.state.counters.events, 0);
});

test('run() on a halted state warns that it starts halted, with the halt reason', async () => {
  const h = harness();
  h.state.trading = initialTradingState({since: T0 - 1, reason: 'persisted kill'});
  const running = h.engine.run();
  await turn();
  assert.deepEqual(lines(h.notices), ['info: engine started in sim mode on RMVUSDT', 'warn: starting HALTED (persisted kill); press k to resume']);
  h.queue.close();
  await running;
});

test('run() on a symbol MEXC restricts warns of the refused side and the ST tag at the start', async () => {
  const h = harness();
  h.state.rules = {...rules, acceptedSides: 'buysOnly', specialTreatment: true};
  const running = h.engine.run();
  await turn();
  assert.deepEqual(lines(h.notices), [
    'info: engine started in sim mode on RMVUSDT',
    'warn: RMVUSDT: exchange allows only buys: the ask side cannot be quoted',
    "warn: RMVUSDT carries MEXC's ST (special treatment) warning: deposits are closed and the pair may be suspended and delisted; trading goes on",
  ]);
  h.queue.close();
  await running;
});

test('a second run() while the loop runs is refused', async () => {
  const h = harness();
  const running = h.engine.run();
  await assert.rejects(h.engine.run(), {message: 'engine already running'});
  h.queue.close();
  await running;
});

test('the loop keeps consuming batches while not stopping, even with no order left', async () => {
  const h = harness();
  const running = h.engine.run();
  h.queue.push({type: 'timer', timer: 'depthCheck', at});
  await turn();
  h.queue.push({type: 'timer', timer: 'depthCheck', at});
  await turn();
  assert.equal(h.state.counters.events, 2);
  assert.equal(h.queue.isClosed, false);
  h.queue.close();
  await running;
});

test('quit with no order left stops at once, without a deadline error; finish() then works', async () => {
  const h = harness(undefined, {primed: true});
  const running = h.engine.run();
  h.queue.push({type: 'command', command: {kind: 'quit', reason: 'test'}, source: 'signal', at});
  await turn();
  assert.equal(h.queue.isClosed, true);
  await running;
  assert.deepEqual(lines(h.notices), ['info: engine started in sim mode on RMVUSDT', 'info: stopping (test): cancelling our orders']);
  assert.equal(h.state.counters.errors, 0);
  assert.doesNotThrow(() => h.engine.finish([]));
});

test('a quit waits for our orders until the deadline (15 s): not 1 ms before it, and stops at it with an error naming the count', async () => {
  const h = harness();
  putOrder(h.state, 'mmxa');
  putOrder(h.state, 'mmxb', {side: 'SELL', priceTicks: 25_100});
  const sent: string[] = [];
  h.port.cancelOrders = (orders) => {
    sent.push(...orders.map((o) => o.clientOrderId));
    return new Promise(() => undefined); // the cancels never get an answer
  };
  const running = h.engine.run();
  h.queue.push({type: 'command', command: {kind: 'quit', reason: 'test'}, source: 'signal', at});
  await turn();
  assert.deepEqual(sent, ['mmxa', 'mmxb']);
  assert.equal(h.state.trading.kind, 'stopping');
  h.tick(14_999);
  h.queue.push({type: 'timer', timer: 'depthCheck', at: h.now()});
  await turn();
  assert.equal(h.queue.isClosed, false, 'still waiting 1 ms before the deadline');
  assert.equal(h.state.counters.errors, 0);
  h.tick(1);
  h.queue.push({type: 'timer', timer: 'depthCheck', at: h.now()});
  await turn();
  assert.equal(h.queue.isClosed, true, 'stopped at the deadline');
  await running;
  assert.deepEqual(h.notices.at(-1), {at: T0 + 15_000, level: 'error', text: 'stop deadline passed with 2 order(s) unconfirmed'});
  assert.equal(h.state.counters.errors, 1);
});

test('handleBatch outside the loop never closes the queue, even for a finished stop', () => {
  const h = harness();
  h.state.trading = {kind: 'stopping', since: T0, reason: 'q', deadline: T0, from: {kind: 'active'}};
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at}]);
  assert.equal(h.queue.isClosed, false);
});

test('finish() is refused while the loop runs; afterwards it applies the events and publishes snapshot and state once', async () => {
  const h = harness();
  const running = h.engine.run();
  assert.throws(() => h.engine.finish([]), {message: 'finish() is for an engine whose loop has ended'});
  h.queue.push({type: 'command', command: {kind: 'quit', reason: 'test'}, source: 'signal', at});
  await running;
  const snapshots = h.snapshots.length;
  const persisted = h.persisted.length;
  h.engine.finish([{type: 'request.counters', requests: 12, throttled: 3, rateLimited: 1, at}]);
  assert.equal(h.state.counters.requests, 12);
  assert.equal(h.snapshots.length, snapshots + 1);
  assert.equal(h.persisted.length, persisted + 1);
  assert.equal(h.snapshots.at(-1)!.counters.requests, 12);
  assert.equal(h.persisted.at(-1)!.counters.requests, 12);
  assert.equal(h.persisted.at(-1)!.schemaVersion, 1);
});

test('handleBatch counts events, coalesced book events (all but one per batch) and the queue depth', () => {
  const h = harness();
  h.queue.push({type: 'timer', timer: 'depthCheck', at});
  h.queue.push({type: 'timer', timer: 'depthCheck', at});
  const [snapK, snapM, ...rest] = marketEvents();
  h.engine.handleBatch([snapK!, {type: 'timer', timer: 'depthCheck', at}, snapM!, ...rest, {type: 'book.delta', venue: 'mexc', fromVersion: 501, toVersion: 501, bids: [], asks: [], at}]);
  assert.equal(h.state.counters.events, 8);
  assert.equal(h.state.counters.coalescedBookEvents, 2, '3 book events, 2 coalesced');
  assert.deepEqual([h.state.counters.queueDepth, h.state.counters.queueHighWater], [2, 2]);
  h.engine.handleBatch([snapK!]);
  assert.equal(h.state.counters.coalescedBookEvents, 2, 'a single book event coalesces nothing');
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at}]);
  assert.equal(h.state.counters.coalescedBookEvents, 2, 'no book event, nothing coalesced');
  assert.equal(h.state.counters.events, 10);
});

test('handleBatch sets the engine clock from its clock, not from the events', () => {
  const h = harness();
  h.tick(1234);
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at: T0}]);
  assert.equal(h.state.now, T0 + 1234);
});

test('events that warrant no decision make no decision pass and return no plan', () => {
  const h = harness();
  const plan = h.engine.handleBatch([
    {type: 'stream.malformed', stream: 'mexc.book', reason: 'bad frame', at},
    {type: 'request.counters', requests: 1, throttled: 0, rateLimited: 0, at},
    {type: 'notice', level: 'info', text: 'x', at},
    {type: 'timer', timer: 'snapshot', at},
    {type: 'timer', timer: 'reconcile', at},
    {type: 'request.failed', what: 'balances', code: null, message: 'x', rateLimitedUntil: null, unsent: false, at},
  ]);
  assert.equal(plan, null);
  assert.equal(h.state.counters.decisions, 0);
  assert.equal(h.engine.plan, null);
});

test('a decision pass returns its plan and keeps it as the last plan', () => {
  const h = harness();
  const plan = h.engine.handleBatch(marketEvents());
  assert.equal(h.state.counters.decisions, 1);
  assert.notEqual(plan, null);
  assert.equal(h.engine.plan, plan);
  assert.equal(plan!.places.length, 10);
});

test('views: nothing is published without a timer or an important change', () => {
  const h = harness(undefined, {primed: true});
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at}]);
  assert.deepEqual([h.snapshots.length, h.persisted.length], [0, 0]);
});

test('views: the snapshot timer publishes one snapshot, the stateFlush timer one state to persist, each once', () => {
  const h = harness(undefined, {primed: true});
  h.engine.handleBatch([{type: 'timer', timer: 'snapshot', at}]);
  assert.deepEqual([h.snapshots.length, h.persisted.length], [1, 0]);
  h.engine.handleBatch([{type: 'timer', timer: 'stateFlush', at}]);
  assert.deepEqual([h.snapshots.length, h.persisted.length], [1, 1]);
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at}]);
  assert.deepEqual([h.snapshots.length, h.persisted.length], [1, 1], 'the flags are cleared once published');
  h.engine.handleBatch([{type: 'timer', timer: 'snapshot', at}, {type: 'timer', timer: 'snapshot', at}, {type: 'timer', timer: 'stateFlush', at}]);
  assert.deepEqual([h.snapshots.length, h.persisted.length], [2, 2], 'one of each per batch');
});

test('views: the snapshot carries the last plan and the state as of the end of the batch', () => {
  const h = harness();
  h.engine.handleBatch([...marketEvents(), {type: 'timer', timer: 'snapshot', at}]);
  const snap = h.snapshots[0]!;
  assert.equal(snap.orders.length, 10);
  assert.equal(snap.counters.decisions, 1);
});

test('views: an operator command persists the state at the end of its batch', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'command', command: {kind: 'pause'}, source: 'key', at}]);
  assert.deepEqual([h.snapshots.length, h.persisted.length], [0, 1]);
  assert.equal(h.persisted[0]!.paused, true);
});

test('engine notices reach the notice output', () => {
  const h = harness(undefined, {primed: true});
  h.engine.handleBatch([{type: 'command', command: {kind: 'pause'}, source: 'key', at}]);
  assert.deepEqual(h.notices, [{at: T0, level: 'warn', text: 'paused (key): no new orders; press p to resume'}]);
});

test('request.failed: an error notice with the code and collapsed whitespace; no decision', () => {
  const h = harness();
  const plan = h.engine.handleBatch([{type: 'request.failed', what: 'openOrders', code: 429, message: 'Too  Many\nRequests', rateLimitedUntil: null, unsent: false, at}]);
  assert.equal(plan, null);
  assert.deepEqual(h.notices, [{at: T0, level: 'error', text: 'openOrders failed: 429 Too Many Requests'}]);
  assert.equal(h.state.counters.errors, 1);
  assert.deepEqual(h.state.lastError, {at: T0, message: 'openOrders failed: 429 Too Many Requests'});
});

test('request.failed without a code leaves no gap where the code would be', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'request.failed', what: 'balances', code: null, message: 'socket hang up', rateLimitedUntil: null, unsent: false, at}]);
  assert.deepEqual(lines(h.notices), ['error: balances failed: socket hang up']);
});

test('request.failed with a Retry-After holds requests until then; without one nothing is held', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'request.failed', what: 'balances', code: 429, message: 'x', rateLimitedUntil: null, unsent: false, at}]);
  assert.deepEqual([h.state.rateLimitedUntil, h.state.counters.rateLimited], [0, 0]);
  h.engine.handleBatch([{type: 'request.failed', what: 'balances', code: 429, message: 'x', rateLimitedUntil: T0 + 30_000, unsent: false, at}]);
  assert.deepEqual([h.state.rateLimitedUntil, h.state.counters.rateLimited], [T0 + 30_000, 1]);
});

test('a failed open-orders request ends the reconcile in flight; another failed request does not', () => {
  const h = harness();
  h.state.reconcileInFlight = true;
  h.engine.handleBatch([{type: 'request.failed', what: 'balances', code: null, message: 'x', rateLimitedUntil: null, unsent: false, at}]);
  assert.equal(h.state.reconcileInFlight, true);
  h.engine.handleBatch([{type: 'request.failed', what: 'openOrders', code: null, message: 'x', rateLimitedUntil: null, unsent: false, at}]);
  assert.equal(h.state.reconcileInFlight, false);
});

test('a read refused by our own budget is a warning, not an error: nothing went wrong at the venue', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'request.failed', what: 'balances', code: null, message: 'account: request budget exhausted', rateLimitedUntil: null, unsent: true, at}]);
  assert.deepEqual(lines(h.notices), ['warn: balances failed: account: request budget exhausted']);
  assert.equal(h.state.counters.errors, 0);
});

test('a failed reconcile read starts the reconcile again 5 s later (or after a Retry-After), not at the next 60 s interval', () => {
  const h = harness();
  let listings = 0;
  h.port.openOrders = async () => {
    listings++;
    return [];
  };
  h.engine.handleBatch([{type: 'request.failed', what: 'balances', code: null, message: 'x', rateLimitedUntil: null, unsent: true, at}]);
  assert.equal(h.state.reconcileRetryAt, T0 + RECONCILE_RETRY_MS);
  h.tick(RECONCILE_RETRY_MS - 1);
  h.engine.handleBatch([{type: 'timer', timer: 'staleCheck', at: h.now()}]);
  assert.equal(listings, 0, 'not yet due');
  h.tick(1);
  h.engine.handleBatch([{type: 'timer', timer: 'staleCheck', at: h.now()}]);
  assert.equal(listings, 1, 'the reconcile started again');
  assert.equal(h.state.reconcileRetryAt, null, 'a started reconcile clears the retry');
  h.engine.handleBatch([{type: 'request.failed', what: 'openOrders', code: 429, message: 'x', rateLimitedUntil: h.now() + 30_000, unsent: false, at: h.now()}]);
  assert.equal(h.state.reconcileRetryAt, h.now() + 30_000, 'a Retry-After longer than 5 s is waited out');
});

test('other failed requests (a query, the executor) schedule no reconcile retry', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'request.failed', what: 'query mmxa', code: -2013, message: 'x', rateLimitedUntil: null, unsent: false, at}]);
  assert.equal(h.state.reconcileRetryAt, null);
});

test('a complete balance replaces the balances and makes them known; a partial one merges and does not', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'balance', balances: {USDT: {free: 5, locked: 0}}, complete: false, at}]);
  assert.deepEqual(h.state.balances, {USDT: {free: 5, locked: 0}});
  assert.equal(h.state.balancesKnown, false);
  assert.equal(h.state.counters.decisions, 1, 'a balance change asks for a decision');
  h.engine.handleBatch([{type: 'balance', balances: {RMV: {free: 100, locked: 1}, USDT: {free: 10, locked: 2}}, complete: true, at}]);
  assert.deepEqual(h.state.balances, {RMV: {free: 100, locked: 1}, USDT: {free: 10, locked: 2}});
  assert.equal(h.state.balancesKnown, true);
  h.engine.handleBatch([{type: 'balance', balances: {USDT: {free: 7, locked: 0}}, complete: false, at}]);
  assert.deepEqual(h.state.balances, {RMV: {free: 100, locked: 1}, USDT: {free: 7, locked: 0}});
  h.engine.handleBatch([{type: 'balance', balances: {USDT: {free: 1, locked: 0}}, complete: true, at}]);
  assert.deepEqual(h.state.balances, {USDT: {free: 1, locked: 0}}, 'a complete listing drops assets it does not name');
});

test('a malformed frame is counted and decides nothing', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'stream.malformed', stream: 'mexc.user', reason: 'bad', at}, {type: 'stream.malformed', stream: 'mexc.book', reason: 'bad', at}]);
  assert.equal(h.state.counters.malformed, 2);
  assert.equal(h.state.counters.decisions, 0);
});

test('request.counters takes the port counters as they are', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'request.counters', requests: 40, throttled: 4, rateLimited: 2, at}]);
  assert.deepEqual([h.state.counters.requests, h.state.counters.throttled, h.state.portRateLimited], [40, 4, 2]);
  h.engine.handleBatch([{type: 'request.counters', requests: 41, throttled: 4, rateLimited: 2, at}]);
  assert.equal(h.state.counters.requests, 41);
});

test('a client notice is shown among recent events at its own time but not output again', () => {
  const h = harness();
  h.engine.handleBatch([{type: 'notice', level: 'warn', text: 'kucoin token refreshed', at: T0 - 5}]);
  assert.deepEqual(h.state.recentEvents, [{at: T0 - 5, level: 'warn', text: 'kucoin token refreshed'}]);
  assert.deepEqual(h.notices, []);
});

test('order outcomes are routed to the order handlers: cancel rejected as not found, cancel unknown, query, cancel ack', () => {
  const h = harness();
  for (const id of ['mmxa', 'mmxb', 'mmxd']) putOrder(h.state, id, {state: 'pendingCancel'});
  putOrder(h.state, 'mmxc', {state: 'unknown'});
  h.engine.handleBatch([
    {type: 'cancel.rejected', clientOrderId: 'mmxa', reason: 'orderNotFound', detail: 'Unknown order', requestId: 7, at},
    {type: 'cancel.unknown', clientOrderId: 'mmxb', message: 'timeout', at},
    {type: 'order.query', clientOrderId: 'mmxc', order: null, at},
    {type: 'cancel.ack', clientOrderId: 'mmxd', at},
  ]);
  assert.deepEqual([...h.state.orders.values()].map((o) => [o.clientOrderId, o.state]), [['mmxb', 'cancelUnknown']]);
  assert.equal(h.state.counters.unknownOutcomes, 1);
  assert.equal(h.state.counters.ordersCancelled, 1);
  assert.deepEqual(h.journal.filter((r) => r.stream === 'orders').map((r) => r.stream === 'orders' && [r.action, r.clientOrderId]), [
    ['closed', 'mmxa'],
    ['closed', 'mmxc'],
    ['cancelled', 'mmxd'],
  ]);
});

test('an open-orders listing is routed to reconciliation', () => {
  const h = harness();
  h.state.reconcileInFlight = true;
  h.engine.handleBatch([{type: 'openOrders', orders: [], at: T0 - 10}]);
  assert.deepEqual([h.state.reconcileInFlight, h.state.lastReconcileAt], [false, T0 - 10]);
});

// ---- stale data suspends, it never halts (docs/strategy.md §12.1) -----------------------------------------

const kucoinSnapshot = (at: number): EngineEvent => ({...marketEvents(0.25, at)[0]!, version: 200} as EngineEvent);

test('KuCoin down for 2 hours with nothing else to price us: suspended (orders cancelled), never halted, and it clears by itself', async () => {
  const h = harness();
  h.engine.handleBatch(marketEvents());
  await h.settle();
  assert.equal(h.state.orders.size, 10);
  // others leave MEXC's ask side (others can no longer price us), then KuCoin goes down at T0 + 1 s
  h.engine.handleBatch([{type: 'book.snapshot', venue: 'mexc', version: 600, bids: [['0.24500', '300']], asks: [], at: h.now()}]);
  h.tick(1_000);
  h.engine.handleBatch([{type: 'connection', stream: 'kucoin.book', state: 'down', reason: 'maintenance', at: h.now()}]);
  await h.settle();
  assert.deepEqual([h.state.referenceStaleSince, h.state.pricing.step, h.state.suspension], [T0 + 1_000, 'heldLast', null]);
  const staleCheck = async (toMs: number) => {
    h.tick(T0 + toMs - h.now());
    h.engine.handleBatch([{type: 'timer', timer: 'staleCheck', at: h.now()}]);
    await h.settle();
  };
  await staleCheck(300_000); // the held price (from T0) exactly holdSec old: still quoting, widened
  assert.deepEqual([h.state.pricing.step, h.state.pricing.widenLevel, h.state.orders.size], ['heldLast', 4, 10]);
  assert.deepEqual(h.state.trading, {kind: 'active'});
  const cancelsBefore = h.port.cancelled.length; // the widening replaced some orders (new first, then the old ones)
  await staleCheck(300_001); // past the old kill-on-stale limit (300 s) and past holdSec
  assert.deepEqual(h.state.trading, {kind: 'active'});
  assert.deepEqual(h.state.suspension, {
    cause: 'reference',
    since: T0 + 300_001,
    reason: 'no usable price: last fair price older than 300s and MEXC cannot price us; cancelling our orders until the reference is back',
  });
  assert.equal(h.state.orders.size, 0, 'every order cancelled');
  const suspendedCancels = h.port.cancelled.slice(cancelsBefore).flat();
  assert.equal(suspendedCancels.length, 10);
  const placedBefore = h.port.placed.flat().length;
  assert.deepEqual(new Set(suspendedCancels.map((c) => c.reason)), new Set(['suspended: no usable price: last fair price older than 300s and MEXC cannot price us']));
  await staleCheck(2 * 3_600_000 + 1_000);
  assert.deepEqual(h.state.trading, {kind: 'active'}, 'still not halted after 2 hours');
  assert.equal(haltOf(h.state.trading), null);
  assert.equal(h.state.suspension?.since, T0 + 300_001, 'the same suspension, since its start');
  assert.equal(h.port.placed.flat().length, placedBefore, 'nothing placed while suspended');
  h.engine.handleBatch([{type: 'timer', timer: 'stateFlush', at: h.now()}]);
  assert.equal(h.persisted.at(-1)!.halted, null, 'nothing for a restart to start halted from');
  assert.equal(h.persisted.at(-1)!.suspension?.cause, 'reference');
  assert.equal(buildPersistedState(h.state, h.engine.plan).halted, null);
  assert.ok(!h.notices.some((n) => /KILL SWITCH|halt/i.test(n.text)), 'no kill-switch notice');

  // the reference is back: a fresh snapshot, then the stream live
  h.tick(1_000);
  h.engine.handleBatch([kucoinSnapshot(h.now()), {type: 'connection', stream: 'kucoin.book', state: 'live', reason: null, at: h.now()}]);
  await h.settle();
  assert.deepEqual([h.state.referenceStaleSince, h.state.pricing.step, h.state.suspension], [null, 'reference', null]);
  assert.equal(h.state.orders.size, 10, 'the ladder is back');
  assert.deepEqual(lines(h.notices.slice(-2)), [
    'info: reference back after 2h00m, last on no price; quoting from the reference', // the whole outage; the suspension came 5 min in
    'info: suspension lifted after 1h55m (was: no usable price: last fair price older than 300s and MEXC cannot price us; cancelling our orders until the reference is back)',
  ]);
});

test('the contrast: 8 consecutive order errors halt, the persisted state carries the halt, and a restart with it starts halted', async () => {
  const h = harness();
  h.port.placeAnswer = (i) => ({kind: 'rejected', clientOrderId: i.clientOrderId, reason: 'invalid', detail: '700002 Signature for this request is not valid.'});
  h.engine.handleBatch(marketEvents());
  await h.settle();
  assert.equal(h.port.placed.length, 8, 'eight failed requests, one count each');
  assert.deepEqual(h.state.trading, {kind: 'halted', since: T0, reason: '8 consecutive order errors', resumeTo: {kind: 'active'}});
  assert.equal(h.state.suspension, null, 'a halt is not a suspension');
  const halted = h.persisted.at(-1)!.halted;
  assert.deepEqual(halted, {since: T0, reason: '8 consecutive order errors'});
  assert.deepEqual(buildPersistedState(h.state, h.engine.plan).halted, halted);
  const restarted = createEngineState({config: h.state.config, mode: 'sim', rules, kucoinPriceDecimals: 5, now: T0 + 60_000, halted, complianceHistory: null});
  assert.equal(restarted.trading.kind, 'halted');
  assert.deepEqual(haltOf(restarted.trading), halted);
});

test('MEXC refusing orders "for now" is no order error: no halt however many, new orders wait 30 s, then one more try', async () => {
  const h = harness();
  h.port.placeAnswer = (i) => ({kind: 'rejected', clientOrderId: i.clientOrderId, reason: 'notNow', detail: '30004 symbol paused'});
  h.engine.handleBatch(marketEvents());
  await h.settle();
  assert.equal(h.port.placed.length, 1, 'one refused request, then no new orders');
  assert.equal(h.state.consecutiveOrderErrors, 0);
  assert.deepEqual(h.state.trading, {kind: 'active'});
  assert.deepEqual(h.state.suspension, {cause: 'exchangeClosed', since: T0, reason: 'MEXC refuses orders for now (30004 symbol paused): no new orders'});
  assert.equal(h.engine.plan?.sides.bid.reason, 'exchange refusing orders');
  h.tick(29_999);
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at: h.now()}]);
  await h.settle();
  assert.equal(h.port.placed.length, 1, 'still waiting 1 ms before the pause ends');
  h.port.placeAnswer = (i) => ({kind: 'placed', clientOrderId: i.clientOrderId, orderId: `X${i.clientOrderId}`});
  h.tick(1);
  h.engine.handleBatch([{type: 'timer', timer: 'depthCheck', at: h.now()}]);
  await h.settle();
  assert.equal(h.port.placed.length, 2, 'one more try');
  assert.equal(h.state.orders.size, 10);
  assert.equal(h.state.suspension, null);
});
