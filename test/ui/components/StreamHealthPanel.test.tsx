import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {StreamHealthPanel} from '../../../source/ui/components/StreamHealthPanel.js';
import {compliantSnapshot, staleReferenceSnapshot, T0} from '../fixtures.js';
import {plain} from '../terminal.js';
import {streamHealthView} from '../../../source/ui/viewModel/streamHealthView.js';

afterEach(cleanup);

test('healthy streams read in lower case', () => {
  const frame = plain(render(<StreamHealthPanel view={streamHealthView(compliantSnapshot().streams, T0, false)} />).lastFrame());
  assert.equal(frame, 'streams  kucoin live  mexc live  user live  key live  rest live');
});

test('a troubled stream reads in capitals with the age of its last message, and its reason when wide', () => {
  const streams = staleReferenceSnapshot().streams;
  streams['mexc.user'] = {state: 'down', reason: 'listen key expired', lastMessageAt: null};
  const narrow = plain(render(<StreamHealthPanel view={streamHealthView(streams, T0, false)} />).lastFrame());
  assert.equal(narrow, 'streams  kucoin STALE 14s  mexc live  user DOWN  key live  rest live');
  const wide = plain(render(<StreamHealthPanel view={streamHealthView(streams, T0, true)} />).lastFrame());
  assert.match(wide, /kucoin STALE 14s \(no message for 14s\).*user DOWN \(listen key expired\)/);
});
