// When retiring orders are cancelled (retirement.ts): all at once when it is safe, otherwise one at a
// time to free funds, otherwise not yet (place before cancel).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {retirementCancels, type RetirementInput} from '../../../source/engine/planner/retirement.js';
import type {LadderLevel} from '../../../source/engine/planner/ladder.js';
import {localOrder, type LocalOrder, type LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import {T0} from '../engineFixtures.js';

function order(id: string, priceTicks: number, state: LocalOrderState = 'open', retiring: string | null = null): LocalOrder {
  return localOrder({
    clientOrderId: id, orderId: `X${id}`, side: 'BUY', priceTicks, qtyLots: 100_000, filledLots: 0,
    state, retiring, createdAt: T0, changedAt: T0, reason: 'fill ladder',
  });
}

const ladder: LadderLevel[] = [
  {priceTicks: 24_925, qtyLots: 100_000},
  {priceTicks: 24_800, qtyLots: 100_000},
  {priceTicks: 24_700, qtyLots: 100_000},
];
const kept = [order('k0', 24_925), order('k1', 24_800), order('k2', 24_700)];

/** retiring orders: one marked in an earlier pass (with its reason), one retired in this pass (no reason yet) */
const earlier = order('r-reset', 24_500, 'open', 'reset');
const now = order('r-now', 25_100);

function cancels(overrides: Partial<RetirementInput>) {
  const retiring = overrides.retiring ?? [earlier, now];
  return retirementCancels({
    sideOrders: [...kept, ...retiring],
    retiring,
    ladder,
    missingLevels: 0,
    placedNow: 0,
    placesBlocked: null,
    blockedByFunds: false,
    ...overrides,
  });
}

const ids = (list: ReturnType<typeof cancels>) => list.map((c) => c.clientOrderId);

test('once the ladder is whole every open retiring order is cancelled, with its retiring reason or "off ladder"', () => {
  assert.deepEqual(cancels({}), [
    {kind: 'cancel', clientOrderId: 'r-reset', orderId: 'Xr-reset', reason: 'reset'},
    {kind: 'cancel', clientOrderId: 'r-now', orderId: 'Xr-now', reason: 'off ladder'},
  ]);
});

test('only open retiring orders are cancelled: unknown, pendingCancel and cancelUnknown ones wait', () => {
  const retiring = [order('open', 24_500, 'open', 'x'), ...(['unknown', 'pendingCancel', 'cancelUnknown'] as const).map((s) => order(s, 24_500, s, 'x'))];
  assert.deepEqual(ids(cancels({retiring})), ['open']);
});

test('the ladder is not whole while a level is missing: nothing is cancelled (place before cancel)', () => {
  assert.deepEqual(cancels({missingLevels: 1, placedNow: 1}), []);
  assert.deepEqual(cancels({missingLevels: 1, placedNow: 0}), []);
});

test('the ladder is not whole while a replacement is still pendingNew: nothing is cancelled', () => {
  const retiring = [earlier, now];
  const sideOrders = [...kept.slice(0, 2), order('replacement', 24_700, 'pendingNew'), ...retiring];
  assert.deepEqual(cancels({sideOrders, retiring}), []);
});

test('paused: every open retiring order goes at once, even with levels missing', () => {
  assert.deepEqual(ids(cancels({missingLevels: 2, placesBlocked: 'paused'})), ['r-reset', 'r-now']);
});

test('other place blocks (stale reference, balances unknown) do not cancel retiring orders while levels are missing', () => {
  assert.deepEqual(cancels({missingLevels: 2, placesBlocked: 'stale reference: holding quotes'}), []);
  assert.deepEqual(cancels({missingLevels: 2, placesBlocked: 'balances unknown'}), []);
});

test('a side that does not quote (empty ladder) cancels every open retiring order at once', () => {
  const sideOrders = [earlier, now, order('pending', 24_600, 'pendingNew')];
  assert.deepEqual(ids(cancels({ladder: [], sideOrders, missingLevels: 0})), ['r-reset', 'r-now']);
});

// blocked by funds: one at a time

// distance to the nearest level: r-low 24,550 → 150 (from 24,700, though 375 from the inner level);
// r-high 25,080 → 155 (from 24,925); r-mid 24,760 → 40
const low = order('r-low', 24_550, 'open', 'reset');
const high = order('r-high', 25_080);
const mid = order('r-mid', 24_760);
const fundsBlocked = {retiring: [low, high, mid], missingLevels: 1, blockedByFunds: true, sideOrders: [...kept.slice(0, 2), low, high, mid]};

test('blocked by funds: one order is cancelled, the one furthest from the ladder (nearest level, not the inner one)', () => {
  assert.deepEqual(cancels(fundsBlocked), [{kind: 'cancel', clientOrderId: 'r-high', orderId: 'Xr-high', reason: 'off ladder: freeing funds'}]);
});

test('blocked by funds: the freeing-funds cancel keeps the retiring reason', () => {
  const far = order('r-far', 24_000, 'open', 'reset');
  assert.deepEqual(cancels({...fundsBlocked, retiring: [far, mid], sideOrders: [far, mid]}).map((c) => c.reason), ['reset: freeing funds']);
});

test('blocked by funds but something was placed in this pass: wait for it', () => {
  assert.deepEqual(cancels({...fundsBlocked, placedNow: 1}), []);
});

test('blocked by funds but a cancel or a place is still pending on the side: wait for it', () => {
  for (const state of ['pendingCancel', 'pendingNew'] as const) {
    const sideOrders = [...fundsBlocked.sideOrders, order(`p-${state}`, 24_800, state)];
    assert.deepEqual(cancels({...fundsBlocked, sideOrders}), [], state);
  }
});

test('not blocked by funds with levels missing: nothing is cancelled', () => {
  assert.deepEqual(cancels({...fundsBlocked, blockedByFunds: false}), []);
});

test('blocked by funds with no open retiring order: nothing to cancel', () => {
  const retiring = [order('r-unknown', 24_550, 'unknown', 'reset')];
  assert.deepEqual(cancels({...fundsBlocked, retiring, sideOrders: [...kept.slice(0, 2), ...retiring]}), []);
});

test('blocked by funds: of two retiring orders equally far from the ladder, the first listed is cancelled', () => {
  const above = order('r-above', 24_925 + 300, 'open', 'reset'); // 300 ticks from the inner level
  const below = order('r-below', 24_700 - 300, 'open', 'reset'); // 300 ticks from the outer level
  const reasons = (retiring: LocalOrder[]) =>
    cancels({...fundsBlocked, retiring, sideOrders: [...kept.slice(0, 2), ...retiring]}).map((c) => c.clientOrderId);
  assert.deepEqual(reasons([above, below]), ['r-above']);
  assert.deepEqual(reasons([below, above]), ['r-below']);
});
