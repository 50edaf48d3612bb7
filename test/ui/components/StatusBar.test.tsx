import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {StatusBar} from '../../../source/ui/components/StatusBar.js';
import {compliantSnapshot, haltedSnapshot, liveSnapshot, pausedSnapshot, T0} from '../fixtures.js';
import {plain} from '../terminal.js';
import type {EngineSnapshot} from '../../../source/engine/view/snapshot.js';
import {statusBarView} from '../../../source/ui/viewModel/statusBarView.js';

afterEach(cleanup);

const bar = (s: EngineSnapshot, now = T0): string => plain(render(<StatusBar view={statusBarView(s, now)} />).lastFrame());

test('the banner names the mode, the pair, the run state, the reset countdown and the uptime', () => {
  assert.equal(bar(compliantSnapshot()), ' SIM  RMVUSDT ref RMV-USDT  RUNNING  reset 12:34  up 3h02m  12:00:00 UTC');
  assert.match(bar(liveSnapshot()), /^ LIVE  RMVUSDT/);
  const paper = compliantSnapshot();
  paper.mode = 'paper';
  assert.match(bar(paper), /^ PAPER  RMVUSDT/);
});

test('halted shows HALTED, for how long and why; paused shows PAUSED', () => {
  assert.match(bar(haltedSnapshot()), /HALTED 4m10s: repeated order errors/);
  assert.match(bar(pausedSnapshot()), / PAUSED /);
});

test('the countdown moves with the clock and reads "due" once the reset time has passed', () => {
  const s = compliantSnapshot();
  assert.match(bar(s, T0 + 60_000), /reset 11:34/);
  assert.match(bar(s, T0 + 800_000), /reset due/);
  s.nextResetAt = null;
  assert.match(bar(s), /reset —/);
});

test('a snapshot that stopped updating is flagged', () => {
  const s = compliantSnapshot();
  s.updatedAt = T0 - 12_000;
  assert.match(bar(s), /RUNNING {2}NO UPDATE 12s {2}reset/);
  assert.doesNotMatch(bar(compliantSnapshot()), /NO UPDATE/);
});
