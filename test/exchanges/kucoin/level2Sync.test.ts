import {test} from 'node:test';
import assert from 'node:assert/strict';
import {Level2Sync, stepFrom} from '../../../source/exchanges/kucoin/level2Sync.js';
import type {Level2Change, Level2Update} from '../../../source/exchanges/kucoin/kucoinWire.js';

const ch = (price: string, size: string, sequence: number): Level2Change => ({price, size, sequence});
const msg = (sequenceStart: number, sequenceEnd: number, bids: Level2Change[] = [], asks: Level2Change[] = []): Level2Update => ({
  symbol: 'BTC-USDT',
  sequenceStart,
  sequenceEnd,
  bids,
  asks,
  time: null,
});
const snap = (sequence: number) => ({sequence, bids: [['3988.50', '1'] as const], asks: [['3988.61', '2'] as const], time: null});

test('official worked example: only changes newer than the snapshot sequence are applied', () => {
  // docs/protocols/kucoin.md §3.7: snapshot 16; asks 3988.59@16 (skip), 3988.61 size 0 @19 (delete),
  // 3988.62@15 (skip); bid 3988.50=44 @18
  const sync = new Level2Sync();
  sync.onUpdate(msg(15, 19, [ch('3988.50', '44', 18)], [ch('3988.59', '3', 16), ch('3988.61', '0', 19), ch('3988.62', '8', 15)]));
  const step = sync.onSnapshot(snap(16));
  assert.equal(step.kind, 'synced');
  if (step.kind !== 'synced') return;
  assert.deepEqual(step.deltas, [{fromVersion: 17, toVersion: 19, bids: [['3988.50', '44']], asks: [['3988.61', '0']]}]);
  assert.equal(sync.lastSequence, 19);
});

test('a message straddling the book sequence yields a delta from last+1 with only the newer changes', () => {
  const step = stepFrom(100, msg(98, 103, [ch('10', '1', 99), ch('11', '2', 101)], [ch('12', '3', 103), ch('13', '4', 100)]));
  assert.deepEqual(step, {kind: 'delta', delta: {fromVersion: 101, toVersion: 103, bids: [['11', '2']], asks: [['12', '3']]}});
});

test('a contiguous message yields a delta from its sequenceStart', () => {
  const step = stepFrom(100, msg(101, 102, [ch('10', '1', 101)], [ch('12', '0.000', 102)]));
  assert.deepEqual(step, {kind: 'delta', delta: {fromVersion: 101, toVersion: 102, bids: [['10', '1']], asks: [['12', '0']]}});
});

test('duplicates and late messages at or before the book sequence are old, not applied', () => {
  const sync = new Level2Sync();
  sync.onSnapshot(snap(50));
  assert.deepEqual(sync.onUpdate(msg(45, 50)), {kind: 'old', sequenceEnd: 50, lastSequence: 50});
  const first = sync.onUpdate(msg(51, 52, [ch('1', '1', 52)]));
  assert.equal(first.kind, 'delta');
  assert.deepEqual(sync.onUpdate(msg(51, 52, [ch('1', '1', 52)])), {kind: 'old', sequenceEnd: 52, lastSequence: 52});
  assert.equal(sync.lastSequence, 52);
});

test('a gap after sync is reported and drops the sync state', () => {
  const sync = new Level2Sync();
  sync.onSnapshot(snap(50));
  assert.equal(sync.onUpdate(msg(51, 51)).kind, 'delta');
  assert.deepEqual(sync.onUpdate(msg(53, 54)), {kind: 'gap', lastSequence: 51, sequenceStart: 53});
  assert.equal(sync.synced, false);
  assert.equal(sync.bufferedCount, 0);
  // after a gap it buffers again
  assert.deepEqual(sync.onUpdate(msg(55, 55)), {kind: 'buffered', buffered: 1});
});

test('a snapshot older than the first buffered update is reported behind and the buffer is kept', () => {
  const sync = new Level2Sync();
  sync.onUpdate(msg(20, 22));
  sync.onUpdate(msg(23, 23));
  assert.deepEqual(sync.onSnapshot(snap(18)), {kind: 'behind', snapshotSequence: 18, firstBufferedStart: 20});
  assert.equal(sync.bufferedCount, 2);
  const again = sync.onSnapshot(snap(19));
  assert.equal(again.kind, 'synced');
  if (again.kind === 'synced') assert.deepEqual(again.deltas.map((d) => [d.fromVersion, d.toVersion]), [[20, 22], [23, 23]]);
});

test('a snapshot newer than the whole buffer drops the buffer as old and starts at the snapshot', () => {
  const sync = new Level2Sync();
  sync.onUpdate(msg(20, 22));
  sync.onUpdate(msg(23, 24));
  const step = sync.onSnapshot(snap(30));
  assert.deepEqual(step.kind === 'synced' && [step.deltas.length, step.droppedOld], [0, 2]);
  assert.equal(sync.lastSequence, 30);
  assert.equal(sync.onUpdate(msg(31, 31)).kind, 'delta');
});

test('a snapshot with an empty buffer (quiet market) syncs at the snapshot sequence', () => {
  const sync = new Level2Sync();
  const step = sync.onSnapshot(snap(7));
  assert.deepEqual(step.kind === 'synced' && step.deltas, []);
  assert.equal(sync.lastSequence, 7);
});

test('a hole inside the buffer after the snapshot is a gap and clears the buffer', () => {
  const sync = new Level2Sync();
  sync.onUpdate(msg(10, 12));
  sync.onUpdate(msg(14, 15));
  assert.deepEqual(sync.onSnapshot(snap(11)), {kind: 'gap', lastSequence: 12, sequenceStart: 14});
  assert.equal(sync.bufferedCount, 0);
  assert.equal(sync.synced, false);
});

test('price-0 sequence markers are skipped but still advance the sequence', () => {
  const step = stepFrom(9, msg(10, 11, [ch('0', '0', 10)], [ch('5', '1', 11)]));
  assert.deepEqual(step, {kind: 'delta', delta: {fromVersion: 10, toVersion: 11, bids: [], asks: [['5', '1']]}});
  const onlyMarkers = stepFrom(11, msg(12, 12, [ch('0', '0', 12)]));
  assert.deepEqual(onlyMarkers, {kind: 'delta', delta: {fromVersion: 12, toVersion: 12, bids: [], asks: []}});
});

test('changes of one side are emitted in per-change sequence order', () => {
  const step = stepFrom(0, msg(1, 3, [ch('10', '2', 3), ch('10', '1', 1), ch('9', '5', 2)]));
  assert.deepEqual(step.kind === 'delta' && step.delta.bids, [['10', '1'], ['9', '5'], ['10', '2']]);
});

test('the buffer is bounded: the oldest updates are trimmed, so an old snapshot is then behind', () => {
  const sync = new Level2Sync(3);
  for (let s = 1; s <= 5; s += 1) sync.onUpdate(msg(s, s));
  assert.equal(sync.bufferedCount, 3);
  assert.equal(sync.trimmed, 2);
  assert.equal(sync.onSnapshot(snap(0)).kind, 'behind');
  const step = sync.onSnapshot(snap(2));
  assert.deepEqual(step.kind === 'synced' && step.deltas.map((d) => d.fromVersion), [3, 4, 5]);
});

test('onSnapshot while synced is a programming error', () => {
  const sync = new Level2Sync();
  sync.onSnapshot(snap(1));
  assert.throws(() => sync.onSnapshot(snap(2)), /already synced/);
});
