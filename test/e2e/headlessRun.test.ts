import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {CLI, exitedWithin, startCli, tempDir, waitFor} from './processHarness.js';

test('headless run on the simulator: compliant, only JSON on stdout, exits 0 with no order left; status and report read its files', {timeout: 90_000}, async (t) => {
  const dir = tempDir(t);
  const run = startCli(['--no-ui', '--duration', '15', '--seed', '7', '--data-dir', dir]);
  t.after(() => run.child.kill('SIGKILL'));
  const code = await exitedWithin(run, 60_000, 'the headless run to stop by itself after --duration 15');
  assert.equal(code, 0, run.stderr());
  for (const line of run.stdout().trim().split('\n')) assert.doesNotThrow(() => JSON.parse(line), `stdout line is JSON: ${line}`);
  const stopped = run.lines.find((l) => l.msg === 'stopped')!;
  assert.ok(stopped, 'a final "stopped" line');
  assert.equal(stopped.leftoverOrders, 0);
  const observer = run.lines.find((l) => l.msg === 'simulator observer')!.observer as {samples: number; passPerSidePct: number};
  assert.ok(observer.samples >= 12);
  // the first sample can precede our first orders; everything after must pass
  assert.ok(observer.passPerSidePct >= (observer.samples - 2) / observer.samples * 100, `observer pass ${observer.passPerSidePct}%`);

  const status = spawnSync(process.execPath, [...CLI, 'status', '--json', '--data-dir', dir], {encoding: 'utf8'});
  assert.equal(status.status, 3, `status of a stopped bot exits 3 (not running): ${status.stderr}`);
  const state = JSON.parse(status.stdout) as {running: boolean; mode: string; orders: unknown[]; counters: {ordersPlaced: number}};
  assert.equal(state.running, false);
  assert.equal(state.mode, 'sim');
  assert.ok(state.counters.ordersPlaced >= 10);

  const report = spawnSync(process.execPath, [...CLI, 'report', '--data-dir', dir], {encoding: 'utf8'});
  assert.equal(report.status, 0, report.stderr);
  assert.match(report.stdout, /pass|%/i);

  // every order we placed has a unique clientOrderId, and the journals parse line by line
  const journalDir = join(dir, 'journal');
  const placed: string[] = [];
  for (const file of readdirSync(journalDir)) {
    for (const line of readFileSync(join(journalDir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const record = JSON.parse(line) as {action?: string; clientOrderId?: string};
      if (file.startsWith('orders') && record.action === 'place') placed.push(record.clientOrderId!);
    }
  }
  assert.ok(placed.length >= 10);
  assert.equal(new Set(placed).size, placed.length);
});

test('a second bot on the same data dir is refused with exit 2', {timeout: 60_000}, async (t) => {
  const dir = tempDir(t);
  const first = startCli(['--no-ui', '--duration', '20', '--data-dir', dir]);
  t.after(() => first.child.kill('SIGKILL'));
  await waitFor('the first bot to log "engine started"', () => {
    if (first.child.exitCode !== null) throw new Error(`the first bot exited ${first.child.exitCode} before "engine started": ${first.stderr().slice(-600)}`);
    return first.lines.some((l) => String(l.msg).startsWith('engine started'));
  }, 30_000);
  const second = spawnSync(process.execPath, [...CLI, '--no-ui', '--duration', '5', '--data-dir', dir], {encoding: 'utf8', timeout: 30_000});
  assert.equal(second.status, 2);
  assert.match(second.stderr, /another mexc-mm|data-dir|in use|lock/i);
  first.child.kill('SIGTERM');
  assert.equal(await exitedWithin(first, 20_000, 'the first bot to exit after SIGTERM'), 0);
});
