import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {EngineEvent} from '../../../source/engine/events.js';
import {StreamSupervisor, type StreamSupervisorOptions} from '../../../source/exchanges/shared/streamSupervisor.js';

function setup(extra: Partial<StreamSupervisorOptions> = {}) {
  const events: EngineEvent[] = [];
  const logs: string[] = [];
  let clock = 1000;
  const supervisor = new StreamSupervisor({
    label: 'test.stream',
    stream: 'mexc.book',
    log: (level, msg) => logs.push(`${level} ${msg}`),
    now: () => clock,
    reconnectBaseMs: 10,
    reconnectMaxMs: 20,
    random: () => 1,
    ...extra,
  });
  return {supervisor, events, logs, sink: (e: EngineEvent) => void events.push(e), tick: (ms: number) => (clock += ms)};
}

test('a connection event only when state or reason changed, per stream name', () => {
  const {supervisor, events, sink} = setup();
  supervisor.start(sink);
  supervisor.setState('mexc.user', 'connecting', null);
  supervisor.setState('mexc.user', 'connecting', null);
  supervisor.setState('mexc.listenKey', 'connecting', null);
  supervisor.setState('mexc.user', 'connecting', 'again');
  supervisor.setState('mexc.user', 'live', 'again', 5);
  assert.deepEqual(events, [
    {type: 'connection', stream: 'mexc.user', state: 'connecting', reason: null, at: 1000},
    {type: 'connection', stream: 'mexc.listenKey', state: 'connecting', reason: null, at: 1000},
    {type: 'connection', stream: 'mexc.user', state: 'connecting', reason: 'again', at: 1000},
    {type: 'connection', stream: 'mexc.user', state: 'live', reason: 'again', at: 5},
  ]);
  assert.deepEqual(supervisor.health('mexc.user'), {state: 'live', reason: 'again'});
  assert.equal(supervisor.health('kucoin.book'), null);
});

test('a malformed frame is counted, warned about (rate-limited) and reported as exactly one stream.malformed', () => {
  const {supervisor, events, logs, sink} = setup();
  supervisor.start(sink);
  for (let i = 1; i <= 200; i++) supervisor.malformed(`frame ${i}`);
  assert.equal(supervisor.malformedFrames, 200);
  assert.equal(events.length, 200);
  assert.deepEqual(events[0], {type: 'stream.malformed', stream: 'mexc.book', reason: 'frame 1', at: 1000});
  assert.ok(events.every((e) => e.type === 'stream.malformed' && e.stream === 'mexc.book'));
  // the first ten, then every 100th
  assert.equal(logs.length, 12);
  assert.equal(logs[0], 'warn test.stream: malformed frame (1 so far): frame 1');
  assert.equal(logs.at(-1), 'warn test.stream: malformed frame (200 so far): frame 200');
});

test('a feed the engine does not track counts and logs malformed frames but reports none', () => {
  const {supervisor, events, logs} = setup({stream: null});
  supervisor.start(null);
  supervisor.malformed('bad');
  assert.equal(supervisor.malformedFrames, 1);
  assert.equal(events.length, 0);
  assert.equal(logs.length, 1);
});

test('a throwing sink is caught, counted and logged', () => {
  const {supervisor, logs} = setup();
  supervisor.start(() => {
    throw new Error('engine bug');
  });
  supervisor.setState('mexc.book', 'live', null);
  assert.equal(supervisor.sinkErrors, 1);
  assert.deepEqual(logs, ['error test.stream: event sink threw on connection: engine bug']);
});

test('start twice is refused; stop keeps the sink until detach', () => {
  const {supervisor, events, sink} = setup();
  assert.equal(supervisor.start(sink), true);
  assert.equal(supervisor.start(() => assert.fail('second sink')), false);
  assert.equal(supervisor.stop(), true);
  assert.equal(supervisor.stop(), false);
  assert.equal(supervisor.running, false);
  supervisor.setState('mexc.book', 'down', 'stopped');
  supervisor.detach();
  supervisor.setState('mexc.book', 'down', 'after');
  assert.deepEqual(events.map((e) => e.type === 'connection' && e.reason), ['stopped']);
});

// The supervisor's timers are the global setTimeout/setInterval: node:test's mock timers drive them, so the
// delays are checked exactly on a clock the test moves, with nothing left to wall-clock luck.
test('reconnect: at once after a lifetime close, after backoff otherwise; never after stop', (t) => {
  t.mock.timers.enable({apis: ['setTimeout']});
  const {supervisor, logs, sink} = setup();
  supervisor.start(sink);
  let connects = 0;
  supervisor.reconnectAfter({kind: 'lifetime', reason: 'old'}, () => connects++);
  assert.equal(connects, 0, 'on the next timer turn, not inside the call');
  t.mock.timers.tick(0);
  assert.equal(connects, 1);
  supervisor.reconnectAfter({kind: 'closed', reason: 'peer closed'}, () => connects++, ' (note)');
  assert.deepEqual(logs, ['info test.stream: old; reconnecting in 0 ms', 'warn test.stream: peer closed; reconnecting in 10 ms (note)']);
  t.mock.timers.tick(9);
  assert.equal(connects, 1, 'not before the 10 ms backoff');
  t.mock.timers.tick(1);
  assert.equal(connects, 2);
  supervisor.reconnectIn(5, () => connects++);
  supervisor.stop();
  t.mock.timers.tick(1000);
  assert.equal(connects, 2);
});

test('a new reconnect replaces the pending one', (t) => {
  t.mock.timers.enable({apis: ['setTimeout']});
  const {supervisor, sink} = setup();
  supervisor.start(sink);
  const calls: string[] = [];
  supervisor.reconnectIn(50, () => calls.push('first'));
  supervisor.reconnectIn(10, () => calls.push('second'));
  t.mock.timers.tick(100);
  assert.deepEqual(calls, ['second']);
});

test('the watchdog ticks at a quarter of staleAfterMs and stops with the stream', (t) => {
  t.mock.timers.enable({apis: ['setInterval']});
  const {supervisor, sink} = setup();
  supervisor.start(sink);
  let ticks = 0;
  supervisor.watch(40, () => ticks++); // every 20 ms (the floor)
  t.mock.timers.tick(19);
  assert.equal(ticks, 0);
  t.mock.timers.tick(1);
  assert.equal(ticks, 1);
  t.mock.timers.tick(90);
  assert.equal(ticks, 5, 'one tick per 20 ms over 110 ms');
  supervisor.stop();
  t.mock.timers.tick(1000);
  assert.equal(ticks, 5, 'nothing after stop');
  supervisor.start(sink);
  supervisor.watch(8000, () => ticks++); // a quarter is 2 s: capped at 1 s
  t.mock.timers.tick(999);
  assert.equal(ticks, 5);
  t.mock.timers.tick(1);
  assert.equal(ticks, 6);
});

test('logStates logs each change (warn for down and stale) before it is emitted', () => {
  const order: string[] = [];
  const supervisor = new StreamSupervisor({label: 'kucoin book', stream: 'kucoin.book', log: (level, msg) => order.push(`${level} ${msg}`), now: () => 0, logStates: true});
  supervisor.start((e) => void order.push(`event ${e.type === 'connection' ? e.state : e.type}`));
  supervisor.setState('kucoin.book', 'live', 'synced');
  supervisor.setState('kucoin.book', 'live', 'synced');
  supervisor.setState('kucoin.book', 'down', null);
  assert.deepEqual(order, ['info kucoin book live: synced', 'event live', 'warn kucoin book down', 'event down']);
});
