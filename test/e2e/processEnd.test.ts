// Every way a run can end, driven from outside against a standalone simulator, so our orders outlive the
// bot process and can be counted there: each stop signal, a second signal, and a crash of each kind.
// Each ends with none of our orders left, the lock released, and the exit code the README gives.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {exitedWithin, ourOpenOrders, simModeArgs, startCli, startStandaloneSim, tempDir, waitFor, type RunningCli, type StandaloneSim} from './processHarness.js';

let sim: StandaloneSim;
before(async () => {
  sim = await startStandaloneSim(['--seed', '11']);
});
after(async () => {
  await sim.stop();
});

async function quotingRun(t: Parameters<typeof tempDir>[0], extraEnv: NodeJS.ProcessEnv = {}, extraArgs: string[] = []): Promise<{run: RunningCli; dir: string}> {
  const dir = tempDir(t);
  assert.deepEqual(await ourOpenOrders(sim), [], 'the simulator starts clean (an earlier test left nothing)');
  const {args, env} = simModeArgs(sim);
  const run = startCli([...args, '--data-dir', dir, ...extraArgs], {...env, ...extraEnv});
  t.after(() => void run.child.kill('SIGKILL'));
  await waitFor('our ladder resting on the simulator', async () => (await ourOpenOrders(sim)).length >= 8, 30_000);
  assert.ok(existsSync(join(dir, 'mexc-mm.lock')), 'the running bot holds the lock');
  return {run, dir};
}

const stoppedLine = (run: RunningCli) => run.lines.find((line) => line.msg === 'stopped');

for (const signal of ['SIGHUP', 'SIGQUIT', 'SIGTERM', 'SIGINT'] as const) {
  test(`${signal} stops like q: our orders cancelled and confirmed, lock released, exit 0`, {timeout: 90_000}, async (t) => {
    const {run, dir} = await quotingRun(t);
    run.child.kill(signal);
    const code = await exitedWithin(run, 45_000, `the bot to stop after ${signal}`);
    assert.equal(code, 0, run.stderr());
    assert.equal(stoppedLine(run)?.leftoverOrders, 0);
    assert.ok(run.lines.some((line) => String(line.msg).includes(`stopping (${signal})`)), 'the stop names the signal');
    assert.deepEqual(await ourOpenOrders(sim), [], 'none of our orders left on the simulator');
    assert.equal(existsSync(join(dir, 'mexc-mm.lock')), false, 'lock released');
  });
}

test('a second stop signal during the stop exits 1 at once, says what may be left, and releases the lock', {timeout: 90_000}, async (t) => {
  const {run, dir} = await quotingRun(t);
  const sentAt = Date.now();
  // both pending at once: the kernel may deliver either first; the other is the insisting one
  run.child.kill('SIGTERM');
  run.child.kill('SIGINT');
  const code = await exitedWithin(run, 10_000, 'the forced exit');
  const tookMs = Date.now() - sentAt;
  const lockLeft = existsSync(join(dir, 'mexc-mm.lock'));
  // what the forced exit left is adopted and cancelled by the next run (before asserting, so a failure
  // here leaves the shared simulator clean for the next test)
  const next = startCli([...simModeArgs(sim).args, '--data-dir', dir, '--duration', '4'], simModeArgs(sim).env);
  t.after(() => void next.child.kill('SIGKILL'));
  assert.equal(await exitedWithin(next, 45_000, 'the sweeping run'), 0, next.stderr());
  assert.deepEqual(await ourOpenOrders(sim), []);
  assert.equal(code, 1);
  assert.ok(tookMs < 5000, `exited within 5 s (took ${tookMs} ms)`);
  assert.match(run.stderr(), /SIG(INT|TERM) while stopping: exiting at once; (\d+ order\(s\) of ours may be left open on MEXC \(mmx\w+.*\): check the exchange|no order of ours was open)/);
  assert.equal(stoppedLine(run), undefined, 'no orderly stop: the process ended at once');
  assert.doesNotMatch(run.stderr(), /uncaughtException/, 'the forced exit itself does not crash');
  assert.equal(lockLeft, false, 'lock released');
});

for (const kind of ['engine', 'uncaught', 'rejection'] as const) {
  test(`a crash (${kind}) still sweeps our orders, records the error in the state file, releases the lock, exit 1`, {timeout: 90_000}, async (t) => {
    const {run, dir} = await quotingRun(t, {MEXC_MM_TEST_CRASH: `${kind}@5`});
    const code = await exitedWithin(run, 45_000, `the bot to stop after the ${kind} crash`);
    assert.equal(code, 1, run.stderr());
    const origin = {engine: 'engine', uncaught: 'uncaughtException', rejection: 'unhandledRejection'}[kind];
    assert.ok(run.lines.some((line) => line.msg === 'crash' && line.origin === origin), `a crash line from ${origin}`);
    assert.equal(stoppedLine(run)?.leftoverOrders, 0);
    assert.deepEqual(await ourOpenOrders(sim), [], 'none of our orders left on the simulator');
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {lastError: {message: string} | null; orders: unknown[]};
    assert.match(state.lastError?.message ?? '', new RegExp(`crashed \\(${origin}\\): Error: injected .*; no order of ours left`));
    assert.deepEqual(state.orders, []);
    assert.equal(existsSync(join(dir, 'mexc-mm.lock')), false, 'lock released');
  });
}
