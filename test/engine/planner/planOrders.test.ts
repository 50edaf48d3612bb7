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

/** The plan's places as resting orders; like adopted ones they do not trail unless `asPlaced` (LocalOrder.trails). */
function restingFrom(plan: ReturnType<typeof planOrders>, state: EngineState, asPlaced = false): void {
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
      trails: asPlaced && p.trails === true,
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

test('the inner quote trails away from fair within the spread rule: a move up keeps the inner bid, the inner ask is moved', () => {
  const state = ready(makeState());
  const first = planOrders(state, idFactory());
  assert.deepEqual(first.places.filter((p) => p.trails).map((p) => p.side).sort(), ['BUY', 'SELL'], 'one inner quote a side is placed as such');
  restingFrom(first, state, true);
  const innerBid = [...state.orders.values()].filter((o) => o.side === 'BUY').sort((a, b) => b.priceTicks - a.priceTicks)[0]!;
  const innerAsk = [...state.orders.values()].filter((o) => o.side === 'SELL').sort((a, b) => a.priceTicks - b.priceTicks)[0]!;
  applyMarket(state, [snapshotOf(marketEvents(0.251), 'kucoin')]); // +0.4 %: past the 0.25 % tolerance, inside the 0.6 % trail
  const plan = planOrders(state, idFactory('next'));
  const gone = new Set([...plan.retire.map((r) => r.clientOrderId), ...plan.cancels.map((c) => c.clientOrderId)]);
  assert.ok(!gone.has(innerBid.clientOrderId), 'the inner bid, now further from fair, stays');
  assert.ok(gone.has(innerAsk.clientOrderId), 'the inner ask, now too close to fair, goes');
  const resting = [...[...state.orders.values()].filter((o) => !gone.has(o.clientOrderId)), ...plan.places];
  const bestBid = Math.max(...resting.filter((o) => o.side === 'BUY').map((o) => o.priceTicks));
  const bestAsk = Math.min(...resting.filter((o) => o.side === 'SELL').map((o) => o.priceTicks));
  assert.ok(bestBid >= innerBid.priceTicks && bestBid / 1e5 < plan.fair!.price, 'a deeper level may land nearer fair than the trailing inner bid, never at or past fair');
  assert.ok(bestAsk / 1e5 > plan.fair!.price && (bestAsk - bestBid) / 1e5 / plan.fair!.price < 0.02 - 0.002, 'the spread stays 0.2 % inside the rule');
  assert.equal(plan.places.filter((p) => p.side === 'BUY' && p.trails).length, 0, 'no second inner bid');
});

test('an inner quote that drifted past its trail is moved, and an order not placed as the inner quote never trails', () => {
  const far = ready(makeState());
  restingFrom(planOrders(far, idFactory()), far, true);
  const innerBid = [...far.orders.values()].filter((o) => o.side === 'BUY').sort((a, b) => b.priceTicks - a.priceTicks)[0]!;
  applyMarket(far, [snapshotOf(marketEvents(0.2525), 'kucoin')]); // +1 %: the inner bid sits 1.3 % under fair
  const farPlan = planOrders(far, idFactory('next'));
  const newInner = farPlan.places.filter((p) => p.side === 'BUY' && p.trails);
  assert.equal(newInner.length, 1, 'past the trail, a new inner bid is placed');
  assert.ok(newInner[0]!.priceTicks > innerBid.priceTicks, 'on the target, nearer fair');

  const adopted = ready(makeState());
  restingFrom(planOrders(adopted, idFactory()), adopted); // as adopted orders: none trails
  const adoptedInner = [...adopted.orders.values()].filter((o) => o.side === 'BUY').sort((a, b) => b.priceTicks - a.priceTicks)[0]!;
  applyMarket(adopted, [snapshotOf(marketEvents(0.251), 'kucoin')]);
  const plan = planOrders(adopted, idFactory('next'));
  const replacement = plan.places.filter((p) => p.side === 'BUY' && p.trails);
  assert.equal(replacement.length, 1, 'an adopted inner bid 0.4 % off does not hold the inner level: a new inner bid is placed as such');
  assert.ok(replacement[0]!.priceTicks > adoptedInner.priceTicks, 'nearer fair');
});

test('with quoting.innerTrailPct 0 the inner quote is held only within the refresh tolerance, as every level', () => {
  const state = ready(makeState());
  state.config.quoting.innerTrailPct = 0;
  const first = planOrders(state, idFactory());
  assert.equal(first.places.filter((p) => p.trails).length, 0);
  restingFrom(first, state, true);
  const innerBid = [...state.orders.values()].filter((o) => o.side === 'BUY').sort((a, b) => b.priceTicks - a.priceTicks)[0]!;
  applyMarket(state, [snapshotOf(marketEvents(0.251), 'kucoin')]);
  const plan = planOrders(state, idFactory('next'));
  const newBids = plan.places.filter((p) => p.side === 'BUY');
  assert.ok(newBids.some((p) => p.priceTicks > innerBid.priceTicks), `a new inner bid nearer fair than ${innerBid.priceTicks}: ${newBids.map((p) => p.priceTicks).join(', ')}`);
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

test('onStale "cancel": a stale reference holds quotes (nothing placed or cancelled) within its hold, then every order is cancelled', () => {
  const state = ready(makeState((c) => (c.fallback.onStale = 'cancel')));
  restingFrom(planOrders(state, idFactory()), state);
  state.referenceStaleSince = T0;
  state.now = T0 + state.config.risk.referenceStaleHoldSec * 1000;
  const holding = planOrders(state, idFactory('next'));
  assert.equal(holding.pricing?.step, 'holdingQuotes');
  assert.equal(holding.cancels.length, 0);
  assert.equal(holding.places.length, 0);
  assert.equal(holding.sides.bid.reason, 'stale reference: holding quotes');
  state.now += 1;
  const after = planOrders(state, idFactory('next'));
  assert.equal(after.cancels.length, 10);
  assert.deepEqual(new Set(after.cancels.map((c) => c.reason)), new Set(['suspended: reference stale for over 30s']));
  assert.equal(after.suspension?.cause, 'reference');
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

// ---- exact reasons, risk cancels, kept depth, skew, total cap, the side's own depth (mutation-score pass) ----
import type {LocalOrder} from '../../../source/engine/orders/localOrder.js';

const defaultFair = () => {
  const events = marketEvents();
  return expectedFair(snapshotOf(events, 'kucoin'), snapshotOf(events, 'mexc'));
};
const ours = (id: string, side: 'BUY' | 'SELL', priceTicks: number, qtyLots: number, state: LocalOrder['state'] = 'open'): LocalOrder =>
  localOrder({clientOrderId: id, orderId: `X${id}`, side, priceTicks, qtyLots, filledLots: 0, state, retiring: null, createdAt: T0, changedAt: T0, reason: 'fill ladder'});
const put = (state: EngineState, order: LocalOrder) => void state.orders.set(order.clientOrderId, order);
const valueOf = (orders: ReadonlyArray<{priceTicks: number; qtyLots: number; filledLots?: number}>) =>
  orders.reduce((sum, o) => sum + notionalOf(o.priceTicks, o.qtyLots - (o.filledLots ?? 0), rules), 0);

test('a funded, balanced account: both sides report no reason and no shortfall, and every order fills the ladder', () => {
  const plan = planOrders(ready(makeState()), idFactory());
  assert.deepEqual(plan.sides, {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}});
  assert.deepEqual(new Set(plan.places.map((p) => p.reason)), new Set(['fill ladder']));
  assert.deepEqual(plan.retire, []);
});

test('an underfunded account: each side reports its exact shortfall, spends up to 99.5 % of its asset, and quotes skewed by inventory', () => {
  const state = ready(makeState());
  // 2,000 RMV × 0.25 = 500 USDT of base against 300 USDT: base ratio 0.625, deviation (0.625 − 0.5) / 0.5 = 0.25
  state.balances = {RMV: {free: 2000, locked: 0}, USDT: {free: 300, locked: 0}};
  const plan = planOrders(state, idFactory());
  assert.deepEqual(plan.sides, {
    bid: {reason: 'no balance: short 950 USDT', shortfallQuote: 950}, // 1,250 − 300
    ask: {reason: 'no balance: short 750 USDT', shortfallQuote: 750}, // 1,250 − 500
  });
  // five levels of ~60 (bids) and ~100 (asks) USDT: the fifth no longer fits in 99.5 % of what is left
  const bids = plan.places.filter((p) => p.side === 'BUY');
  const asks = plan.places.filter((p) => p.side === 'SELL');
  assert.deepEqual([bids.length, asks.length], [4, 4]);
  assert.ok(valueOf(bids) <= 300 * 0.995 && valueOf(asks) <= 500 * 0.995);
  // both inner quotes move down by fair · 0.002 · 0.25
  const fair = defaultFair();
  assert.equal(Math.max(...bids.map((p) => p.priceTicks)), Math.floor(fair * (1 - 0.003 - 0.002 * 0.25) * 1e5));
  assert.equal(Math.min(...asks.map((p) => p.priceTicks)), Math.ceil(fair * (1 + 0.003 - 0.002 * 0.25) * 1e5));
});

test('orders committed on both sides count toward the total cap: what would cross it waits for funds', () => {
  const state = ready(makeState());
  // a SELL whose cancel is under way still commits 0.31 × 10,000 RMV = 3,100 USDT of the 4,000 total cap
  put(state, ours('going', 'SELL', 31_000, 1_000_000, 'pendingCancel'));
  const plan = planOrders(state, idFactory());
  // bids of ~250 USDT: 3,100 + 3 × 250 = 3,850 fits, a fourth would reach ~4,100; no ask fits after that
  assert.deepEqual([plan.places.filter((p) => p.side === 'BUY').length, plan.places.filter((p) => p.side === 'SELL').length], [3, 0]);
  assert.deepEqual(plan.sides, {
    bid: {reason: 'waiting for funds to move orders', shortfallQuote: 0},
    ask: {reason: 'waiting for funds to move orders', shortfallQuote: 0},
  });
  assert.deepEqual(plan.cancels, []);
});

test('risk: open orders on the wrong side of fair or too far from it are cancelled at once; orders not known to rest are not', () => {
  const state = ready(makeState());
  const fairTicks = defaultFair() * 1e5;
  put(state, ours('far-bid', 'BUY', Math.floor(fairTicks * 0.97), 10_000)); //   3 % below fair (max 2.5 %)
  put(state, ours('low-ask', 'SELL', Math.floor(fairTicks * 0.999), 10_000)); // an ask below fair
  put(state, ours('unknown-ask', 'SELL', Math.floor(fairTicks * 0.999), 10_000, 'unknown'));
  const plan = planOrders(state, idFactory());
  assert.deepEqual(plan.cancels, [
    {kind: 'cancel', clientOrderId: 'far-bid', orderId: 'Xfar-bid', reason: 'more than 2.5% from fair'},
    {kind: 'cancel', clientOrderId: 'low-ask', orderId: 'Xlow-ask', reason: 'ask at or below fair'},
  ]);
  // the unknown one is off the ladder: it retires (and is cancelled once it is known to rest)
  assert.deepEqual(plan.retire, [{clientOrderId: 'unknown-ask', reason: 'off ladder'}]);
});

test('a side that stops quoting retires its orders as "side not quoting" and cancels them at once', () => {
  const state = ready(makeState());
  state.balances = {RMV: {free: 60000, locked: 0}, USDT: {free: 1300, locked: 0}}; // base-heavy: no bids
  put(state, ours('old-bid', 'BUY', Math.floor(defaultFair() * 0.99 * 1e5), 10_000));
  const plan = planOrders(state, idFactory());
  assert.deepEqual(plan.retire, [{clientOrderId: 'old-bid', reason: 'side not quoting'}]);
  assert.deepEqual(plan.cancels.map((c) => c.clientOrderId), ['old-bid']);
  assert.deepEqual(plan.places.filter((p) => p.side === 'BUY'), []);
});

/**
 * A resting ladder whose inner bid is gone and whose four outer bids are 10 % filled (90 % left: not depleted),
 * plus an unfilled bid at fair × 0.979: below the band and the useful part of it, but within 2.5 % of fair.
 */
function replacingInnerBid() {
  const state = ready(makeState());
  const first = planOrders(state, idFactory());
  restingFrom(first, state);
  const bids = [...state.orders.values()].filter((o) => o.side === 'BUY').sort((a, b) => b.priceTicks - a.priceTicks);
  const innerTicks = bids[0]!.priceTicks;
  state.orders.delete(bids[0]!.clientOrderId);
  const outer = bids.slice(1).map((o) => ({...o, filledLots: Math.floor(o.qtyLots / 10)}));
  for (const o of outer) state.orders.set(o.clientOrderId, o);
  put(state, ours('stray', 'BUY', Math.floor(defaultFair() * 0.979 * 1e5), 40_000));
  return {state, innerTicks, keptValue: valueOf(outer)};
}

test('a replacement restores the side to its budget counting only the orders that keep their levels', () => {
  const {state, innerTicks, keptValue} = replacingInnerBid();
  const plan = planOrders(state, idFactory('next'));
  assert.deepEqual(plan.retire, [{clientOrderId: 'stray', reason: 'off ladder'}]);
  assert.equal(plan.places.length, 1);
  const [place] = plan.places;
  assert.deepEqual([place!.side, place!.priceTicks, place!.reason], ['BUY', innerTicks, 'replace']);
  // 1,250 target − what the four kept bids still hold, to within one lot (0.01 RMV ≈ 0.0025 USDT); the stray's
  // ~98 USDT is not kept depth
  const placed = valueOf([place!]);
  assert.ok(Math.abs(placed - (1250 - keptValue)) < 0.01, `placed ${placed}, wanted ${1250 - keptValue}`);
  assert.deepEqual(plan.cancels, []); // the stray goes once the ladder is whole
});

test('while places are held (stale reference, onStale "cancel") an off-ladder order is not cancelled to free funds', () => {
  const {state} = replacingInnerBid();
  state.config.fallback.onStale = 'cancel';
  state.referenceStaleSince = state.now;
  const plan = planOrders(state, idFactory('next'));
  assert.deepEqual([plan.places, plan.cancels], [[], []]);
  assert.deepEqual(plan.retire, [{clientOrderId: 'stray', reason: 'off ladder'}]);
  assert.equal(plan.sides.bid.reason, 'stale reference: holding quotes');
});

test('while MEXC refuses orders for now, nothing is placed and an off-ladder order is not cancelled to free funds', () => {
  const {state} = replacingInnerBid();
  state.venueRefusal = {at: state.now, detail: '30004 symbol paused'};
  const plan = planOrders(state, idFactory('next'));
  assert.deepEqual([plan.places, plan.cancels], [[], []]);
  assert.deepEqual(plan.retire, [{clientOrderId: 'stray', reason: 'off ladder'}]);
  assert.equal(plan.sides.bid.reason, 'exchange refusing orders');
  assert.deepEqual(plan.suspension, {cause: 'exchangeClosed', reason: 'MEXC refuses orders for now (30004 symbol paused): no new orders'});
});

/** A MEXC book deep on one side (10,000 at 0.2495 bid or 0.2505 ask), 300 at 0.245 / 0.255 on the other. */
function deepOn(side: 'bids' | 'asks'): EngineState {
  const events = marketEvents().map((e) =>
    e.type === 'book.snapshot' && e.venue === 'mexc'
      ? {...e, bids: side === 'bids' ? [['0.24950', '10000'] as const] : [['0.24500', '300'] as const], asks: side === 'asks' ? [['0.25050', '10000'] as const] : [['0.25500', '300'] as const]}
      : e,
  );
  const state = applyMarket(makeState(), events);
  restingFrom(planOrders(state, idFactory()), state);
  return state;
}

for (const [side, deep] of [['BUY', 'bids'], ['SELL', 'asks']] as const) {
  test(`top-up (${side}): a side whose whole depth is above the top-up line keeps a partly filled order`, () => {
    // our side still holds ~1,200 and the book's ${deep} ~2,500: both above the line (1,000 + 1,250) / 2 = 1,125
    const state = deepOn(deep);
    const second = [...state.orders.values()].filter((o) => o.side === side).sort((a, b) => a.priceTicks - b.priceTicks)[1]!;
    state.orders.set(second.clientOrderId, {...second, filledLots: Math.floor(second.qtyLots / 5)}); // 80 % left
    const plan = planOrders(state, idFactory('next'));
    assert.deepEqual([plan.places, plan.retire, plan.cancels], [[], [], []]);
  });
}

// ---- the fallback chain at the planner (docs/strategy.md §4.1) --------------------------------------------
// planOrders decides; recordDecision (what the kernel runs after it) remembers the fair prices the chain
// holds on to. Inventory skew is off so each inner quote is exactly fair · (1 ∓ half-spread) on the tick
// at or outside it.
import {recordDecision} from '../../../source/engine/risk/suspensionControl.js';
import {putOrder, recordedContext, type RecordedContext} from '../engineFixtures.js';
import type {LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import type {Config} from '../../../source/config/configSchema.js';

const noSkew = (c: Config) => void (c.quoting.inventorySkewPct = 0);

function decide(r: RecordedContext, prefix: string) {
  const plan = planOrders(r.state, idFactory(prefix));
  recordDecision(r.ctx, plan);
  return plan;
}

/** KuCoin's stream goes down at `at`: the reference is stale from then on. */
function kucoinDownAt(r: RecordedContext, at: number): void {
  r.state.streams['kucoin.book'].state = 'down';
  r.state.referenceStaleSince = at;
}

const sideOf = (plan: ReturnType<typeof planOrders>, side: 'BUY' | 'SELL') => plan.places.filter((p) => p.side === side);
const innerTicks = (plan: ReturnType<typeof planOrders>) => [Math.max(...sideOf(plan, 'BUY').map((p) => p.priceTicks)), Math.min(...sideOf(plan, 'SELL').map((p) => p.priceTicks))];
const sideTotal = (plan: ReturnType<typeof planOrders>, side: 'BUY' | 'SELL') => valueOf(sideOf(plan, side));

/** The plan's places as our orders in `orderState` (sent and answered, or still in flight). */
function ordersFrom(plan: ReturnType<typeof planOrders>, state: EngineState, orderState: LocalOrderState): void {
  for (const p of plan.places) putOrder(state, p.clientOrderId, {side: p.side, priceTicks: p.priceTicks, qtyLots: p.qtyLots, state: orderState});
}

test("fallback: KuCoin stale past the grace with others quoting on MEXC: the plan moves to others' mid at the slew limit, with the normal spread and size", () => {
  // KuCoin 1 % above MEXC: the reference fair follows the deep KuCoin book; others on MEXC quote 0.245 / 0.255
  const kucoin = snapshotOf(marketEvents(0.2525), 'kucoin');
  const r = recordedContext(applyMarket(makeState(noSkew), [kucoin, ...marketEvents().slice(1)]));
  const first = decide(r, 'a');
  const f0 = expectedFair(kucoin, snapshotOf(marketEvents(), 'mexc'));
  assert.ok(Math.abs(first.fair!.price - f0) <= 1e-12);
  assert.equal(first.pricing?.step, 'reference');
  kucoinDownAt(r, T0 + 1_000);
  r.state.now = T0 + 6_000; // exactly the 5 s grace: the last fair price, unchanged
  const grace = decide(r, 'b');
  assert.deepEqual([grace.pricing?.step, grace.pricing?.widenLevel, grace.fair?.price], ['heldLast', 0, first.fair!.price]);
  assert.deepEqual(innerTicks(grace), innerTicks(first));
  r.state.now = T0 + 6_001;
  const toward = decide(r, 'c');
  // 6.001 s since the last fair price at 0.1 %/s: 0.6001 % of the way down, not yet the ~1 % to others' mid
  const slewed = f0 - f0 * 0.001 * 6.001;
  assert.ok(slewed > 0.25);
  assert.deepEqual(toward.pricing?.step, 'mexcOthers');
  assert.ok(Math.abs(toward.fair!.price - slewed) <= 1e-12, `${toward.fair!.price} vs ${slewed}`);
  assert.deepEqual(r.state.lastFair, {price: toward.fair!.price, at: T0 + 6_001}, 'the slewed price is the price held next');
  r.state.now = T0 + 20_000; // 14 s more: room for 1.4 %, others' mid reached
  const plan = decide(r, 'd');
  assert.deepEqual([plan.pricing?.step, plan.fair?.price, plan.suspension], ['mexcOthers', 0.25, null]);
  assert.deepEqual(innerTicks(plan), [Math.floor(0.25 * (1 - 0.003) * 1e5), Math.ceil(0.25 * (1 + 0.003) * 1e5)]);
  assert.deepEqual([sideOf(plan, 'BUY').length, sideOf(plan, 'SELL').length], [5, 5]);
  for (const side of ['BUY', 'SELL'] as const) assert.ok(sideTotal(plan, side) >= 1200 && sideTotal(plan, side) <= 1250.01, `${side} ${sideTotal(plan, side)} close to 1,250`);
  assert.deepEqual(plan.sides, {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}});
  assert.deepEqual(r.state.lastFair, {price: 0.25, at: T0 + 20_000}, "others' mid is the price held next");
  assert.deepEqual(r.state.lastReferenceFair, {price: first.fair!.price, at: T0}, 'the drift guard still measures from the reference');
});

/** KuCoin deep around 0.25; MEXC synced and live with no one else on it (others cannot price us). */
function aloneOnMexc(): RecordedContext {
  const [kucoin, , ...rest] = marketEvents();
  const emptyMexc: EngineEvent = {type: 'book.snapshot', venue: 'mexc', version: 500, bids: [], asks: [], at: T0};
  return recordedContext(applyMarket(makeState(noSkew), [kucoin!, emptyMexc, ...rest]));
}

const kucoinMid = () => {
  const k = snapshotOf(marketEvents(), 'kucoin');
  return (Number(k.bids[0]![0]) + Number(k.asks[0]![0])) / 2;
};

test('fallback: others absent, the plan holds the last fair price with a wider inner spread and sides sized to 1,100 USDT', () => {
  const r = aloneOnMexc();
  const first = decide(r, 'a');
  const f0 = kucoinMid(); // no one on MEXC: the fair price is KuCoin's mid
  assert.equal(first.fair?.price, f0);
  for (const side of ['BUY', 'SELL'] as const) assert.ok(sideTotal(first, side) > 1200, 'the reference plan fills 1,250');
  kucoinDownAt(r, T0 + 1_000);
  r.state.now = T0 + 6_001; // past the grace; the last fair price is 6 s old: widening step 1 of 4
  const plan = decide(r, 'b');
  assert.deepEqual([plan.pricing?.step, plan.pricing?.widenLevel, plan.pricing?.halfSpreadPct, plan.pricing?.depthTarget, plan.fair?.price], ['heldLast', 1, 0.0045, 1100, f0]);
  assert.deepEqual(innerTicks(plan), [Math.floor(f0 * (1 - 0.0045) * 1e5), Math.ceil(f0 * (1 + 0.0045) * 1e5)]);
  assert.ok(innerTicks(plan)[0]! < innerTicks(first)[0]! && innerTicks(plan)[1]! > innerTicks(first)[1]!, 'wider than the reference plan on both sides');
  for (const side of ['BUY', 'SELL'] as const) {
    const total = sideTotal(plan, side);
    assert.ok(total >= 1050 && total <= 1100.01, `${side} total ${total} close to 1,100 (not 1,250)`);
  }
  assert.equal(plan.suspension, null);
  assert.deepEqual(r.state.lastFair, {price: f0, at: T0}, 'a held price is not a new fair price');
});

test('fallback: past holdSec with nothing to price us, every order is cancelled with a "suspended:" reason and nothing placed', () => {
  const r = aloneOnMexc();
  ordersFrom(decide(r, 'a'), r.state, 'open');
  kucoinDownAt(r, T0 + 1_000);
  r.state.now = T0 + 300_000; // the held price exactly holdSec old: still quoting (widest step)
  const last = decide(r, 'b');
  assert.deepEqual([last.pricing?.step, last.pricing?.widenLevel, last.suspension], ['heldLast', 4, null]);
  r.state.now = T0 + 300_001;
  const plan = decide(r, 'c');
  const reason = 'suspended: no usable price: last fair price older than 300s and MEXC cannot price us';
  assert.deepEqual([plan.pricing?.step, plan.fair, plan.suspension?.cause], ['none', null, 'reference']);
  assert.deepEqual(plan.places, []);
  assert.deepEqual(plan.cancels.map((c) => c.clientOrderId).sort(), [...r.state.orders.keys()].sort());
  assert.equal(plan.cancels.length, 10);
  assert.deepEqual(new Set(plan.cancels.map((c) => c.reason)), new Set([reason]));
  assert.deepEqual([plan.sides.bid.reason, plan.sides.ask.reason], [reason, reason]);
  assert.equal(r.state.suspension?.cause, 'reference');
});

test('fallback: the reference back, the new ladder is placed first and the old orders are cancelled only once their replacements rest', () => {
  const r = aloneOnMexc();
  kucoinDownAt(r, T0);
  r.state.lastFair = {price: kucoinMid(), at: T0};
  r.state.lastReferenceFair = {price: kucoinMid(), at: T0};
  r.state.now = T0 + 230_000;
  const held = decide(r, 'a'); // the widest ladder (step 4: ±0.9 %) around the held price rests
  assert.deepEqual([held.pricing?.step, held.pricing?.widenLevel], ['heldLast', 4]);
  ordersFrom(held, r.state, 'open');
  const old = new Set(r.state.orders.keys());

  // KuCoin is back 0.6 % higher: past the 0.25 % refresh tolerance, not past our widened inner ask
  r.state.now = T0 + 231_000;
  applyMarket(r.state, [{...snapshotOf(marketEvents(0.2515, r.state.now), 'kucoin'), version: 300}, {type: 'connection', stream: 'kucoin.book', state: 'live', reason: null, at: r.state.now}]);
  r.state.referenceStaleSince = null;
  const back = decide(r, 'b');
  assert.equal(back.pricing?.step, 'reference');
  assert.ok(back.places.length > 0, 'the new ladder is placed');
  assert.ok(back.retire.length > 0, 'old orders retire');
  for (const {clientOrderId, reason} of back.retire) {
    assert.ok(old.has(clientOrderId));
    assert.equal(reason, 'off ladder');
  }
  assert.deepEqual(back.cancels, [], 'no old order is cancelled before its replacement rests');
  const change = (id: string, fields: Partial<LocalOrder>) => void r.state.orders.set(id, {...r.state.orders.get(id)!, ...fields});
  for (const {clientOrderId, reason} of back.retire) change(clientOrderId, {retiring: reason});

  // the replacements are sent but not answered yet: the old orders still wait
  ordersFrom(back, r.state, 'pendingNew');
  const inFlight = decide(r, 'c');
  assert.deepEqual([inFlight.places, inFlight.cancels], [[], []]);

  // the replacements rest: now the retired orders go, exactly those
  for (const p of back.places) change(p.clientOrderId, {state: 'open'});
  const whole = decide(r, 'd');
  assert.deepEqual(whole.places, []);
  assert.deepEqual(whole.cancels.map((c) => c.clientOrderId).sort(), back.retire.map((x) => x.clientOrderId).sort());
  assert.deepEqual(new Set(whole.cancels.map((c) => c.reason)), new Set(['off ladder']));
});

test('fallback: while a held price is quoted, a partly filled side above the lowered top-up line ((1,000 + 1,100) / 2 = 1,050) is not topped up', () => {
  // others on MEXC quote deep at 0.2495 / 0.2515 (the whole side's depth is ample); with a drift limit of
  // 0.1 % their mid (0.2505, 0.2 % from the reference) may not price us, so the last fair price is held
  const [kucoin, , ...rest] = marketEvents();
  const mexc: EngineEvent = {type: 'book.snapshot', venue: 'mexc', version: 500, bids: [['0.24950', '10000']], asks: [['0.25150', '10000']], at: T0};
  const r = recordedContext(applyMarket(makeState((c) => {
    noSkew(c);
    c.fallback.maxMexcDriftPct = 0.001;
  }), [kucoin!, mexc, ...rest]));
  decide(r, 'a');
  kucoinDownAt(r, T0 + 1_000);
  r.state.now = T0 + 6_001;
  const held = decide(r, 'b');
  assert.deepEqual([held.pricing?.step, held.pricing?.depthTarget], ['heldLast', 1100]);
  ordersFrom(held, r.state, 'open');
  // 15 % of one bid fills: 85 % left (depleted), our bids now hold about 1,067 USDT
  const bid = [...r.state.orders.values()].find((o) => o.side === 'BUY')!;
  r.state.orders.set(bid.clientOrderId, {...bid, filledLots: Math.floor(bid.qtyLots * 0.15)});
  const own = valueOf([...r.state.orders.values()].filter((o) => o.side === 'BUY'));
  assert.ok(own > 1_050 && own < 1_125, `own bids ${own}: above the held line, below the configured one`);
  r.state.now = T0 + 7_000;
  const next = decide(r, 'c');
  assert.equal(next.pricing?.step, 'heldLast');
  assert.deepEqual([next.places, next.retire, next.cancels], [[], [], []], 'no top-up: the held target is met');
});

// ---- sides the exchange refuses (exchangeInfo tradeSideType, docs/protocols/mexc.md §2.3) -------------------

test('buys only: no ask is placed and the ask side says the exchange allows only buys; the bid ladder is as with both sides', () => {
  const both = planOrders(ready(makeState()), idFactory());
  const state = ready(makeState());
  state.rules = {...rules, acceptedSides: 'buysOnly'};
  const plan = planOrders(state, idFactory());
  assert.deepEqual(plan.places.filter((p) => p.side === 'SELL'), []);
  assert.equal(plan.sides.ask.reason, 'exchange allows only buys');
  assert.equal(plan.sides.bid.reason, null);
  assert.deepEqual(plan.places.filter((p) => p.side === 'BUY'), both.places.filter((p) => p.side === 'BUY'));
});

test('sells only: no bid is placed and the bid side says so; nothing at all: neither side is placed and both say so', () => {
  const sells = ready(makeState());
  sells.rules = {...rules, acceptedSides: 'sellsOnly'};
  const sellPlan = planOrders(sells, idFactory());
  assert.deepEqual(sellPlan.places.filter((p) => p.side === 'BUY'), []);
  assert.equal(sellPlan.places.filter((p) => p.side === 'SELL').length, 5);
  assert.deepEqual([sellPlan.sides.bid.reason, sellPlan.sides.ask.reason], ['exchange allows only sells', null]);
  const closed = ready(makeState());
  closed.rules = {...rules, acceptedSides: 'none'};
  const closedPlan = planOrders(closed, idFactory());
  assert.deepEqual(closedPlan.places, []);
  assert.deepEqual([closedPlan.sides.bid.reason, closedPlan.sides.ask.reason], ['exchange allows no orders', 'exchange allows no orders']);
});

test('a refused side does not take the other side\'s share of the total cap', () => {
  // both sides want 1,250 USDT; with a 1,500 cap each would get 750, but only the bid side can quote
  const state = ready(makeState((config) => void (config.risk.maxTotalNotionalUsdt = 1500)));
  state.rules = {...rules, acceptedSides: 'buysOnly'};
  const plan = planOrders(state, idFactory());
  const bidValue = valueOf(plan.places.filter((p) => p.side === 'BUY'));
  assert.ok(bidValue > 1200 && bidValue <= 1250.01, `bid side ${bidValue} close to the 1,250 target, not capped to 750`);
});

test('orders resting on a side the exchange now refuses retire as "side not quoting" and are cancelled at once', () => {
  const state = ready(makeState());
  state.rules = {...rules, acceptedSides: 'buysOnly'};
  put(state, ours('old-ask', 'SELL', Math.ceil(defaultFair() * 1.01 * 1e5), 10_000));
  const plan = planOrders(state, idFactory());
  assert.deepEqual(plan.retire, [{clientOrderId: 'old-ask', reason: 'side not quoting'}]);
  assert.deepEqual(plan.cancels.map((c) => c.clientOrderId), ['old-ask']);
});

test('the exchange\'s refusal is the reason shown even while paused', () => {
  const state = ready(makeState());
  state.rules = {...rules, acceptedSides: 'buysOnly'};
  state.trading = {kind: 'paused'};
  const plan = planOrders(state, idFactory());
  assert.deepEqual([plan.sides.bid.reason, plan.sides.ask.reason], ['paused', 'exchange allows only buys']);
});

// ---- quoting.mode "compliance": the cost-aware ladder (docs/strategy.md §5.1) -------------------------------
// The fixtures' market: fair 0.25, others on MEXC at 0.245 / 0.255; the compliance parameters are the defaults.

const compliance = (c: Config) => void (c.quoting.mode = 'compliance');
const bestOf = (plan: ReturnType<typeof planOrders>) => {
  const [bid, ask] = innerTicks(plan);
  return {bid: bid!, ask: ask!, mid: (bid! + ask!) / 2, spread: (ask! - bid!) / ((ask! + bid!) / 2)};
};

test('compliance mode: the placed book’s spread is well above the fixed mode’s, and under maxSpreadPct less spreadMarginPct', () => {
  const fixed = bestOf(planOrders(ready(makeState()), idFactory()));
  const state = ready(makeState(compliance));
  const plan = planOrders(state, idFactory());
  const book = bestOf(plan);
  const {maxSpreadPct} = state.config.compliance;
  const {spreadMarginPct} = state.config.quoting.compliance;
  assert.ok(Math.abs(fixed.spread - 2 * state.config.quoting.halfSpreadPct) < 1e-4, `fixed ${fixed.spread}: fair ± 0.3 %`);
  assert.ok(book.spread > 2 * fixed.spread, `compliance ${book.spread} vs fixed ${fixed.spread}`);
  assert.ok(book.spread < maxSpreadPct - spreadMarginPct, `compliance ${book.spread} < ${maxSpreadPct - spreadMarginPct}`);
  // the inner orders (and their guards) are the small ones
  for (const side of ['BUY', 'SELL'] as const) {
    const inner = sideOf(plan, side).find((p) => p.priceTicks === (side === 'BUY' ? book.bid : book.ask))!;
    assert.ok(valueOf([inner]) <= 25, `${side} inner ${valueOf([inner])} USDT`);
  }
  assert.deepEqual(plan.sides, {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}});
  assert.deepEqual([plan.cancels, plan.retire], [[], []]);
});

test('compliance mode: each side’s placed notional reaches the depth target inside ±bandPct of the mid the plan implies', () => {
  const state = ready(makeState(compliance));
  const plan = planOrders(state, idFactory());
  const {mid} = bestOf(plan);
  const band = state.config.bandPct;
  for (const side of ['BUY', 'SELL'] as const) {
    const inBand = sideOf(plan, side).filter((p) => Math.abs(p.priceTicks / mid - 1) <= band);
    assert.equal(inBand.length, sideOf(plan, side).length, `${side}: every order within the band`);
    const total = valueOf(inBand);
    assert.ok(total >= state.config.depthTargetUsdt - 1 && total <= state.config.depthTargetUsdt + 0.01, `${side}: ${total} in the band, target ${state.config.depthTargetUsdt}`);
    // nearly all of it toward the band's outer half, where it is least likely to be taken
    const outer = valueOf(inBand.filter((p) => Math.abs(p.priceTicks / mid - 1) >= band / 2));
    assert.ok(outer >= total - 2 * 25, `${side}: ${outer} of ${total} in the outer half of the band`);
  }
});

test('compliance mode: a second pass over the resting ladder sends nothing (no churn)', () => {
  const state = ready(makeState(compliance));
  restingFrom(planOrders(state, idFactory()), state);
  const second = planOrders(state, idFactory('other'));
  assert.deepEqual([second.places, second.cancels, second.retire], [[], [], []]);
});

/** The compliance plan resting, then its inner bid filled in full (gone from our orders). */
function innerBidTaken() {
  const state = ready(makeState(compliance));
  const first = planOrders(state, idFactory());
  restingFrom(first, state);
  const inner = sideOf(first, 'BUY').find((p) => p.priceTicks === bestOf(first).bid)!;
  state.orders.delete(inner.clientOrderId);
  return {state, first, inner, plan: planOrders(state, idFactory('next'))};
}

test('compliance mode: a taken inner bid is replaced by one small (~25 USDT) bid; the depth is not grown into it', () => {
  const {plan} = innerBidTaken();
  assert.equal(plan.places.length, 1);
  assert.equal(plan.places[0]!.side, 'BUY');
  const usdt = valueOf(plan.places);
  assert.ok(usdt <= 25 && usdt > 24.9, `${usdt} USDT`);
  assert.deepEqual([plan.cancels, plan.retire], [[], []]);
});

test('compliance mode: a taken inner bid is replaced on the inner level, behind which the guard stays', () => {
  const {plan, inner} = innerBidTaken();
  assert.deepEqual(plan.places.map((p) => [p.side, p.priceTicks, p.qtyLots]), [['BUY', inner.priceTicks, inner.qtyLots]]);
});

test('compliance mode: a reference that moved within the volatility window narrows the spread and pulls the depth in', () => {
  const calm = planOrders(ready(makeState(compliance)), idFactory());
  const state = ready(makeState(compliance));
  state.referencePath.record(T0 - 10_000, 0.2475); // 1 % range within the 30 s window
  state.referencePath.record(T0, 0.25);
  const moving = planOrders(state, idFactory());
  assert.ok(bestOf(moving).spread < bestOf(calm).spread - 0.003, `${bestOf(moving).spread} vs ${bestOf(calm).spread}`);
  const outermost = (plan: ReturnType<typeof planOrders>) => [Math.min(...sideOf(plan, 'BUY').map((p) => p.priceTicks)), Math.max(...sideOf(plan, 'SELL').map((p) => p.priceTicks))];
  assert.ok(outermost(moving)[0]! > outermost(calm)[0]! && outermost(moving)[1]! < outermost(calm)[1]!);
  // outside the window the same range does not count
  const old = ready(makeState(compliance));
  old.referencePath.record(T0 - 40_000, 0.2475);
  old.referencePath.record(T0, 0.25);
  assert.deepEqual(planOrders(old, idFactory()).places, calm.places);
});

test('compliance mode: a reference silent for a while (6 s: half the stale margin) narrows the spread', () => {
  const calm = bestOf(planOrders(ready(makeState(compliance)), idFactory()));
  const state = ready(makeState(compliance));
  state.now = T0 + 6_000; // the last KuCoin message at T0
  const plan = planOrders(state, idFactory());
  assert.equal(plan.pricing?.step, 'reference');
  // the spread margin grows by 0.003 × 0.5: the half-spread narrows by 0.075 %
  assert.ok(Math.abs(bestOf(plan).spread - (calm.spread - 0.0015)) < 0.0002, `${bestOf(plan).spread} vs ${calm.spread}`);
});
