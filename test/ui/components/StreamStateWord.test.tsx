import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {streamWord} from '../../../source/ui/components/StreamStateWord.js';
import {StreamHealthPanel} from '../../../source/ui/components/StreamHealthPanel.js';
import {compliantSnapshot, T0} from '../fixtures.js';
import {plain} from '../terminal.js';
import {streamHealthView} from '../../../source/ui/viewModel/streamHealthView.js';

afterEach(cleanup);

test('polling (WebSocket down, book from REST) has its own word and colour, apart from live and the failures', () => {
  const polling = streamWord('polling', true);
  assert.equal(polling.word, 'POLLING');
  for (const other of ['live', 'connecting', 'syncing', 'stale', 'down'] as const) {
    const word = streamWord(other, true);
    assert.notEqual(word.word, polling.word);
    assert.notEqual(word.tone, polling.tone, `${other} shares the polling colour`);
  }
});

test('the stream line shows mexc POLLING, and its reason when wide', () => {
  const streams = compliantSnapshot().streams;
  const reason = 'WebSocket down (refused); REST snapshots every 2s';
  streams['mexc.book'] = {state: 'polling', reason, lastMessageAt: T0 - 1_000};
  const narrow = plain(render(<StreamHealthPanel view={streamHealthView(streams, T0, false)} />).lastFrame());
  assert.equal(narrow, 'streams  kucoin live  mexc POLLING 1s  user live  key live  rest live');
  const wide = plain(render(<StreamHealthPanel view={streamHealthView(streams, T0, true)} />).lastFrame());
  assert.ok(wide.includes(`mexc POLLING 1s (${reason})`), wide);
});
