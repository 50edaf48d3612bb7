// The gates in front of quoting: each one alone, then every pair of them to pin the precedence order,
// then the throttle hold that turns the cancel-everything plans into holds.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {gatePlan, placesBlocked} from '../../../source/engine/planner/gates.js';
import type {EngineState} from '../../../source/engine/engineState.js';
import type {FairPriceResult} from '../../../source/engine/market/fairPrice.js';
import {localOrder, type LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import {applyMarket, makeState, marketEvents, T0} from '../engineFixtures.js';

const FAIR: FairPriceResult = {price: 0.25, mexcMid: 0.25, kucoinMid: 0.25, mexcDepth: null, kucoinDepth: null};
const HOLD_SEC = 30; // the default referenceStaleHoldSec, set explicitly below

/** Books synced and live, balances known, one order in each state: no gate applies. */
function ready(): EngineState {
  const state = applyMarket(makeState((c) => (c.risk.referenceStaleHoldSec = HOLD_SEC)), marketEvents());
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

type Gate = {name: string; apply: (state: EngineState) => void; reason: string; cancels: boolean};

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
    name: 'stale reference beyond its hold',
    apply: (s) => {
      s.referenceStaleSince = T0;
      s.now = T0 + HOLD_SEC * 1000 + 1;
    },
    reason: `stale reference for over ${HOLD_SEC}s`,
    cancels: true,
  },
  {name: 'operator cancel-all', apply: (s) => void (s.trading = {kind: 'cancellingAll'}), reason: 'paused: operator cancel-all', cancels: true},
  {name: 'MEXC book not synced', apply: (s) => s.mexcBook.markUnsynced(), reason: 'MEXC book not synced: orders frozen', cancels: false},
  {name: 'no reference price', apply: () => undefined, reason: 'no reference price', cancels: false},
];

/** Runs gatePlan on a ready state with the given gates applied (the no-reference gate means fair = null). */
function planWith(gates: Gate[]) {
  const state = ready();
  for (const gate of gates) gate.apply(state);
  return gatePlan(state, gates.some((g) => g.name === 'no reference price') ? null : FAIR);
}

const CANCELLABLE = ['mmx-open', 'mmx-unknown']; // pendingNew / pendingCancel / cancelUnknown cannot be cancelled now

test('no gate applies on a ready state: the ladder may be worked on', () => {
  assert.equal(gatePlan(ready(), FAIR), null);
  assert.equal(placesBlocked(ready()), null);
});

for (const gate of GATES) {
  test(`gate alone: ${gate.name} → ${gate.cancels ? 'cancel every cancellable order' : 'hold'} ("${gate.reason}")`, () => {
    const plan = planWith([gate]);
    assert.ok(plan, 'a gate decides');
    assert.equal(plan.sides.bid.reason, gate.reason);
    assert.equal(plan.sides.ask.reason, gate.reason);
    assert.deepEqual(plan.places, []);
    assert.deepEqual(plan.retire, []);
    if (gate.cancels) {
      assert.deepEqual(plan.cancels.map((c) => c.clientOrderId).sort(), CANCELLABLE);
      assert.ok(plan.cancels.every((c) => c.reason === gate.reason));
    } else {
      assert.deepEqual(plan.cancels, []);
    }
    assert.equal(plan.fair, gate.name === 'no reference price' ? null : FAIR);
  });
}

for (let i = 0; i < GATES.length; i++) {
  for (let j = i + 1; j < GATES.length; j++) {
    const first = GATES[i]!;
    const later = GATES[j]!;
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
  const plan = gatePlan(state, FAIR);
  assert.equal(plan?.sides.bid.reason, 'MEXC book stale: orders frozen');
  assert.deepEqual(plan?.cancels, []);
});

test('a stale reference exactly at its hold is not yet cancelled; one millisecond later it is', () => {
  const state = ready();
  state.referenceStaleSince = T0;
  state.now = T0 + HOLD_SEC * 1000;
  assert.equal(gatePlan(state, FAIR), null);
  assert.equal(placesBlocked(state), 'stale reference: holding quotes');
  state.now += 1;
  assert.equal(gatePlan(state, FAIR)?.cancels.length, CANCELLABLE.length);
});

test('a throttle hold alone holds order changes, naming the wait', () => {
  const state = ready();
  state.rateLimitedUntil = state.now + 2_500;
  const plan = gatePlan(state, FAIR);
  assert.equal(plan?.sides.bid.reason, 'rate-limited for 3s');
  assert.deepEqual([plan?.cancels.length, plan?.places.length], [0, 0]);
});

test('a throttle hold ends when its time is reached', () => {
  const state = ready();
  state.rateLimitedUntil = state.now;
  assert.equal(gatePlan(state, FAIR), null);
});

test('a throttle hold beats a missing reference price', () => {
  const state = ready();
  state.rateLimitedUntil = state.now + 1_000;
  assert.equal(gatePlan(state, null)?.sides.bid.reason, 'rate-limited for 1s');
});

test('an unsynced MEXC book beats a throttle hold', () => {
  const state = ready();
  state.rateLimitedUntil = state.now + 1_000;
  state.mexcBook.markUnsynced();
  assert.equal(gatePlan(state, FAIR)?.sides.bid.reason, 'MEXC book not synced: orders frozen');
});

for (const gate of GATES.filter((g) => g.cancels)) {
  test(`a throttle hold turns "${gate.name}" into a hold carrying both reasons`, () => {
    const state = ready();
    gate.apply(state);
    state.rateLimitedUntil = state.now + 4_000;
    const plan = gatePlan(state, FAIR);
    assert.equal(plan?.sides.bid.reason, `${gate.reason} (rate-limited for 4s)`);
    assert.equal(plan?.sides.ask.reason, `${gate.reason} (rate-limited for 4s)`);
    assert.deepEqual(plan?.cancels, [], 'nothing is sent while rate-limited');
    assert.deepEqual(plan?.places, []);
  });
}

// placesBlocked: the ladder is worked on, but no new order may go

test('placesBlocked: paused', () => {
  const state = ready();
  state.trading = {kind: 'paused'};
  assert.equal(gatePlan(state, FAIR), null, 'a paused bot still works its ladder (stale orders may go)');
  assert.equal(placesBlocked(state), 'paused');
});

test('placesBlocked: a stale reference within its hold', () => {
  const state = ready();
  state.referenceStaleSince = T0;
  state.now = T0 + 5_000;
  assert.equal(placesBlocked(state), 'stale reference: holding quotes');
});

test('placesBlocked: balances unknown', () => {
  const state = ready();
  state.balancesKnown = false;
  assert.equal(placesBlocked(state), 'balances unknown');
});

test('placesBlocked precedence: paused beats a stale reference, which beats unknown balances', () => {
  const state = ready();
  state.balancesKnown = false;
  state.referenceStaleSince = T0;
  assert.equal(placesBlocked(state), 'stale reference: holding quotes');
  state.trading = {kind: 'paused'};
  assert.equal(placesBlocked(state), 'paused');
});
