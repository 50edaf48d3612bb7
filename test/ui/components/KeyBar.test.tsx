import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {KeyBar} from '../../../source/ui/components/KeyBar.js';
import {describeCommand, initialKeyState} from '../../../source/ui/viewModel/commandKeys.js';
import type {OperatorCommand} from '../../../source/engine/operatorCommand.js';
import {plain, renderAt} from '../terminal.js';

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

test('every acknowledgement fits next to the keys at 80 columns, even when halted', () => {
  const commands: OperatorCommand[] = [
    {kind: 'pause'},
    {kind: 'resume'},
    {kind: 'cancelAll'},
    {kind: 'resetNow'},
    {kind: 'kill', reason: 'operator'},
    {kind: 'unkill'},
    {kind: 'quit', reason: 'operator'},
  ];
  const notes = [...commands.map(describeCommand), 'nothing sent'];
  for (const note of notes) {
    const frame = plain(renderAt(<KeyBar keys={{...initialKeyState, note}} paused halted />, 80, 24).lastFrame());
    assert.ok(frame.endsWith(`· ${note}`) && frame.length <= 80, frame);
  }
});
