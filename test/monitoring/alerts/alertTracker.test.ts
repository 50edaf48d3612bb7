import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {ConditionKey, Observation} from '../../../source/monitoring/alerts/alertConditions.js';
import {
  conditionEvents,
  initialTrackerState,
  trackAlerts,
  trackerSettings,
  type ConditionEvent,
  type TrackerSettings,
  type TrackerState,
} from '../../../source/monitoring/alerts/alertTracker.js';
import type {StreamName, StreamState} from '../../../source/engine/view/snapshot.js';

const settings = trackerSettings({complianceGraceSec: 300, streamDownSec: 120, fundingGraceSec: 600, reminderMin: 60});
const SEC = 1000;
const t0 = Date.parse('2026-12-03T03:00:00.000Z');

const failing = (since: number | null): Observation => ({status: 'holds', key: 'compliance', since, details: {kind: 'compliance', reason: 'ask depth 870 < 1000', lastHourPct: 97.2}});
const passing: Observation = {status: 'clear', key: 'compliance', details: {kind: 'compliance', reason: null, lastHourPct: 99.5}};
const halted = (since: number): Observation => ({status: 'holds', key: 'halted', since, details: {kind: 'halted', reason: 'kill switch: 3 unknown outcomes'}});
const running: Observation = {status: 'clear', key: 'halted', details: null};
const stream = (name: StreamName, state: StreamState): Observation => {
  const key: ConditionKey = `stream:${name}`;
  const details = {kind: 'stream' as const, stream: name, state, reason: state === 'live' ? null : 'socket closed'};
  if (state === 'down' || state === 'stale') return {status: 'holds', key, since: null, details};
  return {status: state === 'live' || state === 'polling' ? 'clear' : 'unsure', key, details};
};
const short = (side: 'bid' | 'ask', shortfallUsdt: number): Observation => ({
  status: 'holds',
  key: `funding:${side}`,
  since: null,
  details: {kind: 'funding', side, shortfallUsdt, targetUsdt: 1250, reason: 'not enough USDT'},
});
const funded = (side: 'bid' | 'ask'): Observation => ({status: 'clear', key: `funding:${side}`, details: {kind: 'funding', side, shortfallUsdt: 0, targetUsdt: 1250, reason: null}});
const notQuoting = (side: 'bid' | 'ask'): Observation => ({status: 'unsure', key: `funding:${side}`, details: null});

/** Runs the tracker once a second from `from` to `to` (seconds after t0), observing what `at(sec)` says. */
function run(at: (sec: number) => Observation[], from: number, to: number, options: {state?: TrackerState; settings?: TrackerSettings} = {}) {
  let state = options.state ?? initialTrackerState();
  const events: (ConditionEvent & {sec: number})[] = [];
  for (let sec = from; sec <= to; sec++) {
    const step = trackAlerts(state, at(sec), t0 + sec * SEC, options.settings ?? settings);
    state = step.state;
    events.push(...step.events.map((e) => ({...e, sec})));
  }
  return {state, events};
}

const names = (events: ConditionEvent[]): string[] => events.map((e) => `${e.event}${e.reminder ? ' (reminder)' : ''}`);

test('compliance failing is announced once, only after it has failed for longer than complianceGraceSec', () => {
  const {events} = run(() => [failing(t0)], 0, 400);
  assert.deepEqual(names(events), ['complianceFailing']);
  assert.equal(events[0]!.sec, 301);
  assert.equal(events[0]!.durationMs, 301 * SEC);
});

test('the failing streak the snapshot reports counts, not when the tracker first saw it', () => {
  // the bot was restarted (or the alerter started) into a failure that began 400 s ago
  const {events} = run(() => [failing(t0 - 400 * SEC)], 0, 0);
  assert.deepEqual(names(events), ['complianceFailing']);
  assert.equal(events[0]!.durationMs, 400 * SEC);
});

test('a failure that passes again within its grace sends nothing at all', () => {
  const {events} = run((sec) => (sec < 200 ? [failing(t0)] : [passing]), 0, 1000);
  assert.deepEqual(events, []);
});

