import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, readFile, stat, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {acquireLock, type LockOptions} from '../../source/store/dataDirLock.js';
import {DataDirError} from '../../source/store/dataDirError.js';
import {lockFileName} from '../../source/store/dataDir.js';
import {parseLockText, type LockContent, type LockRecord} from '../../source/store/lockRecord.js';
import type {ProcessIdentity} from '../../source/store/processIdentity.js';
import {tempDir, waitFor} from './fixtures.js';
import {containerNamespace, fakeReaders, holderRecord, us, writeLock} from './lockFixtures.js';

const now = 1_700_000_000_000;

async function lockContent(dir: string): Promise<LockContent> {
  return parseLockText(await readFile(join(dir, lockFileName), 'utf8'));
}

interface Contender {
  options: LockOptions;
  /** the waits the contender asked for, in ms (a take-over "at once" asks for none) */
  sleeps: number[];
}

/**
 * A contender with our identity (or `self`), the live pids given, a fixed clock and a sleep that returns
 * at once (calling `onSleep` first): watching the heartbeat costs no real time.
 */
function contender(alive: Map<number, number | null>, self: ProcessIdentity = us, onSleep?: (call: number) => Promise<void>): Contender {
  const sleeps: number[] = [];
  return {
    sleeps,
    options: {
      readers: fakeReaders(self, {alive}),
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        await onSleep?.(sleeps.length);
      },
      newToken: () => `token-of-us-${Math.random().toString(16).slice(2)}`,
    },
  };
}

async function take(dir: string, who: Contender) {
  const lock = await acquireLock(join(dir, lockFileName), `--data-dir ${dir}`, dir, who.options);
  return lock;
}

function refusedNaming(pattern: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof DataDirError, String(error));
    assert.match(error.message, pattern);
    return true;
  };
}

test('same pid namespace: a dead holder\'s lock is taken over at once, without watching its heartbeat', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, holderRecord(now - 500)); // heartbeat fresh, but pid 77 is dead
  const who = contender(new Map());
  const lock = await take(dir, who);
  t.after(() => lock.release());
  assert.deepEqual(who.sleeps, []);
  const content = await lockContent(dir);
  assert.equal(content.kind === 'record' && content.token, lock.token);
});

test('same pid namespace: a live pid with another start time (reused) is taken over at once', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, holderRecord(now - 500));
  const who = contender(new Map([[77, 31337]]));
  const lock = await take(dir, who);
  t.after(() => lock.release());
  assert.deepEqual(who.sleeps, []);
});

test('same pid namespace: a live holder with its start time is refused at once; the message names pid, host and heartbeat age', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, holderRecord(now - 1_500));
  const who = contender(new Map([[77, 900]]));
  await assert.rejects(take(dir, who), refusedNaming(/^--data-dir .*: another mexc-mm \(pid 77 on host box-a, heartbeat 1\.5 s ago\) is using .*; stop it or choose another --data-dir$/));
  assert.deepEqual(who.sleeps, []);
  assert.equal((await lockContent(dir) as LockRecord).pid, 77, 'the holder\'s lock is untouched');
});

// Both pid 1, each in its own container's pid namespace: pid 1 is alive for each.
const inOtherContainer: ProcessIdentity = {...us, pid: 1, pidNamespace: 'pid:[4026532999]', hostname: 'web-2'};
const containerHolder = (heartbeatAt: number, overrides: Partial<LockRecord> = {}): LockRecord =>
  holderRecord(heartbeatAt, {pid: 1, hostname: 'web-1', pidNamespace: containerNamespace, ...overrides});

test('another pid namespace: a heartbeat already older than the stale window is taken over at once', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, containerHolder(now - 10_500));
  const who = contender(new Map([[1, 1]]), inOtherContainer);
  const lock = await take(dir, who);
  t.after(() => lock.release());
  assert.deepEqual(who.sleeps, []);
  assert.equal((await lockContent(dir) as LockRecord).hostname, 'web-2');
});

