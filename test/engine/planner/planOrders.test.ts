import {test} from 'node:test';
import assert from 'node:assert/strict';
import {planOrders} from '../../../source/engine/planner/planOrders.js';
import type {EngineState} from '../../../source/engine/engineState.js';
import {notionalOf} from '../../../source/engine/symbolRules.js';
import {applyMarket, idFactory, makeState, marketEvents, rules, T0} from '../engineFixtures.js';
import type {EngineEvent} from '../../../source/engine/events.js';
import {localOrder} from '../../../source/engine/orders/localOrder.js';

const ready = (state: EngineState): EngineState => applyMarket(state, marketEvents());

type Snapshot = Extract<EngineEvent, {type: 'book.snapshot'}>;
const snapshotOf = (events: EngineEvent[], venue: 'kucoin' | 'mexc'): Snapshot =>
  events.find((e): e is Snapshot => e.type === 'book.snapshot' && e.venue === venue)!;

/**
 * The default fair price (docs/strategy.md §4, cross-venue-depth-weighted), worked here from the two
 * snapshots' decimal text in whole ticks of 0.00001: (mid_M·D_M + mid_K·D_K) / (D_M + D_K), each D the
 * venue's combined quote value within ±2 % of its own mid (edges included), clamped into KuCoin's best
 * bid … best ask. Our own orders are left out of MEXC's book by the engine; in these tests none of them
 * sits on a price the MEXC snapshot shows, so there is nothing to take out.
 */
function expectedFair(kucoin: Snapshot, mexc: Snapshot): number {
  const venue = (snapshot: Snapshot) => {
    const ticks = (levels: Snapshot['bids']) => levels.map(([price, size]) => [Math.round(Number(price) * 1e5), Number(size)] as const);
    const bids = ticks(snapshot.bids);
    const asks = ticks(snapshot.asks);
    const bestBid = Math.max(...bids.map(([t]) => t));
    const bestAsk = Math.min(...asks.map(([t]) => t));
    const twiceMid = bestBid + bestAsk; // in ticks: integer comparisons decide the band edges exactly
    let depth = 0;
    for (const [t, size] of bids) if (2 * t * 100 >= twiceMid * 98) depth += (t / 1e5) * size;
    for (const [t, size] of asks) if (2 * t * 100 <= twiceMid * 102) depth += (t / 1e5) * size;
    return {mid: twiceMid / 2 / 1e5, depth, bestBid: bestBid / 1e5, bestAsk: bestAsk / 1e5};
  };
  const k = venue(kucoin);
  const m = venue(mexc);
  const raw = (m.mid * m.depth + k.mid * k.depth) / (m.depth + k.depth);
  return Math.min(k.bestAsk, Math.max(k.bestBid, raw));
}

function restingFrom(plan: ReturnType<typeof planOrders>, state: EngineState): void {
  for (const p of plan.places) {
    const order = localOrder({
      clientOrderId: p.clientOrderId,
      orderId: 'X' + p.clientOrderId,
      side: p.side,
      priceTicks: p.priceTicks,
      qtyLots: p.qtyLots,
      filledLots: 0,
      state: 'open',
      retiring: null,
      createdAt: T0,
      changedAt: T0,
      reason: p.reason,
    });
    state.orders.set(order.clientOrderId, order);
  }
}

