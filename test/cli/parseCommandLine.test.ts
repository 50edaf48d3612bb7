import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {spawnSync} from 'node:child_process';
import {parseCommandLine, UsageError} from '../../source/cli/parseCommandLine.js';
import {CLI} from '../e2e/processHarness.js';

const rejects = (argv: string[], flag: RegExp) =>
  assert.throws(() => parseCommandLine(argv), (error: unknown) => error instanceof UsageError && flag.test(error.message));

test('no arguments means the console on the simulator with defaults', () => {
  const inv = parseCommandLine([]);
  assert.equal(inv.command, 'run');
  if (inv.command !== 'run') return;
  assert.equal(inv.mode, 'sim');
  assert.equal(inv.ui, true);
  assert.equal(inv.config.levels, 5);
  assert.equal(inv.config.depthTargetUsdt, 1250);
  assert.equal(inv.config.bandPct, 0.02);
  assert.equal(inv.config.timers.resetIntervalSec, 1800);
  assert.equal(inv.config.risk.staleAfterSec, 10);
  assert.equal(inv.dataDir, './data');
});

test('flags reach the typed config', () => {
  const inv = parseCommandLine(['--no-ui', '--duration', '30', '--seed', '7', '--scenario', 'volatile', '--symbol', 'ABCUSDT', '--reference-symbol', 'ABC-USDT', '--mexc-rest', 'http://127.0.0.1:9/']);
  assert.equal(inv.command, 'run');
  if (inv.command !== 'run') return;
  assert.equal(inv.ui, false);
  assert.equal(inv.durationSec, 30);
  assert.equal(inv.config.sim.seed, 7);
  assert.equal(inv.config.sim.scenario, 'volatile');
  assert.equal(inv.config.symbol, 'ABCUSDT');
  assert.equal(inv.config.referenceSymbol, 'ABC-USDT');
  assert.equal(inv.overrides.mexcRest, 'http://127.0.0.1:9');
});

const badFlags: Array<[string[], RegExp]> = [
  [['--scenario', 'foo'], /--scenario/],
  [['--duration', '-5'], /--duration/],
  [['--duration', 'abc'], /--duration/],
  [['--duration', '0'], /--duration/],
  [['--seed', '1.5'], /--seed/],
  [['--port', '70000'], /--port/],
  [['--mexc-rest', 'not a url'], /--mexc-rest/],
  [['--mexc-ws', 'http://x'], /--mexc-ws/],
  [['--kucoin-rest', 'ftp://x'], /--kucoin-rest/],
  [['--faults', 'wsDrop,meteor'], /--faults/],
  [['--faults', 'referenceOutage:soon'], /--faults: .*duration "soon"/],
  [['--faults', 'referenceOutage:1m,referenceOutage:2m'], /--faults: referenceOutage is given twice/],
  [['--bogus'], /--bogus/],
  [['-x'], /-x/],
  [['--live', '--paper'], /--live and --paper/],
  [['--symbol', 'bad symbol'], /--symbol/],
  [['frobnicate'], /unknown command/],
  [['--since', 'yesterday-ish', 'report'], /--since/],
  [['report', '--format', 'xml'], /--format expects one of text, md, csv, json, got "xml"/],
  [['report', '--json', '--format', 'csv'], /--json and --format csv exclude each other/],
];
for (const [argv, flag] of badFlags) {
  test(`bad input ${argv.join(' ')} is a usage error naming ${flag.source}`, () => rejects(argv, flag));
}

test('a config file with bad values and unknown keys names every key path', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-cfg-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({levels: -1, typo: 1, risk: {staleAfterSec: 'x'}}));
  assert.throws(
    () => parseCommandLine(['--config', file]),
    (error: unknown) =>
      error instanceof UsageError && /levels/.test(error.message) && /typo/.test(error.message) && /risk\.staleAfterSec/.test(error.message),
  );
  writeFileSync(file, '{not json');
  rejects(['--config', file], /not valid JSON/);
  rejects(['--config', join(dir, 'missing.json')], /cannot read/);
});

test('a valid config file overrides defaults and flags override the file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-cfg-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({levels: 7, sim: {seed: 3}, risk: {inventoryBand: {minBaseRatio: 0.2}}}));
  const inv = parseCommandLine(['--config', file, '--seed', '9']);
  assert.equal(inv.command, 'run');
  if (inv.command !== 'run') return;
  assert.equal(inv.config.levels, 7);
  assert.equal(inv.config.sim.seed, 9);
  assert.equal(inv.config.risk.inventoryBand.minBaseRatio, 0.2);
  assert.equal(inv.config.risk.inventoryBand.maxBaseRatio, 0.85);
});

test('the binary exits 2 naming the flag, prints help and version', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [...CLI, ...args], {encoding: 'utf8', timeout: 30_000});
  const bad = run(['--scenario', 'foo']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--scenario/);
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage/);
  assert.match(help.stdout, /--no-ui/);
  const version = run(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
});

test('--faults takes timed outages into sim.faults', () => {
  const parsed = parseCommandLine(['--faults', 'referenceOutage:10m@30s,wsDrop']);
  assert.equal(parsed.command, 'run');
  if (parsed.command !== 'run') return;
  assert.deepEqual(parsed.config.sim.faults, [
    {name: 'referenceOutage', startSec: 30, durationSec: 600},
    {name: 'wsDrop', startSec: 0, durationSec: null},
  ]);
});

