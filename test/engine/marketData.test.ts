// Market data and stream health applied to the state (marketData.ts): book snapshots and deltas with
// their journal records, a version gap (resync request, notice, counter), and connection changes
// (notices on live transitions, books marked unsynced, a reconcile after a private-stream or MEXC-book
// reconnect).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyBookEvent, applyConnection} from '../../source/engine/marketData.js';
import type {EventOf, StreamName, StreamState} from '../../source/engine/events.js';
import {recordedContext, T0} from './engineFixtures.js';

const snapshot = (venue: 'mexc' | 'kucoin', version: number, at = T0): EventOf<'book.snapshot'> => ({
  type: 'book.snapshot', venue, version, bids: [['0.24900', '100'], ['0.24800', '50']], asks: [['0.25100', '200']], at,
});
const delta = (venue: 'mexc' | 'kucoin', fromVersion: number, toVersion: number, at = T0): EventOf<'book.delta'> => ({
  type: 'book.delta', venue, fromVersion, toVersion, bids: [['0.24950', '10']], asks: [], at,
});
const connection = (stream: StreamName, state: StreamState, reason: string | null = null, at = T0): EventOf<'connection'> => ({
  type: 'connection', stream, state, reason, at,
});

/** A context whose MEXC and KuCoin books have both taken a snapshot (both synced). */
function withBothBooksSynced() {
  const r = recordedContext();
  applyBookEvent(r.ctx, snapshot('mexc', 1));
  applyBookEvent(r.ctx, snapshot('kucoin', 1));
  return r;
}

test('a snapshot replaces the book, is always journalled, and asks for a decision', () => {
  const r = recordedContext();
  assert.equal(applyBookEvent(r.ctx, snapshot('mexc', 500)), true);
  assert.equal(r.state.mexcBook.version, 500);
  assert.equal(r.state.mexcBook.synced, true);
  assert.equal(r.state.kucoinBook.version, null, 'the other venue is untouched');
  assert.deepEqual(r.journal, [{stream: 'book.mexc', at: T0, version: 500, bids: [[0.249, 100], [0.248, 50]], asks: [[0.251, 200]]}]);
  assert.equal(applyBookEvent(r.ctx, snapshot('mexc', 501)), true);
  assert.equal(r.journal.length, 2, 'a snapshot is journalled even right after another');
});

test('a kucoin snapshot goes to the kucoin book and journal', () => {
  const r = recordedContext();
  applyBookEvent(r.ctx, snapshot('kucoin', 7));
  assert.equal(r.state.kucoinBook.version, 7);
  assert.equal(r.state.mexcBook.version, null);
  assert.deepEqual(r.journal.map((j) => j.stream), ['book.kucoin']);
});

test('an applied delta asks for a decision; it is journalled only once bookIntervalMs has passed since the last record', () => {
  const r = recordedContext();
  applyBookEvent(r.ctx, snapshot('mexc', 500));
  r.state.now = T0 + 999;
  assert.equal(applyBookEvent(r.ctx, delta('mexc', 501, 501)), true);
  assert.equal(r.state.mexcBook.version, 501);
  assert.equal(r.journal.length, 1, 'within the interval: not journalled');
  r.state.now = T0 + 1_000;
  assert.equal(applyBookEvent(r.ctx, delta('mexc', 502, 502)), true);
  assert.equal(r.journal.length, 2);
  assert.deepEqual(r.journal[1], {stream: 'book.mexc', at: T0 + 1_000, version: 502, bids: [[0.2495, 10], [0.249, 100], [0.248, 50]], asks: [[0.251, 200]]});
});

test('a stale delta (already applied) changes nothing, journals nothing and decides nothing', () => {
  const r = recordedContext();
  applyBookEvent(r.ctx, snapshot('mexc', 500));
  r.state.now = T0 + 5_000;
  assert.equal(applyBookEvent(r.ctx, delta('mexc', 499, 500)), false);
  assert.equal(r.state.mexcBook.version, 500);
  assert.equal(r.journal.length, 1);
  assert.deepEqual([r.resyncs, r.notices, r.state.counters.resyncs], [[], [], 0]);
});

test('a version gap asks the feed to resync, warns with both versions, counts a resync and asks for a decision', () => {
  const r = recordedContext();
  applyBookEvent(r.ctx, snapshot('mexc', 500));
  assert.equal(applyBookEvent(r.ctx, delta('mexc', 510, 511)), true);
  const reason = 'mexc version gap: have 500, got 510..511';
  assert.deepEqual(r.resyncs, [['mexc', reason]]);
  assert.deepEqual(r.notices, [{at: T0, level: 'warn', text: reason}]);
  assert.equal(r.state.counters.resyncs, 1);
  assert.equal(r.state.mexcBook.synced, false);
  assert.equal(r.journal.length, 1, 'the gap is not journalled as a book record');
});

