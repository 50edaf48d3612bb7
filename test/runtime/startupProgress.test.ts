import {test} from 'node:test';
import assert from 'node:assert/strict';
import {STARTUP_SCREEN_MAX_ENGINE_MS, StartupProgress, startupStepIds, type StartupStepId, type StartupStepState} from '../../source/runtime/startupProgress.js';
import type {EngineSnapshot, StreamState} from '../../source/engine/view/snapshot.js';
import {compliantSnapshot} from '../ui/fixtures.js';

const T = 1_700_000_000_000;

function progressAt(start = T) {
  let clock = start;
  const progress = new StartupProgress(() => clock);
  let notified = 0;
  progress.subscribe(() => {
    notified += 1;
  });
  return {
    progress,
    advance: (ms: number) => {
      clock += ms;
    },
    notified: () => notified,
    state: (id: StartupStepId): StartupStepState => progress.get().steps.find((step) => step.id === id)!.state,
  };
}

/** Start-up as far as the engine: every step before it done or skipped. */
function untilEngine(start = T) {
  const harness = progressAt(start);
  const {progress} = harness;
  progress.skip('simulator', 'live mode');
  for (const id of ['reference', 'time', 'rules', 'account'] as const) {
    progress.begin(id);
    progress.done(id, `${id} ok`);
  }
  progress.engineStarted();
  return harness;
}

function snapshot(streams: {kucoin?: StreamState; mexc?: StreamState; user?: StreamState}, reconciledAt: number | null): EngineSnapshot {
  const s = compliantSnapshot();
  s.streams['kucoin.book'] = {...s.streams['kucoin.book'], state: streams.kucoin ?? 'connecting'};
  s.streams['mexc.book'] = {...s.streams['mexc.book'], state: streams.mexc ?? 'connecting'};
  s.streams['mexc.user'] = {...s.streams['mexc.user'], state: streams.user ?? 'connecting'};
  s.reconciledAt = reconciledAt;
  return s;
}

test('a new progress has every step pending, in order, and is starting', () => {
  const {progress} = progressAt();
  const view = progress.get();
  assert.equal(view.phase, 'starting');
  assert.equal(view.startedAt, T);
  assert.equal(view.failure, null);
  assert.deepEqual(view.steps.map((step) => step.id), [...startupStepIds]);
  assert.ok(view.steps.every((step) => step.state.kind === 'pending' && step.label.length > 0));
});

test('a step runs, retries (keeping when it began), and ends done or skipped', () => {
  const {progress, advance, state} = progressAt();
  progress.begin('time');
  assert.deepEqual(state('time'), {kind: 'running', since: T});
  advance(2_000);
  progress.retrying('time', 'connect ECONNREFUSED', 1, 1_500);
  assert.deepEqual(state('time'), {kind: 'retrying', since: T, reason: 'connect ECONNREFUSED', attempt: 1, nextAt: T + 3_500});
  advance(1_500);
  progress.retrying('time', 'HTTP 503', 2, 3_000);
  assert.deepEqual(state('time'), {kind: 'retrying', since: T, reason: 'HTTP 503', attempt: 2, nextAt: T + 6_500});
  progress.done('time', 'offset +12 ms');
  assert.deepEqual(state('time'), {kind: 'done', result: 'offset +12 ms'});
  progress.skip('simulator', 'live mode');
  assert.deepEqual(state('simulator'), {kind: 'skipped', why: 'live mode'});
  advance(1_000);
  progress.retrying('rules', 'HTTP 502', 1, 500);
  assert.equal((state('rules') as {since: number}).since, T + 4_500, 'a retry without begin starts its clock now');
  assert.equal(progress.get().phase, 'starting');
});

test('every change notifies readers and makes a new view; between changes get() returns the same one', () => {
  const {progress, notified} = progressAt();
  const first = progress.get();
  assert.equal(progress.get(), first, 'useSyncExternalStore needs a stable snapshot');
  progress.begin('time');
  assert.equal(notified(), 1);
  assert.notEqual(progress.get(), first);
  assert.equal(first.steps.find((step) => step.id === 'time')!.state.kind, 'pending', 'an earlier view is not changed');
  const unsubscribe = progress.subscribe(() => assert.fail('unsubscribed'));
  unsubscribe();
  progress.done('time', 'ok');
  assert.equal(notified(), 2);
});

test('fail() fails the active step and start-up with it', () => {
  const {progress, state} = progressAt();
  progress.begin('time');
  progress.done('time', 'ok');
  progress.begin('account');
  progress.retrying('account', 'HTTP 503', 1, 1000);
  progress.fail('Api key info invalid (10072)');
  assert.deepEqual(state('account'), {kind: 'failed', reason: 'Api key info invalid (10072)'});
  assert.deepEqual(state('time'), {kind: 'done', result: 'ok'});
  assert.equal(progress.get().phase, 'failed');
  assert.equal(progress.get().failure, 'Api key info invalid (10072)');
});

