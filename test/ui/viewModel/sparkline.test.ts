import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  blockFor,
  chunkMeans,
  downsampleMean,
  meanOf,
  rangeOf,
  SPARK_BLOCKS,
  sparkline,
  withMinHeight,
} from '../../../source/ui/viewModel/sparkline.js';

test('no values draw nothing, and no room draws nothing', () => {
  assert.equal(sparkline([], 10), '');
  assert.equal(sparkline([1, 2, 3], 0), '');
  assert.deepEqual(downsampleMean([1, 2], 0), []);
});

test('min/max scaling puts the lowest value on ▁ and the highest on █, the rest in eight equal bands', () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8), '▁▂▃▄▅▆▇█');
  assert.equal(sparkline([10, 20], 2), '▁█');
  assert.equal(sparkline([-5, 0, 5], 3), '▁▅█', 'the middle of the range is the fifth block');
});

test('all values equal draw a flat line on the middle block, whatever the value', () => {
  assert.equal(sparkline([7, 7, 7, 7], 4), '▄▄▄▄');
  assert.equal(sparkline([0], 1), '▄');
  assert.equal(blockFor(3, {min: 3, max: 3}), '▄');
});

test('null, NaN and ±Infinity are gaps: a space each, and they do not stretch the scale', () => {
  assert.equal(sparkline([0, null, 7, Number.NaN, Infinity, -Infinity], 6), '▁ █   ');
  assert.equal(sparkline([null, null], 2), '  ', 'only gaps: spaces, one per column');
  assert.deepEqual(rangeOf([null, Number.NaN, 2, 5]), {min: 2, max: 5});
  assert.equal(rangeOf([null]), null);
});

test('a fixed scale is used as given; values outside it are clamped to the end blocks', () => {
  const scale = {min: 0.5, max: 1.5};
  assert.equal(sparkline([0, 0.5, 1, 1.5, 3], 5, scale), '▁▁▅██');
  assert.equal(blockFor(0.999, scale), '▄', 'just below the middle is the fourth block');
  assert.equal(blockFor(null, scale), ' ');
});

test('more points than columns are averaged in chunks of ⌈points / width⌉', () => {
  assert.deepEqual(downsampleMean([1, 3, 5, 7, 9, 11], 3), [2, 6, 10]);
  assert.deepEqual(downsampleMean([1, 2, 3, 4, 5, 6, 7], 3), [2, 5, 7], 'the last chunk may be shorter');
  assert.equal(sparkline([0, 0, 0, 0, 8, 8, 8, 8], 2), '▁█');
  assert.equal(sparkline(Array.from({length: 1000}, (_, i) => i), 40).length, 40);
});

test('averaging ignores gaps within a chunk; a chunk of gaps stays a gap', () => {
  assert.deepEqual(downsampleMean([2, null, null, null, 4, Number.NaN], 3), [2, null, 4]);
  assert.deepEqual(chunkMeans([1, null, 3], 2), [1, 3]);
  assert.equal(meanOf([null, Number.NaN]), null);
  assert.equal(meanOf([1, 2, null, 6]), 3);
});

test('values that fit are kept one per column, non-finite ones made gaps', () => {
  assert.deepEqual(downsampleMean([1, Number.NaN, 3], 10), [1, null, 3]);
});

test('withMinHeight grows a range about its middle and leaves a tall enough one alone', () => {
  assert.deepEqual(withMinHeight({min: 0.496, max: 0.498}, 0.01), {min: 0.492, max: 0.502});
  assert.deepEqual(withMinHeight({min: 0.4, max: 0.6}, 0.01), {min: 0.4, max: 0.6});
  assert.equal(sparkline([0.496, 0.498], 2, withMinHeight({min: 0.496, max: 0.498}, 0.01)), '▄▅', 'a wobble stays near the middle');
});

test('there are eight blocks, lowest first', () => {
  assert.equal(SPARK_BLOCKS.join(''), '▁▂▃▄▅▆▇█');
});
