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

test('while places are held (stale reference) an off-ladder order is not cancelled to free funds', () => {
  const {state} = replacingInnerBid();
  state.referenceStaleSince = state.now;
  const plan = planOrders(state, idFactory('next'));
  assert.deepEqual([plan.places, plan.cancels], [[], []]);
  assert.deepEqual(plan.retire, [{clientOrderId: 'stray', reason: 'off ladder'}]);
  assert.equal(plan.sides.bid.reason, 'stale reference: holding quotes');
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