test('--metrics-port 9464 sets config.metrics.port; the host stays loopback', () => {
  const inv = parseCommandLine(['--metrics-port', '9464']);
  assert.equal(inv.command, 'run');
  if (inv.command !== 'run') return;
  assert.equal(inv.config.metrics.port, 9464);
  assert.equal(inv.config.metrics.host, '127.0.0.1');
  const none = parseCommandLine([]);
  if (none.command !== 'run') return assert.fail('expected run');
  assert.equal(none.config.metrics.port, null, 'off unless asked');
  const any = parseCommandLine(['--metrics-port=0']);
  if (any.command !== 'run') return assert.fail('expected run');
  assert.equal(any.config.metrics.port, 0, 'port 0: any free port');
  const top = parseCommandLine(['--metrics-port', '65535']);
  if (top.command !== 'run') return assert.fail('expected run');
  assert.equal(top.config.metrics.port, 65535);
});

for (const bad of ['70000', '65536', 'abc', '-1', '1.5', '']) {
  test(`--metrics-port ${JSON.stringify(bad)} is a usage error naming --metrics-port`, () => rejects(['--metrics-port', bad], /--metrics-port/));
}

test('--log-level debug sets config.log.level; the default is info', () => {
  const inv = parseCommandLine(['--no-ui', '--log-level', 'debug']);
  assert.equal(inv.command, 'run');
  if (inv.command !== 'run') return;
  assert.equal(inv.config.log.level, 'debug');
  const none = parseCommandLine([]);
  if (none.command !== 'run') return assert.fail('expected run');
  assert.equal(none.config.log.level, 'info');
});

test('--log-level loud is a usage error listing the levels', () =>
  rejects(['--log-level', 'loud'], /--log-level expects one of debug, info, warn, error, got "loud"/));

test('--metrics-port overrides metrics.port of the config file, and the file keeps metrics.host', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-cfg-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({metrics: {port: 9000, host: '0.0.0.0'}, log: {level: 'warn'}}));
  const fromFile = parseCommandLine(['--config', file]);
  if (fromFile.command !== 'run') return assert.fail('expected run');
  assert.equal(fromFile.config.metrics.port, 9000);
  assert.equal(fromFile.config.log.level, 'warn');
  const inv = parseCommandLine(['--config', file, '--metrics-port', '9464', '--log-level', 'error']);
  if (inv.command !== 'run') return assert.fail('expected run');
  assert.equal(inv.config.metrics.port, 9464);
  assert.equal(inv.config.metrics.host, '0.0.0.0');
  assert.equal(inv.config.log.level, 'error');
});

test('an unknown key under metrics in the config file names metrics.bogus', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-cfg-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({metrics: {bogus: 1}}));
  rejects(['--config', file], /metrics\.bogus: unknown key/);
  writeFileSync(file, JSON.stringify({metrics: {port: 70000}, log: {level: 'loud'}}));
  rejects(['--config', file], /metrics\.port.*\n.*log\.level|log\.level.*\n.*metrics\.port/);
});

test('--metrics-host sets config.metrics.host over the file; an empty one is a UsageError naming the flag', () => {
  const inv = parseCommandLine(['--metrics-port', '9464', '--metrics-host', '0.0.0.0']);
  assert.equal(inv.command, 'run');
  if (inv.command !== 'run') return;
  assert.deepEqual(inv.config.metrics, {port: 9464, host: '0.0.0.0'});
  assert.throws(() => parseCommandLine(['--metrics-host', ' ']), (e: unknown) => e instanceof UsageError && /--metrics-host/.test(e.message));
});

test('report takes --format, --fills and --json (the same as --format json); text without them', () => {
  const plain = parseCommandLine(['report', '--data-dir', '/tmp/mm']);
  if (plain.command !== 'report') return assert.fail('expected report');
  assert.deepEqual([plain.format, plain.fills, plain.rulesFrom], ['text', false, null]);
  assert.deepEqual(plain.rules, {minDepthUsdt: 1000, maxSpreadPct: 0.02, bandPct: 0.02}, 'the config defaults');
  for (const format of ['text', 'md', 'csv', 'json'] as const) {
    const inv = parseCommandLine(['report', '--format', format, '--fills']);
    if (inv.command !== 'report') return assert.fail('expected report');
    assert.deepEqual([inv.format, inv.fills], [format, true]);
  }
  const json = parseCommandLine(['report', '--json']);
  if (json.command !== 'report') return assert.fail('expected report');
  assert.equal(json.format, 'json');
  const both = parseCommandLine(['report', '--json', '--format=json']);
  if (both.command !== 'report') return assert.fail('expected report');
  assert.equal(both.format, 'json');
});

test('report --config takes the compliance rules and the band from the file; a bad file is a usage error', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-cfg-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({bandPct: 0.03, compliance: {minDepthUsdt: 2500, maxSpreadPct: 0.025}}));
  const inv = parseCommandLine(['report', '--config', file]);
  if (inv.command !== 'report') return assert.fail('expected report');
  assert.deepEqual(inv.rules, {minDepthUsdt: 2500, maxSpreadPct: 0.025, bandPct: 0.03});
  assert.equal(inv.rulesFrom, file);
  writeFileSync(file, JSON.stringify({compliance: {minDepthUsdt: -1}}));
  rejects(['report', '--config', file], /compliance\.minDepthUsdt/);
});

test('the binary exits 2 naming --format for a format it does not know', () => {
  const bad = spawnSync(process.execPath, [...CLI, 'report', '--format', 'xlsx'], {encoding: 'utf8', timeout: 30_000});
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^mexc-mm: --format expects one of text, md, csv, json, got "xlsx"$/m);
});
