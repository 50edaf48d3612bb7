import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeHolder, judgeLock, samePidSpace, type JudgeContext} from '../../source/store/lockJudgement.js';
import type {LockContent} from '../../source/store/lockRecord.js';
import type {ProcessIdentity} from '../../source/store/processIdentity.js';
import {containerNamespace, fakeReaders, holderRecord, us} from './lockFixtures.js';

const now = 1_700_000_000_000;

function context(alive: Map<number, number | null>, self: ProcessIdentity = us, heldHere: Set<string> = new Set()): JudgeContext {
  return {self, readers: fakeReaders(self, {alive}), now, staleAfterMs: 10_000, heldHere};
}

test('same pid namespace and boot: a dead holder pid is stale at once, whatever its heartbeat says', () => {
  const fresh = holderRecord(now - 100);
  const judgement = judgeLock(fresh, context(new Map()));
  assert.deepEqual(judgement, {verdict: 'stale', why: 'pid 77 is not running'});
});

test('same pid namespace and boot: a live holder pid with another start time was reused, stale at once', () => {
  const judgement = judgeLock(holderRecord(now - 100), context(new Map([[77, 1234]])));
  assert.equal(judgement.verdict, 'stale');
  assert.match((judgement as {why: string}).why, /^pid 77 was reused \(started at tick 1234, the holder at tick 900\)$/);
});

test('same pid namespace and boot: a live holder pid with the same start time holds the lock, even with an old heartbeat', () => {
  const old = holderRecord(now - 3_600_000);
  assert.deepEqual(judgeLock(old, context(new Map([[77, 900]]))), {verdict: 'held', holder: 'pid 77 on host box-a, heartbeat 3600.0 s ago'});
});

test('same pid namespace and boot: a live pid whose start time cannot be read (either side) is trusted as the holder', () => {
  assert.equal(judgeLock(holderRecord(now), context(new Map([[77, null]]))).verdict, 'held');
  assert.equal(judgeLock(holderRecord(now, {startTime: null}), context(new Map([[77, 1234]]))).verdict, 'held');
});

test('our own pid in our namespace with a token this process does not hold: an earlier process with our pid, stale', () => {
  const earlier = holderRecord(now, {pid: us.pid, startTime: us.startTime});
  assert.deepEqual(judgeLock(earlier, context(new Map())), {verdict: 'stale', why: `pid ${us.pid} is this process, which did not take that lock`});
  // …but a lock this process holds is held (a second take in the same process is refused)
  assert.equal(judgeLock(earlier, context(new Map(), us, new Set([earlier.token]))).verdict, 'held');
});

test('another pid namespace (both pid 1 in their containers): the pid is not trusted, the heartbeat decides', () => {
  const inContainer: ProcessIdentity = {...us, pid: 1, pidNamespace: 'pid:[4026532999]'};
  const holder = holderRecord(now - 2_000, {pid: 1, pidNamespace: containerNamespace, hostname: 'web-1'});
  // pid 1 is alive here too, and has another start time: neither counts across namespaces
  const alive = new Map([[1, 1]]);
  assert.equal(samePidSpace(holder, inContainer), false);
  assert.deepEqual(judgeLock(holder, context(alive, inContainer)), {verdict: 'watch', holder: 'pid 1 on host web-1, another pid namespace, heartbeat 2.0 s ago'});
  const silent = holderRecord(now - 10_001, {pid: 1, pidNamespace: containerNamespace, hostname: 'web-1'});
  assert.deepEqual(judgeLock(silent, context(alive, inContainer)), {
    verdict: 'stale',
    why: 'pid 1 on host web-1, another pid namespace, heartbeat 10.0 s ago: no heartbeat for over 10.0 s',
  });
});

test('the same namespace id after another boot (or on another host) is another pid space: the heartbeat decides', () => {
  const otherBoot = holderRecord(now - 1_000, {bootId: '00000000-0000-0000-0000-000000000000'});
  assert.equal(judgeLock(otherBoot, context(new Map())).verdict, 'watch', 'a dead pid here says nothing about another boot');
  assert.equal(judgeLock(holderRecord(now - 20_000, {bootId: 'x'}), context(new Map())).verdict, 'stale');
});

test('identity unknown on either side (no /proc): the heartbeat decides', () => {
  const blind: ProcessIdentity = {...us, pidNamespace: null, bootId: null, startTime: null};
  assert.equal(judgeLock(holderRecord(now - 1_000), context(new Map(), blind)).verdict, 'watch');
  assert.equal(judgeLock(holderRecord(now - 1_000, {pidNamespace: null}), context(new Map())).verdict, 'watch');
  assert.equal(judgeLock(holderRecord(now - 11_000, {bootId: null}), context(new Map())).verdict, 'stale');
});

test('a heartbeat from the holder\'s future (its clock ahead of ours) is watched, not trusted or dismissed', () => {
  const ahead = holderRecord(now + 60_000, {pidNamespace: containerNamespace});
  assert.equal(judgeLock(ahead, context(new Map())).verdict, 'watch');
  assert.match(describeHolder(ahead, us, now), /heartbeat 0\.0 s ago$/);
});

test('a legacy lock (a bare pid) keeps the old rules: alive holds, dead or our own pid is stale', () => {
  const legacy = (pid: number): LockContent => ({kind: 'legacy', pid});
  assert.deepEqual(judgeLock(legacy(77), context(new Map([[77, null]]))), {verdict: 'held', holder: 'pid 77, legacy lock file'});
  assert.deepEqual(judgeLock(legacy(77), context(new Map())), {verdict: 'stale', why: 'pid 77 is not running'});
  assert.equal(judgeLock(legacy(us.pid), context(new Map())).verdict, 'stale');
});

test('unparsable lock content is stale (the caller gives it a grace period first)', () => {
  assert.equal(judgeLock({kind: 'unparsable', text: 'garbage'}, context(new Map())).verdict, 'stale');
});
