import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {DepthSync, type DepthPush} from '../../../source/exchanges/mexc/depthSync.js';

const p = (fromVersion: number, toVersion: number): DepthPush => ({fromVersion, toVersion, bids: [['1', '1']], asks: []});

test('buffers until the snapshot, drops covered pushes, clamps the overlapping one', () => {
  const sync = new DepthSync();
  assert.deepEqual(sync.push(p(90, 95)), {kind: 'buffered'});
  assert.deepEqual(sync.push(p(96, 104)), {kind: 'buffered'});
  assert.deepEqual(sync.push(p(105, 110)), {kind: 'buffered'});
  const result = sync.applySnapshot(100);
  assert.equal(result.kind, 'synced');
  if (result.kind !== 'synced') return;
  assert.deepEqual(
    result.deltas.map((d) => [d.fromVersion, d.toVersion]),
    [
      [101, 104],
      [105, 110],
    ],
  );
  assert.equal(sync.currentVersion(), 110);
  assert.deepEqual(sync.push(p(111, 111)).kind, 'apply');
});

test('detects a version gap in the live stream and drops local state', () => {
  const sync = new DepthSync();
  sync.applySnapshot(10);
  assert.equal(sync.push(p(11, 12)).kind, 'apply');
  assert.deepEqual(sync.push(p(14, 15)), {kind: 'gap', expectedFrom: 13, gotFrom: 14});
  assert.equal(sync.isSynced(), false);
  assert.deepEqual(sync.push(p(16, 17)), {kind: 'buffered'});
});

test('a repeated or overlapping push after the first one is a continuity break', () => {
  const sync = new DepthSync();
  sync.applySnapshot(10);
  sync.push(p(11, 12));
  assert.equal(sync.push(p(12, 13)).kind, 'gap');
});

test('snapshot older than the buffered stream asks for a newer snapshot and keeps the buffer', () => {
  const sync = new DepthSync();
  sync.push(p(50, 55));
  sync.push(p(56, 60));
  assert.deepEqual(sync.applySnapshot(40), {kind: 'tooOld', snapshotVersion: 40, firstFrom: 50});
  assert.equal(sync.bufferedCount(), 2);
  const retry = sync.applySnapshot(57);
  assert.equal(retry.kind, 'synced');
  if (retry.kind === 'synced') assert.deepEqual(retry.deltas.map((d) => [d.fromVersion, d.toVersion]), [[58, 60]]);
});

test('first push after an empty-buffer snapshot: covered is dropped, gap is reported', () => {
  const sync = new DepthSync();
  sync.applySnapshot(100);
  assert.equal(sync.push(p(95, 100)).kind, 'old');
  assert.deepEqual(sync.push(p(103, 104)), {kind: 'gap', expectedFrom: 101, gotFrom: 103});
});

test('a gap inside the buffered pushes is found when the snapshot is applied', () => {
  const sync = new DepthSync();
  sync.push(p(101, 102));
  sync.push(p(104, 105));
  assert.deepEqual(sync.applySnapshot(100), {kind: 'gap', expectedFrom: 103, gotFrom: 104});
});

test('buffer overflow resets instead of growing without bound', () => {
  const sync = new DepthSync(3);
  for (let v = 1; v <= 3; v += 1) sync.push(p(v, v));
  assert.deepEqual(sync.push(p(4, 4)), {kind: 'overflow'});
  assert.equal(sync.bufferedCount(), 0);
});

test('property: emitted deltas are strictly continuous and every missing version range is reported as a gap', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({len: fc.integer({min: 1, max: 5}), skip: fc.integer({min: 0, max: 2})}), {minLength: 1, maxLength: 60}),
      fc.integer({min: 0, max: 20}),
      (steps, snapshotAt) => {
        // build a stream: each push covers `len` versions, preceded by `skip` missing versions
        const pushes: DepthPush[] = [];
        let v = 1;
        for (const {len, skip} of steps) {
          v += skip;
          pushes.push(p(v, v + len - 1));
          v += len;
        }
        const sync = new DepthSync();
        let last: number | null = null;
        let gaps = 0;
        const take = (from: number, to: number) => {
          if (last !== null) assert.equal(from, last + 1);
          last = to;
        };
        const buffered = pushes.slice(0, Math.min(3, pushes.length));
        for (const push of buffered) sync.push(push);
        const snap = sync.applySnapshot(snapshotAt);
        if (snap.kind !== 'synced') return; // tooOld / gap: correctly refused to sync
        last = snapshotAt;
        for (const d of snap.deltas) take(d.fromVersion, d.toVersion);
        for (const push of pushes.slice(buffered.length)) {
          const r = sync.push(push);
          if (r.kind === 'apply') take(r.delta.fromVersion, r.delta.toVersion);
          if (r.kind === 'gap') {
            gaps += 1;
            assert.ok(push.fromVersion !== r.expectedFrom);
            return; // after a gap the owner resyncs; nothing more to check here
          }
        }
        // no gap reported ⇒ the pushes after the snapshot really were contiguous
        const after = pushes.filter((x) => x.toVersion > snapshotAt);
        for (let i = 1; i < after.length; i += 1) assert.equal(after[i]!.fromVersion, after[i - 1]!.toVersion + 1);
        assert.equal(gaps, 0);
      },
    ),
  );
});
