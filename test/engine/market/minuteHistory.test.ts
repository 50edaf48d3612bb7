import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KEPT_MINUTES, MinuteHistory} from '../../../source/engine/market/minuteHistory.js';

const M = 29_000_000; // an epoch minute
const sample = (at: number, pass: boolean, bidDepth: number, baseRatio: number | null = 0.5) => ({at, pass, bidDepth, askDepth: bidDepth * 2, target: 1250, baseRatio});

test('a minute holds its pass count, mean depth per side, the target and the last known base ratio', () => {
  const history = new MinuteHistory();
  history.record(sample(M * 60_000, true, 1000, 0.4));
  history.record(sample(M * 60_000 + 1000, false, 2000, null));
  assert.deepEqual(history.points(0), [{minute: M, samples: 2, pass: 1, bidDepth: 1500, askDepth: 3000, target: 1250, baseRatio: 0.4}]);
});

test('minutes without samples are absent; points() starts at the minute asked', () => {
  const history = new MinuteHistory();
  history.record(sample(M * 60_000, true, 1000));
  history.record(sample((M + 5) * 60_000, true, 1000));
  assert.deepEqual(history.points(0).map((p) => p.minute), [M, M + 5]);
  assert.deepEqual(history.points(M + 1).map((p) => p.minute), [M + 5]);
});

test('24 hours are kept; a clock stepping back never rewrites an older minute; a restore goes on from the persisted minutes', () => {
  const history = new MinuteHistory();
  history.record(sample(M * 60_000, true, 1000));
  history.record(sample((M + KEPT_MINUTES) * 60_000, true, 1000));
  assert.deepEqual(history.points(0).map((p) => p.minute), [M + KEPT_MINUTES]);
  history.record(sample((M + 10) * 60_000, false, 5));
  assert.equal(history.points(0).length, 1);
  const restored = new MinuteHistory(JSON.parse(JSON.stringify(history.persisted())));
  restored.record(sample((M + KEPT_MINUTES) * 60_000 + 500, false, 3000));
  assert.deepEqual(restored.points(0)[0]!.samples, 2);
});
