// Whether a quiet MEXC book is current (bookFreshness.ts): silence alone is not staleness; a REST version
// probe decides — unchanged keeps it live, ahead must be caught up within the grace or the book re-syncs,
// a failed probe makes it stale, and stale long enough reconnects.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {StreamState} from '../../../source/engine/events.js';
import {BookFreshness} from '../../../source/exchanges/mexc/bookFreshness.js';
import type {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';

function harness(answer: () => Promise<{lastUpdateId: number}>) {
  const h = {
    now: 0,
    local: 100 as number | null,
    state: 'live' as StreamState,
    calls: [] as string[],
    depthCalls: 0,
  };
  const rest = {
    depth: (symbol: string, limit: number) => {
      h.depthCalls += 1;
      assert.deepEqual([symbol, limit], ['RMVUSDT', 5]);
      return answer();
    },
  } as unknown as MexcRestClient;
  const freshness = new BookFreshness({
    rest,
    symbol: 'RMVUSDT',
    staleAfterMs: 1000,
    reconnectWhenStaleMs: 3000,
    catchUpGraceMs: 500,
    now: () => h.now,
    running: () => true,
    localVersion: () => h.local,
    state: () => h.state,
    setState: (state, reason) => {
      h.state = state;
      h.calls.push(`state ${state}${reason ? `: ${reason}` : ''}`);
    },
    resync: (reason) => void h.calls.push(`resync: ${reason}`),
    reconnect: (reason) => void h.calls.push(`reconnect: ${reason}`),
  });
  return {h, freshness};
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a book quiet for less than staleAfterMs is not probed; at staleAfterMs one probe goes out, and not another while it is answered', async () => {
  let release!: (v: {lastUpdateId: number}) => void;
  const {h, freshness} = harness(() => new Promise((resolve) => (release = resolve)));
  freshness.fresh(0);
  h.now = 999;
  freshness.tick();
  assert.equal(h.depthCalls, 0);
  h.now = 1000;
  freshness.tick();
  freshness.tick();
  assert.deepEqual([h.depthCalls, freshness.probes], [1, 1]);
  release({lastUpdateId: 100});
  await settle();
  assert.deepEqual(h.calls, [], 'unchanged version: still live, nothing to say');
  h.now = 1999;
  freshness.tick();
  assert.equal(h.depthCalls, 1, 'the probe renewed freshness');
});

test('an unchanged version brings a stale book back to live', async () => {
  const {h, freshness} = harness(async () => ({lastUpdateId: 100}));
  h.state = 'stale';
  h.now = 1000;
  freshness.tick();
  await settle();
  assert.deepEqual(h.calls, ['state live']);
});

test('the exchange ahead: caught up within the grace is fine; not caught up by the deadline re-syncs', async () => {
  const {h, freshness} = harness(async () => ({lastUpdateId: 105}));
  h.now = 1000;
  freshness.tick();
  await settle();
  freshness.applied(105);
  h.local = 105;
  h.now = 1500;
  freshness.tick();
  assert.deepEqual(h.calls, [], 'a delta reached 105 in time');

  const late = harness(async () => ({lastUpdateId: 105}));
  late.h.now = 1000;
  late.freshness.tick();
  await settle();
  late.freshness.applied(104);
  late.h.local = 104;
  late.h.now = 1499;
  late.freshness.tick();
  assert.deepEqual(late.h.calls, []);
  late.h.now = 1500;
  late.freshness.tick();
  assert.deepEqual(late.h.calls, ['resync: missed depth updates: exchange at version 105, local book at 104']);
});

test('a failed probe makes the book stale with the reason; stale for reconnectWhenStaleMs reconnects', async () => {
  const {h, freshness} = harness(async () => {
    throw new Error('socket hang up');
  });
  h.now = 1000;
  freshness.tick();
  await settle();
  assert.equal(h.calls.length, 1);
  assert.match(h.calls[0]!, /^state stale: no depth push for 1000 ms and the freshness probe failed: .*socket hang up/);
  h.now = 2999;
  freshness.tick();
  assert.ok(!h.calls.some((c) => c.startsWith('reconnect')));
  h.now = 3000;
  freshness.tick();
  assert.equal(h.calls.at(-1), 'reconnect: stale for 3000 ms; reconnecting');
});

test('an answer about a book since dropped (reset) is ignored', async () => {
  let release!: (v: {lastUpdateId: number}) => void;
  const {h, freshness} = harness(() => new Promise((resolve) => (release = resolve)));
  h.state = 'stale';
  h.now = 1000;
  freshness.tick();
  freshness.reset();
  release({lastUpdateId: 100});
  await settle();
  assert.deepEqual(h.calls, []);
});

test('only a live or stale book is checked (syncing, polling, down are not)', () => {
  for (const state of ['syncing', 'polling', 'down', 'connecting'] as const) {
    const {h, freshness} = harness(async () => ({lastUpdateId: 100}));
    h.state = state;
    h.now = 10_000;
    freshness.tick();
    assert.equal(h.depthCalls, 0, state);
  }
});
