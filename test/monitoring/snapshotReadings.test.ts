import {test} from 'node:test';
import assert from 'node:assert/strict';
import {configSchema} from '../../source/config/configSchema.js';
import type {EngineSnapshot} from '../../source/engine/view/snapshot.js';
import {decisionLatencySeries, snapshotReadings, type Labels, type SnapshotReadings} from '../../source/monitoring/snapshotReadings.js';
import {fixtureNow, makeSnapshot} from '../store/fixtures.js';

const config = configSchema.parse({});
/** 1.5 s after the fixture snapshot was published */
const now = fixtureNow + 1_500;
const read = (snapshot: EngineSnapshot = makeSnapshot(), at = now): SnapshotReadings => snapshotReadings(snapshot, {now: at, version: '9.9.9', config});

const sameLabels = (a: Labels, b: Labels): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

/** The value of the one series of `name` whose labels are exactly `labels` (plus symbol); undefined when there is none. */
function valueOf(readings: SnapshotReadings, name: string, labels: Labels = {}): number | undefined {
  const wanted = {symbol: 'RMVUSDT', ...labels};
  const matches = (readings[name] ?? []).filter((series) => sameLabels(series.labels, wanted));
  assert.ok(matches.length <= 1, `${name} ${JSON.stringify(labels)}: ${matches.length} series`);
  return matches[0]?.value;
}

function assertNear(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined, `${what}: no series`);
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);
}

test('mexc_mm_info is 1 and names the symbol, reference symbol, mode and version', () => {
  assert.deepEqual(read().mexc_mm_info, [{labels: {symbol: 'RMVUSDT', reference_symbol: 'RMV-USDT', mode: 'sim', version: '9.9.9'}, value: 1}]);
});

test('every series carries the snapshot symbol', () => {
  const readings = read(makeSnapshot({symbol: 'ABCUSDT'}));
  for (const [name, series] of Object.entries(readings)) {
    for (const one of series) assert.equal(one.labels.symbol, 'ABCUSDT', name);
  }
});

test('depth is read per side and owner: all participants per side and combined, ours per side', () => {
  const readings = read();
  assert.equal(valueOf(readings, 'mexc_mm_depth_usdt', {side: 'bid', owner: 'all'}), 1402.51);
  assert.equal(valueOf(readings, 'mexc_mm_depth_usdt', {side: 'ask', owner: 'all'}), 1377.93);
  assert.equal(valueOf(readings, 'mexc_mm_depth_usdt', {side: 'combined', owner: 'all'}), 2780.44);
  assert.equal(valueOf(readings, 'mexc_mm_depth_usdt', {side: 'bid', owner: 'ours'}), 997.9);
  assert.equal(valueOf(readings, 'mexc_mm_depth_usdt', {side: 'ask', owner: 'ours'}), 1003.5);
  assert.equal(readings.mexc_mm_depth_usdt?.length, 5, 'no combined series for ours');
  assert.equal(valueOf(readings, 'mexc_mm_depth_target_usdt'), 1250);
  assert.equal(valueOf(readings, 'mexc_mm_depth_minimum_usdt'), 1000);
  assert.equal(valueOf(readings, 'mexc_mm_spread_maximum_ratio'), 0.02);
  assert.equal(valueOf(readings, 'mexc_mm_spread_ratio', {venue: 'mexc'}), 0.00608);
  assert.equal(valueOf(readings, 'mexc_mm_spread_ratio', {venue: 'kucoin'}), 0.0016);
  assert.equal(valueOf(readings, 'mexc_mm_funding_shortfall_usdt', {side: 'bid'}), 0);
  assert.equal(valueOf(readings, 'mexc_mm_funding_shortfall_usdt', {side: 'ask'}), 0);
});

