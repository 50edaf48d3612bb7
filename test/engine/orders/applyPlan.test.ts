// A decision applied (applyPlan.ts): the per-side explanation, retire marks (the first reason sticks),
// new orders recorded pendingNew and journalled before they are sent in one request, and cancels sent
// once per order: an order already being cancelled, or one the state machine refuses to cancel, is left
// out of the request and not journalled.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyPlan} from '../../../source/engine/orders/applyPlan.js';
import type {Plan} from '../../../source/engine/planner/plan.js';
import type {CancelIntent, PlaceIntent} from '../../../source/engine/ports.js';
import {putOrder, recordedContext, T0} from '../engineFixtures.js';

const NOW = T0 + 500;

function plan(fields: Partial<Plan> = {}): Plan {
  return {
    fair: null,
    pricing: null,
    suspension: null,
    places: [],
    cancels: [],
    retire: [],
    sides: {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}},
    ...fields,
  };
}

const cancel = (clientOrderId: string, reason = 'off ladder'): CancelIntent => ({kind: 'cancel', clientOrderId, orderId: `X${clientOrderId}`, reason});

function fresh() {
  const r = recordedContext();
  r.state.now = NOW;
  return r;
}

test('the side reasons and shortfalls of the plan become the state shown to the operator', () => {
  const r = fresh();
  applyPlan(r.ctx, plan({sides: {bid: {reason: 'short of USDT', shortfallQuote: 312.5}, ask: {reason: null, shortfallQuote: 0}}}));
  assert.deepEqual(r.state.sideReasons, {bid: 'short of USDT', ask: null});
  assert.deepEqual(r.state.sideShortfall, {bid: 312.5, ask: 0});
});

test('retire marks the named orders with the reason, keeps an earlier reason, and ignores orders we no longer have', () => {
  const r = fresh();
  const a = putOrder(r.state, 'mmxa', {state: 'open'});
  const b = putOrder(r.state, 'mmxb', {state: 'open', retiring: 'reset'});
  applyPlan(r.ctx, plan({retire: [{clientOrderId: 'mmxa', reason: 'replaced'}, {clientOrderId: 'mmxb', reason: 'replaced'}, {clientOrderId: 'mmxz', reason: 'replaced'}]}));
  assert.deepEqual(r.state.orders.get('mmxa'), {...a, retiring: 'replaced'});
  assert.deepEqual(r.state.orders.get('mmxb'), b);
  assert.deepEqual([...r.state.orders.keys()], ['mmxa', 'mmxb'], 'no order appears for an unknown id');
  assert.deepEqual(r.journal, [], 'a retire mark is not journalled');
});

test('places become pendingNew orders created now, each journalled "place", all sent in one request', async () => {
  const r = fresh();
  const places: PlaceIntent[] = [
    {kind: 'place', clientOrderId: 'mmxt0', side: 'BUY', priceTicks: 24_950, qtyLots: 80_000, reason: 'fill ladder'},
    {kind: 'place', clientOrderId: 'mmxt1', side: 'SELL', priceTicks: 25_050, qtyLots: 12_345, reason: 'replace 25040'},
  ];
  applyPlan(r.ctx, plan({places}));
  assert.deepEqual([...r.state.orders.values()], [
    {clientOrderId: 'mmxt0', orderId: null, side: 'BUY', priceTicks: 24_950, qtyLots: 80_000, filledLots: 0, state: 'pendingNew', retiring: null, createdAt: NOW, changedAt: NOW, reason: 'fill ladder', trails: false},
    {clientOrderId: 'mmxt1', orderId: null, side: 'SELL', priceTicks: 25_050, qtyLots: 12_345, filledLots: 0, state: 'pendingNew', retiring: null, createdAt: NOW, changedAt: NOW, reason: 'replace 25040', trails: false},
  ]);
  assert.deepEqual(r.journal, [
    {stream: 'orders', at: NOW, action: 'place', clientOrderId: 'mmxt0', orderId: null, side: 'BUY', price: 0.2495, qty: 800, reason: 'fill ladder'},
    {stream: 'orders', at: NOW, action: 'place', clientOrderId: 'mmxt1', orderId: null, side: 'SELL', price: 0.2505, qty: 123.45, reason: 'replace 25040'},
  ]);
  await r.executor.drained();
  assert.deepEqual(r.port.placed, [places]);
  assert.deepEqual(r.port.cancelled, []);
});

