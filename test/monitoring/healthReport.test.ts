import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {EngineSnapshot, OwnOrderView, StreamName, StreamState} from '../../source/engine/view/snapshot.js';
import {healthReport, ReadinessLatch, restingSides, SNAPSHOT_STALE_MS, type HealthContext} from '../../source/monitoring/healthReport.js';
import {fixtureNow, makeSnapshot} from '../store/fixtures.js';

/** 1 s after the fixture snapshot, samples every second, not stopping */
const context = (extra: Partial<HealthContext> = {}): HealthContext => ({now: fixtureNow + 1_000, sampleIntervalMs: 1_000, stopping: false, ...extra});

function withStream(snapshot: EngineSnapshot, stream: StreamName, state: StreamState): EngineSnapshot {
  return {...snapshot, streams: {...snapshot.streams, [stream]: {...snapshot.streams[stream], state}}};
}

function withSampleAt(snapshot: EngineSnapshot, at: number | null): EngineSnapshot {
  const sample = at === null ? null : {...snapshot.compliance.now!, at};
  return {...snapshot, compliance: {...snapshot.compliance, now: sample}};
}

test('before the first snapshot health is "starting" and not ok', () => {
  const report = healthReport(null, context());
  assert.equal(report.ok, false);
  assert.equal(report.reason, 'starting');
  assert.ok(Object.values(report.checks).every((check) => check === false));
});

test('a fresh snapshot with both books live and a fresh sample is healthy', () => {
  const report = healthReport(makeSnapshot(), context());
  assert.deepEqual(report, {ok: true, reason: null, checks: {engine: true, mexcBook: true, kucoinBook: true, compliance: true, running: true}});
});

test('health ignores the streams it does not judge (mexc.rest stale in the fixture)', () => {
  const snapshot = withStream(withStream(makeSnapshot(), 'mexc.user', 'down'), 'mexc.rest', 'stale');
  assert.equal(healthReport(snapshot, context()).ok, true);
});

test('stopping is reported first, before every other failing check', () => {
  const everythingWrong = withSampleAt(withStream(withStream(makeSnapshot(), 'mexc.book', 'down'), 'kucoin.book', 'down'), null);
  const report = healthReport(everythingWrong, context({now: fixtureNow + 60_000, stopping: true}));
  assert.equal(report.ok, false);
  assert.equal(report.reason, 'stopping');
  assert.equal(report.checks.running, false);
  // a healthy snapshot is not healthy while stopping either
  assert.equal(healthReport(makeSnapshot(), context({stopping: true})).reason, 'stopping');
});

test('a snapshot older than 5 s means the engine is stuck, reported before the books', () => {
  const snapshot = withStream(makeSnapshot(), 'mexc.book', 'down');
  const at5 = healthReport(makeSnapshot(), context({now: fixtureNow + SNAPSHOT_STALE_MS}));
  assert.equal(at5.checks.engine, true, 'exactly 5 s is still fresh');
  const report = healthReport(snapshot, context({now: fixtureNow + 7_200}));
  assert.equal(report.ok, false);
  assert.equal(report.reason, 'engine snapshot 7 s old');
  assert.equal(report.checks.engine, false);
  assert.equal(healthReport(makeSnapshot(), context({now: fixtureNow + 5_001})).checks.engine, false);
});

test('the MEXC book not live is reported with its state, before the KuCoin book', () => {
  const snapshot = withStream(withStream(makeSnapshot(), 'mexc.book', 'syncing'), 'kucoin.book', 'down');
  const report = healthReport(snapshot, context());
  assert.equal(report.ok, false);
  assert.equal(report.reason, 'mexc.book syncing');
  assert.equal(report.checks.mexcBook, false);
  assert.equal(report.checks.kucoinBook, false);
});

test('the KuCoin book not live is reported with its state, before the compliance sample', () => {
  for (const state of ['connecting', 'syncing', 'stale', 'down', 'polling'] as const) {
    const report = healthReport(withSampleAt(withStream(makeSnapshot(), 'kucoin.book', state), null), context());
    assert.equal(report.reason, `kucoin.book ${state}`);
    assert.equal(report.checks.mexcBook, true);
  }
});

test('no compliance sample yet, or a stale one, is reported last', () => {
  const none = healthReport(withSampleAt(makeSnapshot(), null), context());
  assert.equal(none.ok, false);
  assert.equal(none.reason, 'no compliance sample yet');
  assert.equal(none.checks.compliance, false);

  // the snapshot is fresh (1 s) but its sample was taken 9 s before now
  const stale = healthReport(withSampleAt(makeSnapshot(), fixtureNow - 8_000), context());
  assert.equal(stale.ok, false);
  assert.equal(stale.reason, 'last compliance sample 9 s old');
});

