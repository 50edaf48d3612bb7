import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {PnlLine} from '../../../source/ui/components/PnlLine.js';
import type {LedgerView} from '../../../source/engine/view/snapshot.js';
import {compliantSnapshot, ledgerView, noFillsSnapshot} from '../fixtures.js';
import {plain} from '../terminal.js';
import {pnlView} from '../../../source/ui/viewModel/pnlView.js';

afterEach(cleanup);

const line = (ledger: LedgerView | null, wide = false): string =>
  plain(
    render(
      <Box width={wide ? 160 : 80}>
        <PnlLine view={pnlView(ledger, 'RMV', wide)} />
      </Box>,
    ).lastFrame(),
  );

test("today's cost of compliance, fees and fills, the base change and the base ratio start→now, in 80 columns", () => {
  const text = line(ledgerView());
  assert.equal(text, 'P&L today  vs hold -3.42  fees 1.01  31 fills  RMV +12,400  base 47.8→49.8%');
  assert.ok(text.length <= 80);
});

test('a wide terminal adds turnover, mark-to-market and the since-start figure', () => {
  const ledger = ledgerView();
  ledger.sinceStart = {...ledger.sinceStart, vsHold: -12.5, fills: 240};
  assert.match(line(ledger, true), /base 47\.8→49\.8% {2}turnover 5,031 {2}mtm -7\.86 {2}since start vs hold -12\.50 over 240 fills$/);
});

test('a gain reads with its sign; a base reduction too', () => {
  const ledger = ledgerView();
  ledger.today = {...ledger.today, vsHold: 0.8};
  ledger.now = {...ledger.now, base: ledger.start.base - 500};
  assert.match(line(ledger), /vs hold \+0\.80 .* RMV -500 /);
});

test('before any fill it says so; before the ledger began the line is blank', () => {
  assert.equal(line(noFillsSnapshot().ledger), 'P&L: no fills yet');
  assert.equal(line(null).trim(), '');
  assert.equal(line(null).split('\n').length, 1, 'the line keeps its place');
});

test('a new UTC day without fills yet still shows the figures (the inventory moved yesterday)', () => {
  const ledger = compliantSnapshot().ledger!;
  ledger.today = {...ledger.today, fills: 0, fees: 0, vsHold: -0.12};
  assert.match(line(ledger), /^P&L today {2}vs hold -0\.12 {2}fees 0 {2}0 fills {2}RMV \+12,400/);
});
