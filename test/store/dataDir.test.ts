import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chmod, mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {DataDirError, lockFileName, openDataDir} from '../../source/store/dataDir.js';
import {parseLockText, type LockRecord} from '../../source/store/lockRecord.js';
import {systemIdentityReaders} from '../../source/store/processIdentity.js';
import {deadPid, spawnChildScript, tempDir, waitFor} from './fixtures.js';

/** what the lock file holds; legacy or unparsable content fails the test */
async function recordAt(dir: string): Promise<LockRecord> {
  const content = parseLockText(await readFile(join(dir, lockFileName), 'utf8'));
  assert.equal(content.kind, 'record', JSON.stringify(content));
  return content as LockRecord;
}
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** the refusal's wording: the holder's pid, host and heartbeat age, and the directory */
const refusal = (pid: number, dir?: string): RegExp =>
  new RegExp(`another mexc-mm \\(pid ${pid} on host ${escape(systemIdentityReaders.hostname())}, heartbeat \\d+\\.\\d s ago\\) is using ${dir ? escape(dir) : ''}`);

test('openDataDir creates a missing nested directory and writes our identity into the lock', async (t) => {
  const root = await tempDir(t);
  const dir = join(root, 'a', 'b', 'data');
  const lock = await openDataDir(dir);
  t.after(() => lock.release());
  assert.equal(lock.dir, dir);
  assert.ok((await stat(dir)).isDirectory());
  const content = await recordAt(dir);
  assert.equal(content.pid, process.pid);
  assert.equal(content.hostname, systemIdentityReaders.hostname());
  assert.equal(content.pidNamespace, systemIdentityReaders.pidNamespace());
  assert.equal(content.bootId, systemIdentityReaders.bootId());
  assert.equal(content.startTime, systemIdentityReaders.startTime(process.pid));
  assert.match(content.token, /^[0-9a-f]{32}$/);
  assert.equal((await stat(join(dir, lockFileName))).mode & 0o777, 0o600);
});

test('a second openDataDir on the same dir is refused while the first holds it, and allowed after release', async (t) => {
  const dir = await tempDir(t);
  const first = await openDataDir(dir);
  await assert.rejects(openDataDir(dir), (error: unknown) => {
    assert.ok(error instanceof DataDirError);
    assert.match(error.message, /--data-dir/);
    assert.match(error.message, refusal(process.pid, dir));
    return true;
  });
  await first.release();
  await first.release(); // idempotent
  const second = await openDataDir(dir);
  await second.release();
});

test('a lock held by another live process is refused; once that process is dead the lock is taken over', async (t) => {
  const dir = await tempDir(t);
  const holder = spawnChildScript(t, 'holdDataDir.ts', [dir]);
  await waitFor(() => holder.output().includes('locked'), 'the child to take the lock', 10_000);
  await assert.rejects(openDataDir(dir), (error: unknown) => {
    assert.ok(error instanceof DataDirError);
    assert.match(error.message, refusal(holder.pid, dir));
    return true;
  });
  // SIGKILL: the holder never releases; its lock file stays behind with a dead pid.
  holder.child.kill('SIGKILL');
  await holder.exited;
  assert.equal((await recordAt(dir)).pid, holder.pid);
  const lock = await openDataDir(dir);
  assert.equal((await recordAt(dir)).pid, process.pid);
  await lock.release();
});

test('a stale legacy lock (a bare dead pid) or unreadable content is taken over', async (t) => {
  const dir = await tempDir(t);
  const lockPath = join(dir, lockFileName);
  const dead = await deadPid();
  assert.notEqual(dead, process.pid);
  for (const staleContent of [`${dead}\n`, 'not a pid']) {
    await writeFile(lockPath, staleContent);
    const lock = await openDataDir(dir);
    // Taken over: the file now holds our record (the stale content gone), and the lock is really held —
    // a second open is refused naming our pid — until it is released, which removes the file.
    assert.equal(lock.dir, dir);
    assert.equal((await recordAt(dir)).pid, process.pid, `after taking over ${JSON.stringify(staleContent)}`);
    await assert.rejects(openDataDir(dir), (error: unknown) => {
      assert.ok(error instanceof DataDirError);
      assert.match(error.message, refusal(process.pid));
      return true;
    });
    await lock.release();
    await assert.rejects(stat(lockPath), {code: 'ENOENT'});
  }
});

test('a legacy lock file with our own pid that this process does not hold (container restart, pid 1 again) is stale', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, lockFileName), `${process.pid}\n`);
  const lock = await openDataDir(dir);
  await assert.rejects(openDataDir(dir), DataDirError);
  await lock.release();
});

test('openDataDir passes onLost to the lock: a lock taken over from under us is reported once, then left alone', async (t) => {
  const dir = await tempDir(t);
  const lost: string[] = [];
  const lock = await openDataDir(dir, {onLost: (reason) => lost.push(reason), timing: {heartbeatMs: 10}});
  await writeFile(join(dir, lockFileName), '999999999\n');
  await waitFor(() => lost.length > 0, 'onLost');
  assert.match(lost[0]!, /^lock lost: .*mexc-mm\.lock is now held by pid 999999999, legacy lock file$/);
  await lock.release();
  assert.equal((await readFile(join(dir, lockFileName), 'utf8')).trim(), '999999999');
});

test('release leaves a lock alone that another process has taken since', async (t) => {
  const dir = await tempDir(t);
  const lock = await openDataDir(dir);
  await writeFile(join(dir, lockFileName), '999999999\n');
  await lock.release();
  assert.equal((await readFile(join(dir, lockFileName), 'utf8')).trim(), '999999999');
});

test('a path that cannot be created is refused with a DataDirError naming --data-dir', async (t) => {
  const root = await tempDir(t);
  const file = join(root, 'plain-file');
  await writeFile(file, 'x');
  await assert.rejects(openDataDir(join(file, 'data')), (error: unknown) => {
    assert.ok(error instanceof DataDirError);
    assert.match(error.message, /^--data-dir .*plain-file\/data: cannot create the directory \(ENOTDIR\)/);
    return true;
  });
  await assert.rejects(openDataDir(file), (error: unknown) => {
    assert.ok(error instanceof DataDirError);
    assert.match(error.message, /--data-dir .*plain-file/);
    return true;
  });
});

test('an existing directory without write permission is refused (checked as an unprivileged user)', async (t) => {
  const root = await tempDir(t);
  const dir = join(root, 'readonly');
  await mkdir(dir);
  await chmod(dir, 0o555);
  const expected = /--data-dir .*readonly: the directory is not writable \(EACCES\)/;
  if (process.getuid?.() !== 0) {
    await assert.rejects(openDataDir(dir), (error: unknown) => error instanceof DataDirError && expected.test(error.message));
    return;
  }
  // Root writes anywhere: run the attempt as `nobody` instead.
  await chmod(root, 0o755);
  const child = spawnChildScript(t, 'openDataDirOnce.ts', [dir], {uid: 65534, gid: 65534});
  await child.exited;
  assert.match(child.output(), /^DataDirError: /);
  assert.match(child.output(), expected);
});
