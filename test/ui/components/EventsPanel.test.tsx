import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {EventsPanel, eventsToShow} from '../../../source/ui/components/EventsPanel.js';
import {compliantSnapshot, haltedSnapshot} from '../fixtures.js';
import {lines, plain} from '../terminal.js';
import {eventsView} from '../../../source/ui/viewModel/eventsView.js';

afterEach(cleanup);

test('shows the newest events first with time and level, exactly the lines it is given', () => {
  const s = compliantSnapshot();
  const rows = lines(plain(render(<EventsPanel view={eventsView(s.recentEvents, null, 4)} />).lastFrame()));
  assert.deepEqual(rows, [
    '11:59:56 WARN order mm1-b-0006 rejected: 30005 oversold',
    '11:59:40 info fill SELL 500 RMV @ 0.012359 (maker)',
    '11:58:55 info reset: 10 orders rebuilt level by level',
    '',
  ]);
});

test('the last error joins the events once, as an error', () => {
  const s = haltedSnapshot();
  const merged = eventsToShow(s.recentEvents, s.lastError);
  assert.equal(merged.filter((event) => event.level === 'error').length, 1);
  const again = eventsToShow([...merged], s.lastError);
  assert.equal(again.length, merged.length);
  const rows = lines(plain(render(<EventsPanel view={eventsView([], s.lastError, 2)} />).lastFrame()));
  assert.equal(rows[0], '11:55:49 ERR  placing order: code 30004 insufficient position');
});

test('no events yet says so', () => {
  const rows = lines(plain(render(<EventsPanel view={eventsView([], null, 2)} />).lastFrame()));
  assert.deepEqual(rows, ['no events yet', '']);
});
