// deploy/systemd/mexc-mm@.service: the hardening and stop settings the README's "Run as a service"
// promises, a stop timeout longer than the bot's own stop can take, and `systemd-analyze verify` clean.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {STOP_DEADLINE_MS} from '../../source/engine/risk/tradingControl.js';
import {SWEEP_DEADLINE_MS} from '../../source/runtime/stopRun.js';
import {defaultConfig} from '../../source/config/configSchema.js';
import {readUnitFile, unitValue} from './unitFile.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const unitPath = join(repoRoot, 'deploy/systemd/mexc-mm@.service');
const unit = readUnitFile(unitPath);
const service = (key: string): string | undefined => unitValue(unit, 'Service', key);

test('the unit runs the compiled binary headless and live, keys from a per-instance environment file, state in its own dir', () => {
  const execStart = service('ExecStart') ?? '';
  assert.match(execStart, /^\/usr\/bin\/node \/opt\/mexc-mm\/bin\/mexc-mm\.js /);
  for (const flag of ['--no-ui', '--live', '--yes']) assert.ok(execStart.split(' ').includes(flag), `ExecStart lacks ${flag}: ${execStart}`);
  assert.match(execStart, /--data-dir \/var\/lib\/mexc-mm\/%i\b/);
  assert.equal(service('EnvironmentFile'), '/etc/mexc-mm/%i.env');
  assert.equal(service('StateDirectory'), 'mexc-mm/%i');
  assert.equal(service('ReadWritePaths'), '/var/lib/mexc-mm/%i');
  assert.ok(service('User') || service('DynamicUser') === 'yes', 'a dedicated user or DynamicUser=yes');
  assert.notEqual(service('User'), 'root');
  assert.match(readFileSync(unitPath, 'utf8'), /mode 0600/, 'the unit says the environment file holds keys and must be mode 0600');
});

test('the unit is hardened: no new privileges, read-only system, no home, private /tmp, no capabilities', () => {
  const required: Record<string, string> = {
    NoNewPrivileges: 'yes',
    ProtectSystem: 'strict',
    ProtectHome: 'yes',
    PrivateTmp: 'yes',
    PrivateDevices: 'yes',
    CapabilityBoundingSet: '',
    RestrictSUIDSGID: 'yes',
  };
  for (const [key, value] of Object.entries(required)) assert.equal(service(key), value, `${key}=${value}`);
  // V8's JIT writes executable memory: this setting would kill node at start
  assert.equal(service('MemoryDenyWriteExecute'), undefined);
});

test('the unit stops with SIGTERM, restarts on failure only, and waits longer than the bot\'s stop can take', () => {
  assert.equal(service('KillSignal'), 'SIGTERM');
  assert.equal(service('Restart'), 'on-failure');
  assert.equal(service('RestartPreventExitStatus'), '2', 'a usage or configuration error is not retried');
  // an orderly stop: the engine's cancels, then the final sweep, each possibly ending with a request in
  // flight; systemd must not SIGKILL before that, or orders may stay behind
  const requestMs = defaultConfig().exchange.requestTimeoutMs;
  const stopMs = STOP_DEADLINE_MS + SWEEP_DEADLINE_MS.quit + 2 * requestMs;
  const timeout = /^(\d+)s?$/.exec(service('TimeoutStopSec') ?? '');
  assert.ok(timeout, `TimeoutStopSec in seconds: ${service('TimeoutStopSec')}`);
  assert.ok(Number(timeout[1]) * 1000 > stopMs, `TimeoutStopSec=${timeout[1]} must exceed the stop's ${stopMs / 1000} s`);
});

test('systemd-analyze verify accepts the unit without a warning', (t) => {
  const probe = spawnSync('systemd-analyze', ['--version'], {encoding: 'utf8'});
  if (probe.error) {
    // Under CI (.ci/run sets it and installs systemd) a missing systemd-analyze is a failure, not a skip.
    if (process.env.CI && process.env.CI !== 'false') assert.fail(`systemd-analyze is required under CI but unavailable: ${probe.error.message}`);
    t.skip(`systemd-analyze not installed: ${probe.error.message}`);
    return;
  }
  // verify wants an instance name and checks that ExecStart's program exists: an instance of the template
  // with this machine's node and this checkout in place of /usr/bin/node and /opt/mexc-mm
  const dir = mkdtempSync(join(tmpdir(), 'mm-unit-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const instance = join(dir, 'mexc-mm@test.service');
  const text = readFileSync(unitPath, 'utf8').replaceAll('/usr/bin/node', process.execPath).replaceAll('/opt/mexc-mm', repoRoot.replace(/\/$/, ''));
  writeFileSync(instance, text);
  const run = spawnSync('systemd-analyze', ['verify', instance], {encoding: 'utf8', timeout: 60_000});
  // verify exits 0 on unknown keys and unparsable values, only warning: every line about our unit counts
  const ours = `${run.stdout}${run.stderr}`.split('\n').filter((line) => line.includes('mexc-mm@'));
  assert.equal(run.status, 0, `systemd-analyze verify exited ${run.status}: ${run.stderr}`);
  assert.deepEqual(ours, [], 'systemd-analyze verify warned about the unit');
});
