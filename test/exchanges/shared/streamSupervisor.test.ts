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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

test('reconnect: at once after a lifetime close, after backoff otherwise; never after stop', async () => {
  const {supervisor, logs, sink} = setup();
  supervisor.start(sink);
  let connects = 0;
  supervisor.reconnectAfter({kind: 'lifetime', reason: 'old'}, () => connects++);
  await sleep(5);
  assert.equal(connects, 1);
  supervisor.reconnectAfter({kind: 'closed', reason: 'peer closed'}, () => connects++, ' (note)');
  assert.deepEqual(logs, ['info test.stream: old; reconnecting in 0 ms', 'warn test.stream: peer closed; reconnecting in 10 ms (note)']);
  await sleep(30);
  assert.equal(connects, 2);
  supervisor.reconnectIn(5, () => connects++);
  supervisor.stop();
  await sleep(20);
  assert.equal(connects, 2);
});

test('the watchdog ticks at a quarter of staleAfterMs and stops with the stream', async () => {
  const {supervisor, sink} = setup();
  supervisor.start(sink);
  let ticks = 0;
  supervisor.watch(40, () => ticks++); // every 20 ms (the floor)
  await sleep(110);
  supervisor.stop();
  const seen = ticks;
  assert.ok(seen >= 2 && seen <= 6, `ticks ${seen}`);
  await sleep(60);
  assert.equal(ticks, seen);
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