test('pass rates are exported as fractions of 1 per window and reading, with the sample counts', () => {
  const readings = read();
  assertNear(valueOf(readings, 'mexc_mm_compliance_pass_ratio', {window: '24h', reading: 'per_side'}), 0.9867, '24h per_side');
  assertNear(valueOf(readings, 'mexc_mm_compliance_pass_ratio', {window: '24h', reading: 'combined'}), 0.9931, '24h combined');
  assertNear(valueOf(readings, 'mexc_mm_compliance_pass_ratio', {window: '24h', reading: 'bid'}), 0.9911, '24h bid');
  assertNear(valueOf(readings, 'mexc_mm_compliance_pass_ratio', {window: '24h', reading: 'ask'}), 1, '24h ask');
  assertNear(valueOf(readings, 'mexc_mm_compliance_pass_ratio', {window: '24h', reading: 'spread'}), 0.9986, '24h spread');
  for (const reading of ['per_side', 'combined', 'bid', 'ask', 'spread']) {
    assertNear(valueOf(readings, 'mexc_mm_compliance_pass_ratio', {window: '1h', reading}), 1, `1h ${reading}`);
  }
  assert.equal(readings.mexc_mm_compliance_pass_ratio?.length, 10);
  assert.equal(valueOf(readings, 'mexc_mm_compliance_samples', {window: '1h'}), 3600);
  assert.equal(valueOf(readings, 'mexc_mm_compliance_samples', {window: '24h'}), 86400);
});

test('a pass rate the window does not have yet gives no ratio series, but the sample count stays', () => {
  const base = makeSnapshot();
  const snapshot = makeSnapshot({
    compliance: {...base.compliance, lastHour: {perSide: null, combined: null, bid: null, ask: null, spread: null, samples: 0}},
  });
  const readings = read(snapshot);
  for (const reading of ['per_side', 'combined', 'bid', 'ask', 'spread']) {
    assert.equal(valueOf(readings, 'mexc_mm_compliance_pass_ratio', {window: '1h', reading}), undefined, reading);
  }
  assert.equal(readings.mexc_mm_compliance_pass_ratio?.length, 5, 'the 24h ratios are still there');
  assert.equal(valueOf(readings, 'mexc_mm_compliance_samples', {window: '1h'}), 0);
});

test('the latest compliance sample gives pass per reading, its age from now and the streak', () => {
  const readings = read();
  for (const reading of ['per_side', 'combined', 'bid', 'ask', 'spread']) assert.equal(valueOf(readings, 'mexc_mm_compliance_pass', {reading}), 1, reading);
  // the sample was taken 400 ms before the snapshot, which is 1.5 s old
  assertNear(valueOf(readings, 'mexc_mm_compliance_sample_age_seconds'), 1.9, 'sample age');
  assert.equal(valueOf(readings, 'mexc_mm_compliance_streak_seconds'), 10_800);

  const base = makeSnapshot();
  const failing = makeSnapshot({
    compliance: {
      ...base.compliance,
      now: {...base.compliance.now!, pass: false, passCombined: true, checks: {bid: false, ask: true, spread: true}},
      streakSec: -42,
    },
  });
  const failed = read(failing);
  assert.equal(valueOf(failed, 'mexc_mm_compliance_pass', {reading: 'per_side'}), 0);
  assert.equal(valueOf(failed, 'mexc_mm_compliance_pass', {reading: 'combined'}), 1);
  assert.equal(valueOf(failed, 'mexc_mm_compliance_pass', {reading: 'bid'}), 0);
  assert.equal(valueOf(failed, 'mexc_mm_compliance_pass', {reading: 'ask'}), 1);
  assert.equal(valueOf(failed, 'mexc_mm_compliance_streak_seconds'), -42);
});

test('no compliance sample yet: no mexc_mm_compliance_pass, no sample age and no streak (not 0)', () => {
  const base = makeSnapshot();
  const readings = read(makeSnapshot({compliance: {...base.compliance, now: null}}));
  assert.equal(readings.mexc_mm_compliance_pass, undefined);
  assert.equal(readings.mexc_mm_compliance_sample_age_seconds, undefined);
  assert.equal(readings.mexc_mm_compliance_streak_seconds, undefined);
  assert.ok(readings.mexc_mm_compliance_samples, 'the window counts are still exported');
});

