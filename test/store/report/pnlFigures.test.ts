import {test} from 'node:test';
import assert from 'node:assert/strict';
import {addFigures, readInventory, readPnlFigures} from '../../../source/store/report/pnlFigures.js';
import {inventoryAt, makePnlFigures} from '../fixtures.js';

const hour = makePnlFigures(0, 3_600_000, {
  fills: 2, buys: 1, sells: 1, turnover: 100, fees: 0.5, vsHold: -0.25, markToMarket: 1, realised: 0.5, baseChange: 10, quoteChange: -5,
  markoutSums: {s1: 0.5, s10: -0.25, s60: -1}, markoutCounts: {s1: 2, s10: 2, s60: 1},
});

test('a pnl record reads back as the figures it was journalled from', () => {
  assert.deepEqual(readPnlFigures({stream: 'pnl', at: 3_661_000, ...hour, inventory: inventoryAt(3_600_000, 1, 1, 1)}), hour);
});

test('a pnl record missing a figure the report shows is unusable; missing detail reads as zero', () => {
  const {turnover: _turnover, ...noTurnover} = hour;
  assert.equal(readPnlFigures(noTurnover), null);
  assert.equal(readPnlFigures({...hour, vsHold: 'lots'}), null);
  const {markoutSums: _sums, markoutCounts: _counts, adverseSelection: _adverse, buys: _buys, ...bare} = hour;
  const read = readPnlFigures(bare)!;
  assert.deepEqual([read.markoutSums, read.markoutCounts, read.adverseSelection, read.buys], [{s1: 0, s10: 0, s60: 0}, {s1: 0, s10: 0, s60: 0}, 0, 0]);
  assert.equal(readPnlFigures({...bare, markoutSums: {s60: -2}})!.adverseSelection, 2, 'adverse selection: − the 60 s markout sum');
});

test('an inventory reading with a field missing or not a number is unknown', () => {
  assert.deepEqual(readInventory(inventoryAt(5, 100, 50, 0.5)), inventoryAt(5, 100, 50, 0.5));
  assert.equal(readInventory({at: 5, base: 100, quote: 50, mark: 0.5}), null);
  assert.equal(readInventory({...inventoryAt(5, 0, 0, 0.5), baseRatio: null}), null, 'an empty inventory has no ratio (NaN journals as null)');
  assert.equal(readInventory(undefined), null);
});

test('two periods add up figure by figure, from the earlier start to the later end', () => {
  const next = makePnlFigures(3_600_000, 7_200_000, {fills: 1, turnover: 50, vsHold: 0.5, markoutSums: {s1: 0, s10: 0, s60: 0.25}, markoutCounts: {s1: 1, s10: 1, s60: 1}});
  const sum = addFigures(hour, next);
  assert.deepEqual([sum.from, sum.to, sum.fills, sum.turnover, sum.vsHold, sum.adverseSelection], [0, 7_200_000, 3, 150, 0.25, 0.75]);
  assert.deepEqual([sum.markoutSums, sum.markoutCounts], [{s1: 0.5, s10: -0.25, s60: -0.75}, {s1: 3, s10: 3, s60: 2}]);
});