test('a delta for a book that never had a snapshot is a gap from "none"', () => {
  const r = recordedContext();
  assert.equal(applyBookEvent(r.ctx, delta('kucoin', 5, 6)), true);
  assert.deepEqual(r.resyncs, [['kucoin', 'kucoin version gap: have none, got 5..6']]);
  assert.equal(r.state.counters.resyncs, 1);
});

test('a connection event records the stream state, reason and time, and asks for a decision', () => {
  const r = recordedContext();
  assert.equal(applyConnection(r.ctx, connection('mexc.listenKey', 'down', 'expired', T0 + 5)), true);
  assert.deepEqual(r.state.streams['mexc.listenKey'], {state: 'down', reason: 'expired', lastMessageAt: T0 + 5});
});

test('going live is an info notice; leaving live a warning with the reason; no notice without a live transition', () => {
  const r = recordedContext();
  applyConnection(r.ctx, connection('kucoin.book', 'syncing'));
  assert.equal(r.notices.length, 0, 'connecting → syncing: not a live transition');
  applyConnection(r.ctx, connection('kucoin.book', 'live'));
  applyConnection(r.ctx, connection('kucoin.book', 'live'));
  applyConnection(r.ctx, connection('kucoin.book', 'down', 'socket closed'));
  applyConnection(r.ctx, connection('kucoin.book', 'connecting'));
  applyConnection(r.ctx, connection('kucoin.book', 'live'));
  applyConnection(r.ctx, connection('kucoin.book', 'stale'));
  assert.deepEqual(
    r.notices.map((n) => `${n.level}: ${n.text}`),
    ['info: kucoin.book live', 'warn: kucoin.book down: socket closed', 'info: kucoin.book live', 'warn: kucoin.book stale'],
  );
});

test('the MEXC book stream leaving live marks only the MEXC book unsynced', () => {
  const r = withBothBooksSynced();
  applyConnection(r.ctx, connection('mexc.book', 'down', 'x'));
  assert.deepEqual([r.state.mexcBook.synced, r.state.kucoinBook.synced], [false, true]);
});

test('the KuCoin book stream leaving live marks only the KuCoin book unsynced', () => {
  const r = withBothBooksSynced();
  applyConnection(r.ctx, connection('kucoin.book', 'stale'));
  assert.deepEqual([r.state.mexcBook.synced, r.state.kucoinBook.synced], [true, false]);
});

test('other streams going down leave both books synced; a book stream going live keeps its book synced', () => {
  const r = withBothBooksSynced();
  applyConnection(r.ctx, connection('mexc.user', 'down'));
  applyConnection(r.ctx, connection('mexc.rest', 'down'));
  applyConnection(r.ctx, connection('mexc.book', 'live'));
  applyConnection(r.ctx, connection('kucoin.book', 'live'));
  assert.deepEqual([r.state.mexcBook.synced, r.state.kucoinBook.synced], [true, true]);
});

for (const stream of ['mexc.user', 'mexc.book'] as const) {
  test(`${stream} becoming live starts a reconcile (pushes missed while down are not replayed)`, async () => {
    const r = recordedContext();
    applyConnection(r.ctx, connection(stream, 'live'));
    assert.equal(r.state.reconcileInFlight, true);
    await r.executor.drained();
    assert.deepEqual(r.pushed.map((e) => e.type), ['connection', 'openOrders', 'balance']);
  });
}

test('no reconcile when a stream stays live, leaves live, or is another stream becoming live', async () => {
  const r = recordedContext();
  r.state.streams['mexc.user'].state = 'live';
  applyConnection(r.ctx, connection('mexc.user', 'live'));
  applyConnection(r.ctx, connection('mexc.book', 'down'));
  applyConnection(r.ctx, connection('kucoin.book', 'live'));
  applyConnection(r.ctx, connection('mexc.listenKey', 'live'));
  applyConnection(r.ctx, connection('mexc.rest', 'live'));
  assert.equal(r.state.reconcileInFlight, false);
  await r.executor.drained();
  assert.deepEqual(r.pushed, []);
});

test('a connection change updates the staleness clocks', () => {
  const r = recordedContext();
  r.state.now = T0 + 8;
  applyConnection(r.ctx, connection('mexc.listenKey', 'live'));
  assert.equal(r.state.referenceStaleSince, T0 + 8);
});
