import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {KeyBar} from '../../source/ui/KeyBar.js';
import {initialKeyState} from '../../source/ui/commandKeys.js';
import {plain} from './terminal.js';

afterEach(cleanup);

test('lists the keys, with p and k naming what they will do now', () => {
  assert.equal(
    plain(render(<KeyBar keys={initialKeyState} paused={false} halted={false} />).lastFrame()),
    'p pause  c cancel all  r reset  k kill  q quit  ? help',
  );
  assert.match(plain(render(<KeyBar keys={initialKeyState} paused halted />).lastFrame()), /^p resume .* k un-halt /);
});

test('a pending confirmation replaces the keys with the question', () => {
  const frame = plain(render(<KeyBar keys={{...initialKeyState, confirming: 'kill'}} paused={false} halted={false} />).lastFrame());
  assert.equal(frame, ' KILL SWITCH: cancel all and halt quoting?   y = yes, any other key = no');
});

test('after quit it says the orders are being cancelled; otherwise the last key is acknowledged', () => {
  assert.equal(
    plain(render(<KeyBar keys={{...initialKeyState, stopping: true}} paused={false} halted={false} />).lastFrame()),
    'stopping: cancelling orders…',
  );
  assert.match(plain(render(<KeyBar keys={{...initialKeyState, note: 'reset sent'}} paused={false} halted={false} />).lastFrame()), /· reset sent$/);
});
