import {test} from 'node:test';
import assert from 'node:assert/strict';
import {probeLockHolder} from '../../source/store/lockHolderProbe.js';
import {tempDir} from './fixtures.js';
import {containerNamespace, fakeReaders, holderRecord, us, writeLock} from './lockFixtures.js';

const now = 1_700_000_000_000;
const readers = fakeReaders(us, {alive: new Map([[77, 900]])});

test('no lock file: nobody holds the data dir', async (t) => {
  assert.deepEqual(await probeLockHolder(await tempDir(t), now, readers), {kind: 'none'});
});

test('a holder checked by pid in our namespace: alive, or gone with the reason', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, holderRecord(now - 60_000));
  assert.deepEqual(await probeLockHolder(dir, now, readers), {kind: 'alive', pid: 77, holder: 'pid 77 on host box-a, heartbeat 60.0 s ago'});
  await writeLock(dir, holderRecord(now, {startTime: 1}));
  const reused = await probeLockHolder(dir, now, readers);
  assert.equal(reused.kind, 'gone');
  assert.match((reused as {why: string}).why, /^pid 77 was reused/);
});

test('a holder in another namespace: alive while its heartbeat is within the stale window, without waiting to watch it', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, holderRecord(now - 9_000, {pid: 1, pidNamespace: containerNamespace}));
  assert.equal((await probeLockHolder(dir, now, readers)).kind, 'alive');
  await writeLock(dir, holderRecord(now - 10_500, {pid: 1, pidNamespace: containerNamespace}));
  assert.equal((await probeLockHolder(dir, now, readers)).kind, 'gone');
});

test('legacy and unreadable lock files: a legacy pid is checked as before; garbage holds nothing', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, '77\n');
  assert.deepEqual(await probeLockHolder(dir, now, readers), {kind: 'alive', pid: 77, holder: 'pid 77, legacy lock file'});
  await writeLock(dir, 'garbage');
  assert.equal((await probeLockHolder(dir, now, readers)).kind, 'gone');
});