test('an empty book gets N post-only orders per side inside the band, summing to the depth target', () => {
  const state = ready(makeState());
  const plan = planOrders(state, idFactory());
  const bids = plan.places.filter((p) => p.side === 'BUY');
  const asks = plan.places.filter((p) => p.side === 'SELL');
  assert.equal(bids.length, 5);
  assert.equal(asks.length, 5);
  assert.deepEqual([state.config.bandPct, state.config.quoting.halfSpreadPct, state.config.quoting.bandMarginPct], [0.02, 0.003, 0.003]);
  const events = marketEvents();
  const fair = expectedFair(snapshotOf(events, 'kucoin'), snapshotOf(events, 'mexc'));
  assert.ok(Math.abs(plan.fair!.price - fair) <= 1e-12, `planner fair ${plan.fair!.price}, worked out ${fair}`);
  for (const p of plan.places) {
    const price = p.priceTicks / 1e5;
    assert.ok(Math.abs(price - fair) / fair <= 0.02, `price ${price} inside ±2% of ${fair}`);
    if (p.side === 'BUY') assert.ok(price < fair);
    else assert.ok(price > fair);
  }
  // A balanced account (16,000 base at 0.25 against 4,000 USDT) has no skew: each side runs from fair ∓ 0.3 %
  // (on the tick at or outside it) out to fair ∓ 1.7 % (the band less its 0.3 % margin, on the tick inside).
  const ticksOf = (side: typeof bids) => side.map((p) => p.priceTicks);
  assert.equal(Math.max(...ticksOf(bids)), Math.floor(fair * 0.997 * 1e5));
  assert.equal(Math.min(...ticksOf(bids)), Math.ceil(fair * 0.983 * 1e5));
  assert.equal(Math.min(...ticksOf(asks)), Math.ceil(fair * 1.003 * 1e5));
  assert.equal(Math.max(...ticksOf(asks)), Math.floor(fair * 1.017 * 1e5));
  for (const side of [bids, asks]) {
    const total = side.reduce((sum, p) => sum + notionalOf(p.priceTicks, p.qtyLots, rules), 0);
    assert.ok(total >= 1200 && total <= 1250.01, `side total ${total} close to the 1250 target`);
  }
  assert.deepEqual(plan.cancels, []);
});

test('orders already resting on the ladder stay: a second pass sends nothing (no churn)', () => {
  const state = ready(makeState());
  restingFrom(planOrders(state, idFactory()), state);
  const second = planOrders(state, idFactory('other'));
  assert.deepEqual(second.places, []);
  assert.deepEqual(second.cancels, []);
  assert.deepEqual(second.retire, []);
});

test('a small fair-price move within tolerance keeps every order', () => {
  const state = ready(makeState());
  restingFrom(planOrders(state, idFactory()), state);
  applyMarket(state, [marketEvents(0.2502)[0]!]); // +0.08 %
  const plan = planOrders(state, idFactory('next'));
  assert.equal(plan.places.length, 0);
  assert.equal(plan.retire.length, 0);
});

test('a move beyond tolerance replaces the inner level; orders still resting in the useful band stay (no needless churn)', () => {
  const state = ready(makeState());
  restingFrom(planOrders(state, idFactory()), state);
  const before = new Map([...state.orders.values()].map((o) => [o.clientOrderId, o.priceTicks]));
  const moved = marketEvents(0.251);
  applyMarket(state, [snapshotOf(moved, 'kucoin')]); // +0.4 %: past the 0.25 % tolerance
  const plan = planOrders(state, idFactory('next'));
  // KuCoin moved, MEXC did not: the fair price of the two books as they now stand
  const fair = expectedFair(snapshotOf(moved, 'kucoin'), snapshotOf(marketEvents(), 'mexc'));
  assert.ok(Math.abs(plan.fair!.price - fair) <= 1e-12, `planner fair ${plan.fair!.price}, worked out ${fair}`);
  assert.ok(fair > 0.2509 && fair < 0.2511, `fair ${fair} follows the deep KuCoin book to about 0.251`);
  for (const side of ['BUY', 'SELL'] as const) {
    const places = plan.places.filter((p) => p.side === side);
    assert.ok(places.length >= 1 && places.length <= 2, `${side}: ${places.length} replacement(s), not a whole new ladder`);
  }
  assert.ok(plan.retire.length <= 4, `${plan.retire.length} orders retire, the rest stay`);
  const kept = [...before.keys()].filter((id) => !plan.retire.some((r) => r.clientOrderId === id) && !plan.cancels.some((c) => c.clientOrderId === id));
  assert.ok(kept.length >= 6, `${kept.length} of 10 orders kept`);
  for (const id of kept) {
    const price = before.get(id)! / 1e5;
    assert.ok(Math.abs(price / fair - 1) < 0.02, `kept order ${price} is inside ±2 % of fair ${fair}`);
  }
  // after the plan, our best bid and ask (kept or new) straddle fair closely
  const resting = [...kept.map((id) => state.orders.get(id)!), ...plan.places];
  const innerBid = Math.max(...resting.filter((o) => o.side === 'BUY').map((o) => o.priceTicks));
  const innerAsk = Math.min(...resting.filter((o) => o.side === 'SELL').map((o) => o.priceTicks));
  assert.ok(innerBid / 1e5 < fair && innerAsk / 1e5 > fair);
  assert.ok((innerAsk - innerBid) / 1e5 / fair < 0.01, 'inner quotes keep the spread tight');
});

