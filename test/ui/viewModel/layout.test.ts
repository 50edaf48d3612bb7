import {test} from 'node:test';
import assert from 'node:assert/strict';
import {COUNTER_LINES, FIXED_LINES, historyLines, planLayout, type ConsoleLayout} from '../../../source/ui/viewModel/layout.js';

/** The frame height a plan produces (every panel renders exactly its lines). */
const frameLines = (plan: ConsoleLayout): number =>
  FIXED_LINES +
  2 * plan.bookLevels +
  plan.eventLines +
  (plan.orderRows > 0 ? 1 + plan.orderRows : 0) +
  (plan.showCounters ? COUNTER_LINES : 0) +
  historyLines(plan);

test('at 80x24 the frame leaves the last line free: the P&L line, three levels, three events, no markouts or sparklines', () => {
  const plan = planLayout(80, 24);
  assert.equal(frameLines(plan), 23);
  assert.equal(plan.bookLevels, 3);
  assert.equal(plan.eventLines, 3);
  assert.equal(plan.orderRows, 0);
  assert.equal(plan.showMarkouts, false);
  assert.equal(plan.showSparklines, false);
  assert.equal(plan.wide, false);
  assert.equal(plan.leftWidth, 40);
});

test('every terminal from 24 to 80 rows, narrow or wide, gets a frame shorter than the terminal', () => {
  for (const columns of [80, 119, 120, 160]) {
    for (let rows = 24; rows <= 80; rows += 1) {
      const plan = planLayout(columns, rows);
      assert.ok(frameLines(plan) <= rows - 1, `${columns}x${rows}: ${frameLines(plan)} lines`);
    }
  }
});

test('short of room the sparklines drop first, then the markouts, then book levels below four', () => {
  for (let rows = 24; rows <= 80; rows += 1) {
    const plan = planLayout(80, rows);
    if (plan.showSparklines) assert.ok(plan.showMarkouts, `${rows} rows: sparklines without markouts`);
    if (plan.showMarkouts) assert.ok(plan.bookLevels >= 4 && plan.eventLines >= 2, `${rows} rows: markouts before four levels`);
  }
  assert.deepEqual(pick(planLayout(80, 30)), {showMarkouts: true, showSparklines: false, bookLevels: 4});
  assert.deepEqual(pick(planLayout(80, 35)), {showMarkouts: true, showSparklines: true, bookLevels: 4});
  assert.deepEqual(pick(planLayout(80, 29)), {showMarkouts: false, showSparklines: false, bookLevels: 6}, 'one line short: the levels get it');
});

test('a wide terminal puts the sparklines beside the markouts: both or neither', () => {
  for (let rows = 24; rows <= 80; rows += 1) {
    const plan = planLayout(160, rows);
    assert.equal(plan.showMarkouts, plan.showSparklines, `160x${rows}`);
    assert.equal(plan.historyBesideMarkouts, true);
  }
  const plan = planLayout(160, 48);
  assert.equal(plan.showMarkouts && plan.showSparklines, true, 'everything at 160x48');
  assert.equal(plan.showCounters, true);
  assert.ok(plan.orderRows > 0);
  assert.equal(frameLines(plan), 47);
});

test('a larger terminal gets more levels, an order table, counters and wide columns', () => {
  const small = planLayout(80, 24);
  const large = planLayout(140, 50);
  assert.ok(large.bookLevels > small.bookLevels);
  assert.ok(large.orderRows > 0);
  assert.equal(large.showCounters, true);
  assert.equal(large.wide, true);
  assert.ok(planLayout(80, 70).eventLines > small.eventLines);
});

test('an unknown size (not a TTY) plans for 80x24', () => {
  assert.deepEqual(planLayout(undefined, undefined), planLayout(80, 24));
  assert.deepEqual(planLayout(0, 0), planLayout(80, 24));
});

function pick(plan: ConsoleLayout): Pick<ConsoleLayout, 'showMarkouts' | 'showSparklines' | 'bookLevels'> {
  return {showMarkouts: plan.showMarkouts, showSparklines: plan.showSparklines, bookLevels: plan.bookLevels};
}
