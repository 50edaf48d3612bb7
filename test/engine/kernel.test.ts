import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Engine} from '../../source/engine/kernel.js';
import {EventQueue} from '../../source/engine/queue.js';
import {OrderExecutor} from '../../source/engine/orders/orderExecutor.js';
import type {EngineEvent} from '../../source/engine/events.js';
import type {JournalRecord} from '../../source/engine/view/records.js';
import {notionalOf} from '../../source/engine/symbolRules.js';
import {haltOf, initialTradingState} from '../../source/engine/risk/tradingState.js';
import {idFactory, makeState, marketEvents, RecordingTradingPort, rules, T0} from './engineFixtures.js';
import {waitFor} from '../sim/simTestKit.js';

function harness(configure?: Parameters<typeof makeState>[0]) {
  const state = makeState(configure);
  const queue = new EventQueue();
  const port = new RecordingTradingPort();
  const journal: JournalRecord[] = [];
  const resyncs: string[] = [];
  let clock = T0;
  const executor = new OrderExecutor(port, (e) => queue.push(e), () => clock);
  const engine = new Engine(
    state,
    queue,
    executor,
    {resync: (venue) => void resyncs.push(venue), journal: (r) => void journal.push(r), notice: () => undefined, snapshot: () => undefined, persist: () => undefined},
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
  return {state, queue, port, journal, resyncs, executor, engine, settle, tick: (ms: number) => (clock += ms), now: () => clock};
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
  assert.ok(h.state.counters.coalescedBookEvents >= 999);
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
  const h = harness();
  h.port.open = [
    {clientOrderId: 'mmxOLD1', orderId: '1', side: 'BUY', priceTicks: 24900, origQtyLots: 100000, filledLots: 0, status: 'resting'},
    {clientOrderId: 'someoneElse', orderId: '2', side: 'BUY', priceTicks: 24000, origQtyLots: 100000, filledLots: 0, status: 'resting'},
  ];
  h.engine.handleBatch([{type: 'timer', timer: 'reconcile', at: h.now()}]);
  await h.settle();
  assert.ok(h.state.orders.has('mmxOLD1'));
  assert.ok(!h.state.orders.has('someoneElse'), 'orders without our prefix are never touched');
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