test('fair price null gives no mexc_mm_fair_price; a missing mid or spread drops only that venue', () => {
  const base = makeSnapshot();
  const readings = read(makeSnapshot({fair: {...base.fair, price: null, kucoinMid: null}, spread: {mexc: 0.00608, kucoin: null}, balances: {...base.balances, baseRatio: null}}));
  assert.equal(readings.mexc_mm_fair_price, undefined);
  assert.equal(readings.mexc_mm_base_ratio, undefined);
  assert.deepEqual(readings.mexc_mm_mid_price, [{labels: {symbol: 'RMVUSDT', venue: 'mexc'}, value: 0.0125}]);
  assert.deepEqual(readings.mexc_mm_spread_ratio, [{labels: {symbol: 'RMVUSDT', venue: 'mexc'}, value: 0.00608}]);

  const full = read();
  assert.equal(valueOf(full, 'mexc_mm_fair_price'), 0.0125015);
  assert.equal(valueOf(full, 'mexc_mm_mid_price', {venue: 'kucoin'}), 0.012503);
  assert.equal(valueOf(full, 'mexc_mm_base_ratio'), 0.5091);
});

test('pricing step is one-hot over every step of the fallback chain', () => {
  for (const step of ['reference', 'mexcOthers', 'heldLast', 'holdingQuotes', 'none'] as const) {
    const base = makeSnapshot();
    const series = read(makeSnapshot({pricing: {...base.pricing, step}})).mexc_mm_pricing_step ?? [];
    assert.equal(series.length, 5, step);
    assert.deepEqual(series.filter((s) => s.value === 1).map((s) => s.labels.step), [step]);
    assert.ok(series.every((s) => s.value === 0 || s.value === 1));
  }
});

test('stream state is one-hot: exactly one 1 per stream, on its current state', () => {
  const series = read().mexc_mm_stream_state ?? [];
  const streams = ['kucoin.book', 'mexc.book', 'mexc.user', 'mexc.listenKey', 'mexc.rest'];
  assert.equal(series.length, streams.length * 6);
  for (const stream of streams) {
    const ofStream = series.filter((s) => s.labels.stream === stream);
    assert.deepEqual(ofStream.map((s) => s.labels.state).sort(), ['connecting', 'down', 'live', 'polling', 'stale', 'syncing']);
    const on = ofStream.filter((s) => s.value === 1);
    assert.equal(on.length, 1, stream);
    assert.equal(on[0]!.labels.state, stream === 'mexc.rest' ? 'stale' : 'live', stream);
  }
});

test('stream last-message ages are computed from now; a stream with no message yet has none', () => {
  const readings = read();
  assertNear(valueOf(readings, 'mexc_mm_stream_last_message_age_seconds', {stream: 'kucoin.book'}), 1.58, 'kucoin.book');
  assertNear(valueOf(readings, 'mexc_mm_stream_last_message_age_seconds', {stream: 'mexc.book'}), 1.62, 'mexc.book');
  assertNear(valueOf(readings, 'mexc_mm_stream_last_message_age_seconds', {stream: 'mexc.user'}), 6.5, 'mexc.user');
  assertNear(valueOf(readings, 'mexc_mm_stream_last_message_age_seconds', {stream: 'mexc.listenKey'}), 601.5, 'mexc.listenKey');
  assertNear(valueOf(readings, 'mexc_mm_stream_last_message_age_seconds', {stream: 'mexc.rest'}), 3.5, 'mexc.rest');

  const base = makeSnapshot();
  const silent = read(makeSnapshot({streams: {...base.streams, 'mexc.user': {state: 'connecting', reason: null, lastMessageAt: null}}}));
  assert.equal(valueOf(silent, 'mexc_mm_stream_last_message_age_seconds', {stream: 'mexc.user'}), undefined);
  assert.equal(silent.mexc_mm_stream_last_message_age_seconds?.length, 4);
});

test('snapshot age and next reset are computed from now; a clock behind the snapshot gives 0, not a negative age', () => {
  const readings = read();
  assertNear(valueOf(readings, 'mexc_mm_snapshot_age_seconds'), 1.5, 'snapshot age');
  assertNear(valueOf(readings, 'mexc_mm_next_reset_seconds'), 17 * 60 - 1.5, 'next reset');
  assert.equal(valueOf(read(makeSnapshot(), fixtureNow - 3_000), 'mexc_mm_snapshot_age_seconds'), 0);
  assert.equal(read(makeSnapshot({nextResetAt: null})).mexc_mm_next_reset_seconds, undefined);
});