test('complianceRecovered follows an announced failure once, with how long it failed', () => {
  const {events} = run((sec) => (sec < 500 ? [failing(t0)] : [passing]), 0, 800);
  assert.deepEqual(names(events), ['complianceFailing', 'complianceRecovered']);
  assert.equal(events[1]!.sec, 500);
  assert.equal(events[1]!.durationMs, 500 * SEC);
  assert.equal(events[1]!.after?.kind === 'compliance' && events[1]!.after.lastHourPct, 99.5);
});

test('while a condition lasts, reminders go out every reminderMin minutes and no more often', () => {
  const {events} = run(() => [failing(t0)], 0, 3 * 3600);
  assert.deepEqual(names(events), ['complianceFailing', 'complianceFailing (reminder)', 'complianceFailing (reminder)']);
  assert.deepEqual(
    events.map((e) => e.sec),
    [301, 301 + 3600, 301 + 7200],
  );
});

test('reminderMin 0 turns reminders off', () => {
  const quiet = trackerSettings({complianceGraceSec: 300, streamDownSec: 120, fundingGraceSec: 600, reminderMin: 0});
  const {events} = run(() => [failing(t0)], 0, 5 * 3600, {settings: quiet});
  assert.deepEqual(names(events), ['complianceFailing']);
});

test('a halt is announced at once, and resumed once when it clears', () => {
  const {events} = run((sec) => (sec >= 10 && sec < 70 ? [halted(t0 + 10 * SEC)] : [running]), 0, 200);
  assert.deepEqual(names(events), ['halted', 'resumed']);
  assert.deepEqual(
    events.map((e) => [e.sec, e.durationMs]),
    [
      [10, 0],
      [70, 60 * SEC],
    ],
  );
  assert.equal(events[1]!.details.kind === 'halted' && events[1]!.details.reason, 'kill switch: 3 unknown outcomes');
});

test('each stream has its own outage: its own grace, announcement and recovery', () => {
  const {events} = run(
    (sec) => [stream('mexc.book', sec < 300 ? 'down' : 'live'), stream('kucoin.book', sec >= 60 && sec < 500 ? 'stale' : 'live'), stream('mexc.user', 'live')],
    0,
    600,
  );
  assert.deepEqual(
    events.map((e) => `${e.sec} ${e.event} ${e.key}`),
    ['121 streamDown stream:mexc.book', '181 streamDown stream:kucoin.book', '300 streamRecovered stream:mexc.book', '500 streamRecovered stream:kucoin.book'],
  );
});

test('a stream that keeps reconnecting (down, connecting, down, …) is one outage, announced after streamDownSec', () => {
  const states: StreamState[] = ['down', 'connecting', 'syncing'];
  const {events} = run((sec) => [stream('mexc.user', sec < 400 ? states[sec % 3]! : 'live')], 0, 450);
  assert.deepEqual(names(events), ['streamDown', 'streamRecovered']);
  assert.equal(events[0]!.sec, 121);
  assert.equal(events[1]!.durationMs, 400 * SEC);
});

test('a stream that is only connecting (start-up) never counts as down', () => {
  const {events} = run((sec) => [stream('kucoin.book', sec < 500 ? 'connecting' : 'live')], 0, 600);
  assert.deepEqual(events, []);
});

test('the REST fallback (polling) ends a book outage', () => {
  const {events} = run((sec) => [stream('mexc.book', sec < 200 ? 'down' : 'polling')], 0, 300);
  assert.deepEqual(names(events), ['streamDown', 'streamRecovered']);
});

test('each side is funded on its own, after fundingGraceSec', () => {
  const {events} = run((sec) => [sec < 700 ? short('bid', 420) : funded('bid'), sec >= 100 ? short('ask', 80) : funded('ask')], 0, 800);
  assert.deepEqual(
    events.map((e) => `${e.sec} ${e.event} ${e.key}`),
    ['601 cannotFund funding:bid', '700 funded funding:bid', '701 cannotFund funding:ask'],
  );
});

test('a side that stops quoting for another reason is neither short nor funded: the shortage goes on', () => {
  const {events} = run((sec) => [sec < 300 ? short('ask', 420) : sec < 900 ? notQuoting('ask') : funded('ask')], 0, 1000);
  assert.deepEqual(
    events.map((e) => `${e.sec} ${e.event}`),
    ['601 cannotFund', '900 funded'],
  );
});

