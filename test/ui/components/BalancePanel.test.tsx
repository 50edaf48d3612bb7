import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {BalancePanel} from '../../../source/ui/components/BalancePanel.js';
import {compliantSnapshot} from '../fixtures.js';
import {plain} from '../terminal.js';
import {balanceView} from '../../../source/ui/viewModel/sideStatusView.js';

afterEach(cleanup);

test('shows free and locked balances of both assets and the base ratio', () => {
  const frame = plain(render(<BalancePanel view={balanceView(compliantSnapshot().balances)} />).lastFrame());
  assert.equal(frame, 'RMV free 215,400 lock 88,100  ·  USDT free 2,613 lock 1,165  ·  base ratio 49.8%');
});

test('an unknown ratio reads as a dash, not as 0 %', () => {
  const balances = compliantSnapshot().balances;
  balances.baseRatio = null;
  assert.match(plain(render(<BalancePanel view={balanceView(balances)} />).lastFrame()), /base ratio —$/);
});
