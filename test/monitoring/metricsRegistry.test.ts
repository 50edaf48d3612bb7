import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {configSchema} from '../../source/config/configSchema.js';
import type {EngineSnapshot} from '../../source/engine/view/snapshot.js';
import {ALERT_MESSAGES_METRIC, DECISION_LATENCY_METRIC, metricCatalog} from '../../source/monitoring/metricCatalog.js';
import {buildMetricsRegistry, type AlertMessageCount, type MetricsSource} from '../../source/monitoring/metricsRegistry.js';
import {fixtureNow, makeSnapshot} from '../store/fixtures.js';

const PROMTOOL = '/usr/bin/promtool';
const config = configSchema.parse({});

function registryOf(snapshot: () => EngineSnapshot | null, extra: Partial<MetricsSource> = {}) {
  return buildMetricsRegistry({snapshot, now: () => fixtureNow + 1_000, version: '1.2.3', config, processMetrics: false, ...extra});
}

/** The sample lines (not comments, not blank) of an exposition. */
const seriesLines = (text: string): string[] => text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));

/** The value of the sample line that starts with `selector` exactly (name plus its rendered labels). */
function sampleValue(text: string, selector: string): number | undefined {
  const line = seriesLines(text).find((l) => l.startsWith(selector + ' '));
  return line === undefined ? undefined : Number(line.slice(selector.length + 1));
}