test('cancels: open and unknown orders go pendingCancel, journalled "cancel" with the intent reason, sent together', async () => {
  const r = fresh();
  const a = putOrder(r.state, 'mmxa', {state: 'open', retiring: 'replaced'});
  const b = putOrder(r.state, 'mmxb', {state: 'unknown', side: 'SELL', priceTicks: 25_100});
  applyPlan(r.ctx, plan({cancels: [cancel('mmxa'), cancel('mmxb', 'halted')]}));
  assert.deepEqual(r.state.orders.get('mmxa'), {...a, state: 'pendingCancel', changedAt: NOW});
  assert.deepEqual(r.state.orders.get('mmxb'), {...b, state: 'pendingCancel', changedAt: NOW});
  assert.deepEqual(r.journal, [
    {stream: 'orders', at: NOW, action: 'cancel', clientOrderId: 'mmxa', orderId: 'Xmmxa', side: 'BUY', price: 0.249, qty: 1000, reason: 'off ladder'},
    {stream: 'orders', at: NOW, action: 'cancel', clientOrderId: 'mmxb', orderId: 'Xmmxb', side: 'SELL', price: 0.251, qty: 1000, reason: 'halted'},
  ]);
  await r.executor.drained();
  assert.deepEqual(r.port.cancelled, [[cancel('mmxa'), cancel('mmxb', 'halted')]]);
  assert.deepEqual(r.port.placed, []);
});

test('a cancel is skipped for an order already being cancelled or no longer ours, and for one the state machine refuses', async () => {
  const r = fresh();
  const pendingCancel = putOrder(r.state, 'mmxa', {state: 'pendingCancel'});
  const pendingNew = putOrder(r.state, 'mmxb', {state: 'pendingNew'});
  const open = putOrder(r.state, 'mmxc', {state: 'open'});
  applyPlan(r.ctx, plan({cancels: [cancel('mmxa'), cancel('mmxz'), cancel('mmxb'), cancel('mmxc')]}));
  assert.equal(r.state.orders.get('mmxa'), pendingCancel);
  assert.equal(r.state.orders.get('mmxb'), pendingNew);
  assert.deepEqual(r.state.orders.get('mmxc'), {...open, state: 'pendingCancel', changedAt: NOW});
  assert.equal(r.state.orders.has('mmxz'), false);
  assert.deepEqual(r.journal.map((j) => j.stream === 'orders' && `${j.action} ${j.clientOrderId}`), ['cancel mmxc']);
  assert.equal(r.state.counters.invalidTransitions, 1, 'only the refused pendingNew cancel counts; a cancel already under way is skipped silently');
  assert.deepEqual(r.notices.map((n) => n.text), ['order mmxb: cancelSent refused in state pendingNew; kept as it was until reconciled']);
  await r.executor.drained();
  assert.deepEqual(r.port.cancelled, [[cancel('mmxc')]]);
});

test('the same order twice in one plan is cancelled once', async () => {
  const r = fresh();
  putOrder(r.state, 'mmxa', {state: 'open'});
  applyPlan(r.ctx, plan({cancels: [cancel('mmxa'), cancel('mmxa', 'again')]}));
  assert.equal(r.journal.length, 1);
  assert.equal(r.state.counters.invalidTransitions, 0);
  await r.executor.drained();
  assert.deepEqual(r.port.cancelled, [[cancel('mmxa')]]);
});

test('a plan that changes nothing sends nothing', async () => {
  const r = fresh();
  putOrder(r.state, 'mmxa', {state: 'open'});
  applyPlan(r.ctx, plan());
  await r.executor.drained();
  assert.deepEqual(r.port.placed, []);
  assert.deepEqual(r.port.cancelled, []);
  assert.deepEqual(r.journal, []);
  assert.equal(r.state.orders.get('mmxa')?.state, 'open');
});
