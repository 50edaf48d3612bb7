// Reconciliation as a pure comparison (reconcile.ts): local orders against the exchange's open orders.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {reconcileOrders} from '../../../source/engine/orders/reconcile.js';
import {localOrder, type LocalOrder, type LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import type {ExchangeOrder} from '../../../source/engine/events.js';
import {T0} from '../engineFixtures.js';

const PREFIX = 'mmx';
const GRACE_MS = 3_000;
const LISTED_AT = T0 + 60_000;
/** changed long before the listing: the listing is the truth about it */
const SETTLED = LISTED_AT - GRACE_MS - 10_000;

function local(clientOrderId: string, state: LocalOrderState, changedAt = SETTLED): LocalOrder {
  return localOrder({
    clientOrderId, orderId: state === 'pendingNew' ? null : `X-${clientOrderId}`, side: 'BUY', priceTicks: 24_900, qtyLots: 100_000,
    filledLots: 0, state, retiring: null, createdAt: T0, changedAt, reason: 'fill ladder',
  });
}

function remote(clientOrderId: string, filledLots = 0): ExchangeOrder {
  return {clientOrderId, orderId: `X-${clientOrderId}`, side: 'BUY', priceTicks: 24_900, origQtyLots: 100_000, filledLots, status: 'resting'};
}

function reconcile(locals: LocalOrder[], remotes: ExchangeOrder[], adoptUnknown = true) {
  return reconcileOrders({
    local: new Map(locals.map((o) => [o.clientOrderId, o])),
    remote: remotes,
    prefix: PREFIX,
    listedAt: LISTED_AT,
    graceMs: GRACE_MS,
    adoptUnknown,
  });
}

const EMPTY = {adopt: [], cancel: [], confirm: [], close: [], query: []};

test('an order of ours on the exchange that we do not know is adopted when adoptUnknown is set', () => {
  const found = remote('mmxt-crash', 300);
  assert.deepEqual(reconcile([], [found], true), {...EMPTY, adopt: [found]});
});

test('an order of ours on the exchange that we do not know is cancelled when adoptUnknown is off (halted / stopping)', () => {
  const found = remote('mmxt-crash');
  assert.deepEqual(reconcile([], [found], false), {...EMPTY, cancel: [found]});
});

test('orders without our prefix are never touched, whether adopting or not', () => {
  const human = [remote('web-123'), remote('xmmx-1'), remote('MMXt1')];
  assert.deepEqual(reconcile([], human, true), EMPTY);
  assert.deepEqual(reconcile([], human, false), EMPTY);
});

test('a known order the exchange lists is confirmed, with the exchange’s view attached', () => {
  const mine = local('mmxt1', 'open');
  const listed = remote('mmxt1', 4_000);
  assert.deepEqual(reconcile([mine], [listed]), {...EMPTY, confirm: [{local: mine, remote: listed}]});
});

test('a listed order is confirmed whatever its local state and however recently it changed', () => {
  const states: LocalOrderState[] = ['pendingNew', 'unknown', 'open', 'pendingCancel', 'cancelUnknown'];
  const locals = states.map((s) => local(`mmx-${s}`, s, LISTED_AT - 1));
  const plan = reconcile(locals, locals.map((o) => remote(o.clientOrderId)));
  assert.deepEqual(plan.confirm.map((c) => c.local.clientOrderId), locals.map((o) => o.clientOrderId));
  assert.deepEqual([plan.close, plan.query, plan.adopt, plan.cancel], [[], [], [], []]);
});

test('known orders absent from the list, changed before the grace window, are closed (open, pendingCancel, cancelUnknown)', () => {
  const locals = [local('mmxt-open', 'open'), local('mmxt-pc', 'pendingCancel'), local('mmxt-cu', 'cancelUnknown')];
  assert.deepEqual(reconcile(locals, []), {...EMPTY, close: locals});
});

test('an order changed exactly graceMs before the listing is judged by it (closed)', () => {
  const mine = local('mmxt1', 'open', LISTED_AT - GRACE_MS);
  assert.deepEqual(reconcile([mine], []).close, [mine]);
});

test('the grace window: a known order changed within graceMs before the listing is neither closed nor queried', () => {
  // e.g. placed and acknowledged just before the open-orders request: the listing may predate it
  const open = local('mmxt-open', 'open', LISTED_AT - GRACE_MS + 1);
  const cancelling = local('mmxt-pc', 'pendingCancel', LISTED_AT - 1_000);
  const unknown = local('mmxt-unknown', 'unknown', LISTED_AT - 1);
  assert.deepEqual(reconcile([open, cancelling, unknown], []), EMPTY);
});

test('an order changed after the listing was requested is not judged by it', () => {
  const placedAfter = local('mmxt1', 'open', LISTED_AT + 500);
  const queriedAfter = local('mmxt2', 'unknown', LISTED_AT + 500);
  assert.deepEqual(reconcile([placedAfter, queriedAfter], []), EMPTY);
});

test('a pendingNew order absent from the list is left alone: its answer is still to come', () => {
  assert.deepEqual(reconcile([local('mmxt1', 'pendingNew')], []), EMPTY);
});

test('an unknown-outcome order absent from the list is queried directly', () => {
  const unsure = local('mmxt1', 'unknown');
  assert.deepEqual(reconcile([unsure], []), {...EMPTY, query: [unsure]});
});

test('one listing sorts every kind at once', () => {
  const confirmed = local('mmxt-a', 'open');
  const closed = local('mmxt-b', 'open');
  const queried = local('mmxt-c', 'unknown');
  const inFlight = local('mmxt-d', 'pendingNew');
  const adopted = remote('mmxt-e');
  const plan = reconcile([confirmed, closed, queried, inFlight], [remote('mmxt-a'), adopted, remote('other-1')]);
  assert.deepEqual(plan, {adopt: [adopted], cancel: [], confirm: [{local: confirmed, remote: remote('mmxt-a')}], close: [closed], query: [queried]});
});