test('another pid namespace: a recent heartbeat that does not move for the whole window is stale, and taken over', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, containerHolder(now - 3_000));
  const who = contender(new Map([[1, 1]]), inOtherContainer);
  const lock = await take(dir, who);
  t.after(() => lock.release());
  // watched every 250 ms for 10 s
  assert.equal(who.sleeps.length, 40);
  assert.ok(who.sleeps.every((ms) => ms === 250));
  assert.equal((await lockContent(dir) as LockRecord).token, lock.token);
});

test('another pid namespace: a heartbeat that moves while watched is held; refused naming the holder', async (t) => {
  const dir = await tempDir(t);
  const holder = containerHolder(now - 1_000);
  await writeLock(dir, holder);
  const who = contender(new Map([[1, 1]]), inOtherContainer, async (call) => {
    if (call === 5) await writeLock(dir, {...holder, heartbeat: {count: 1, at: now - 200}});
  });
  await assert.rejects(take(dir, who), refusedNaming(/another mexc-mm \(pid 1 on host web-1, another pid namespace, heartbeat 0\.2 s ago\) is using/));
  assert.equal(who.sleeps.length, 5, 'refused as soon as the heartbeat moved');
});

test('take-over does not remove a lock another contender created while this one watched the stale one', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, containerHolder(now - 3_000));
  // the other contender (pid 1 in a third namespace) takes the stale lock during our watch, then beats
  const rival = containerHolder(now - 100, {pidNamespace: 'pid:[4026533111]', hostname: 'web-3', token: 'rival'.repeat(4)});
  const who = contender(new Map([[1, 1]]), inOtherContainer, async (call) => {
    if (call === 39) await writeLock(dir, rival);
    if (call === 45) await writeLock(dir, {...rival, heartbeat: {count: 1, at: now}});
  });
  await assert.rejects(take(dir, who), refusedNaming(/another mexc-mm \(pid 1 on host web-3, another pid namespace/));
  assert.equal((await lockContent(dir) as LockRecord).token, rival.token, 'the rival\'s lock survives');
});

test('unreadable content gets a grace period: a lock written meanwhile is judged, not removed', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, '');
  const holder = holderRecord(now);
  const who = contender(new Map([[77, 900]]), us, async () => writeLock(dir, holder));
  await assert.rejects(take(dir, who), refusedNaming(/another mexc-mm \(pid 77 on host box-a, heartbeat 0\.0 s ago\)/));
  assert.deepEqual(who.sleeps, [500]);
  assert.equal((await lockContent(dir) as LockRecord).token, holder.token);
});

test('unreadable content that stays unreadable through the grace period is stale and taken over', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, '{"app":"mexc-mm","pi');
  const who = contender(new Map());
  const lock = await take(dir, who);
  t.after(() => lock.release());
  assert.deepEqual(who.sleeps, [500]);
});

test('a legacy lock (bare pid) keeps the old rules: a live pid is refused, a dead one taken over at once', async (t) => {
  const dir = await tempDir(t);
  await writeLock(dir, '77\n');
  await assert.rejects(take(dir, contender(new Map([[77, null]]))), refusedNaming(/another mexc-mm \(pid 77, legacy lock file\)/));
  const who = contender(new Map());
  const lock = await take(dir, who);
  t.after(() => lock.release());
  assert.deepEqual(who.sleeps, []);
});

// The heartbeat runs on real (short) timers; the waits are conditions with deadlines.
const fast = {heartbeatMs: 15, staleAfterMs: 10_000};

test('while held the heartbeat rewrites the file: count and time move, token and identity stay', async (t) => {
  const dir = await tempDir(t);
  let clock = now;
  const who = contender(new Map());
  const lock = await acquireLock(join(dir, lockFileName), `--data-dir ${dir}`, dir, {...who.options, now: () => (clock += 1_000), timing: fast});
  t.after(() => lock.release());
  const first = (await lockContent(dir)) as LockRecord;
  assert.equal(first.heartbeat.count, 0);
  const later = await waitFor(async () => {
    const content = await lockContent(dir); // replaced by rename: never seen torn
    assert.equal(content.kind, 'record');
    return (content as LockRecord).heartbeat.count >= 3 ? (content as LockRecord) : null;
  }, 'three heartbeats');
  assert.ok(later.heartbeat.at > first.heartbeat.at);
  assert.deepEqual({...later, heartbeat: first.heartbeat}, first);
  assert.equal((await stat(join(dir, lockFileName))).mode & 0o777, 0o600);
  await lock.release(); // before the temp dir goes: no heartbeat writes into a directory being removed
});

