import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MatchingEngine, type LevelChange} from '../../../source/sim/mexc/matchingEngine.js';

test('takers consume the best price first, then the oldest order at that price', () => {
  const book = new MatchingEngine(100);
  book.add({orderId: 'a1', owner: 'others', side: 'SELL', priceTicks: 101, remainingLots: 5});
  book.add({orderId: 'a2', owner: 'account', side: 'SELL', priceTicks: 100, remainingLots: 3});
  book.add({orderId: 'a3', owner: 'others', side: 'SELL', priceTicks: 100, remainingLots: 4});
  const fills = book.match('BUY', 101, {kind: 'lots', lots: 9});
  assert.deepEqual(
    fills.map((fill) => [fill.maker.orderId, fill.priceTicks, fill.lots]),
    [['a2', 100, 3], ['a3', 100, 4], ['a1', 101, 2]],
  );
  assert.equal(book.get('a1')?.remainingLots, 3);
  assert.equal(book.get('a2'), undefined);
  assert.deepEqual(book.levels('SELL'), [[101, 3]]);
});

test('a taker never trades beyond its limit price', () => {
  const book = new MatchingEngine(0);
  book.add({orderId: 'b1', owner: 'account', side: 'BUY', priceTicks: 99, remainingLots: 10});
  book.add({orderId: 'b2', owner: 'others', side: 'BUY', priceTicks: 97, remainingLots: 10});
  const fills = book.match('SELL', 98, {kind: 'lots', lots: 50});
  assert.equal(fills.length, 1);
  assert.equal(fills[0]!.lots, 10);
  assert.deepEqual(book.levels('BUY'), [[97, 10]]);
});

test('every level change bumps the version by one and reports the absolute level size', () => {
  const book = new MatchingEngine(1000);
  const changes: LevelChange[] = [];
  book.onLevelChange = (change) => changes.push(change);
  book.add({orderId: 'x', owner: 'others', side: 'BUY', priceTicks: 50, remainingLots: 7});
  book.add({orderId: 'y', owner: 'others', side: 'BUY', priceTicks: 50, remainingLots: 3});
  book.match('SELL', 50, {kind: 'lots', lots: 8});
  book.remove('y');
  assert.deepEqual(
    changes.map((change) => [change.version, change.lots]),
    [[1001, 7], [1002, 10], [1003, 3], [1004, 2], [1005, 0]],
  );
  assert.equal(book.version, 1005);
  assert.equal(book.best('BUY'), null);
});

test('wouldCross detects orders that would take liquidity', () => {
  const book = new MatchingEngine(0);
  book.add({orderId: 'ask', owner: 'others', side: 'SELL', priceTicks: 200, remainingLots: 1});
  assert.equal(book.wouldCross('BUY', 200), true);
  assert.equal(book.wouldCross('BUY', 199), false);
  assert.equal(book.wouldCross('SELL', 150), false);
});
