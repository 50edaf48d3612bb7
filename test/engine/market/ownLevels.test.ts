import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ownLevels} from '../../../source/engine/market/ownLevels.js';
import {localOrder, type LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import {rules, T0} from '../engineFixtures.js';

// rules: 2 qty decimals, so 1 lot = 0.01 RMV
const order = (id: string, side: 'BUY' | 'SELL', priceTicks: number, qtyLots: number, state: LocalOrderState, filledLots = 0) =>
  localOrder({clientOrderId: id, orderId: null, side, priceTicks, qtyLots, filledLots, state, retiring: null, createdAt: T0, changedAt: T0, reason: 'test'});

test('ownLevels: open and pendingCancel orders rest on the book, summed per price in base units of what is left', () => {
  const levels = ownLevels(
    [
      order('b1', 'BUY', 24_900, 10_000, 'open'), //               100 RMV
      order('b2', 'BUY', 24_900, 5_000, 'pendingCancel', 1_000), // 50 − 10 = 40 RMV at the same price
      order('b3', 'BUY', 24_800, 2_550, 'open'), //                25.5 RMV
      order('s1', 'SELL', 25_100, 800, 'open', 300), //            5 RMV
      order('s2', 'SELL', 25_200, 1_000, 'pendingCancel'), //      10 RMV
    ],
    rules,
  );
  assert.deepEqual(levels, {bids: new Map([[24_900, 140], [24_800, 25.5]]), asks: new Map([[25_100, 5], [25_200, 10]])});
});

test('ownLevels: orders not known to rest (pendingNew, unknown, cancelUnknown) are left out', () => {
  const levels = ownLevels(
    [order('a', 'BUY', 24_900, 100, 'pendingNew'), order('b', 'SELL', 25_100, 100, 'unknown'), order('c', 'BUY', 24_800, 100, 'cancelUnknown')],
    rules,
  );
  assert.deepEqual(levels, {bids: new Map(), asks: new Map()});
});
