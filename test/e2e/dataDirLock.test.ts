import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, readlinkSync, rmSync} from 'node:fs';
import {open} from 'node:fs/promises';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {formatLockRecord, parseLockText, type LockRecord} from '../../source/store/lockRecord.js';
import {CLI, exitedWithin, startCli, tempDir, waitFor, type RunningCli} from './processHarness.js';
import {killNamespacedCli, pidNamespaceUnavailable, startCliInPidNamespace} from './pidNamespace.js';

// source/store/lockJudgement.ts: in our own pid namespace a holder's pid is trusted; in another one
// (another container) only its heartbeat is.

const lockPath = (dir: string): string => join(dir, 'mexc-mm.lock');
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function lockRecord(dir: string): LockRecord {
  const content = parseLockText(readFileSync(lockPath(dir), 'utf8'));
  assert.equal(content.kind, 'record', `the lock file holds a record: ${JSON.stringify(content)}`);
  return content as LockRecord;
}

/** SIGKILL `run` if it still runs, then remove `dir` again (it may have written after tempDir's clean-up). */
async function killAtEnd(run: RunningCli, dir: string): Promise<void> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  await run.exited;
  rmSync(dir, {recursive: true, force: true});
}

async function engineStarted(run: Pick<RunningCli, 'child' | 'lines' | 'stderr'>, what: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(`${what} to log "engine started"`, () => {
    if (run.child.exitCode !== null) throw new Error(`${what} exited ${run.child.exitCode} before "engine started": ${run.stderr().slice(-600)}`);
    return run.lines.some((l) => String(l.msg).startsWith('engine started'));
  }, timeoutMs);
}

test('two bots that are both pid 1 in their own pid namespaces share a data dir: the second exits 2 naming the first, which keeps running; after kill -9 a new one takes over', {timeout: 150_000}, async (t) => {
  const unavailable = pidNamespaceUnavailable();
  if (unavailable) {
    // Under CI (.ci/run sets it, and runs as root) the container case must be proven, not skipped.
    if (process.env.CI && process.env.CI !== 'false') assert.fail(`unshare is required under CI but unusable: ${unavailable}`);
    t.skip(`pid namespaces unavailable: ${unavailable}`);
    return;
  }
  const dir = tempDir(t);
  const args = ['--no-ui', '--duration', '30', '--data-dir', dir];

  const first = startCliInPidNamespace(args);
  const stop = async (run: Parameters<typeof killNamespacedCli>[0]) => {
    await killNamespacedCli(run);
    rmSync(dir, {recursive: true, force: true}); // again: tempDir's clean-up may have run while it still wrote
  };
  t.after(() => stop(first));
  await engineStarted(first, 'the first bot');
  const held = lockRecord(dir);
  assert.equal(held.pid, 1, 'the first bot is pid 1 in its namespace');
  assert.notEqual(held.pidNamespace, readlinkSync('/proc/self/ns/pid'), 'in a pid namespace of its own');

  const second = startCliInPidNamespace(args);
  t.after(() => stop(second));
  assert.equal(await exitedWithin(second, 45_000, 'the second bot to be refused'), 2, second.stderr());
  assert.match(
    second.stderr(),
    new RegExp(`another mexc-mm \\(pid 1 on host ${escape(hostname())}, another pid namespace, heartbeat \\d+\\.\\d s ago\\) is using ${escape(dir)}; stop it or choose another --data-dir`),
  );
  assert.equal(first.child.exitCode, null, 'the first bot keeps running');
  const afterRefusal = lockRecord(dir);
  assert.equal(afterRefusal.token, held.token, 'the first bot still holds the lock');
  await waitFor('the first bot\'s heartbeat to move on', () => lockRecord(dir).heartbeat.count > afterRefusal.heartbeat.count, 10_000);

  // status, from this (another) namespace: the bot runs, judged by its heartbeat; pid 1 here means nothing
  const status = spawnSync(process.execPath, [...CLI, 'status', '--json', '--data-dir', dir], {encoding: 'utf8', timeout: 30_000});
  assert.ok(status.status === 0 || status.status === 1, `status exits 0 or 1 for a running bot, got ${status.status}: ${status.stdout}${status.stderr}`);
  assert.equal((JSON.parse(status.stdout) as {running: boolean}).running, true);

  // kill -9: the lock file stays behind, its heartbeat stops
  process.kill(await first.botPid(), 'SIGKILL');
  await first.exited;
  assert.equal(lockRecord(dir).token, held.token, 'a killed holder leaves its lock behind');

  const third = startCliInPidNamespace(args);
  t.after(() => stop(third));
  await engineStarted(third, 'the bot started after kill -9', 60_000);
  const taken = lockRecord(dir);
  assert.notEqual(taken.token, held.token, 'taken over');
  assert.equal(taken.pid, 1);
  // (the kernel may give the new namespace the dead one's id: a freed namespace has no live process, and
  // then the new bot, pid 1 itself, sees a lock of "its own" pid it did not take: stale at once)

  process.kill(await third.botPid(), 'SIGTERM');
  assert.equal(await exitedWithin(third, 40_000, 'the third bot to exit after SIGTERM'), 0, third.stderr());
  assert.equal(existsSync(lockPath(dir)), false, 'the lock is released on a clean stop');
});

test('kill -9 a holder in our own pid namespace: the next start takes the lock over at once, trusting the dead pid over a heartbeat that still moves', {timeout: 90_000}, async (t) => {
  const dir = tempDir(t);
  const args = ['--no-ui', '--duration', '30', '--data-dir', dir];
  const first = startCli(args);
  t.after(() => killAtEnd(first, dir));
  await engineStarted(first, 'the first bot');
  first.child.kill('SIGKILL');
  await first.exited;
  const held = lockRecord(dir);
  assert.equal(held.pid, first.child.pid);

  // Keep the dead holder's heartbeat moving, as a live holder's would: a contender that judged by heartbeat
  // would refuse (exit 2). Written in place through an open descriptor, so once the file is unlinked the
  // writes land in the unlinked file and never on the new holder's lock.
  const handle = await open(lockPath(dir), 'r+');
  let beating = true;
  const beats = (async () => {
    for (let count = held.heartbeat.count + 1; beating; count++) {
      const text = formatLockRecord({...held, heartbeat: {count, at: Date.now()}});
      await handle.write(text, 0);
      await handle.truncate(Buffer.byteLength(text));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  t.after(async () => {
    beating = false;
    await beats;
    await handle.close();
  });

  const second = startCli(args);
  t.after(() => killAtEnd(second, dir));
  await engineStarted(second, 'the bot started after kill -9');
  beating = false;
  await beats;
  const taken = lockRecord(dir);
  assert.notEqual(taken.token, held.token, 'taken over');
  assert.equal(taken.pid, second.child.pid);

  second.child.kill('SIGTERM');
  assert.equal(await exitedWithin(second, 40_000, 'the second bot to exit after SIGTERM'), 0, second.stderr());
  assert.equal(existsSync(lockPath(dir)), false);
});