test('fail() between steps keeps the reason in the view', () => {
  const {progress} = progressAt();
  progress.fail('data dir locked by pid 4242');
  assert.equal(progress.get().phase, 'failed');
  assert.equal(progress.get().failure, 'data dir locked by pid 4242');
  assert.ok(progress.get().steps.every((step) => step.state.kind === 'pending'));
});

test('engineStarted() starts books, open orders and listen key, leaving a skipped one skipped', () => {
  const {progress, state} = progressAt();
  progress.skip('listenKey', 'paper mode');
  progress.engineStarted();
  assert.deepEqual(state('books'), {kind: 'running', since: T});
  assert.deepEqual(state('openOrders'), {kind: 'running', since: T});
  assert.deepEqual(state('listenKey'), {kind: 'skipped', why: 'paper mode'});
});

test('observe() before the engine runs changes nothing', () => {
  const {progress, notified} = progressAt();
  const before = progress.get();
  progress.observe(snapshot({kucoin: 'live', mexc: 'live', user: 'live'}, T));
  assert.equal(progress.get(), before);
  assert.equal(notified(), 0);
});

test('observe() finishes books, open orders and listen key from snapshots, then start-up is done', () => {
  const {progress, advance, state, notified} = untilEngine();
  advance(300);
  progress.observe(snapshot({kucoin: 'live', mexc: 'syncing'}, null));
  assert.equal(state('books').kind, 'running', 'both books must be up');
  advance(300);
  progress.observe(snapshot({kucoin: 'live', mexc: 'polling'}, null));
  assert.deepEqual(state('books'), {kind: 'done', result: 'KuCoin live, MEXC polling'});
  assert.equal(state('openOrders').kind, 'running');
  progress.observe(snapshot({kucoin: 'live', mexc: 'live'}, T + 700));
  assert.deepEqual(state('openOrders'), {kind: 'done', result: '10 of ours open'});
  assert.deepEqual(state('books'), {kind: 'done', result: 'KuCoin live, MEXC polling'}, 'a done step keeps its first result');
  assert.equal(progress.get().phase, 'starting', 'the user stream is not live yet');
  progress.observe(snapshot({kucoin: 'live', mexc: 'live', user: 'live'}, T + 700));
  assert.deepEqual(state('listenKey'), {kind: 'done', result: 'user stream live'});
  assert.equal(progress.get().phase, 'done');
  const published = notified();
  progress.observe(snapshot({kucoin: 'down', mexc: 'down', user: 'down'}, T + 700));
  assert.equal(notified(), published, 'once done, snapshots are ignored');
  assert.equal(state('books').kind, 'done');
});

test('a skipped listen key is not needed: start-up is done without the user stream', () => {
  const {progress, state} = progressAt();
  progress.skip('simulator', 'live mode');
  for (const id of ['reference', 'time', 'rules', 'account'] as const) progress.done(id, 'ok');
  progress.skip('listenKey', 'no keys (paper)');
  progress.engineStarted();
  progress.observe(snapshot({kucoin: 'live', mexc: 'live', user: 'live'}, T));
  assert.deepEqual(state('listenKey'), {kind: 'skipped', why: 'no keys (paper)'});
  assert.equal(progress.get().phase, 'done');
});

test('a snapshot that changes nothing notifies nobody (the engine publishes many a second)', () => {
  const {progress, notified} = untilEngine();
  progress.observe(snapshot({kucoin: 'connecting'}, null));
  const before = notified();
  const view = progress.get();
  progress.observe(snapshot({kucoin: 'connecting'}, null));
  assert.equal(notified(), before);
  assert.equal(progress.get(), view);
});

test(`after ${STARTUP_SCREEN_MAX_ENGINE_MS} ms of engine time start-up is done, even with a stream still connecting`, () => {
  const {progress, advance, state} = untilEngine();
  advance(STARTUP_SCREEN_MAX_ENGINE_MS - 1);
  progress.observe(snapshot({kucoin: 'down', mexc: 'live'}, T));
  assert.equal(progress.get().phase, 'starting');
  advance(1);
  progress.observe(snapshot({kucoin: 'down', mexc: 'live'}, T));
  assert.equal(progress.get().phase, 'done');
  assert.equal(state('books').kind, 'running', 'the step itself is not claimed done');
});

test('a failed start-up ignores later snapshots', () => {
  const {progress, notified} = untilEngine();
  progress.fail('engine crashed');
  const published = notified();
  progress.observe(snapshot({kucoin: 'live', mexc: 'live', user: 'live'}, T));
  assert.equal(progress.get().phase, 'failed');
  assert.equal(notified(), published);
});

test('a retry reason loses the request line in front, which the step label already says', async () => {
  const {shortReason} = await import('../../source/runtime/startupProgress.js');
  assert.equal(shortReason('GET /api/v2/symbols/RMV-USDT: connect ECONNREFUSED 127.0.0.1:1'), 'connect ECONNREFUSED 127.0.0.1:1');
  assert.equal(shortReason('MEXC HTTP 503 code 503: service not available'), 'HTTP 503 code 503: service not available');
  assert.equal(shortReason('MEXC timeout: no answer'), 'MEXC timeout: no answer');
});
