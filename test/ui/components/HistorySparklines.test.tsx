import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {HistorySparklines, sparkWidth} from '../../../source/ui/components/HistorySparklines.js';
import type {MinutePoint} from '../../../source/engine/view/snapshot.js';
import {SPARKLINE_LINES} from '../../../source/ui/viewModel/layout.js';
import {minuteHistory, T0} from '../fixtures.js';
import {lines, plain} from '../terminal.js';
import {sparklinesView} from '../../../source/ui/viewModel/sparklinesView.js';

afterEach(cleanup);

const NOW_MINUTE = Math.floor((T0 - 100) / 60_000);
const BLOCKS = /[▁▂▃▄▅▆▇█]/;

const sparklines = (history: readonly MinutePoint[], width: number): string[] =>
  lines(plain(render(<HistorySparklines view={sparklinesView(history, NOW_MINUTE, width)} />).lastFrame()));

test('six hours at 80 columns: 6 minutes a column, the span said, one line per series', () => {
  const [span, pass, bid, ask, base] = sparklines(minuteHistory(), 80);
  assert.match(span!, /^history {2}last 6h, 6 min a column {2}pass █ ≥99% {2}depth ▅ = target$/);
  assert.match(pass!, /^pass {2}[▁-█ ]{61} {2}low 91\.6%$/);
  assert.match(bid!, /^bid {3}[▁-█ ]{61} {2}now 1\.14×$/);
  assert.match(ask!, /^ask {3}[▁-█ ]{61} {2}now 1\.07×$/);
  assert.match(base!, /^base {2}[▁-█ ]{61} {2}48\.0–49\.7%$/);
  for (const line of [pass, bid, ask, base]) assert.ok(line!.length <= 80, line);
});

test('the bot down from 08:40 to 08:57 is a blank stretch in every series', () => {
  const [, pass, bid, , base] = sparklines(minuteHistory(), 80);
  for (const line of [pass!, bid!, base!]) assert.match(line.slice(6, 6 + sparkWidth(80)), /[▁-█] {2}[▁-█]/);
});

test('a minute a column while the history is shorter than the room; the bad minute shows low', () => {
  const history = minuteHistory().slice(-40);
  const [span, pass] = sparklines(history, 80);
  assert.match(span!, /last 40 min, a minute a column/);
  const blocks = pass!.slice(6, 6 + 40);
  assert.equal(blocks.length, 40);
  assert.equal(blocks.replace(/█/g, ''), '▁', 'all full but 11:23 (80 %)');
  assert.equal(blocks.indexOf('▁'), 3, '11:23 is the fourth of the last 40 minutes');
});

test('a wider panel gets more columns and so finer ones', () => {
  const [span] = sparklines(minuteHistory(), 160);
  assert.match(span!, /last 6h, 3 min a column/);
});

test('exactly SPARKLINE_LINES lines, with or without history', () => {
  assert.equal(sparklines(minuteHistory(), 80).length, SPARKLINE_LINES);
  const empty = sparklines([], 80);
  assert.equal(empty.length, SPARKLINE_LINES);
  assert.match(empty[0]!, /^history {2}no minutes recorded yet/);
  assert.doesNotMatch(empty.join('\n'), BLOCKS);
});
