// The wire-path bench (bench/wirePath.ts) on a tiny frame count: both paths process every frame and end with
// the same book, and every figure is a finite positive number. Nothing here is timed or compared with a
// goal: the rates are bench figures (docs/testing.md §2).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {compareBooks, runWirePathBench, type WireVenueResult} from '../../bench/wirePath.js';
import {loadCcxtPro} from '../../bench/ccxtPro.js';
import {OrderBook} from '../../source/engine/market/orderbook.js';
import type {Spread} from '../../bench/sampleStats.js';

function assertSpread(s: Spread, rounds: number, what: string): void {
  assert.equal(s.n, rounds, `${what}: one sample per round`);
  for (const value of [s.min, s.median, s.max]) assert.ok(Number.isFinite(value) && value > 0, `${what}: ${value} is not a finite positive rate`);
  assert.ok(s.min <= s.median && s.median <= s.max, `${what}: min ≤ median ≤ max`);
}

function assertVenue(result: WireVenueResult, rounds: number, venue: string): void {
  assert.equal(result.agree, true, `${venue}: books differ: ${result.agreeDetail}`);
  assert.ok(result.frames > 0 && result.levelChanges >= result.frames, `${venue}: frames ${result.frames}, level changes ${result.levelChanges}`);
  assert.ok(result.finalLevels.bids > 0 && result.finalLevels.asks > 0);
  assert.equal(result.rounds, rounds);
  assertSpread(result.oursFramesPerSec, rounds, `${venue} ours`);
  assertSpread(result.ccxtFramesPerSec, rounds, `${venue} ccxt`);
  assertSpread(result.roundRatios, rounds, `${venue} per-round ratios`);
  assert.ok(Number.isFinite(result.ratio) && result.ratio > 0);
  assert.equal(result.ratio, result.oursFramesPerSec.median / result.ccxtFramesPerSec.median);
}

test('the wire-path bench ends with identical books on both venues and reports finite rates', async () => {
  const rounds = 3;
  const result = await runWirePathBench({quick: true, log: () => undefined, pushes: 400, rounds});
  assert.match(result.ccxtVersion, /^\d+\.\d+\.\d+/);
  assertVenue(result.mexc, rounds, 'mexc');
  assertVenue(result.kucoin, rounds, 'kucoin');
  assert.equal(result.mexc.frames, 400, 'one MEXC frame per push');
});

test('the agreement check sees one level that differs, and a book that stopped early', async () => {
  const pro = await loadCcxtPro();
  const exchange = new pro.kucoin();
  const ours = new OrderBook(2);
  ours.applySnapshot(10, [['1.00', '5'], ['0.99', '2']], [['1.01', '3']], 0);
  const theirs = () => exchange.orderBook({bids: [[1, 5], [0.99, 2]], asks: [[1.01, 3]], nonce: 10});
  assert.equal(compareBooks(ours, theirs(), {version: 10, ccxtNonce: 10}).agree, true);
  const size = theirs();
  size.bids.store(0.99, 2.5);
  assert.match(compareBooks(ours, size, {version: 10, ccxtNonce: 10}).detail, /bids\[1\]: ours size 2, ccxt 2.5/);
  const extra = theirs();
  extra.asks.store(1.02, 1);
  assert.match(compareBooks(ours, extra, {version: 10, ccxtNonce: 10}).detail, /asks: ours 1 levels, ccxt 2/);
  assert.match(compareBooks(ours, theirs(), {version: 11, ccxtNonce: 10}).detail, /ours ended at version 10/);
  assert.match(compareBooks(ours, theirs(), {version: 10, ccxtNonce: 11}).detail, /ccxt ended at nonce 10/);
});
