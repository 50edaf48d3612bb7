// The Grafana dashboard (deploy/grafana/mexc-mm.json) and the alert rules (deploy/prometheus/alerts.yml)
// query only metrics the bot exports: those of docs/monitoring.md §1 (a histogram by its _bucket, _sum and
// _count series), prom-client's default process metrics, and Prometheus' own `up`. Checked against the
// docs table and against what source/monitoring/metricsRegistry.ts really exports; and the docs table
// against the registry, so the three agree.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {Registry, collectDefaultMetrics} from 'prom-client';
import type {Config} from '../../source/config/configSchema.js';
import {defaultConfig} from '../../source/config/configSchema.js';
import type {EngineSnapshot} from '../../source/engine/view/snapshot.js';
import {fixtureNow, makeSnapshot} from '../store/fixtures.js';
import {
  alertRules,
  allPanels,
  dashboard,
  dashboardExpressions,
  docsMetrics,
  exposedTypes,
  paths,
  promqlSelectors,
  queryable,
  repoRoot,
  seriesNames,
  variableQuery,
  type Expression,
} from './monitoringFiles.js';

/** The API docs/monitoring.md §1's exporter offers (source/monitoring/metricsRegistry.ts). */
interface MetricsRegistryModule {
  buildMetricsRegistry(deps: {snapshot: () => EngineSnapshot | null; now: () => number; version: string; config: Config}): Registry;
}

// not a literal: type-checking must not depend on the module while it is being written
const registryModule: string = '../../source/monitoring/metricsRegistry.js';

/**
 * The registry's text exposition for a fixture snapshot, or null (the test skipped) while the module does
 * not exist yet. Under CI a missing module fails: the docs promise the exporter.
 */
async function registryExposition(t: TestContext): Promise<string | null> {
  let loaded: MetricsRegistryModule;
  try {
    loaded = (await import(registryModule)) as MetricsRegistryModule;
  } catch (error) {
    // the registry itself missing, not a module it imports
    const missing = (error as {code?: string}).code === 'ERR_MODULE_NOT_FOUND' && /Cannot find module '[^']*\/monitoring\/metricsRegistry\.[jt]s'/.test(String((error as Error).message));
    if (!missing) throw error;
    if (process.env['CI'] && process.env['CI'] !== 'false') assert.fail(`source/monitoring/metricsRegistry.ts is required: ${(error as Error).message}`);
    t.skip('source/monitoring/metricsRegistry.ts does not exist yet');
    return null;
  }
  const registry = loaded.buildMetricsRegistry({snapshot: () => makeSnapshot(), now: () => fixtureNow, version: '0.0.0-test', config: defaultConfig()});
  try {
    return await registry.metrics();
  } finally {
    registry.clear();
  }
}

/** prom-client's default metrics, as collectDefaultMetrics registers them (docs/monitoring.md §1). */
async function promClientDefaults(): Promise<Set<string>> {
  const registry = new Registry();
  collectDefaultMetrics({register: registry});
  try {
    return queryable(exposedTypes(await registry.metrics()));
  } finally {
    registry.clear();
  }
}

/** Prometheus' own series for a scrape target that the deploy files may use. */
const PROMETHEUS_SERIES = new Set(['up']);

function allExpressions(): Expression[] {
  return [...dashboardExpressions(dashboard()), ...alertRules().map((r) => ({where: `${paths.alerts} ${r.alert}`, expr: r.expr}))];
}

/** Expressions' metric names that are not in `known`, as "where: name" lines. */
function unknownNames(known: Set<string>): string[] {
  return allExpressions().flatMap(({where, expr}) =>
    promqlSelectors(expr)
      .flatMap((s) => (s.metric === null || known.has(s.metric) ? [] : [s.metric]))
      .map((name) => `${where}: ${name}`),
  );
}

