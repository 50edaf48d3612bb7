import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MatchingEngine} from '../../../source/sim/mexc/matchingEngine.js';
import {ComplianceObserver, sampleBook} from '../../../source/sim/market/observer.js';
import {makeSimSymbol} from '../../../source/sim/mexc/simSymbol.js';

const rules = makeSimSymbol('RMVUSDT');

test('a thin, wide book fails and says why', () => {
  const book = new MatchingEngine(0);
  book.add({orderId: 'b', owner: 'others', side: 'BUY', priceTicks: 24700, remainingLots: 20000});
  book.add({orderId: 'a', owner: 'others', side: 'SELL', priceTicks: 25300, remainingLots: 20000});
  const sample = sampleBook(book, rules, 0);
  assert.equal(sample.passPerSide, false);
  assert.equal(sample.passCombined, false);
  assert.match(sample.reason!, /spread 2\.40% ≥ 2%/);
  assert.match(sample.reason!, /bid depth 49 < 1000/);
});

test('depth counts only levels within ±2 % of mid; per-side and combined readings differ', () => {
  const book = new MatchingEngine(0);
  book.add({orderId: 'b1', owner: 'account', side: 'BUY', priceTicks: 24950, remainingLots: 500_000}); // 1247.5 USDT
  book.add({orderId: 'b2', owner: 'others', side: 'BUY', priceTicks: 24000, remainingLots: 10_000_000}); // outside the band
  book.add({orderId: 'a1', owner: 'account', side: 'SELL', priceTicks: 25050, remainingLots: 200_000}); // 501 USDT
  const sample = sampleBook(book, rules, 0);
  assert.ok(Math.abs(sample.bidDepthUsdt - 1247.5) < 1e-6);
  assert.ok(Math.abs(sample.askDepthUsdt - 501) < 1e-6);
  assert.equal(sample.passPerSide, false);
  assert.equal(sample.passCombined, true);
  book.add({orderId: 'a2', owner: 'account', side: 'SELL', priceTicks: 25400, remainingLots: 300_000});
  assert.equal(sampleBook(book, rules, 0).passPerSide, true);
});

test('an empty side fails the sample', () => {
  const book = new MatchingEngine(0);
  book.add({orderId: 'b', owner: 'others', side: 'BUY', priceTicks: 25000, remainingLots: 1});
  assert.equal(sampleBook(book, rules, 0).reason, 'no asks');
});

test('the summary tracks pass shares, the longest gap and the last failure', (t) => {
  const book = new MatchingEngine(0);
  const observer = new ComplianceObserver(book, rules, () => 1000, 1000);
  t.after(() => observer.close());
  observer.sample();
  observer.sample();
  book.add({orderId: 'b', owner: 'account', side: 'BUY', priceTicks: 24990, remainingLots: 500_000});
  book.add({orderId: 'a', owner: 'account', side: 'SELL', priceTicks: 25010, remainingLots: 500_000});
  observer.sample();
  const summary = observer.summary();
  assert.equal(summary.samples, 3);
  assert.ok(Math.abs(summary.passPerSidePct - 100 / 3) < 1e-9);
  assert.equal(summary.longestGapSec, 2);
  assert.equal(summary.currentGapSec, 0);
  assert.equal(summary.lastFailure?.reason, 'no bids');
  assert.equal(summary.current?.passPerSide, true);
});