test('without a snapshot nothing is known to change: an announced condition neither recovers nor restarts', () => {
  const first = run(() => [halted(t0)], 0, 5);
  const gap = run(() => [], 6, 100, {state: first.state});
  assert.deepEqual(names(gap.events), []);
  const back = run(() => [running], 101, 101, {state: gap.state});
  assert.deepEqual(names(back.events), ['resumed']);
  assert.equal(back.events[0]!.durationMs, 101 * SEC);
});

test('the tracker does not change the state it is given (explicit state, pure step)', () => {
  const state = run(() => [failing(t0)], 0, 10).state;
  const frozen = structuredClone(state);
  trackAlerts(state, [passing, halted(t0)], t0 + 20 * SEC, settings);
  assert.deepEqual(state, frozen);
});

// --- a property over random histories -------------------------------------------------------------

const keys: ConditionKey[] = ['compliance', 'halted', 'stream:mexc.book', 'funding:bid'];
const observationFor = (key: ConditionKey, status: 'holds' | 'clear' | 'unsure', now: number): Observation => {
  switch (key) {
    case 'compliance':
      return status === 'holds' ? failing(null) : status === 'clear' ? passing : {status, key, details: null};
    case 'halted':
      return status === 'holds' ? halted(now) : {status, key, details: null};
    case 'stream:mexc.book':
      return stream('mexc.book', status === 'holds' ? 'down' : status === 'clear' ? 'live' : 'connecting');
    default:
      return status === 'holds' ? short('bid', 10) : status === 'clear' ? funded('bid') : notQuoting('bid');
  }
};

test('property: per condition, announcements and recoveries alternate, reminders fall inside and are spaced, grace is honoured', () => {
  const step = fc.record({
    advanceSec: fc.integer({min: 0, max: 900}),
    // undefined: no snapshot at all this tick
    statuses: fc.option(fc.array(fc.constantFrom('holds' as const, 'clear' as const, 'unsure' as const), {minLength: keys.length, maxLength: keys.length}), {nil: undefined}),
  });
  const timing = fc.record({
    complianceGraceSec: fc.integer({min: 1, max: 600}),
    streamDownSec: fc.integer({min: 1, max: 600}),
    fundingGraceSec: fc.integer({min: 1, max: 600}),
    reminderMin: fc.constantFrom(0, 1, 5, 60),
  });
  fc.assert(
    fc.property(timing, fc.array(step, {minLength: 1, maxLength: 120}), (alerts, steps) => {
      const s = trackerSettings(alerts);
      let state = initialTrackerState();
      let now = t0;
      const log: ConditionEvent[] = [];
      for (const {advanceSec, statuses} of steps) {
        now += advanceSec * SEC;
        const observations = statuses === undefined ? [] : keys.map((key, i) => observationFor(key, statuses[i]!, now));
        const result = trackAlerts(state, observations, now, s);
        state = result.state;
        log.push(...result.events);
      }
      for (const key of keys) {
        const mine = log.filter((e) => e.key === key);
        const kind = key.split(':')[0] as keyof typeof conditionEvents;
        let open = false;
        let lastSent = -Infinity;
        for (const e of mine) {
          if (e.event === conditionEvents[kind].begins && !e.reminder) {
            assert.equal(open, false, `${key}: announced twice without a recovery between`);
            const grace = s.graceMs[kind];
            if (grace > 0) assert.ok(e.durationMs > grace, `${key}: announced after ${e.durationMs} ms, grace ${grace}`);
            open = true;
            lastSent = e.at;
          } else if (e.reminder) {
            assert.equal(open, true, `${key}: a reminder outside a condition`);
            assert.ok(s.reminderMs > 0 && e.at - lastSent >= s.reminderMs, `${key}: reminder too soon`);
            lastSent = e.at;
          } else {
            assert.equal(e.event, conditionEvents[kind].ends);
            assert.equal(open, true, `${key}: recovered without having been announced`);
            open = false;
          }
        }
      }
    }),
    {numRuns: 300},
  );
});
