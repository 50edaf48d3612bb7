import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyToPosition, FLAT, unrealisedAt} from '../../../source/engine/ledger/averageCost.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test('fills in the position\'s direction average its cost and realise nothing', () => {
  const one = applyToPosition(FLAT, 'BUY', 10, 1.0);
  const two = applyToPosition(one.position, 'BUY', 30, 2.0);
  assert.equal(two.realised, 0);
  assert.equal(two.position.qty, 40);
  close(two.position.averageCost!, 1.75);
});

test('a fill against a long position realises (price − average cost) per unit closed', () => {
  const long = {qty: 40, averageCost: 1.75};
  const {position, realised} = applyToPosition(long, 'SELL', 10, 2.0);
  close(realised, 2.5);
  assert.deepEqual(position, {qty: 30, averageCost: 1.75});
});

test('a fill against a short position realises (average cost − price) per unit closed', () => {
  const short = {qty: -10, averageCost: 2.0};
  const {position, realised} = applyToPosition(short, 'BUY', 4, 1.5);
  close(realised, 2.0);
  assert.deepEqual(position, {qty: -6, averageCost: 2.0});
});

test('a fill larger than the position closes it and opens the other way at the fill price; exactly closing leaves it flat', () => {
  const flip = applyToPosition({qty: 5, averageCost: 1.0}, 'SELL', 8, 1.2);
  close(flip.realised, 1.0);
  assert.equal(flip.position.qty, -3);
  assert.equal(flip.position.averageCost, 1.2);
  assert.deepEqual(applyToPosition({qty: 5, averageCost: 1.0}, 'SELL', 5, 0.9).position, FLAT);
});

test('unrealised: the open position at the mark against its cost; nothing when flat', () => {
  close(unrealisedAt({qty: -6, averageCost: 2.0}, 1.5), 3.0);
  assert.equal(unrealisedAt(FLAT, 3), 0);
});