test('a sample is fresh within max(5 s, 3 × the sample interval)', () => {
  const snapshot = (sampleAgeMs: number, now: number) => healthReport(withSampleAt(makeSnapshot({updatedAt: now - 100}), now - sampleAgeMs), context({now, sampleIntervalMs: 1_000})).ok;
  const now = fixtureNow + 1_000;
  // 1 s interval: 3 intervals is 3 s, so 5 s is the limit
  assert.equal(snapshot(5_000, now), true);
  assert.equal(snapshot(5_001, now), false);

  const slow = (sampleAgeMs: number) => healthReport(withSampleAt(makeSnapshot(), fixtureNow + 1_000 - sampleAgeMs), context({sampleIntervalMs: 10_000}));
  // 10 s interval: 3 intervals is 30 s
  assert.equal(slow(29_000).ok, true);
  assert.equal(slow(30_000).ok, true);
  assert.equal(slow(30_001).ok, false);
  assert.equal(slow(31_000).reason, 'last compliance sample 31 s old');

  // 2 s interval: 6 s
  const medium = (sampleAgeMs: number) => healthReport(withSampleAt(makeSnapshot(), fixtureNow + 1_000 - sampleAgeMs), context({sampleIntervalMs: 2_000})).ok;
  assert.equal(medium(5_500), true);
  assert.equal(medium(6_500), false);
});

const order = (side: 'BUY' | 'SELL', status: OwnOrderView['status']): OwnOrderView => ({
  clientOrderId: `${side}-${status}`,
  orderId: null,
  side,
  price: side === 'BUY' ? 0.0124 : 0.0126,
  qty: 1000,
  filled: 0,
  status,
  createdAt: fixtureNow,
});

test('restingSides counts NEW and PARTIALLY_FILLED orders only', () => {
  assert.deepEqual(restingSides(makeSnapshot({orders: [order('BUY', 'NEW'), order('SELL', 'PARTIALLY_FILLED')]})), {bid: true, ask: true});
  for (const status of ['PENDING_NEW', 'PENDING_CANCEL', 'UNKNOWN'] as const) {
    assert.deepEqual(restingSides(makeSnapshot({orders: [order('BUY', status), order('SELL', status)]})), {bid: false, ask: false}, status);
  }
});

test('ReadinessLatch: not ready before any snapshot, reason says no side has quoted', () => {
  const latch = new ReadinessLatch();
  const report = latch.report(false);
  assert.equal(report.ok, false);
  assert.equal(report.reason, 'no side has quoted yet');
  assert.deepEqual(report.checks, {bidQuoted: false, askQuoted: false, running: true});
});

test('ReadinessLatch: orders still PENDING_NEW do not make a side ready', () => {
  const latch = new ReadinessLatch();
  latch.observe(makeSnapshot({orders: [order('BUY', 'PENDING_NEW'), order('SELL', 'PENDING_NEW')]}));
  assert.equal(latch.report(false).ok, false);
  assert.equal(latch.report(false).reason, 'no side has quoted yet');
});

test('ReadinessLatch: the reason names the side that has not quoted yet', () => {
  const bidOnly = new ReadinessLatch();
  bidOnly.observe(makeSnapshot({orders: [order('BUY', 'NEW'), order('SELL', 'PENDING_NEW')]}));
  assert.equal(bidOnly.report(false).reason, 'the ask side has not quoted yet');
  assert.deepEqual(bidOnly.report(false).checks, {bidQuoted: true, askQuoted: false, running: true});

  const askOnly = new ReadinessLatch();
  askOnly.observe(makeSnapshot({orders: [order('SELL', 'PARTIALLY_FILLED')]}));
  assert.equal(askOnly.report(false).reason, 'the bid side has not quoted yet');
});

test('ReadinessLatch: ready once each side has rested, even in different snapshots, and stays ready after the orders are gone', () => {
  const latch = new ReadinessLatch();
  latch.observe(makeSnapshot({orders: [order('BUY', 'NEW')]}));
  latch.observe(makeSnapshot({orders: [order('BUY', 'PENDING_CANCEL'), order('SELL', 'PENDING_NEW')]}));
  assert.equal(latch.report(false).ok, false);
  latch.observe(makeSnapshot({orders: [order('SELL', 'PARTIALLY_FILLED')]}));
  assert.deepEqual(latch.report(false), {ok: true, reason: null, checks: {bidQuoted: true, askQuoted: true, running: true}});
  latch.observe(makeSnapshot({orders: []}));
  assert.equal(latch.report(false).ok, true);
});

test('ReadinessLatch: not ready while stopping, even after both sides quoted', () => {
  const latch = new ReadinessLatch();
  latch.observe(makeSnapshot());
  assert.equal(latch.report(false).ok, true, 'the fixture rests an order on each side');
  const report = latch.report(true);
  assert.equal(report.ok, false);
  assert.equal(report.reason, 'stopping');
  assert.equal(report.checks.running, false);
});
