import {test} from 'node:test';
import assert from 'node:assert/strict';
import {POINT_MS, ReferencePath, RETAIN_MS} from '../../../source/engine/market/referencePath.js';

test('readings within one bucket of POINT_MS keep only the newest; the next bucket adds a point', () => {
  const path = new ReferencePath();
  path.record(1000, 1.0);
  path.record(1000 + POINT_MS / 2, 1.1);
  assert.equal(path.size, 1);
  assert.deepEqual(path.latest(), {at: 1000 + POINT_MS / 2, mid: 1.1});
  path.record(1000 + POINT_MS, 1.2);
  assert.equal(path.size, 2);
});

test('out-of-order, zero and non-finite readings are ignored', () => {
  const path = new ReferencePath();
  path.record(5000, 1.0);
  path.record(4000, 2.0);
  path.record(6000, 0);
  path.record(7000, Number.NaN);
  assert.deepEqual(path.since(0), [{at: 5000, mid: 1.0}]);
});

test('lookups: the last point at or before a time, the first at or after', () => {
  const path = new ReferencePath();
  for (const [at, mid] of [[1000, 1], [2000, 2], [3000, 3]] as const) path.record(at, mid);
  assert.equal(path.lastAtOrBefore(2000)?.mid, 2);
  assert.equal(path.lastAtOrBefore(2999)?.mid, 2);
  assert.equal(path.lastAtOrBefore(999), null);
  assert.equal(path.firstAtOrAfter(2001)?.mid, 3);
  assert.equal(path.firstAtOrAfter(3001), null);
});

test('rangeSince: (high − low) / latest over the window; 0 with fewer than two points', () => {
  const path = new ReferencePath();
  path.record(1000, 1.0);
  assert.equal(path.rangeSince(0), 0);
  path.record(2000, 1.2);
  path.record(3000, 1.1);
  assert.ok(Math.abs(path.rangeSince(0) - 0.2 / 1.1) < 1e-12);
  assert.ok(Math.abs(path.rangeSince(2500) - 0) < 1e-12);
});

test('points older than RETAIN_MS are dropped', () => {
  const path = new ReferencePath();
  for (let i = 0; i <= 4000; i++) path.record(i * 1000, 1 + i / 1e6);
  const oldest = path.since(0)[0]!;
  assert.ok(oldest.at >= 4000 * 1000 - RETAIN_MS);
  assert.equal(path.lastAtOrBefore(1000), null);
});
