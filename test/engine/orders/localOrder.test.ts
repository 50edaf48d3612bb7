import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isWorking, localOrder, queried, remainingLots, retired, type LocalOrder} from '../../../source/engine/orders/localOrder.js';
import {T0} from '../engineFixtures.js';

const fields = {
  clientOrderId: 'mmxt7',
  orderId: 'X7',
  side: 'SELL' as const,
  priceTicks: 25_100,
  qtyLots: 40_000,
  filledLots: 1_500,
  state: 'open' as const,
  retiring: null,
  createdAt: T0,
  changedAt: T0 + 10,
  reason: 'fill ladder',
};

test('localOrder copies exactly the given fields, nothing more; an order trails only when told it is an inner quote', () => {
  const withExtra = {...fields, extra: 'not part of a LocalOrder'};
  const order = localOrder(withExtra);
  assert.deepEqual(order, {...fields, trails: false});
  assert.equal(localOrder({...fields, trails: true}).trails, true);
  assert.ok(!('extra' in order));
  assert.notEqual(order, withExtra as unknown, 'a new object, not the argument');
});

test('retired marks the order with the reason given', () => {
  const order = localOrder(fields);
  const marked = retired(order, 'off ladder');
  assert.equal(marked.retiring, 'off ladder');
  assert.equal(order.retiring, null, 'the original is not mutated');
  assert.deepEqual({...marked, retiring: null}, order);
});

test('retired keeps the first reason: a second one does not overwrite it', () => {
  const once = retired(localOrder(fields), 'reset');
  const twice = retired(once, 'off ladder');
  assert.equal(twice.retiring, 'reset');
  assert.equal(twice, once, 'the already-retiring order is returned as it is');
});

test('isWorking: open, pendingNew and unknown hold a level; pendingCancel and cancelUnknown are on their way out', () => {
  const expected: Record<LocalOrder['state'], boolean> = {open: true, pendingNew: true, unknown: true, pendingCancel: false, cancelUnknown: false};
  for (const [state, working] of Object.entries(expected) as Array<[LocalOrder['state'], boolean]>) {
    assert.equal(isWorking(localOrder({...fields, state})), working, state);
  }
});

test('remainingLots is the unfilled quantity, never negative', () => {
  assert.equal(remainingLots(localOrder(fields)), 38_500);
  assert.equal(remainingLots(localOrder({...fields, filledLots: 0})), 40_000);
  assert.equal(remainingLots(localOrder({...fields, filledLots: 40_000})), 0);
  assert.equal(remainingLots(localOrder({...fields, filledLots: 41_000})), 0, 'an over-reported fill gives 0, not -1000');
});

test('queried moves changedAt to the query time and nothing else', () => {
  const order = localOrder(fields);
  const after = queried(order, T0 + 99);
  assert.deepEqual(after, {...order, changedAt: T0 + 99});
});
