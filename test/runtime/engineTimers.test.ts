import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseConfig} from '../../source/config/loadConfig.js';
import type {EngineEvent, TimerName} from '../../source/engine/events.js';
import {CONSOLE_SNAPSHOT_MS, EngineTimers, HEADLESS_SNAPSHOT_MS, TimerSchedule, timerPeriods} from '../../source/runtime/engineTimers.js';

const config = parseConfig({});

/** the timers due at each tick of `schedule` from `start`, for `ticks` ticks */
function dueByTick(schedule: TimerSchedule, start: number, ticks: number, jitterMs = 0): TimerName[][] {
  return Array.from({length: ticks}, (_, i) => schedule.due(start + (i + 1) * schedule.tickMs + (i % 2 === 0 ? jitterMs : -jitterMs)));
}

test('headless: one tick a second; each timer is due once per period, the 2 s depth check every other tick', () => {
  const schedule = new TimerSchedule(timerPeriods(config, HEADLESS_SNAPSHOT_MS), 0);
  assert.equal(schedule.tickMs, 1000);
  const ticks = dueByTick(schedule, 0, 10);
  const count = (timer: TimerName) => ticks.filter((due) => due.includes(timer)).length;
  assert.equal(count('snapshot'), 10);
  assert.equal(count('complianceSample'), 10);
  assert.equal(count('staleCheck'), 10);
  assert.equal(count('stateFlush'), 10 / config.timers.stateFlushSec);
  assert.equal(count('depthCheck'), 5);
  assert.equal(count('reset'), 2);
  assert.equal(count('reconcile'), 0, 'every 60 s');
  const flushEvery = config.timers.stateFlushSec;
  assert.deepEqual(ticks[1], ['complianceSample', 'depthCheck', 'staleCheck', ...(2 % flushEvery === 0 ? ['stateFlush'] : []), 'snapshot'], 'second 2, in the fixed order');
});

test('under the console the tick is the 200 ms snapshot; the one-second timers come every fifth tick', () => {
  const schedule = new TimerSchedule(timerPeriods(config, CONSOLE_SNAPSHOT_MS), 0);
  assert.equal(schedule.tickMs, 200);
  const ticks = dueByTick(schedule, 0, 25);
  assert.equal(ticks.filter((due) => due.includes('snapshot')).length, 25);
  assert.deepEqual(
    ticks.map((due, i) => (due.includes('complianceSample') ? i + 1 : null)).filter((i) => i !== null),
    [5, 10, 15, 20, 25],
  );
});

test('a tick a few milliseconds early or late neither skips nor doubles a timer', () => {
  const schedule = new TimerSchedule(timerPeriods(config, HEADLESS_SNAPSHOT_MS), 1_000_000);
  const ticks = dueByTick(schedule, 1_000_000, 60, 7);
  assert.equal(ticks.filter((due) => due.includes('complianceSample')).length, 60);
  assert.equal(ticks.filter((due) => due.includes('depthCheck')).length, 30);
  assert.equal(ticks.filter((due) => due.includes('reconcile')).length, 1);
});

test('after a stall the overdue timers fire once, not once per missed period', () => {
  const schedule = new TimerSchedule([{timer: 'complianceSample', ms: 1000}, {timer: 'reconcile', ms: 60_000}], 0);
  assert.deepEqual(schedule.due(1000), ['complianceSample']);
  assert.deepEqual(schedule.due(125_000), ['complianceSample', 'reconcile'], 'a 124 s stall');
  assert.deepEqual(schedule.due(126_000), ['complianceSample']);
  assert.deepEqual(schedule.due(180_000), ['complianceSample', 'reconcile']);
});

test('timers due together are pushed in one tick, with the request counters before the snapshot', (t) => {
  t.mock.timers.enable({apis: ['setInterval']});
  const events: EngineEvent[] = [];
  let now = 0;
  const timers = new EngineTimers(config, (event) => events.push(event), () => now, () => ({requests: 7, throttled: 1, rateLimited: 0, blockedUntil: null}), HEADLESS_SNAPSHOT_MS);
  timers.start();
  now = 1000;
  t.mock.timers.tick(1000);
  assert.deepEqual(
    events.map((e) => (e.type === 'timer' ? e.timer : e.type)),
    ['request.counters', 'complianceSample', 'staleCheck', ...(config.timers.stateFlushSec === 1 ? ['stateFlush'] : []), 'snapshot'],
  );
  assert.ok(events.every((e) => e.at === 1000));
  timers.stop();
  events.length = 0;
  now = 2000;
  t.mock.timers.tick(1000);
  assert.deepEqual(events, [], 'stopped: nothing is pushed');
});

test('a period of zero is refused (it would spin)', () => {
  assert.throws(() => new TimerSchedule([{timer: 'snapshot', ms: 0}], 0), /positive period/);
});
