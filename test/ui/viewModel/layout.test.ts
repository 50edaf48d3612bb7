import {test} from 'node:test';
import assert from 'node:assert/strict';
import {COUNTER_LINES, FIXED_LINES, planLayout, type ConsoleLayout} from '../../../source/ui/viewModel/layout.js';

/** The frame height a plan produces (every panel renders exactly its lines). */
const frameLines = (plan: ConsoleLayout): number =>
  FIXED_LINES + 2 * plan.bookLevels + plan.eventLines + (plan.orderRows > 0 ? 1 + plan.orderRows : 0) + (plan.showCounters ? COUNTER_LINES : 0);

test('at 80x24 the frame leaves the last line free and still shows four levels and two events', () => {
  const plan = planLayout(80, 24);
  assert.equal(frameLines(plan), 23);
  assert.equal(plan.bookLevels, 4);
  assert.equal(plan.eventLines, 2);
  assert.equal(plan.orderRows, 0);
  assert.equal(plan.wide, false);
  assert.equal(plan.leftWidth, 40);
});

test('every terminal height from 24 to 80 rows gets a frame shorter than the terminal', () => {
  for (let rows = 24; rows <= 80; rows += 1) {
    const plan = planLayout(80, rows);
    assert.ok(frameLines(plan) <= rows - 1, `rows ${rows}: ${frameLines(plan)} lines`);
  }
});

test('a larger terminal gets more levels, an order table, counters and wide columns', () => {
  const small = planLayout(80, 24);
  const large = planLayout(140, 50);
  assert.ok(large.bookLevels > small.bookLevels);
  assert.ok(large.orderRows > 0);
  assert.equal(large.showCounters, true);
  assert.equal(large.wide, true);
  assert.ok(planLayout(80, 60).eventLines > small.eventLines);
});

test('an unknown size (not a TTY) plans for 80x24', () => {
  assert.deepEqual(planLayout(undefined, undefined), planLayout(80, 24));
  assert.deepEqual(planLayout(0, 0), planLayout(80, 24));
});