test('the dashboard parses, has a uid of its own, a datasource and a symbol variable, and every panel a datasource and a target', () => {
  const board = dashboard();
  assert.match(board.uid ?? '', /^[A-Za-z0-9_-]{1,40}$/, 'uid: at most 40 letters, digits, - or _ (Grafana)');
  assert.ok((board.title ?? '') !== '', 'title');
  assert.ok((board.schemaVersion ?? 0) >= 36, `schemaVersion ${board.schemaVersion}`);
  // two dashboards with one uid overwrite each other on import
  const dir = join(repoRoot, 'deploy/grafana');
  const uids = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => dashboard(`deploy/grafana/${f}`).uid);
  assert.equal(uids.filter((u) => u === board.uid).length, 1, `uid ${board.uid} is used by one dashboard in deploy/grafana`);

  const variables = board.templating?.list ?? [];
  const datasource = variables.find((v) => v.type === 'datasource');
  assert.ok(datasource?.name, 'a datasource variable');
  assert.equal(datasource.query, 'prometheus');
  const symbol = variables.find((v) => v.name === 'symbol');
  assert.ok(symbol, 'a symbol variable');
  assert.equal(symbol.type, 'query');
  assert.match(variableQuery(symbol), /^label_values\(\s*mexc_mm_info\s*,\s*symbol\s*\)$/);

  const panels = allPanels(board);
  assert.ok(panels.length > 0, 'panels');
  const ids = panels.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, `panel ids are unique: ${ids.join(', ')}`);
  const uses = (ds: unknown): boolean => typeof ds === 'object' && ds !== null && (ds as {uid?: string}).uid === `\${${datasource.name}}`;
  for (const panel of panels) {
    const name = `panel ${panel.id} "${panel.title}"`;
    assert.ok(uses(panel.datasource), `${name}: datasource is the \${${datasource.name}} variable: ${JSON.stringify(panel.datasource)}`);
    const targets = panel.targets ?? [];
    assert.ok(targets.length > 0, `${name}: at least one target`);
    assert.equal(new Set(targets.map((x) => x.refId)).size, targets.length, `${name}: refIds are unique`);
    for (const target of targets) assert.ok((target.expr ?? '').trim() !== '', `${name} ${target.refId}: an expression`);
  }
  assert.ok(uses(symbol.datasource), 'the symbol variable queries the datasource variable');
});

test('every dashboard selector of a pair-level metric filters on the chosen symbol', () => {
  // without it a panel mixes every pair the Prometheus scrapes
  const unfiltered = dashboardExpressions(dashboard())
    .filter((e) => !e.where.startsWith('variable '))
    .flatMap(({where, expr}) =>
      promqlSelectors(expr)
        .filter((s) => s.metric?.startsWith('mexc_mm_') && !s.labels.includes('symbol'))
        .map((s) => `${where}: ${s.metric}`),
    );
  assert.deepEqual(unfiltered, []);
  for (const {where, expr} of dashboardExpressions(dashboard())) {
    for (const match of expr.matchAll(/\bsymbol\s*(=~|!~|!=|=)\s*"([^"]*)"/g)) assert.equal(match[0], 'symbol="$symbol"', `${where}: ${expr}`);
  }
});

test('every expression names a metric of docs/monitoring.md §1, a prom-client default, or up, by its documented labels', async () => {
  const docs = docsMetrics();
  assert.ok(docs.size >= 40, `docs/monitoring.md §1 table read: ${docs.size} metrics`);
  for (const [name, {type}] of docs) assert.ok(['gauge', 'counter', 'histogram'].includes(type), `${name}: type ${type}`);
  const documented = new Set([...docs].flatMap(([name, {type}]) => seriesNames(name, type)));
  const defaults = await promClientDefaults();
  assert.ok(defaults.has('process_cpu_seconds_total') && defaults.has('process_resident_memory_bytes'), 'prom-client defaults read');
  assert.deepEqual(unknownNames(new Set([...documented, ...defaults, ...PROMETHEUS_SERIES])), []);

  // label matchers: the labels the table gives the metric, the target's job and instance, a bucket's le
  const wrongLabels: string[] = [];
  for (const {where, expr} of allExpressions()) {
    for (const selector of promqlSelectors(expr)) {
      const base = selector.metric?.replace(/_(bucket|sum|count)$/, '');
      const doc = selector.metric === null ? undefined : (docs.get(selector.metric) ?? (base !== undefined && docs.get(base)?.type === 'histogram' ? docs.get(base) : undefined));
      if (doc === undefined) continue;
      const allowed = new Set([...doc.labels, 'job', 'instance', ...(selector.metric!.endsWith('_bucket') ? ['le'] : [])]);
      for (const label of selector.labels) if (!allowed.has(label)) wrongLabels.push(`${where}: ${selector.metric} has no label ${label}`);
    }
  }
  assert.deepEqual(wrongLabels, []);
});

test('the registry exports every metric of docs/monitoring.md §1, with its type', async (t) => {
  const exposition = await registryExposition(t);
  if (exposition === null) return;
  const exported = exposedTypes(exposition);
  const problems: string[] = [];
  for (const [name, {type}] of docsMetrics()) {
    if (!exported.has(name)) problems.push(`${name}: not exported`);
    else if (exported.get(name) !== type) problems.push(`${name}: exported as ${exported.get(name)}, documented as ${type}`);
  }
  assert.deepEqual(problems, []);
});

test('every expression names a metric the registry exports, a prom-client default, or up', async (t) => {
  const exposition = await registryExposition(t);
  if (exposition === null) return;
  const known = new Set([...queryable(exposedTypes(exposition)), ...(await promClientDefaults()), ...PROMETHEUS_SERIES]);
  assert.deepEqual(unknownNames(known), []);
});
