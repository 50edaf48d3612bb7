import {test} from 'node:test';
import assert from 'node:assert/strict';
import {initialKeyState, interpretKey, type KeyContext, type KeyState} from '../../../source/ui/viewModel/commandKeys.js';

const running: KeyContext = {paused: false, halted: false};
const press = (state: KeyState, input: string, context = running, ctrl = false) => interpretKey(state, {input, ctrl}, context);

test('p pauses a running engine and resumes a paused one', () => {
  assert.deepEqual(press(initialKeyState, 'p').command, {kind: 'pause'});
  assert.deepEqual(press(initialKeyState, 'p', {paused: true, halted: false}).command, {kind: 'resume'});
});

test('c asks first: y sends cancelAll, n or any other key sends nothing', () => {
  const asked = press(initialKeyState, 'c');
  assert.equal(asked.command, null);
  assert.equal(asked.state.confirming, 'cancelAll');
  assert.deepEqual(press(asked.state, 'y').command, {kind: 'cancelAll'});
  const declined = press(asked.state, 'n');
  assert.equal(declined.command, null);
  assert.equal(declined.state.confirming, null);
  assert.equal(press(asked.state, 'r').command, null, 'a command key during a confirmation only declines');
});

test('k asks for the kill switch, and when halted asks to resume from the halt', () => {
  const kill = press(initialKeyState, 'k');
  assert.equal(kill.state.confirming, 'kill');
  assert.deepEqual(press(kill.state, 'y').command, {kind: 'kill', reason: 'operator'});
  const halted: KeyContext = {paused: false, halted: true};
  const unkill = press(initialKeyState, 'k', halted);
  assert.equal(unkill.state.confirming, 'unkill');
  assert.deepEqual(press(unkill.state, 'y', halted).command, {kind: 'unkill'});
  assert.equal(press(unkill.state, 'n', halted).command, null);
});

test('r resets at once; q quits once and then ignores keys; Ctrl-C quits from anywhere', () => {
  assert.deepEqual(press(initialKeyState, 'r').command, {kind: 'resetNow'});
  const quit = press(initialKeyState, 'q');
  assert.deepEqual(quit.command, {kind: 'quit', reason: 'operator'});
  assert.equal(quit.state.stopping, true);
  assert.equal(press(quit.state, 'q').command, null);
  assert.equal(press(quit.state, 'p').command, null);
  const confirming = press(initialKeyState, 'c').state;
  assert.deepEqual(press(confirming, 'c', running, true).command, {kind: 'quit', reason: 'operator'});
  assert.deepEqual(press(quit.state, 'c', running, true).command, {kind: 'quit', reason: 'operator'}, 'Ctrl-C again is passed on');
});

test('? opens help and the next key only closes it', () => {
  const help = press(initialKeyState, '?');
  assert.equal(help.state.help, true);
  const closed = press(help.state, 'p');
  assert.equal(closed.command, null);
  assert.equal(closed.state.help, false);
});

test('other keys and Ctrl combinations do nothing', () => {
  for (const input of ['x', ' ', '', 'yy']) assert.equal(press(initialKeyState, input).command, null);
  assert.equal(press(initialKeyState, 'p', running, true).command, null);
});