test('the exposition types every catalog metric, the counters as counter and decision latency as histogram', async () => {
  const text = await registryOf(() => makeSnapshot()).metrics();
  assert.match(text, /^# TYPE mexc_mm_requests_total counter$/m);
  assert.match(text, /^# TYPE mexc_mm_decision_latency_seconds histogram$/m);
  assert.match(text, /^# TYPE mexc_mm_alert_messages_total counter$/m);
  for (const definition of metricCatalog) {
    assert.ok(text.includes(`# HELP ${definition.name} `), `HELP ${definition.name}`);
    assert.ok(text.includes(`# TYPE ${definition.name} ${definition.type}\n`), `TYPE ${definition.name}`);
  }
  // and the catalog has the metrics of docs/monitoring.md §1 without duplicates
  const names = metricCatalog.map((d) => d.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(!names.includes(DECISION_LATENCY_METRIC) && !names.includes(ALERT_MESSAGES_METRIC));
});

test('every series line carries symbol="RMVUSDT" and names a mexc_mm_ metric when process metrics are off', async () => {
  const text = await registryOf(() => makeSnapshot(), {alertMessages: () => [{kind: 'telegram', outcome: 'sent', count: 2}]}).metrics();
  const lines = seriesLines(text);
  assert.ok(lines.length > 100, `${lines.length} series`);
  for (const line of lines) {
    assert.ok(line.startsWith('mexc_mm_'), line);
    assert.ok(/\{symbol="RMVUSDT"[,}]/.test(line), line);
  }
});

test('every gauge and counter of the catalog has at least one series with the fixture snapshot', async () => {
  const text = await registryOf(() => makeSnapshot()).metrics();
  const lines = seriesLines(text);
  for (const {name} of metricCatalog) assert.ok(lines.some((line) => line.startsWith(name + '{')), name);
});

test('with the defaults, prom-client process metrics are exported without a prefix', async () => {
  const registry = buildMetricsRegistry({snapshot: () => makeSnapshot(), now: () => fixtureNow + 1_000, version: '1.2.3', config});
  const text = await registry.metrics();
  assert.match(text, /^process_cpu_seconds_total \d/m);
  assert.match(text, /^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
  assert.match(text, /^mexc_mm_info\{/m);
});

test('before the first snapshot the exposition has HELP and TYPE lines but no mexc_mm series', async () => {
  const text = await registryOf(() => null).metrics();
  assert.match(text, /^# HELP mexc_mm_info /m);
  assert.match(text, /^# TYPE mexc_mm_decision_latency_seconds histogram$/m);
  assert.deepEqual(
    seriesLines(text).filter((line) => line.startsWith('mexc_mm_')),
    [],
  );
});

test('a scrape reports the values of the snapshot as it stands: two scrapes, two snapshots, values follow', async () => {
  const base = makeSnapshot();
  let current: EngineSnapshot = base;
  const registry = registryOf(() => current);
  const first = await registry.metrics();
  assert.equal(sampleValue(first, 'mexc_mm_requests_total{symbol="RMVUSDT"}'), 4_410);
  assert.equal(sampleValue(first, 'mexc_mm_orders_rejected_total{symbol="RMVUSDT",reason="insufficientFunds"}'), 3);
  assert.equal(sampleValue(first, 'mexc_mm_orders_rejected_total{symbol="RMVUSDT",reason="wouldCross"}'), 0);
  assert.equal(sampleValue(first, 'mexc_mm_depth_usdt{symbol="RMVUSDT",side="bid",owner="all"}'), 1402.51);
  assert.equal(sampleValue(first, 'mexc_mm_decision_latency_seconds_count{symbol="RMVUSDT"}'), 41_220);

  current = makeSnapshot({
    counters: {...base.counters, requests: 5_000},
    tallies: {...base.tallies, rejectedByReason: {insufficientFunds: 4, wouldCross: 2}, decisionLatency: {...base.tallies.decisionLatency, count: 41_300}},
    depth: {bid: 900, ask: 1377.93, combined: 2277.93},
  });
  const second = await registry.metrics();
  assert.equal(sampleValue(second, 'mexc_mm_requests_total{symbol="RMVUSDT"}'), 5_000, 'not 4,410 + 5,000');
  assert.equal(sampleValue(second, 'mexc_mm_orders_rejected_total{symbol="RMVUSDT",reason="insufficientFunds"}'), 4);
  assert.equal(sampleValue(second, 'mexc_mm_orders_rejected_total{symbol="RMVUSDT",reason="wouldCross"}'), 2);
  assert.equal(sampleValue(second, 'mexc_mm_depth_usdt{symbol="RMVUSDT",side="bid",owner="all"}'), 900);
  assert.equal(sampleValue(second, 'mexc_mm_decision_latency_seconds_count{symbol="RMVUSDT"}'), 41_300);
});

test('a series the new snapshot no longer has is gone from the next scrape (halt cleared, fair price lost)', async () => {
  let current = makeSnapshot({halted: {since: fixtureNow, reason: 'manual'}});
  const registry = registryOf(() => current);
  const first = await registry.metrics();
  assert.equal(sampleValue(first, 'mexc_mm_halted{symbol="RMVUSDT",reason="manual"}'), 1);
  assert.equal(sampleValue(first, 'mexc_mm_fair_price{symbol="RMVUSDT"}'), 0.0125015);
  const base = makeSnapshot();
  current = makeSnapshot({fair: {...base.fair, price: null}});
  const second = await registry.metrics();
  assert.equal(sampleValue(second, 'mexc_mm_halted{symbol="RMVUSDT",reason="manual"}'), undefined);
  assert.equal(sampleValue(second, 'mexc_mm_halted{symbol="RMVUSDT",reason=""}'), 0);
  assert.equal(sampleValue(second, 'mexc_mm_fair_price{symbol="RMVUSDT"}'), undefined);
  assert.match(second, /^# TYPE mexc_mm_fair_price gauge$/m);
});

test('the decision-latency histogram is rendered as cumulative buckets, sum and count', async () => {
  const text = await registryOf(() => makeSnapshot()).metrics();
  const lines = seriesLines(text).filter((line) => line.startsWith(DECISION_LATENCY_METRIC));
  assert.deepEqual(lines, [
    'mexc_mm_decision_latency_seconds_bucket{symbol="RMVUSDT",le="0.001"} 41000',
    'mexc_mm_decision_latency_seconds_bucket{symbol="RMVUSDT",le="0.01"} 41210',
    'mexc_mm_decision_latency_seconds_bucket{symbol="RMVUSDT",le="+Inf"} 41220',
    'mexc_mm_decision_latency_seconds_sum{symbol="RMVUSDT"} 9.4',
    'mexc_mm_decision_latency_seconds_count{symbol="RMVUSDT"} 41220',
  ]);
});

test('the alertMessages source feeds mexc_mm_alert_messages_total{kind,outcome}, as it stands at each scrape', async () => {
  let counts: AlertMessageCount[] = [
    {kind: 'telegram', outcome: 'sent', count: 4},
    {kind: 'slack', outcome: 'failed', count: 1},
  ];
  const registry = registryOf(() => makeSnapshot(), {alertMessages: () => counts});
  const first = await registry.metrics();
  assert.equal(sampleValue(first, 'mexc_mm_alert_messages_total{symbol="RMVUSDT",kind="telegram",outcome="sent"}'), 4);
  assert.equal(sampleValue(first, 'mexc_mm_alert_messages_total{symbol="RMVUSDT",kind="slack",outcome="failed"}'), 1);
  counts = [
    {kind: 'telegram', outcome: 'sent', count: 6},
    {kind: 'slack', outcome: 'failed', count: 1},
    {kind: 'generic', outcome: 'dropped', count: 3},
  ];
  const second = await registry.metrics();
  assert.equal(sampleValue(second, 'mexc_mm_alert_messages_total{symbol="RMVUSDT",kind="telegram",outcome="sent"}'), 6);
  assert.equal(sampleValue(second, 'mexc_mm_alert_messages_total{symbol="RMVUSDT",kind="generic",outcome="dropped"}'), 3);
  assert.equal(seriesLines(second).filter((line) => line.startsWith(ALERT_MESSAGES_METRIC)).length, 3);

  const without = await registryOf(() => makeSnapshot()).metrics();
  assert.deepEqual(seriesLines(without).filter((line) => line.startsWith(ALERT_MESSAGES_METRIC)), []);
});

test('a label value with quotes, a backslash and a newline is escaped in the exposition', async () => {
  const text = await registryOf(() => makeSnapshot({halted: {since: fixtureNow, reason: 'operator said "stop"\\now\nplease'}})).metrics();
  assert.ok(text.includes('mexc_mm_halted{symbol="RMVUSDT",reason="operator said \\"stop\\"\\\\now\\nplease"} 1\n'), text.split('\n').filter((l) => l.startsWith('mexc_mm_halted')).join('\n'));
});

test('promtool check metrics reports nothing about a mexc_mm_ metric', {skip: existsSync(PROMTOOL) ? false : `${PROMTOOL} is not installed`}, async () => {
  const snapshots = [
    makeSnapshot(),
    makeSnapshot({halted: {since: fixtureNow, reason: 'said "stop"\nnow'}, fair: {...makeSnapshot().fair, price: null}, orders: []}),
  ];
  for (const snapshot of snapshots) {
    const registry = buildMetricsRegistry({
      snapshot: () => snapshot,
      now: () => fixtureNow + 1_000,
      version: '1.2.3',
      config,
      alertMessages: () => [{kind: 'slack', outcome: 'sent', count: 2}],
    });
    const text = await registry.metrics();
    const result = spawnSync(PROMTOOL, ['check', 'metrics'], {input: text, encoding: 'utf8', timeout: 10_000});
    assert.equal(result.error, undefined);
    const report = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
    // prom-client's own gauges named *_total draw lint warnings; those are not ours
    assert.deepEqual(report.filter((line) => line.startsWith('mexc_mm') || /pars(e|ing) error|error while linting/.test(line)), []);
  }
});
