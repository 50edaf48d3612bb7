import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {OrdersPanel, sortOrders} from '../../../source/ui/components/OrdersPanel.js';
import {compliantSnapshot, T0} from '../fixtures.js';
import {lines, plain} from '../terminal.js';
import {ordersView} from '../../../source/ui/viewModel/ordersView.js';

afterEach(cleanup);

test('the compact summary gives per side the count, USDT still resting and the price range', () => {
  const orders = compliantSnapshot().orders;
  const [buy, sell] = lines(plain(render(<OrdersPanel view={ordersView(orders, 0, 6, T0)} />).lastFrame()));
  assert.equal(buy, 'buy   5×  1,160 USDT 0.012120–0.012331');
  // 11,000 left of the partly filled 11,500 at 0.012359 + the other four asks
  assert.equal(sell, 'sell  5×  1,092 USDT 0.012359–0.012580');
});

test('unsettled orders (pending or unknown outcome) are counted in the summary', () => {
  const orders = compliantSnapshot().orders;
  orders[0]!.status = 'UNKNOWN';
  orders[1]!.status = 'PENDING_CANCEL';
  const [buy] = lines(plain(render(<OrdersPanel view={ordersView(orders, 0, 6, T0)} />).lastFrame()));
  assert.match(buy!, /2 unsettled/);
  const [none] = lines(plain(render(<OrdersPanel view={ordersView([], 0, 6, T0)} />).lastFrame()));
  assert.equal(none, 'buy   no orders');
});

test('the table lists every order, asks then bids by price, padded to its rows', () => {
  const orders = compliantSnapshot().orders;
  const rows = lines(plain(render(<OrdersPanel view={ordersView(orders, 12, 6, T0)} />).lastFrame()));
  assert.equal(rows.length, 13);
  assert.match(rows[0]!, /^ours +price +qty +filled status +age {2}client id$/);
  assert.match(rows[1]!, /^sell 0\.012580 18,800 +0 NEW +10m00s {2}mm1-s-0005$/);
  assert.match(rows[5]!, /^sell 0\.012359 11,500 +500 PARTIALLY_FILLED +10m00s {2}mm1-s-0001$/);
  assert.match(rows[6]!, /^buy {2}0\.012331 /);
  assert.equal(rows[12], '');
});

test('more orders than rows end with a count of the rest', () => {
  const orders = compliantSnapshot().orders;
  const rows = lines(plain(render(<OrdersPanel view={ordersView(orders, 4, 6, T0)} />).lastFrame()));
  assert.equal(rows.length, 5);
  assert.equal(rows[4], '… 7 more');
});

test('sortOrders puts asks above bids, each by price descending', () => {
  const sorted = sortOrders(compliantSnapshot().orders).map((order) => `${order.side} ${order.price}`);
  assert.equal(sorted[0], 'SELL 0.01258');
  assert.equal(sorted[4], 'SELL 0.012359');
  assert.equal(sorted[5], 'BUY 0.012331');
  assert.equal(sorted[9], 'BUY 0.01212');
});
