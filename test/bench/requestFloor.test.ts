import {test} from 'node:test';
import assert from 'node:assert/strict';
import {BATCH_LIMIT, requestFloor} from '../../bench/requestFloor.js';

const trade = (time: number, side: 'BUY' | 'SELL', quoteQty: string) => ({time, side, quoteQty});

test('the floor re-places each side’s filled value in as few capped orders as possible, 20 to a request', () => {
  // bought 1,300 USDT → 3 orders of ≤ 600; sold 500 → 1 order; 4 orders fit one batch
  const floor = requestFloor([trade(1_000, 'BUY', '700'), trade(2_000, 'BUY', '600'), trade(3_000, 'SELL', '500')], {from: 0, to: 3_600_000}, 600);
  assert.deepEqual(floor.filledQuote, {bid: 1300, ask: 500});
  assert.deepEqual([floor.fills, floor.orders, floor.requests, floor.windowSec, floor.perHour], [3, 4, 1, 3600, 1]);
});

test('more orders than one batch holds take another request', () => {
  const trades = Array.from({length: BATCH_LIMIT + 1}, (_, i) => trade(i, 'SELL', '600'));
  assert.equal(requestFloor(trades, {from: 0, to: 1_000}, 600).requests, 2);
  assert.equal(requestFloor(trades.slice(0, BATCH_LIMIT), {from: 0, to: 1_000}, 600).requests, 1);
});

test('only fills inside the window count (edges included); unreadable values are skipped; no fills, no requests', () => {
  const floor = requestFloor([trade(99, 'BUY', '10'), trade(100, 'BUY', '10'), trade(200, 'SELL', 'x'), trade(200, 'SELL', '5'), trade(201, 'SELL', '10')], {from: 100, to: 200}, 600);
  assert.deepEqual([floor.fills, floor.filledQuote.bid, floor.filledQuote.ask, floor.orders], [2, 10, 5, 2]);
  assert.deepEqual([requestFloor([], {from: 0, to: 1_000}, 600).requests, requestFloor([], {from: 0, to: 0}, 600).perHour], [0, Number.NaN]);
});
