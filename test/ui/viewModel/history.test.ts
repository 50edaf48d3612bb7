import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {MinutePoint} from '../../../source/engine/view/snapshot.js';
import {
  DEPTH_SCALE,
  depthRatioOf,
  historySeries,
  historyWindow,
  PASS_SCALE,
  passRateOf,
} from '../../../source/ui/viewModel/history.js';
import {sparkline} from '../../../source/ui/viewModel/sparkline.js';

const point = (minute: number, pass = 60, overrides: Partial<MinutePoint> = {}): MinutePoint => ({
  minute,
  samples: 60,
  pass,
  bidDepth: 1_375,
  askDepth: 1_250,
  target: 1_250,
  baseRatio: 0.5,
  ...overrides,
});
const minutes = (from: number, to: number, pass = 60): MinutePoint[] => Array.from({length: to - from + 1}, (_, i) => point(from + i, pass));

test('no history, or no room, is no window', () => {
  assert.equal(historyWindow([], 100, 60), null);
  assert.equal(historyWindow([point(100)], 100, 0), null);
});

test('less history than columns: one column per minute, up to the current minute', () => {
  const window = historyWindow(minutes(100, 109), 109, 60)!;
  assert.deepEqual(window, {minutesPerColumn: 1, firstMinute: 100, columns: 10, spanMinutes: 10});
});

test('more history than columns: N minutes a column, the span still the whole history', () => {
  const window = historyWindow(minutes(1_000, 1_359), 1_359, 61)!;
  assert.equal(window.minutesPerColumn, 6);
  assert.ok(window.columns <= 61);
  assert.equal(window.spanMinutes, 360);
  assert.equal(window.firstMinute % 6, 0, 'columns start on epoch minutes divisible by N');
});

test('columns are aligned to epoch minutes, so a column keeps its content as the six hours slide on', () => {
  // the snapshot carries the last 360 minutes: the oldest drops out as a new one comes in
  const sixHoursTo = (now: number): MinutePoint[] => minutes(now - 359, now).map((p) => ({...p, pass: p.minute === 1_100 ? 30 : 60}));
  const failing = (now: number): Array<number | null> => {
    const history = sixHoursTo(now);
    const window = historyWindow(history, now, 60)!;
    assert.equal(window.minutesPerColumn, 6);
    return historySeries(history, window, passRateOf).filter((v) => v !== null && v < 1);
  };
  assert.deepEqual(failing(1_357), [(5 * 60 + 30) / 360]);
  for (let now = 1_358; now < 1_364; now += 1) assert.deepEqual(failing(now), failing(1_357), `at minute ${now}`);
});

test('when alignment would need one column too many, the oldest partial column is left out', () => {
  const window = historyWindow(minutes(1_001, 1_360), 1_360, 60)!;
  assert.equal(window.minutesPerColumn, 6);
  assert.equal(window.columns, 60);
  assert.equal(window.firstMinute, 1_002);
  assert.equal(window.spanMinutes, 359);
});

test('a minute without a point (the bot was down) is a gap; a column is the mean of its minutes', () => {
  const history = [point(100), point(101, 30), point(104)];
  const window = historyWindow(history, 104, 60)!;
  assert.deepEqual(historySeries(history, window, passRateOf), [1, 0.5, null, null, 1]);
  assert.equal(sparkline(historySeries(history, window, passRateOf), 60, PASS_SCALE), '█▁  █');
  const coarse = historyWindow(history, 104, 2)!;
  assert.equal(coarse.minutesPerColumn, 3);
  assert.deepEqual(historySeries(history, coarse, passRateOf), [0.75, 1]);
});

test('the current minute, absent so far, is a gap at the right end', () => {
  const window = historyWindow([point(100)], 102, 60)!;
  assert.deepEqual(historySeries([point(100)], window, passRateOf), [1, null, null]);
});

test('pass rate per minute; none without samples', () => {
  assert.equal(passRateOf(point(1, 45)), 0.75);
  assert.equal(passRateOf(point(1, 0, {samples: 0})), null);
});

test('depth over the target, capped at the top of its scale; none without a target', () => {
  assert.equal(depthRatioOf('bid')(point(1)), 1.1);
  assert.equal(depthRatioOf('ask')(point(1)), 1);
  assert.equal(depthRatioOf('bid')(point(1, 60, {bidDepth: 10_000})), DEPTH_SCALE.max);
  assert.equal(depthRatioOf('ask')(point(1, 60, {target: 0})), null);
  assert.equal(sparkline([1], 1, DEPTH_SCALE), '▅', 'a side exactly at target is ▅');
});

test('the pass scale: 99 % is a full block, 95 % the fifth, 90 % and below the lowest', () => {
  assert.equal(sparkline([0.99, 0.95, 0.9, 0.5], 4, PASS_SCALE), '█▅▁▁');
});
