// Which of our orders a private push is about (reportedOrder.ts): by client order id when the push names one,
// else by the exchange order id we learned from the placement answer or REST.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {reportedOrder} from '../../../source/engine/orders/reportedOrder.js';
import {localOrder, type LocalOrder} from '../../../source/engine/orders/localOrder.js';
import {T0} from '../engineFixtures.js';

const order = (clientOrderId: string, orderId: string | null): LocalOrder =>
  localOrder({clientOrderId, orderId, side: 'BUY', priceTicks: 24_900, qtyLots: 1_000, filledLots: 0, state: 'open', retiring: null, createdAt: T0, changedAt: T0, reason: 'fill ladder'});

const orders = new Map<string, LocalOrder>([
  ['mmxa', order('mmxa', 'C02__1')],
  ['mmxb', order('mmxb', 'C02__2')],
  ['mmxc', order('mmxc', null)],
]);

test('a report naming our client id is about that order', () => {
  assert.equal(reportedOrder(orders, {clientOrderId: 'mmxb', orderId: 'C02__2'})?.clientOrderId, 'mmxb');
});

test('a report without a client id is matched by the exchange order id', () => {
  assert.equal(reportedOrder(orders, {clientOrderId: '', orderId: 'C02__2'})?.clientOrderId, 'mmxb');
  assert.equal(reportedOrder(orders, {clientOrderId: '', orderId: 'C02__1'})?.clientOrderId, 'mmxa');
});

test('a report without a client id whose exchange id we never learned, or without either id, matches nothing', () => {
  assert.equal(reportedOrder(orders, {clientOrderId: '', orderId: 'C02__9'}), undefined);
  assert.equal(reportedOrder(orders, {clientOrderId: '', orderId: ''}), undefined, 'an order without a known exchange id is not matched by an empty one');
});

test('a client id that is present decides alone: another client id is not our order, whatever its exchange id', () => {
  assert.equal(reportedOrder(orders, {clientOrderId: 'web-1', orderId: 'C02__1'}), undefined);
  assert.equal(reportedOrder(orders, {clientOrderId: 'mmxa', orderId: 'C02__2'})?.clientOrderId, 'mmxa');
});
