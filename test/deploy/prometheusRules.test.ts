// deploy/prometheus/: promtool accepts the alert rules and the scrape config, the rules' unit tests pass,
// and every alert has a unit test where it fires and one where it does not (docs/monitoring.md §3). The
// dashboard's expressions are valid PromQL too (promtool parses them as recording rules). Without
// promtool (Debian package prometheus) the promtool tests skip, except under CI, which installs it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {isMap, listAt, stringAt} from './yamlFile.js';
import {alertCases, alertRules, dashboard, dashboardExpressions, haveCommand, paths, readYaml, repoRoot} from './monitoringFiles.js';

function promtool(args: string[]): {status: number | null; output: string} {
  const run = spawnSync('promtool', args, {cwd: repoRoot, encoding: 'utf8', timeout: 60_000});
  return {status: run.status, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? run.error.message : ''}`};
}

test('promtool check rules accepts alerts.yml', (t) => {
  if (!haveCommand(t, 'promtool')) return;
  const run = promtool(['check', 'rules', paths.alerts]);
  assert.equal(run.status, 0, `promtool check rules ${paths.alerts} exited ${run.status}:\n${run.output}`);
  // the same rules this file's reader sees (test/deploy/yamlFile.ts), so the checks below see them all
  const file = readYaml(paths.alerts);
  const rules = isMap(file) ? listAt(file, 'groups').filter(isMap).flatMap((g) => listAt(g, 'rules')).length : 0;
  assert.match(run.output, new RegExp(`SUCCESS: ${rules} rules found`), run.output);
});

test('promtool check config accepts prometheus.yml (and the rule file it loads)', (t) => {
  if (!haveCommand(t, 'promtool')) return;
  const run = promtool(['check', 'config', paths.prometheus]);
  assert.equal(run.status, 0, `promtool check config ${paths.prometheus} exited ${run.status}:\n${run.output}`);
});

test('promtool test rules passes alerts.test.yml', (t) => {
  if (!haveCommand(t, 'promtool')) return;
  const run = promtool(['test', 'rules', paths.alertTests]);
  assert.equal(run.status, 0, `promtool test rules ${paths.alertTests} exited ${run.status}:\n${run.output}`);
});

test('every dashboard expression is valid PromQL', (t) => {
  if (!haveCommand(t, 'promtool')) return;
  // as recording rules promtool parses each one; Grafana's variables become what they stand for
  const expressions = dashboardExpressions(dashboard());
  const concrete = (expr: string): string => expr.replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}/g, '1m').replace(/\$\{?symbol\}?/g, 'RMVUSDT');
  const rules = expressions.map((e, i) => `      - record: dashboard:expr_${i}\n        expr: ${JSON.stringify(concrete(e.expr))}`).join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'mm-promql-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const file = join(dir, 'dashboard-rules.yml');
  writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules}\n`);
  const run = spawnSync('promtool', ['check', 'rules', file], {encoding: 'utf8', timeout: 60_000});
  const output = `${run.stdout}${run.stderr}`;
  // promtool names the rule that failed: map the index back to the panel
  const named = output.replace(/dashboard:expr_(\d+)/g, (all, i: string) => `${all} (${expressions[Number(i)]?.where})`);
  assert.equal(run.status, 0, `promtool check rules on the dashboard's expressions exited ${run.status}:\n${named}`);
});

test('every alert has a unit test where it fires and one where it does not', () => {
  const cases = alertCases();
  const missing: string[] = [];
  for (const {alert} of alertRules()) {
    const own = cases.filter((c) => c.alertname === alert);
    if (!own.some((c) => c.expected > 0)) missing.push(`${alert}: no alert_rule_test where it fires (non-empty exp_alerts)`);
    if (!own.some((c) => c.expected === 0)) missing.push(`${alert}: no alert_rule_test where it does not fire (empty exp_alerts)`);
  }
  assert.deepEqual(missing, []);
});

test('every alertname in the unit tests names a rule of alerts.yml', () => {
  // a misspelt name makes a "does not fire" case pass without testing anything
  const names = new Set(alertRules().map((r) => r.alert));
  const unknown = alertCases().filter((c) => !names.has(c.alertname)).map((c) => `${c.test} at ${c.evalTime}: ${c.alertname || '(no alertname)'}`);
  assert.deepEqual(unknown, []);
});

test('every alert rule has a for, a severity of critical or warning, a summary and a description', () => {
  const rules = alertRules();
  assert.ok(rules.length > 0, `${paths.alerts} has no alert`);
  assert.equal(new Set(rules.map((r) => r.alert)).size, rules.length, 'alert names are unique');
  for (const rule of rules) {
    assert.equal(rule.group, 'mexc-mm', `${rule.alert}: in group mexc-mm`);
    assert.match(rule.for ?? '', /^\d+[smh]$/, `${rule.alert}: for: is given`);
    assert.ok(['critical', 'warning'].includes(rule.labels['severity'] ?? ''), `${rule.alert}: severity ${rule.labels['severity']}`);
    assert.ok((rule.annotations['summary'] ?? '').trim() !== '', `${rule.alert}: summary`);
    assert.ok((rule.annotations['description'] ?? '').trim() !== '', `${rule.alert}: description`);
    // pair-level rules name the pair; `up` and the process metrics have no symbol label
    const pairLevel = /\bmexc_mm_/.test(rule.expr);
    if (pairLevel) assert.match(rule.annotations['summary']!, /\{\{ \$labels\.symbol \}\}/, `${rule.alert}: the summary names the symbol`);
  }
});

test('prometheus.yml scrapes job mexc-mm every 15 s at 127.0.0.1:9464 and loads alerts.yml', () => {
  const config = readYaml(paths.prometheus);
  assert.ok(isMap(config));
  assert.deepEqual(listAt(config, 'rule_files'), ['alerts.yml']);
  const jobs = listAt(config, 'scrape_configs').filter(isMap);
  const job = jobs.find((j) => stringAt(j, 'job_name') === 'mexc-mm');
  assert.ok(job, 'a scrape config with job_name mexc-mm');
  assert.equal(stringAt(job, 'scrape_interval'), '15s');
  const targets = listAt(job, 'static_configs').filter(isMap).flatMap((s) => listAt(s, 'targets'));
  assert.deepEqual(targets, ['127.0.0.1:9464']);
});