test('a large move retires off-ladder orders and places replacements first (place before cancel)', () => {
  const state = ready(makeState());
  restingFrom(planOrders(state, idFactory()), state);
  applyMarket(state, [marketEvents(0.2525)[0]!]); // +1 %
  const plan = planOrders(state, idFactory('next'));
  assert.ok(plan.places.length > 0, 'replacements placed');
  assert.ok(plan.retire.length > 0, 'old orders retire');
  const riskCancels = plan.cancels.filter((c) => !/off ladder/.test(c.reason));
  // asks below the new fair are cancelled at once (risk); everything else waits for its replacement
  for (const c of riskCancels) assert.match(c.reason, /at or below fair|at or above fair|from fair/);
  assert.ok(plan.cancels.every((c) => !/off ladder/.test(c.reason)), 'off-ladder orders are not cancelled before replacements rest');
});

test('halted: every order is cancelled and nothing placed, with the reason on both sides', () => {
  const state = ready(makeState());
  restingFrom(planOrders(state, idFactory()), state);
  state.trading = {kind: 'halted', since: T0, reason: 'operator', resumeTo: {kind: 'active'}};
  const plan = planOrders(state, idFactory('next'));
  assert.equal(plan.places.length, 0);
  assert.equal(plan.cancels.length, 10);
  assert.match(plan.sides.bid.reason!, /halted/);
});

test('paused: nothing new is placed and the side says paused', () => {
  const state = ready(makeState());
  state.trading = {kind: 'paused'};
  const plan = planOrders(state, idFactory());
  assert.equal(plan.places.length, 0);
  assert.equal(plan.sides.ask.reason, 'paused');
});

test('stale MEXC book freezes all order changes', () => {
  const state = ready(makeState());
  restingFrom(planOrders(state, idFactory()), state);
  state.streams['mexc.book'].state = 'stale';
  const plan = planOrders(state, idFactory('next'));
  assert.deepEqual([plan.places.length, plan.cancels.length, plan.retire.length], [0, 0, 0]);
  assert.match(plan.sides.bid.reason!, /frozen/);
});

test('stale reference: quotes are held within the hold time, then cancelled', () => {
  const state = ready(makeState());
  restingFrom(planOrders(state, idFactory()), state);
  state.referenceStaleSince = T0;
  state.now = T0 + 5_000;
  const holding = planOrders(state, idFactory('next'));
  assert.equal(holding.cancels.length, 0);
  assert.equal(holding.places.length, 0);
  assert.match(holding.sides.bid.reason!, /stale reference/);
  state.now = T0 + (state.config.risk.referenceStaleHoldSec + 1) * 1000;
  const after = planOrders(state, idFactory('next'));
  assert.equal(after.cancels.length, 10);
});

test('an unfunded side says how short it is and places only what funds allow', () => {
  const state = ready(makeState());
  state.balances = {RMV: {free: 2000, locked: 0}, USDT: {free: 300, locked: 0}};
  const plan = planOrders(state, idFactory());
  const bidValue = plan.places.filter((p) => p.side === 'BUY').reduce((s, p) => s + notionalOf(p.priceTicks, p.qtyLots, rules), 0);
  assert.ok(bidValue <= 300, `bids ${bidValue} within 300 USDT`);
  assert.match(plan.sides.bid.reason ?? '', /short|funds/);
  assert.ok(plan.sides.bid.shortfallQuote > 900);
});

test('inventory band: a base-heavy account stops adding bids', () => {
  const state = ready(makeState());
  state.balances = {RMV: {free: 60000, locked: 0}, USDT: {free: 1300, locked: 0}};
  const plan = planOrders(state, idFactory());
  assert.equal(plan.places.filter((p) => p.side === 'BUY').length, 0);
  assert.match(plan.sides.bid.reason!, /inventory/);
  assert.ok(plan.places.some((p) => p.side === 'SELL'));
});

test('an order whose outcome is unknown holds its level: no second order is placed there', () => {
  const state = ready(makeState());
  const first = planOrders(state, idFactory());
  restingFrom(first, state);
  const unknown = [...state.orders.values()][0]!;
  state.orders.set(unknown.clientOrderId, {...unknown, state: 'unknown'});
  const plan = planOrders(state, idFactory('next'));
  assert.equal(plan.places.length, 0);
});
