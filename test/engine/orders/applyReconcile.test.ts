// Reconciliation applied (applyReconcile.ts): a listing confirms, adopts (or, while halted / stopping,
// cancels), closes and queries our orders, each with its journal record and notice; the grace window
// of 3 s keeps recently changed orders out of judgement; and a reconcile request asks for balances only
// when they are due.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyOpenOrders, BALANCE_READ_GAP_MS, RECONCILE_GRACE_MS, startReconcile} from '../../../source/engine/orders/applyReconcile.js';
import type {ExchangeOrder} from '../../../source/engine/events.js';
import type {LocalOrder, LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import {putOrder, recordedContext, T0} from '../engineFixtures.js';

/** the listing was asked for at LISTED; it is applied at NOW */
const LISTED = T0 + 10_000;
const NOW = T0 + 10_400;

const listed = (clientOrderId: string, fields: Partial<ExchangeOrder> = {}): ExchangeOrder => ({
  clientOrderId,
  orderId: `E${clientOrderId}`,
  side: 'SELL',
  priceTicks: 25_200,
  origQtyLots: 40_000,
  filledLots: 1_000,
  status: 'resting',
  ...fields,
});

function fresh() {
  const r = recordedContext();
  r.state.now = NOW;
  r.state.reconcileInFlight = true;
  return r;
}

/** An order of ours last changed at `changedAt` (T0 by default: long settled). */
function own(r: ReturnType<typeof fresh>, id: string, state: LocalOrderState, changedAt = T0): LocalOrder {
  const order = {...putOrder(r.state, id, {state}), changedAt};
  r.state.orders.set(id, order);
  return order;
}

test('the grace window is 3 s', () => {
  assert.equal(RECONCILE_GRACE_MS, 3_000);
});

test('a listing ends the reconcile in flight, records when it was asked for, and asks for a decision pass', () => {
  const r = fresh();
  assert.equal(applyOpenOrders(r.ctx, {type: 'openOrders', orders: [], at: LISTED}), true);
  assert.equal(r.state.reconcileInFlight, false);
  assert.equal(r.state.lastReconcileAt, LISTED);
  assert.deepEqual(r.journal, []);
  assert.deepEqual(r.notices, []);
});

test('a listed order of ours is confirmed resting with the exchange id and fills; when we last heard of it does not change', () => {
  const r = fresh();
  const pending = own(r, 'mmxa', 'pendingNew');
  applyOpenOrders(r.ctx, {type: 'openOrders', orders: [listed('mmxa')], at: LISTED});
  assert.deepEqual(r.state.orders.get('mmxa'), {...pending, state: 'open', orderId: 'Emmxa', filledLots: 1_000});
  assert.deepEqual(r.journal, []);
  assert.deepEqual(r.notices, []);
});

test('an unknown order of ours on the exchange is adopted: open, created when listed, journalled and noticed', async () => {
  const r = fresh();
  applyOpenOrders(r.ctx, {type: 'openOrders', orders: [listed('mmxp'), listed('mmxq', {side: 'BUY', priceTicks: 24_800, filledLots: 0}), listed('web7')], at: LISTED});
  assert.deepEqual([...r.state.orders.values()], [
    {clientOrderId: 'mmxp', orderId: 'Emmxp', side: 'SELL', priceTicks: 25_200, qtyLots: 40_000, filledLots: 1_000, state: 'open', retiring: null, createdAt: LISTED, changedAt: LISTED, reason: 'adopted', trails: false},
    {clientOrderId: 'mmxq', orderId: 'Emmxq', side: 'BUY', priceTicks: 24_800, qtyLots: 40_000, filledLots: 0, state: 'open', retiring: null, createdAt: LISTED, changedAt: LISTED, reason: 'adopted', trails: false},
  ]);
  assert.deepEqual(r.journal, [
    {stream: 'orders', at: NOW, action: 'adopted', clientOrderId: 'mmxp', orderId: 'Emmxp', side: 'SELL', price: 0.252, qty: 400, reason: 'found on the exchange'},
    {stream: 'orders', at: NOW, action: 'adopted', clientOrderId: 'mmxq', orderId: 'Emmxq', side: 'BUY', price: 0.248, qty: 400, reason: 'found on the exchange'},
  ]);
  assert.deepEqual(r.notices, [{at: NOW, level: 'info', text: 'adopted 2 order(s) of ours found on the exchange'}]);
  await r.executor.drained();
  assert.deepEqual(r.port.cancelled, [], 'nothing is cancelled while trading');
});

test('while halted or stopping, an unknown order of ours is cancelled at once and tracked as pendingCancel', async () => {
  const halted = {kind: 'halted', since: T0, reason: '8 consecutive order errors', resumeTo: {kind: 'active'}} as const;
  const stopping = {kind: 'stopping', since: T0, reason: 'quit', deadline: T0 + 15_000, from: {kind: 'active'}} as const;
  for (const trading of [halted, stopping]) {
    const r = fresh();
    r.state.trading = trading;
    applyOpenOrders(r.ctx, {type: 'openOrders', orders: [listed('mmxp')], at: LISTED});
    assert.deepEqual([...r.state.orders.values()], [
      {clientOrderId: 'mmxp', orderId: 'Emmxp', side: 'SELL', priceTicks: 25_200, qtyLots: 40_000, filledLots: 1_000, state: 'pendingCancel', retiring: 'reconcile', createdAt: LISTED, changedAt: NOW, reason: 'reconcile: not wanted', trails: false},
    ], trading.kind);
    assert.deepEqual(r.journal, [], trading.kind);
    assert.deepEqual(r.notices, [], trading.kind);
    await r.executor.drained();
    assert.deepEqual(r.port.cancelled, [[{kind: 'cancel', clientOrderId: 'mmxp', orderId: 'Emmxp', reason: 'reconcile: not wanted'}]], trading.kind);
  }
});

test('while paused or cancelling all, unknown orders of ours are still adopted', () => {
  for (const kind of ['paused', 'cancellingAll'] as const) {
    const r = fresh();
    r.state.trading = {kind};
    applyOpenOrders(r.ctx, {type: 'openOrders', orders: [listed('mmxp')], at: LISTED});
    assert.equal(r.state.orders.get('mmxp')?.state, 'open', kind);
  }
});

test('settled orders missing from the listing are closed and journalled; settled unknown ones are queried', async () => {
  const r = fresh();
  own(r, 'mmxa', 'open');
  own(r, 'mmxb', 'pendingCancel');
  own(r, 'mmxc', 'cancelUnknown');
  const unknown = own(r, 'mmxd', 'unknown');
  const pendingNew = own(r, 'mmxe', 'pendingNew');
  applyOpenOrders(r.ctx, {type: 'openOrders', orders: [], at: LISTED});
  assert.deepEqual([...r.state.orders.values()], [{...unknown, changedAt: NOW}, pendingNew], 'the query starts a fresh grace window');
  const closed = (id: string) => ({stream: 'orders', at: NOW, action: 'closed', clientOrderId: id, orderId: `X${id}`, side: 'BUY', price: 0.249, qty: 1000, reason: 'no longer on the exchange'});
  assert.deepEqual(r.journal, [closed('mmxa'), closed('mmxb'), closed('mmxc')]);
  assert.deepEqual(r.notices, []);
  assert.equal(r.state.counters.invalidTransitions, 0);
  await r.executor.drained();
  assert.deepEqual(r.port.queried, ['mmxd']);
});

test('an order changed within 3 s before the listing was asked for is not judged by it; one changed exactly 3 s before is', async () => {
  const r = fresh();
  const recent = own(r, 'mmxa', 'open', LISTED - 2_999);
  own(r, 'mmxb', 'open', LISTED - 3_000);
  const recentUnknown = own(r, 'mmxc', 'unknown', LISTED - 2_999);
  applyOpenOrders(r.ctx, {type: 'openOrders', orders: [], at: LISTED});
  assert.deepEqual([...r.state.orders.values()], [recent, recentUnknown]);
  assert.deepEqual(r.journal.map((j) => j.stream === 'orders' && `${j.action} ${j.clientOrderId}`), ['closed mmxb']);
  await r.executor.drained();
  assert.deepEqual(r.port.queried, []);
});

// ---- startReconcile -----------------------------------------------------------------------------------

function live(r: ReturnType<typeof recordedContext>) {
  r.state.balancesKnown = true;
  r.state.streams['mexc.user'] = {state: 'live', reason: null, lastMessageAt: r.state.now};
}

const asked = (r: ReturnType<typeof recordedContext>) => r.pushed.map((e) => e.type).filter((t) => t === 'openOrders' || t === 'balance');

test('startReconcile on a fresh start asks for open orders and balances (balances unknown) and marks the refresh', async () => {
  const r = recordedContext();
  startReconcile(r.ctx);
  assert.equal(r.state.reconcileInFlight, true);
  assert.equal(r.state.lastBalanceRefreshAt, T0);
  await r.executor.drained();
  assert.deepEqual(asked(r), ['openOrders', 'balance']);
});

test('startReconcile with a reconcile already in flight sends nothing', async () => {
  const r = recordedContext();
  r.state.reconcileInFlight = true;
  startReconcile(r.ctx);
  assert.equal(r.state.lastBalanceRefreshAt, -Infinity);
  await r.executor.drained();
  assert.deepEqual(r.pushed, []);
});

test('with balances known and the private stream live, balances are refreshed only once 5 minutes have passed', async () => {
  const r = recordedContext();
  live(r);
  r.state.lastBalanceRefreshAt = T0 - 299_999;
  startReconcile(r.ctx);
  assert.equal(r.state.lastBalanceRefreshAt, T0 - 299_999);
  await r.executor.drained();
  assert.deepEqual(asked(r), ['openOrders']);

  const s = recordedContext();
  live(s);
  s.state.lastBalanceRefreshAt = T0 - 300_000;
  startReconcile(s.ctx);
  assert.equal(s.state.lastBalanceRefreshAt, T0);
  await s.executor.drained();
  assert.deepEqual(asked(s), ['openOrders', 'balance']);
});

test('two reconciles at start (book and private stream live moments apart): balances are asked once; a second later again', async () => {
  const r = recordedContext();
  startReconcile(r.ctx);
  r.state.reconcileInFlight = false; // the first listing answered
  r.state.now = T0 + BALANCE_READ_GAP_MS - 1;
  startReconcile(r.ctx);
  assert.equal(r.state.lastBalanceRefreshAt, T0);
  await r.executor.drained();
  assert.deepEqual(asked(r).sort(), ['balance', 'openOrders', 'openOrders']);
  r.state.reconcileInFlight = false;
  r.state.now = T0 + BALANCE_READ_GAP_MS;
  startReconcile(r.ctx);
  await r.executor.drained();
  assert.deepEqual(asked(r).sort(), ['balance', 'balance', 'openOrders', 'openOrders', 'openOrders'], 'balances still unknown: asked again once the gap has passed');
});

test('with the private stream not live, balances are refreshed on every reconcile', async () => {
  for (const state of ['connecting', 'down'] as const) {
    const r = recordedContext();
    live(r);
    r.state.streams['mexc.user'] = {state, reason: null, lastMessageAt: null};
    r.state.lastBalanceRefreshAt = T0 - 1_000;
    startReconcile(r.ctx);
    assert.equal(r.state.lastBalanceRefreshAt, T0, state);
    await r.executor.drained();
    assert.deepEqual(asked(r), ['openOrders', 'balance'], state);
  }
});
