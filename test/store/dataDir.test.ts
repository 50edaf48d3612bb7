import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chmod, mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {DataDirError, lockFileName, openDataDir} from '../../source/store/dataDir.js';
import {deadPid, spawnChildScript, tempDir, waitFor} from './fixtures.js';

test('openDataDir creates a missing nested directory and writes our pid into the lock', async (t) => {
  const root = await tempDir(t);
  const dir = join(root, 'a', 'b', 'data');
  const lock = await openDataDir(dir);
  t.after(() => lock.release());
  assert.equal(lock.dir, dir);
  assert.ok((await stat(dir)).isDirectory());
  assert.equal((await readFile(join(dir, lockFileName), 'utf8')).trim(), String(process.pid));
});

test('a second openDataDir on the same dir is refused while the first holds it, and allowed after release', async (t) => {
  const dir = await tempDir(t);
  const first = await openDataDir(dir);
  await assert.rejects(openDataDir(dir), (error: unknown) => {
    assert.ok(error instanceof DataDirError);
    assert.match(error.message, /--data-dir/);
    assert.match(error.message, new RegExp(`another mexc-mm \\(pid ${process.pid}\\) is using`));
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
    assert.match(error.message, new RegExp(`another mexc-mm \\(pid ${holder.pid}\\) is using ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    return true;
  });
  // SIGKILL: the holder never releases; its lock file stays behind with a dead pid.
  holder.child.kill('SIGKILL');
  await holder.exited;
  assert.equal((await readFile(join(dir, lockFileName), 'utf8')).trim(), String(holder.pid));
  const lock = await openDataDir(dir);
  assert.equal((await readFile(join(dir, lockFileName), 'utf8')).trim(), String(process.pid));
  await lock.release();
});

test('a stale lock with a dead pid or unreadable content is taken over', async (t) => {
  const dir = await tempDir(t);
  const lockPath = join(dir, lockFileName);
  const dead = await deadPid();
  assert.notEqual(dead, process.pid);
  for (const staleContent of [`${dead}\n`, 'not a pid']) {
    await writeFile(lockPath, staleContent);
    const lock = await openDataDir(dir);
    // Taken over: the file now names us (exactly our pid and a newline, the stale content gone), and the
    // lock is really held — a second open is refused naming our pid — until it is released, which removes
    // the file.
    assert.equal(lock.dir, dir);
    assert.equal(await readFile(lockPath, 'utf8'), `${process.pid}\n`, `after taking over ${JSON.stringify(staleContent)}`);
    await assert.rejects(openDataDir(dir), (error: unknown) => {
      assert.ok(error instanceof DataDirError);
      assert.match(error.message, new RegExp(`another mexc-mm \\(pid ${process.pid}\\) is using`));
      return true;
    });
    await lock.release();
    await assert.rejects(stat(lockPath), {code: 'ENOENT'});
  }
});

test('a lock file with our own pid that this process does not hold (container restart, pid 1 again) is stale', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, lockFileName), `${process.pid}\n`);
  const lock = await openDataDir(dir);
  await assert.rejects(openDataDir(dir), DataDirError);
  await lock.release();
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
