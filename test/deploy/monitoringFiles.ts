// What the monitoring deploy tests read: the alert rules and their unit tests (deploy/prometheus/), the
// Grafana dashboard (deploy/grafana/), the metric table of docs/monitoring.md §1, and the metric names a
// PromQL expression selects.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {isMap, listAt, parseYaml, stringAt, type YamlMap, type YamlValue} from './yamlFile.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const paths = {
  alerts: 'deploy/prometheus/alerts.yml',
  alertTests: 'deploy/prometheus/alerts.test.yml',
  prometheus: 'deploy/prometheus/prometheus.yml',
  dashboard: 'deploy/grafana/mexc-mm.json',
  docs: 'docs/monitoring.md',
} as const;

export const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');
export const readYaml = (path: string): YamlValue => parseYaml(read(path), path);

function mapsAt(map: YamlMap, key: string, where: string): YamlMap[] {
  return listAt(map, key).map((item, i) => {
    if (!isMap(item)) throw new Error(`${where}.${key}[${i}] is not a mapping`);
    return item;
  });
}

function stringMap(value: YamlValue | undefined, where: string): Record<string, string> {
  if (value === undefined || value === '') return {};
  if (!isMap(value)) throw new Error(`${where} is not a mapping`);
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (typeof v !== 'string') throw new Error(`${where}.${key} is not a string`);
      return [key, v];
    }),
  );
}

