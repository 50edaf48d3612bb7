// The gates in front of quoting: each one alone, then every pair of them that can hold together to pin
// the precedence order, then the throttle hold that turns the cancel-everything plans into holds. The
// gates read the real fallback-chain decision and suspension of the state (gateInputOf), not hand-made
// ones: a gate is applied by changing the state the way the world would.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {gatePlan, placesBlocked} from '../../../source/engine/planner/gates.js';
import type {EngineState} from '../../../source/engine/engineState.js';
import type {FairPriceResult} from '../../../source/engine/market/fairPrice.js';
import {localOrder, type LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import {VENUE_REFUSAL_PAUSE_MS} from '../../../source/engine/risk/suspension.js';
import {applyMarket, gateInputOf, makeState, marketEvents, T0} from '../engineFixtures.js';

const FAIR: FairPriceResult = {price: 0.25, mexcMid: 0.25, kucoinMid: 0.25, mexcDepth: null, kucoinDepth: null};
const HOLD_SEC = 30; // the default referenceStaleHoldSec (fallback.onStale "cancel"), set explicitly below
const FALLBACK_HOLD_MS = 300_000; // the default fallback.holdSec

/**
 * Books synced and live, balances known, one order in each state, and the last fair price 0.25 from the
 * reference at T0 (what the decision at T0 recorded): no gate applies. Others on MEXC quote 0.245 / 0.255
 * (mid 0.25).
 */
function ready(): EngineState {
  const state = applyMarket(makeState((c) => (c.risk.referenceStaleHoldSec = HOLD_SEC)), marketEvents());
  state.lastFair = {price: 0.25, at: T0};
  state.lastReferenceFair = {price: 0.25, at: T0};
  const states: LocalOrderState[] = ['open', 'unknown', 'pendingNew', 'pendingCancel', 'cancelUnknown'];
  states.forEach((s, i) => {
    const order = localOrder({
      clientOrderId: `mmx-${s}`, orderId: `X${i}`, side: i % 2 ? 'SELL' : 'BUY', priceTicks: i % 2 ? 25_100 : 24_900, qtyLots: 100_000,
      filledLots: 0, state: s, retiring: null, createdAt: T0, changedAt: T0, reason: 'fill ladder',
    });
    state.orders.set(order.clientOrderId, order);
  });
  return state;
}

/** KuCoin stale since T0 and `ms` later, with others' mid (0.25) more than 4 % from the last reference fair: MEXC cannot price us. */
function referenceGoneFor(s: EngineState, ms: number): void {
  s.streams['kucoin.book'].state = 'down';
  s.referenceStaleSince = T0;
  s.now = T0 + ms;
  s.lastReferenceFair = {price: 0.2625, at: T0}; // |0.25 − 0.2625| / 0.2625 = 4.76 % > maxMexcDriftPct 4 %
}

/** With onStale "cancel", a stale reference within its hold whose book is gone: holding quotes with no price at all. */
function holdingWithoutPrice(s: EngineState): void {
  s.config.fallback.onStale = 'cancel';
  s.kucoinBook.applySnapshot(101, [], [], T0);
  s.referenceStaleSince = T0;
}

type Gate = {name: string; apply: (state: EngineState) => void; reason: string; cancels: boolean; fair?: null; cannotHoldWith?: string[]};

const NO_PRICE = 'holding quotes without a price';

/** gatePlan's gates, in the precedence order the engine promises. */
const GATES: Gate[] = [
  {
    name: 'stopping',
    apply: (s) => void (s.trading = {kind: 'stopping', since: T0, reason: 'SIGTERM', deadline: T0 + 15_000, from: {kind: 'active'}}),
    reason: 'stopping: SIGTERM',
    cancels: true,
  },
  {name: 'halted', apply: (s) => void (s.trading = {kind: 'halted', since: T0, reason: 'kill key', resumeTo: {kind: 'active'}}), reason: 'halted: kill key', cancels: true},
  {
    name: 'reference suspension (the fallback chain ran out)',
    apply: (s) => referenceGoneFor(s, FALLBACK_HOLD_MS + 1),
    reason: 'suspended: no usable price: last fair price older than 300s and MEXC cannot price us',
    cancels: true,
    // one pricing decision is either the end of the chain or holding quotes, never both
    cannotHoldWith: [NO_PRICE],
  },
  {name: 'operator cancel-all', apply: (s) => void (s.trading = {kind: 'cancellingAll'}), reason: 'paused: operator cancel-all', cancels: true},
  {name: 'MEXC book suspension (not synced)', apply: (s) => s.mexcBook.markUnsynced(), reason: 'MEXC book not synced: orders frozen', cancels: false},
  {name: NO_PRICE, apply: holdingWithoutPrice, reason: 'no reference price', cancels: false, fair: null},
];

/** Runs gatePlan on a ready state with the given gates applied (the no-price gate means fair = null, as planOrders passes it). */
function planWith(gates: Gate[]) {
  const state = ready();
  for (const gate of gates) gate.apply(state);
  return gatePlan(state, gateInputOf(state, gates.some((g) => g.fair === null) ? null : FAIR));
}

const gate = (state: EngineState, fair: FairPriceResult | null = FAIR) => gatePlan(state, gateInputOf(state, fair));
const blocked = (state: EngineState) => placesBlocked(state, gateInputOf(state, FAIR));

const CANCELLABLE = ['mmx-open', 'mmx-unknown']; // pendingNew / pendingCancel / cancelUnknown cannot be cancelled now

test('no gate applies on a ready state: the ladder may be worked on', () => {
  assert.equal(gateInputOf(ready(), FAIR).pricing.step, 'reference');
  assert.equal(gate(ready()), null);
  assert.equal(blocked(ready()), null);
});

for (const g of GATES) {
  test(`gate alone: ${g.name} → ${g.cancels ? 'cancel every cancellable order' : 'hold'} ("${g.reason}")`, () => {
    const plan = planWith([g]);
    assert.ok(plan, 'a gate decides');
    assert.equal(plan.sides.bid.reason, g.reason);
    assert.equal(plan.sides.ask.reason, g.reason);
    assert.deepEqual(plan.places, []);
    assert.deepEqual(plan.retire, []);
    if (g.cancels) {
      assert.deepEqual(plan.cancels.map((c) => c.clientOrderId).sort(), CANCELLABLE);
      assert.ok(plan.cancels.every((c) => c.reason === g.reason));
    } else {
      assert.deepEqual(plan.cancels, []);
    }
    assert.equal(plan.fair, g.fair === null ? null : FAIR);
  });
}

for (let i = 0; i < GATES.length; i++) {
  for (let j = i + 1; j < GATES.length; j++) {
    const first = GATES[i]!;
    const later = GATES[j]!;
    if (first.cannotHoldWith?.includes(later.name)) continue;
    test(`precedence: ${first.name} beats ${later.name}`, () => {
      const plan = planWith([later, first]);
      assert.equal(plan?.sides.bid.reason, first.reason);
      assert.equal(plan?.cancels.length, first.cancels ? CANCELLABLE.length : 0);
    });
  }
}

test('MEXC book synced but its stream not live: orders frozen, naming the stream state', () => {
  const state = ready();
  state.streams['mexc.book'].state = 'stale';
  const plan = gate(state);
  assert.equal(plan?.sides.bid.reason, 'MEXC book stale: orders frozen');
  assert.deepEqual(plan?.cancels, []);
});

test('MEXC book polled by REST: a snapshot exactly staleAfterSec old keeps the ladder worked on; one ms older freezes orders', () => {
  const state = ready();
  state.streams['mexc.book'].state = 'polling';
  state.now = T0 + 10_000;
  assert.equal(gate(state), null);
  state.now = T0 + 10_001;
  assert.equal(gate(state)?.sides.bid.reason, 'MEXC book polling: orders frozen');
});

test('the fallback chain: a stale reference held exactly holdSec is not yet cancelled; one millisecond later everything is', () => {
  const state = ready();
  referenceGoneFor(state, FALLBACK_HOLD_MS);
  assert.equal(gateInputOf(state, FAIR).pricing.step, 'heldLast');
  assert.equal(gate(state), null);
  assert.equal(blocked(state), null, 'a held, widened price still places orders');
  referenceGoneFor(state, FALLBACK_HOLD_MS + 1);
  assert.equal(gate(state)?.cancels.length, CANCELLABLE.length);
});

test('onStale "cancel": a stale reference exactly at its hold is not yet cancelled; one millisecond later it is, naming the hold', () => {
  const state = ready();
  state.config.fallback.onStale = 'cancel';
  state.referenceStaleSince = T0;
  state.now = T0 + HOLD_SEC * 1000;
  assert.equal(gate(state), null);
  assert.equal(blocked(state), 'stale reference: holding quotes');
  state.now += 1;
  const plan = gate(state);
  assert.equal(plan?.cancels.length, CANCELLABLE.length);
  assert.equal(plan?.sides.bid.reason, `suspended: reference stale for over ${HOLD_SEC}s`);
});

test('a stale reference priced by MEXC others is no gate at all: the ladder is worked on and places are allowed', () => {
  const state = ready();
  state.streams['kucoin.book'].state = 'down';
  state.referenceStaleSince = T0;
  state.now = T0 + 2 * 3_600_000;
  assert.equal(gateInputOf(state, FAIR).pricing.step, 'mexcOthers');
  assert.equal(gate(state), null);
  assert.equal(blocked(state), null);
});

test('a throttle hold alone holds order changes, naming the wait', () => {
  const state = ready();
  state.rateLimitedUntil = state.now + 2_500;
  const plan = gate(state);
  assert.equal(plan?.sides.bid.reason, 'rate-limited for 3s');
  assert.deepEqual([plan?.cancels.length, plan?.places.length], [0, 0]);
});

test('a throttle hold ends when its time is reached', () => {
  const state = ready();
  state.rateLimitedUntil = state.now;
  assert.equal(gate(state), null);
});

test('a throttle hold beats a missing price', () => {
  const state = ready();
  holdingWithoutPrice(state);
  state.rateLimitedUntil = state.now + 1_000;
  assert.equal(gate(state, null)?.sides.bid.reason, 'rate-limited for 1s');
});

test('an unsynced MEXC book beats a throttle hold', () => {
  const state = ready();
  state.rateLimitedUntil = state.now + 1_000;
  state.mexcBook.markUnsynced();
  assert.equal(gate(state)?.sides.bid.reason, 'MEXC book not synced: orders frozen');
});

for (const g of GATES.filter((x) => x.cancels)) {
  test(`a throttle hold turns "${g.name}" into a hold carrying both reasons`, () => {
    const state = ready();
    g.apply(state);
    state.rateLimitedUntil = state.now + 4_000;
    const plan = gate(state);
    assert.equal(plan?.sides.bid.reason, `${g.reason} (rate-limited for 4s)`);
    assert.equal(plan?.sides.ask.reason, `${g.reason} (rate-limited for 4s)`);
    assert.deepEqual(plan?.cancels, [], 'nothing is sent while rate-limited');
    assert.deepEqual(plan?.places, []);
  });
}

// placesBlocked: the ladder is worked on, but no new order may go

type Block = {name: string; apply: (state: EngineState) => void; reason: string};

/** placesBlocked's reasons, in the precedence order the engine promises. */
const BLOCKS: Block[] = [
  {name: 'paused', apply: (s) => void (s.trading = {kind: 'paused'}), reason: 'paused'},
  {name: 'MEXC refused an order for now', apply: (s) => void (s.venueRefusal = {at: s.now, detail: '30004 symbol paused'}), reason: 'exchange refusing orders'},
  {
    name: 'a stale reference within its hold (onStale "cancel")',
    apply: (s) => {
      s.config.fallback.onStale = 'cancel';
      s.referenceStaleSince = s.now;
    },
    reason: 'stale reference: holding quotes',
  },
  {name: 'balances unknown', apply: (s) => void (s.balancesKnown = false), reason: 'balances unknown'},
];

for (const b of BLOCKS) {
  test(`placesBlocked alone: ${b.name} → "${b.reason}", while the ladder is still worked on`, () => {
    const state = ready();
    b.apply(state);
    assert.equal(gate(state), null, 'no gate: stale orders may still go');
    assert.equal(blocked(state), b.reason);
  });
}

for (let i = 0; i < BLOCKS.length; i++) {
  for (let j = i + 1; j < BLOCKS.length; j++) {
    const first = BLOCKS[i]!;
    const later = BLOCKS[j]!;
    test(`placesBlocked precedence: ${first.name} beats ${later.name}`, () => {
      const state = ready();
      later.apply(state);
      first.apply(state);
      assert.equal(blocked(state), first.reason);
    });
  }
}

test(`placesBlocked: MEXC's "not now" refusal blocks new orders for ${VENUE_REFUSAL_PAUSE_MS} ms, not one ms longer`, () => {
  const state = ready();
  state.venueRefusal = {at: T0, detail: '30004 symbol paused'};
  state.now = T0 + VENUE_REFUSAL_PAUSE_MS - 1;
  assert.equal(blocked(state), 'exchange refusing orders');
  state.now = T0 + VENUE_REFUSAL_PAUSE_MS;
  assert.equal(blocked(state), null);
});
