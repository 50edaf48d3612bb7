import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {SideStatusPanel} from '../../../source/ui/components/SideStatusPanel.js';
import {compliantSnapshot, haltedSnapshot, nonCompliantSnapshot, staleReferenceSnapshot} from '../fixtures.js';
import {plain} from '../terminal.js';
import type {SideStatus} from '../../../source/engine/view/snapshot.js';
import {sideStatusView} from '../../../source/ui/viewModel/sideStatusView.js';

afterEach(cleanup);

const line = (side: 'bid' | 'ask', status: SideStatus): string => plain(render(<SideStatusPanel view={sideStatusView(side, status)} />).lastFrame());

test('a quoting side shows QUOTING and our depth against the target', () => {
  assert.equal(line('bid', compliantSnapshot().sides.bid), 'BID QUOTING 1,311/1,250');
});

test('a side that is not quoting says HELD and why', () => {
  assert.equal(line('ask', staleReferenceSnapshot().sides.ask), 'ASK HELD    1,307/1,250 stale reference');
  assert.match(line('bid', haltedSnapshot().sides.bid), /^BID HELD +0\/1,250 halted: repeated order errors$/);
});

test('a quoting side that cannot reach its target says why', () => {
  assert.equal(line('ask', nonCompliantSnapshot().sides.ask), 'ASK QUOTING 790/1,250 no balance: 790 of 1,250 USDT funded');
});