test('halted and suspended: 0 with an empty reason while clear, 1 with the reason while they hold', () => {
  const clear = read();
  assert.deepEqual(clear.mexc_mm_halted, [{labels: {symbol: 'RMVUSDT', reason: ''}, value: 0}]);
  assert.deepEqual(clear.mexc_mm_suspended, [{labels: {symbol: 'RMVUSDT', cause: ''}, value: 0}]);
  assert.equal(valueOf(clear, 'mexc_mm_paused'), 0);

  const held = read(
    makeSnapshot({
      halted: {since: fixtureNow - 10_000, reason: 'base ratio 0.91 above 0.9'},
      suspension: {cause: 'reference', since: fixtureNow - 5_000, reason: 'KuCoin book stale'},
      paused: true,
    }),
  );
  assert.deepEqual(held.mexc_mm_halted, [{labels: {symbol: 'RMVUSDT', reason: 'base ratio 0.91 above 0.9'}, value: 1}]);
  assert.deepEqual(held.mexc_mm_suspended, [{labels: {symbol: 'RMVUSDT', cause: 'reference'}, value: 1}]);
  assert.equal(valueOf(held, 'mexc_mm_paused'), 1);
});

test('our orders: open per side in any status, resting notional = price × (qty − filled), unknown outcomes counted', () => {
  const readings = read();
  // the fixture holds 5 buys (one partly filled: 1,200 of 16,000) and 5 sells (one still PENDING_NEW)
  assert.equal(valueOf(readings, 'mexc_mm_open_orders', {side: 'bid'}), 5);
  assert.equal(valueOf(readings, 'mexc_mm_open_orders', {side: 'ask'}), 5);
  // bid: 0.012462 × 14,800 + (0.012422 + 0.012382 + 0.012342 + 0.012302) × 16,000
  assertNear(valueOf(readings, 'mexc_mm_resting_notional_usdt', {side: 'bid'}), 184.4376 + 791.168, 'bid notional');
  // ask: (0.012538 + 0.012578 + 0.012618 + 0.012658 + 0.012698) × 16,000
  assertNear(valueOf(readings, 'mexc_mm_resting_notional_usdt', {side: 'ask'}), 1009.44, 'ask notional');
  assert.equal(valueOf(readings, 'mexc_mm_unknown_outcome_orders'), 0);

  const base = makeSnapshot();
  const orders = base.orders.map((order, i) => (i === 1 ? {...order, status: 'UNKNOWN' as const} : order));
  orders.push({...base.orders[0]!, clientOrderId: 'over', filled: 20_000});
  const odd = read(makeSnapshot({orders}));
  assert.equal(valueOf(odd, 'mexc_mm_unknown_outcome_orders'), 1);
  assert.equal(valueOf(odd, 'mexc_mm_open_orders', {side: 'bid'}), 6);
  // an order overfilled in the view adds nothing, not a negative amount
  assertNear(valueOf(odd, 'mexc_mm_resting_notional_usdt', {side: 'bid'}), 975.6056, 'bid notional with an overfilled order');

  const none = read(makeSnapshot({orders: []}));
  assert.equal(valueOf(none, 'mexc_mm_open_orders', {side: 'bid'}), 0);
  assert.equal(valueOf(none, 'mexc_mm_resting_notional_usdt', {side: 'ask'}), 0);
});

test('balances per asset and state', () => {
  const readings = read();
  assert.equal(valueOf(readings, 'mexc_mm_balance', {asset: 'RMV', state: 'free'}), 250_000.5);
  assert.equal(valueOf(readings, 'mexc_mm_balance', {asset: 'RMV', state: 'locked'}), 78_800);
  assert.equal(valueOf(readings, 'mexc_mm_balance', {asset: 'USDT', state: 'free'}), 2_980.12);
  assert.equal(valueOf(readings, 'mexc_mm_balance', {asset: 'USDT', state: 'locked'}), 997.9);
});

