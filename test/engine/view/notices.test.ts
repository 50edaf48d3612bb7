import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Notices} from '../../../source/engine/view/notices.js';
import type {RecentEvent} from '../../../source/engine/view/snapshot.js';
import {makeState, T0} from '../engineFixtures.js';

function setup(clock = () => -1) {
  const state = makeState();
  const output: RecentEvent[] = [];
  const notices = new Notices(state, (e) => output.push(e), clock);
  return {state, output, notices};
}

test('info and warn are output and remembered at the engine time, with their level', () => {
  const {state, output, notices} = setup();
  notices.info('ladder reset');
  state.now = T0 + 1000;
  notices.warn('reference stale');
  const expected = [
    {at: T0, level: 'info', text: 'ladder reset'},
    {at: T0 + 1000, level: 'warn', text: 'reference stale'},
  ];
  assert.deepEqual(output, expected);
  assert.deepEqual(state.recentEvents, expected);
  assert.equal(state.counters.errors, 0);
  assert.equal(state.lastError, null);
});

test('error counts the error and remembers it as the last one', () => {
  const {state, output, notices} = setup();
  notices.error('place failed: timeout');
  state.now = T0 + 5;
  notices.error('cancel failed: 500');
  assert.equal(state.counters.errors, 2);
  assert.deepEqual(state.lastError, {at: T0 + 5, message: 'cancel failed: 500'});
  assert.deepEqual(output, [
    {at: T0, level: 'error', text: 'place failed: timeout'},
    {at: T0 + 5, level: 'error', text: 'cancel failed: 500'},
  ]);
});

test('before the engine has a time the clock stamps the notice', () => {
  const {state, output, notices} = setup(() => 42);
  state.now = 0;
  notices.notice('warn', 'starting');
  assert.deepEqual(output, [{at: 42, level: 'warn', text: 'starting'}]);
});

test('remember shows a notice without outputting it again', () => {
  const {state, output, notices} = setup();
  const event = notices.remember('warn', 'ws reconnect', T0 - 10);
  assert.deepEqual(event, {at: T0 - 10, level: 'warn', text: 'ws reconnect'});
  assert.deepEqual(state.recentEvents, [event]);
  assert.deepEqual(output, []);
});

test('the recent events keep the latest 50, oldest dropped first', () => {
  const {state, output, notices} = setup();
  for (let i = 0; i < 53; i++) notices.info(`n${i}`);
  assert.equal(state.recentEvents.length, 50);
  assert.deepEqual(state.recentEvents.map((e) => e.text), Array.from({length: 50}, (_, i) => `n${i + 3}`));
  assert.equal(output.length, 53); // every notice is still output
  const justFull = setup();
  for (let i = 0; i < 50; i++) justFull.notices.info(`n${i}`);
  assert.deepEqual([justFull.state.recentEvents.length, justFull.state.recentEvents[0]!.text], [50, 'n0']);
});