export interface AlertRule {
  group: string;
  alert: string;
  expr: string;
  for: string | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The alerting rules of deploy/prometheus/alerts.yml, in order (recording rules are left out). */
export function alertRules(): AlertRule[] {
  const file = readYaml(paths.alerts);
  if (!isMap(file)) throw new Error(`${paths.alerts} is not a mapping`);
  return mapsAt(file, 'groups', paths.alerts).flatMap((group) =>
    mapsAt(group, 'rules', `group ${stringAt(group, 'name')}`)
      .filter((rule) => stringAt(rule, 'alert') !== undefined)
      .map((rule) => ({
        group: stringAt(group, 'name') ?? '',
        alert: stringAt(rule, 'alert')!,
        expr: stringAt(rule, 'expr') ?? '',
        for: stringAt(rule, 'for'),
        labels: stringMap(rule['labels'], `${stringAt(rule, 'alert')}.labels`),
        annotations: stringMap(rule['annotations'], `${stringAt(rule, 'alert')}.annotations`),
      })),
  );
}

export interface AlertCase {
  test: string;
  alertname: string;
  evalTime: string;
  /** how many alerts the case expects (0: it checks that the alert does not fire) */
  expected: number;
}

/** Every alert_rule_test entry of deploy/prometheus/alerts.test.yml. */
export function alertCases(): AlertCase[] {
  const file = readYaml(paths.alertTests);
  if (!isMap(file)) throw new Error(`${paths.alertTests} is not a mapping`);
  return mapsAt(file, 'tests', paths.alertTests).flatMap((test, i) => {
    const name = stringAt(test, 'name') ?? `tests[${i}]`;
    return mapsAt(test, 'alert_rule_test', name).map((entry) => ({
      test: name,
      alertname: stringAt(entry, 'alertname') ?? '',
      evalTime: stringAt(entry, 'eval_time') ?? '',
      // promtool reads a missing exp_alerts as none expected
      expected: listAt(entry, 'exp_alerts').length,
    }));
  });
}

export interface DashboardPanel {
  id?: number;
  type?: string;
  title?: string;
  datasource?: {type?: string; uid?: string} | string | null;
  targets?: {expr?: string; refId?: string; datasource?: unknown}[];
  panels?: DashboardPanel[];
}

export interface Dashboard {
  uid?: string;
  title?: string;
  schemaVersion?: number;
  panels?: DashboardPanel[];
  templating?: {list?: {name?: string; type?: string; query?: string | {query?: string}; definition?: string; datasource?: unknown}[]};
}

export function dashboard(path: string = paths.dashboard): Dashboard {
  return JSON.parse(read(path)) as Dashboard;
}

/** Panels, those inside collapsed rows included. */
export function allPanels(board: Dashboard): DashboardPanel[] {
  const walk = (panels: DashboardPanel[]): DashboardPanel[] => panels.flatMap((p) => [p, ...walk(p.panels ?? [])]);
  return walk(board.panels ?? []);
}

export interface Expression {
  where: string;
  expr: string;
}

/** A query variable's text: a string, or the object newer Grafana writes ({query: …}). */
export function variableQuery(variable: NonNullable<NonNullable<Dashboard['templating']>['list']>[number]): string {
  const query = variable.query;
  return typeof query === 'string' ? query : (query?.query ?? variable.definition ?? '');
}

/**
 * Every PromQL expression of the dashboard: panel targets and query variables. A variable's
 * label_values(selector, label) contributes its selector; label_values(label) and the other Grafana
 * functions without a selector contribute nothing.
 */
export function dashboardExpressions(board: Dashboard): Expression[] {
  const out: Expression[] = [];
  for (const panel of allPanels(board)) {
    for (const target of panel.targets ?? []) {
      if (target.expr !== undefined) out.push({where: `panel "${panel.title}" ${target.refId ?? ''}`.trim(), expr: target.expr});
    }
  }
  for (const variable of board.templating?.list ?? []) {
    if (variable.type !== 'query') continue;
    const query = variableQuery(variable).trim();
    const grafana = /^(label_values|metrics|label_names|query_result)\s*\((.*)\)$/s.exec(query);
    if (grafana === null) out.push({where: `variable ${variable.name}`, expr: query});
    else if (grafana[1] === 'query_result') out.push({where: `variable ${variable.name}`, expr: grafana[2]!});
    else if (grafana[1] === 'label_values' && grafana[2]!.includes(',')) {
      out.push({where: `variable ${variable.name}`, expr: grafana[2]!.slice(0, grafana[2]!.lastIndexOf(','))});
    }
  }
  return out;
}

export interface DocMetric {
  type: string;
  labels: string[];
}

/** The table of docs/monitoring.md §1: metric name → type and labels. */
export function docsMetrics(): Map<string, DocMetric> {
  const text = read(paths.docs);
  const section = /^## 1\. [^\n]*\n([\s\S]*?)(?=^## )/m.exec(text);
  if (section === null) throw new Error(`${paths.docs}: no section 1`);
  const metrics = new Map<string, DocMetric>();
  for (const line of section[1]!.split('\n')) {
    const row = /^\|\s*`([a-zA-Z_:][a-zA-Z0-9_:]*)`\s*\|([^|]*)\|([^|]*)\|/.exec(line);
    if (row === null) continue;
    const labels = row[3]!.split(',').map((l) => l.trim()).filter((l) => l !== '');
    metrics.set(row[1]!, {type: row[2]!.trim(), labels});
  }
  return metrics;
}

/** The series names a metric of this type is queried by: a histogram's _bucket, _sum and _count. */
export function seriesNames(name: string, type: string): string[] {
  if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

/** `# TYPE name type` lines of a text exposition: name → type. */
export function exposedTypes(exposition: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(match[1]!, match[2]!);
  return types;
}

export const queryable = (types: Map<string, string>): Set<string> => new Set([...types].flatMap(([name, type]) => seriesNames(name, type)));

export interface Selector {
  /** the metric name, null for a selector of labels only ({job="x"}) */
  metric: string | null;
  labels: string[];
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'atan2', 'inf', 'nan']);

/**
 * The metric names an expression selects, and the label names each selector matches on. Enough PromQL
 * for the deploy files: strings, label matchers, ranges and grouping clauses are taken out first, then
 * every identifier that is not a function, an aggregation or a keyword is a metric name. Grafana's
 * variables ($symbol, ${x}, $__rate_interval) may appear where PromQL allows a string or a duration.
 */
export function promqlSelectors(expr: string): Selector[] {
  let text = expr.replace(/\$\{[^}]*\}|\$\w+/g, '1m');
  text = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  if (text.includes('__name__')) throw new Error(`a selector by __name__ is not read: ${expr}`);
  const selectors: Selector[] = [];
  // a selector with matchers is recorded and taken out, so the identifier scan below does not see it again
  text = text.replace(/([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{([^}]*)\}/g, (_all, metric: string | undefined, body: string) => {
    const labels = body.split(',').map((m) => m.trim()).filter((m) => m !== '').map((m) => /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/.exec(m)?.[1] ?? m);
    if (metric !== undefined && KEYWORDS.has(metric)) {
      selectors.push({metric: null, labels});
      return ` ${metric} `;
    }
    selectors.push({metric: metric ?? null, labels});
    return ' ';
  });
  text = text.replace(/\[[^\]]*\]/g, ' ');
  text = text.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  for (const match of text.matchAll(/(?<![\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const name = match[0];
    if (KEYWORDS.has(name)) continue;
    // a function or an aggregation
    if (/^\s*\(/.test(text.slice(match.index + name.length))) continue;
    selectors.push({metric: name, labels: []});
  }
  return selectors;
}

export const metricNames = (expr: string): string[] => [...new Set(promqlSelectors(expr).flatMap((s) => (s.metric === null ? [] : [s.metric])))];

/**
 * Whether `command` runs here. Missing under CI (.ci/run sets CI and installs it): the test fails,
 * naming the command. Missing elsewhere: the test is skipped with the reason, and false comes back.
 */
export function haveCommand(t: TestContext, command: string, args: string[] = ['--version']): boolean {
  const probe = spawnSync(command, args, {encoding: 'utf8'});
  if (probe.error === undefined) return true;
  if (process.env['CI'] && process.env['CI'] !== 'false') assert.fail(`${command} is required under CI but unavailable: ${probe.error.message}`);
  t.skip(`${command} not installed: ${probe.error.message}`);
  return false;
}