test('counters report the engine counts and tallies as they stand', () => {
  const readings = read();
  const expected: Array<[string, Labels, number]> = [
    ['mexc_mm_requests_total', {}, 4_410],
    ['mexc_mm_requests_throttled_total', {}, 3],
    ['mexc_mm_requests_rate_limited_total', {}, 1],
    ['mexc_mm_orders_placed_total', {}, 1_902],
    ['mexc_mm_orders_cancelled_total', {}, 1_880],
    ['mexc_mm_orders_unknown_outcome_total', {}, 1],
    ['mexc_mm_fills_total', {side: 'bid'}, 20],
    ['mexc_mm_fills_total', {side: 'ask'}, 17],
    ['mexc_mm_filled_base_total', {side: 'bid'}, 81_000],
    ['mexc_mm_filled_base_total', {side: 'ask'}, 64_000],
    ['mexc_mm_filled_quote_total', {side: 'bid'}, 20_250.5],
    ['mexc_mm_filled_quote_total', {side: 'ask'}, 16_012],
    ['mexc_mm_resyncs_total', {}, 2],
    ['mexc_mm_malformed_messages_total', {}, 0],
    ['mexc_mm_invalid_transitions_total', {}, 0],
    ['mexc_mm_errors_total', {}, 5],
    ['mexc_mm_event_queue_depth', {}, 0],
    ['mexc_mm_event_queue_high_water', {}, 212],
  ];
  for (const [name, labels, value] of expected) assert.equal(valueOf(readings, name, labels), value, `${name} ${JSON.stringify(labels)}`);
});

test('rejected_total has a series for every reason, 0 where the engine saw none', () => {
  const series = read().mexc_mm_orders_rejected_total ?? [];
  assert.deepEqual(
    Object.fromEntries(series.map((s) => [s.labels.reason, s.value])),
    {insufficientFunds: 3, wouldCross: 0, orderNotFound: 0, notNow: 0, invalid: 0, other: 1},
  );
  const base = makeSnapshot();
  const none = read(makeSnapshot({tallies: {...base.tallies, rejectedByReason: {}}})).mexc_mm_orders_rejected_total ?? [];
  assert.equal(none.length, 6);
  assert.ok(none.every((s) => s.value === 0));
});

test('readings are pure: the same snapshot and clock give the same readings', () => {
  const snapshot = makeSnapshot();
  assert.deepEqual(read(snapshot), read(snapshot));
});

test('decisionLatencySeries: cumulative buckets with le, +Inf equal to the count, then sum and count', () => {
  // fixture: bounds [0.001, 0.01], counts [41,000, 210, 10 above the last bound], 41,220 in all
  assert.deepEqual(decisionLatencySeries(makeSnapshot()), [
    {suffix: '_bucket', labels: {symbol: 'RMVUSDT', le: '0.001'}, value: 41_000},
    {suffix: '_bucket', labels: {symbol: 'RMVUSDT', le: '0.01'}, value: 41_210},
    {suffix: '_bucket', labels: {symbol: 'RMVUSDT', le: '+Inf'}, value: 41_220},
    {suffix: '_sum', labels: {symbol: 'RMVUSDT'}, value: 9.4},
    {suffix: '_count', labels: {symbol: 'RMVUSDT'}, value: 41_220},
  ]);
});

test('decisionLatencySeries: buckets never decrease, and an empty histogram is all zeros', () => {
  const base = makeSnapshot();
  const series = decisionLatencySeries(
    makeSnapshot({tallies: {...base.tallies, decisionLatency: {bounds: [0.001, 0.005, 0.025, 0.1], counts: [5, 0, 3, 1, 2], sumSec: 0.31, count: 11}}}),
  );
  const buckets = series.filter((s) => s.suffix === '_bucket').map((s) => [s.labels.le, s.value]);
  assert.deepEqual(buckets, [['0.001', 5], ['0.005', 5], ['0.025', 8], ['0.1', 9], ['+Inf', 11]]);

  const empty = decisionLatencySeries(makeSnapshot({tallies: {...base.tallies, decisionLatency: {bounds: [0.001, 0.01], counts: [0, 0, 0], sumSec: 0, count: 0}}}));
  assert.ok(empty.every((s) => s.value === 0));
  assert.equal(empty.length, 5);
});
