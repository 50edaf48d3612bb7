import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {HelpOverlay} from '../../../source/ui/components/HelpOverlay.js';
import {lines, plain} from '../terminal.js';

afterEach(cleanup);

test('explains every key and the screen within 80x24', () => {
  const frame = plain(render(<HelpOverlay />).lastFrame());
  for (const key of ['p', 'c', 'r', 'k', 'q', '?']) assert.match(frame, new RegExp(`^ {2}${key === '?' ? '\\?' : key} `, 'm'));
  assert.match(frame, /Ctrl-C/);
  assert.match(frame, /press any key to close/);
  assert.ok(lines(frame).length <= 22, 'leaves room for the key bar');
  assert.ok(lines(frame).every((line) => line.length <= 80));
});
