// Applying the order state machine to the engine's orders (orderChanges.ts): a move replaces the order,
// a departure removes it, a refused transition keeps it as it was with one count and one error notice;
// removeOrder journals the order only when it actually leaves.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {changeOrder, removeOrder} from '../../../source/engine/orders/orderChanges.js';
import type {LocalOrder} from '../../../source/engine/orders/localOrder.js';
import {putOrder, recordedContext, T0} from '../engineFixtures.js';

test('a move replaces the order in the map and returns it; nothing is counted or noticed', () => {
  const r = recordedContext();
  const order = putOrder(r.state, 'mmxa', {state: 'open'});
  const result = changeOrder(r.ctx, order, {kind: 'cancelSent', at: T0 + 9});
  const moved = {...order, state: 'pendingCancel', changedAt: T0 + 9};
  assert.deepEqual(result, {kind: 'moved', order: moved});
  assert.deepEqual(r.state.orders.get('mmxa'), moved);
  assert.equal(r.state.counters.invalidTransitions, 0);
  assert.deepEqual(r.notices, []);
  assert.deepEqual(r.journal, [], 'changeOrder never journals');
});

test('a departure removes the order from the map and returns it with the facts the event carried', () => {
  const r = recordedContext();
  const order = putOrder(r.state, 'mmxa', {state: 'open'});
  putOrder(r.state, 'mmxb', {state: 'open'});
  const result = changeOrder(r.ctx, order, {kind: 'gone', orderId: 'E2', filledLots: 100_000});
  assert.deepEqual(result, {kind: 'gone', order: {...order, orderId: 'E2', filledLots: 100_000}});
  assert.deepEqual([...r.state.orders.keys()], ['mmxb']);
  assert.equal(r.state.counters.invalidTransitions, 0);
  assert.deepEqual(r.journal, []);
});

test('a refused transition keeps the order as it was, counts it and says so in an error notice', () => {
  const r = recordedContext();
  const order = putOrder(r.state, 'mmxa', {state: 'pendingNew'});
  const result = changeOrder(r.ctx, order, {kind: 'cancelAcked', at: T0 + 9});
  assert.deepEqual(result, {kind: 'invalid', order, event: 'cancelAcked', from: 'pendingNew'});
  assert.equal(r.state.orders.get('mmxa'), order);
  assert.equal(r.state.counters.invalidTransitions, 1);
  assert.equal(r.state.counters.errors, 1);
  const text = 'order mmxa: cancelAcked refused in state pendingNew; kept as it was until reconciled';
  assert.deepEqual(r.notices, [{at: T0, level: 'error', text}]);
  changeOrder(r.ctx, order, {kind: 'cancelRefused', at: T0 + 9});
  assert.equal(r.state.counters.invalidTransitions, 2, 'every refusal counts');
});

test('removeOrder journals a departing order under the action, with the reason computed from the departed order', () => {
  const r = recordedContext();
  const order = putOrder(r.state, 'mmxa', {state: 'pendingCancel', retiring: 'off ladder'});
  const seen: LocalOrder[] = [];
  const result = removeOrder(r.ctx, order, {kind: 'gone', orderId: 'E7'}, 'cancelled', (gone) => (seen.push(gone), `${gone.retiring} (${gone.orderId})`));
  assert.equal(result.kind, 'gone');
  assert.equal(r.state.orders.has('mmxa'), false);
  assert.deepEqual(seen, [{...order, orderId: 'E7'}]);
  assert.deepEqual(r.journal, [
    {stream: 'orders', at: T0, action: 'cancelled', clientOrderId: 'mmxa', orderId: 'E7', side: 'BUY', price: 0.249, qty: 1000, reason: 'off ladder (E7)'},
  ]);
});

test('removeOrder journals nothing when the order only moves or the transition is refused', () => {
  const r = recordedContext();
  const pending = putOrder(r.state, 'mmxa', {state: 'pendingNew'});
  const open = putOrder(r.state, 'mmxb', {state: 'open'});
  let asked = 0;
  const reason = () => (asked++, 'x');
  assert.equal(removeOrder(r.ctx, pending, {kind: 'pushedResting', orderId: 'E1', filledLots: 0, at: T0}, 'closed', reason).kind, 'moved');
  assert.equal(removeOrder(r.ctx, open, {kind: 'cancelAcked', at: T0}, 'cancelled', reason).kind, 'invalid');
  assert.deepEqual(r.journal, []);
  assert.equal(asked, 0, 'the reason is only computed for a departure');
  assert.equal(r.state.orders.get('mmxa')?.state, 'open');
  assert.equal(r.state.orders.get('mmxb'), open);
});
