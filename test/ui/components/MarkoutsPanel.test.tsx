import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {MarkoutsPanel} from '../../../source/ui/components/MarkoutsPanel.js';
import type {LedgerView} from '../../../source/engine/view/snapshot.js';
import {MARKOUT_LINES} from '../../../source/ui/viewModel/layout.js';
import {ledgerFill, ledgerView, noFillsSnapshot, T0} from '../fixtures.js';
import {lines, plain} from '../terminal.js';
import {markoutsView} from '../../../source/ui/viewModel/markoutsView.js';

afterEach(cleanup);

const panel = (ledger: LedgerView | null, now = T0 - 100): string[] =>
  lines(plain(render(<MarkoutsPanel view={markoutsView(ledger, now, 6)} />).lastFrame()));

test("today's sums per horizon, adverse selection and what is pending; then the newest fills, newest first", () => {
  const [header, today, ...fills] = panel(ledgerView());
  assert.equal(header, 'markouts USDT               1s     10s     60s  adverse 3.85');
  assert.equal(today, 'today, 31 fills          +0.42   -1.10   -3.85  2 pending');
  assert.deepEqual(fills, [
    '11:59:56 buy    12,000  +0.048 pending pending  @ 0.012331',
    '11:59:40 sell      500 +0.0045 +0.0060 pending  @ 0.012359',
    '11:58:25 buy    20,000  -0.080   -0.18   -0.30  @ 0.012290',
  ]);
});

test('exactly MARKOUT_LINES lines, whatever the ledger holds', () => {
  assert.equal(panel(ledgerView()).length, MARKOUT_LINES);
  assert.equal(panel(noFillsSnapshot().ledger).length, MARKOUT_LINES);
  assert.equal(panel(null).length, MARKOUT_LINES);
  const one = ledgerView();
  one.recentFills = one.recentFills.slice(-1);
  assert.equal(panel(one).length, MARKOUT_LINES);
});

test('a markout never measured (no reference then) reads —, not pending', () => {
  const ledger = ledgerView();
  ledger.recentFills = [ledgerFill(T0 - 1_200_000, 'BUY', 0.01232, 500, [0.012331, 0.012329, null], 't-9012')];
  const [, , fill] = panel(ledger);
  assert.match(fill!, /^11:40:00 buy +500 +\+0\.0055 +\+0\.0045 +— +@ 0\.012320$/);
});

test('without fills, and before the ledger began, it says so', () => {
  const [header, today, none] = panel(noFillsSnapshot().ledger);
  assert.match(header!, /^markouts USDT +1s +10s +60s +adverse 0$/);
  assert.match(today!, /^today, 0 fills +— +— +—$/);
  assert.equal(none, 'no fills yet');
  assert.match(panel(null)[0]!, /^markouts {2}the ledger has not begun/);
});

test('fits half of a 120-column terminal', () => {
  for (const line of panel(ledgerView())) assert.ok(line.length <= 60, line);
});