test('the heartbeat reports "lock lost" once when another token replaces ours, and then leaves that lock alone', async (t) => {
  const dir = await tempDir(t);
  const lost: string[] = [];
  const who = contender(new Map());
  const lock = await acquireLock(join(dir, lockFileName), `--data-dir ${dir}`, dir, {...who.options, onLost: (reason) => lost.push(reason), timing: fast});
  const usurper = holderRecord(now - 2_000);
  await writeLock(dir, usurper);
  await waitFor(() => lost.length > 0, 'onLost');
  assert.match(lost[0]!, /^lock lost: .*mexc-mm\.lock is now held by pid 77 on host box-a, heartbeat 2\.0 s ago$/);
  await new Promise((resolve) => setTimeout(resolve, 10 * fast.heartbeatMs));
  assert.equal(lost.length, 1);
  assert.deepEqual(await lockContent(dir), usurper, 'not overwritten by our heartbeat');
  await lock.release();
  assert.deepEqual(await lockContent(dir), usurper, 'not removed by our release');
});

test('the heartbeat reports "lock lost" when the file is removed, and does not recreate it', async (t) => {
  const dir = await tempDir(t);
  const lost: string[] = [];
  const lock = await acquireLock(join(dir, lockFileName), `--data-dir ${dir}`, dir, {...contender(new Map()).options, onLost: (reason) => lost.push(reason), timing: fast});
  t.after(() => lock.release());
  await unlink(join(dir, lockFileName));
  await waitFor(() => lost.length > 0, 'onLost');
  assert.match(lost[0]!, /^lock lost: .*mexc-mm\.lock was removed$/);
  await new Promise((resolve) => setTimeout(resolve, 10 * fast.heartbeatMs));
  await assert.rejects(stat(join(dir, lockFileName)), {code: 'ENOENT'});
});

test('a heartbeat that cannot be written for longer than the stale window is reported as lost', async (t) => {
  const dir = await tempDir(t);
  const lost: string[] = [];
  let clock = now;
  const lock = await acquireLock(join(dir, lockFileName), `--data-dir ${dir}`, dir, {
    ...contender(new Map()).options,
    newToken: () => 'stuck-token-0001',
    now: () => clock,
    onLost: (reason) => lost.push(reason),
    timing: fast,
  });
  t.after(() => lock.release());
  // the heartbeat's temp file name is taken by a directory: every rewrite fails (even as root)
  await mkdir(join(dir, `.${lockFileName}.stuck-token-0001.tmp`));
  await new Promise((resolve) => setTimeout(resolve, 5 * fast.heartbeatMs));
  assert.deepEqual(lost, [], 'failures within the window are not a loss');
  clock += 10_001;
  await waitFor(() => lost.length > 0, 'onLost');
  assert.match(lost[0]!, /^lock heartbeat not written for 10 s \(.*EISDIR.*\): another mexc-mm may take the lock$/);
});

test('release stops the heartbeat and removes our file; no late heartbeat brings it back', async (t) => {
  const dir = await tempDir(t);
  const lock = await acquireLock(join(dir, lockFileName), `--data-dir ${dir}`, dir, {...contender(new Map()).options, timing: {heartbeatMs: 1}});
  await new Promise((resolve) => setTimeout(resolve, 20));
  await lock.release();
  await lock.release(); // idempotent
  await new Promise((resolve) => setTimeout(resolve, 30));
  await assert.rejects(stat(join(dir, lockFileName)), {code: 'ENOENT'});
});
