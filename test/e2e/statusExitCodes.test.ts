import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {CLI, exitedWithin, startCli, tempDir, waitFor, type RunningCli} from './processHarness.js';

// `mexc-mm status` as a health probe (source/store/statusExitCode.ts): 0 running and compliant, 1 running
// but halted or not compliant, 3 not running, 4 no state file.

interface StatusJson {
  running: boolean;
  halted: {since: number; reason: string} | null;
  compliance: {now: {pass: boolean; reason: string | null} | null};
}

interface StatusRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runStatus(dir: string, json: boolean): Promise<StatusRun> {
  const child = spawn(process.execPath, [...CLI, 'status', ...(json ? ['--json'] : []), '--data-dir', dir], {stdio: ['ignore', 'pipe', 'pipe']});
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({code, stdout, stderr})));
}

const parsed = (run: StatusRun): StatusJson => JSON.parse(run.stdout) as StatusJson;

/** Polls `status --json` until `check` accepts it; returns that run. */
async function statusUntil(dir: string, what: string, check: (run: StatusRun, body: StatusJson) => boolean, bot: RunningCli, timeoutMs = 30_000): Promise<StatusRun> {
  let last: StatusRun | null = null;
  return waitFor(
    what,
    async () => {
      if (bot.child.exitCode !== null) throw new Error(`the bot exited ${bot.child.exitCode} while waiting for ${what}: ${bot.stderr().slice(-600)}`);
      const run = await runStatus(dir, true);
      last = run;
      return run.code !== 4 && check(run, parsed(run)) ? run : null;
    },
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last status: exit ${last?.code}, ${last?.stdout.slice(0, 300)}${last?.stderr}`);
  });
}

/** SIGKILL the bot if it still runs when the test ends, then remove `dir` again (it may have written meanwhile). */
function killAtEnd(t: {after: (fn: () => Promise<void>) => void}, run: RunningCli, dir: string): void {
  t.after(async () => {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await run.exited;
    rmSync(dir, {recursive: true, force: true});
  });
}

async function stopWithSigterm(run: RunningCli, what: string): Promise<void> {
  run.child.kill('SIGTERM');
  assert.equal(await exitedWithin(run, 40_000, what), 0, run.stderr());
}

test('status exits 4 when there is no state file (an empty or missing data dir), with or without --json', {timeout: 30_000}, async (t) => {
  const dir = tempDir(t);
  for (const where of [dir, join(dir, 'never-created')]) {
    for (const json of [false, true]) {
      const run = await runStatus(where, json);
      assert.equal(run.code, 4, `${where} json=${json}: ${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /^mexc-mm status: no state file at /);
    }
  }
});

test('status exits 0 while a default sim run is compliant, and 3 once that run has stopped', {timeout: 90_000}, async (t) => {
  const dir = tempDir(t);
  const bot = startCli(['--no-ui', '--duration', '60', '--data-dir', dir]);
  killAtEnd(t, bot, dir);
  const compliant = await statusUntil(dir, 'status exit 0', (run) => run.code === 0, bot);
  const body = parsed(compliant);
  assert.equal(body.running, true);
  assert.equal(body.halted, null);
  assert.equal(body.compliance.now?.pass, true);
  const text = await runStatus(dir, false);
  assert.ok(text.code === 0 || text.code === 1, `the human summary of a running bot exits 0 or 1 (compliance may flicker), got ${text.code}`);
  assert.match(text.stdout, /— RUNNING \(pid /);

  await stopWithSigterm(bot, 'the run to stop after SIGTERM');
  const stopped = await runStatus(dir, true);
  assert.equal(stopped.code, 3, stopped.stdout);
  assert.equal(parsed(stopped).running, false);
  assert.equal((await runStatus(dir, false)).code, 3);
});

test('status exits 1 while a run cannot meet its compliance rule (a 1,000,000 USDT depth minimum no sim account funds)', {timeout: 90_000}, async (t) => {
  const dir = tempDir(t);
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({compliance: {minDepthUsdt: 1_000_000}}));
  const data = join(dir, 'data');
  const bot = startCli(['--no-ui', '--duration', '60', '--config', config, '--data-dir', data]);
  killAtEnd(t, bot, dir);
  const failing = await statusUntil(data, 'a running bot with a failing compliance reading', (_run, body) => body.running && body.compliance.now !== null, bot);
  assert.equal(failing.code, 1, failing.stdout.slice(0, 300));
  const body = parsed(failing);
  assert.equal(body.compliance.now?.pass, false);
  assert.match(body.compliance.now?.reason ?? '', /depth/);
  assert.equal(body.halted, null, 'failing, not halted');
  assert.equal((await runStatus(data, false)).code, 1);
  await stopWithSigterm(bot, 'the failing run to stop after SIGTERM');
  assert.equal((await runStatus(data, true)).code, 3);
});

test('status exits 1 while a run is halted by a halt restored from the previous run', {timeout: 90_000}, async (t) => {
  const dir = tempDir(t);
  const first = startCli(['--no-ui', '--duration', '4', '--data-dir', dir]);
  killAtEnd(t, first, dir);
  assert.equal(await exitedWithin(first, 40_000, 'run 1 to stop by itself after --duration 4'), 0, first.stderr());
  assert.equal((await runStatus(dir, true)).code, 3, 'run 1 stopped');
  // run 1 ended halted, as after the kill switch (key k): the state file carries the halt into run 2
  const statePath = join(dir, 'state.json');
  const halt = {since: Date.now(), reason: 'kill switch (key k)'};
  writeFileSync(statePath, JSON.stringify({...JSON.parse(readFileSync(statePath, 'utf8')), halted: halt}), {mode: 0o600});

  const second = startCli(['--no-ui', '--duration', '60', '--data-dir', dir]);
  killAtEnd(t, second, dir);
  const halted = await statusUntil(dir, 'run 2 running halted', (_run, body) => body.running, second);
  assert.equal(halted.code, 1, halted.stdout.slice(0, 300));
  assert.deepEqual(parsed(halted).halted, halt);
  const text = await runStatus(dir, false);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^control   HALTED since /m);
  await stopWithSigterm(second, 'run 2 to stop after SIGTERM');
  assert.equal((await runStatus(dir, true)).code, 3, 'halted and stopped: not running wins');
});
