// What the engine counts for the metrics endpoint beyond its flat counters (engineTallies.ts, wired in
// orderEvents.ts and kernel.ts): rejections by reason, fills per side in base and quote, and the
// decision-latency histogram's buckets.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {copyTallies, createTallies, DECISION_LATENCY_BOUNDS_SEC, observeLatency} from '../../source/engine/engineTallies.js';
import {applyFill, applyOrderOutcome} from '../../source/engine/orders/orderEvents.js';
import type {EventOf} from '../../source/engine/events.js';
import {Engine} from '../../source/engine/kernel.js';
import {EventQueue} from '../../source/engine/queue.js';
import {OrderExecutor} from '../../source/engine/orders/orderExecutor.js';
import {idFactory, makeState, marketEvents, putOrder, RecordingTradingPort, recordedContext, T0} from './engineFixtures.js';

test('a latency on a bucket bound counts in that bucket; one above the last bound counts only in +Inf', () => {
  const histogram = createTallies().decisionLatency;
  observeLatency(histogram, 0.001);
  observeLatency(histogram, 0.0011);
  observeLatency(histogram, 99);
  const at = (bound: number) => histogram.counts[DECISION_LATENCY_BOUNDS_SEC.indexOf(bound)];
  assert.equal(at(0.001), 1);
  assert.equal(at(0.0025), 1);
  assert.equal(histogram.counts.at(-1), 1, '+Inf');
  assert.equal(histogram.counts.reduce((a, b) => a + b, 0), 3);
  assert.equal(histogram.count, 3);
  assert.ok(Math.abs(histogram.sumSec - 99.0021) < 1e-9);
});

test('a copy of the tallies does not change when the engine counts on', () => {
  const tallies = createTallies();
  const copy = copyTallies(tallies);
  tallies.rejectedByReason.other = 1;
  tallies.fills.bid.count = 1;
  observeLatency(tallies.decisionLatency, 0.01);
  assert.deepEqual(copy, createTallies());
});

test('rejections are tallied by the reason the venue gave', () => {
  const r = recordedContext();
  for (const [id, reason] of [['mmxa', 'insufficientFunds'], ['mmxb', 'insufficientFunds'], ['mmxc', 'invalid']] as const) {
    putOrder(r.state, id, {state: 'pendingNew'});
    applyOrderOutcome(r.ctx, {type: 'order.rejected', clientOrderId: id, reason, detail: 'no', requestId: id.charCodeAt(3), at: T0});
  }
  assert.deepEqual(r.state.tallies.rejectedByReason, {insufficientFunds: 2, invalid: 1});
});

test('fills are tallied per side: count, base quantity and quote value', () => {
  const r = recordedContext();
  let trade = 0;
  const fill = (side: 'BUY' | 'SELL', priceTicks: number, qtyLots: number): EventOf<'fill'> =>
    ({type: 'fill', clientOrderId: '', orderId: 'E1', tradeId: `T${++trade}`, side, priceTicks, qtyLots, fee: '0', feeAsset: 'USDT', isMaker: true, at: T0});
  applyFill(r.ctx, fill('BUY', 24_900, 400)); // 4 RMV at 0.249
  applyFill(r.ctx, fill('BUY', 25_000, 100)); // 1 RMV at 0.25
  applyFill(r.ctx, fill('SELL', 25_130, 1_250)); // 12.5 RMV at 0.2513
  const {bid, ask} = r.state.tallies.fills;
  assert.deepEqual([bid.count, bid.base, ask.count, ask.base], [2, 5, 1, 12.5]);
  assert.ok(Math.abs(bid.quote - (4 * 0.249 + 0.25)) < 1e-9);
  assert.ok(Math.abs(ask.quote - 12.5 * 0.2513) < 1e-9);
});

test('the kernel times a batch that ends in a decision pass on its monotonic clock, and a batch without one not at all', () => {
  const state = makeState();
  const queue = new EventQueue();
  const port = new RecordingTradingPort();
  const readings = [10, 13, 20, 21];
  const engine = new Engine(
    state,
    queue,
    new OrderExecutor(port, (e) => queue.push(e), () => T0),
    {resync: () => undefined, journal: () => undefined, notice: () => undefined, snapshot: () => undefined, persist: () => undefined},
    idFactory(),
    () => T0,
    () => readings.shift() ?? 0,
  );
  engine.handleBatch(marketEvents()); // books: a decision pass, 3 ms
  engine.handleBatch([{type: 'stream.malformed', stream: 'mexc.book', reason: 'x', at: T0}]); // no decision
  const histogram = state.tallies.decisionLatency;
  assert.equal(histogram.count, 1);
  assert.equal(histogram.counts[DECISION_LATENCY_BOUNDS_SEC.indexOf(0.005)], 1);
  assert.ok(Math.abs(histogram.sumSec - 0.003) < 1e-12);
});
