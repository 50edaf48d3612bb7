// How far the reference may have moved without our quotes following (referenceRisk.ts): its recent range
// and the age of its last message.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lastReferenceMessageAt, referenceRisk} from '../../../source/engine/market/referenceRisk.js';
import {ReferencePath} from '../../../source/engine/market/referencePath.js';
import {makeState, T0} from '../engineFixtures.js';

const NOW = T0 + 120_000;

test('rangePct is 0 with no point and with a single point in the window', () => {
  const path = new ReferencePath();
  assert.equal(referenceRisk({path, now: NOW, windowSec: 30, lastMessageAt: NOW}).rangePct, 0);
  path.record(NOW - 1_000, 0.25);
  assert.equal(referenceRisk({path, now: NOW, windowSec: 30, lastMessageAt: NOW}).rangePct, 0);
});

test('rangePct is (high − low) / latest over the window only: older points do not count', () => {
  const path = new ReferencePath();
  path.record(NOW - 60_000, 0.2); // outside a 30 s window: would make the range 0.06 / 0.26
  path.record(NOW - 20_000, 0.25);
  path.record(NOW - 10_000, 0.26);
  path.record(NOW - 5_000, 0.255);
  const risk = referenceRisk({path, now: NOW, windowSec: 30, lastMessageAt: NOW});
  assert.ok(Math.abs(risk.rangePct - 0.01 / 0.255) < 1e-12, `rangePct ${risk.rangePct}`);
  // a 90 s window takes the old point in
  const wide = referenceRisk({path, now: NOW, windowSec: 90, lastMessageAt: NOW});
  assert.ok(Math.abs(wide.rangePct - 0.06 / 0.255) < 1e-12, `rangePct ${wide.rangePct}`);
});

test('the window starts windowSec before now (a point exactly at its start counts)', () => {
  const path = new ReferencePath();
  path.record(NOW - 30_000, 0.24);
  path.record(NOW, 0.25);
  assert.ok(Math.abs(referenceRisk({path, now: NOW, windowSec: 30, lastMessageAt: NOW}).rangePct - 0.01 / 0.25) < 1e-12);
  assert.equal(referenceRisk({path, now: NOW + 1, windowSec: 30, lastMessageAt: NOW}).rangePct, 0, 'one ms later it has left the window');
  const asked: number[] = [];
  referenceRisk({path: {rangeSince: (since) => (asked.push(since), 0)}, now: NOW, windowSec: 12.5, lastMessageAt: null});
  assert.deepEqual(asked, [NOW - 12_500]);
});

test('a non-finite or negative range reads as 0', () => {
  for (const range of [Number.NaN, Infinity, -0.01]) {
    assert.equal(referenceRisk({path: {rangeSince: () => range}, now: NOW, windowSec: 30, lastMessageAt: NOW}).rangePct, 0, `range ${range}`);
  }
  assert.equal(referenceRisk({path: {rangeSince: () => 0.0123}, now: NOW, windowSec: 30, lastMessageAt: NOW}).rangePct, 0.0123);
});

test('ageSec is the seconds since the last message, 0 for a message stamped later than now, Infinity when none arrived', () => {
  const path = new ReferencePath();
  assert.equal(referenceRisk({path, now: NOW, windowSec: 30, lastMessageAt: NOW - 2_500}).ageSec, 2.5);
  assert.equal(referenceRisk({path, now: NOW, windowSec: 30, lastMessageAt: NOW}).ageSec, 0);
  assert.equal(referenceRisk({path, now: NOW, windowSec: 30, lastMessageAt: NOW + 1_000}).ageSec, 0);
  assert.equal(referenceRisk({path, now: NOW, windowSec: 30, lastMessageAt: null}).ageSec, Infinity);
});

test('lastReferenceMessageAt: the later of the stream’s last message and the book’s last update', () => {
  const state = makeState();
  state.streams['kucoin.book'].lastMessageAt = T0 + 5_000;
  state.kucoinBook.lastUpdateAt = T0 + 3_000;
  assert.equal(lastReferenceMessageAt(state), T0 + 5_000);
  state.kucoinBook.lastUpdateAt = T0 + 7_000;
  assert.equal(lastReferenceMessageAt(state), T0 + 7_000);
});

test('lastReferenceMessageAt: either time alone when the other is null; null when both are', () => {
  const state = makeState();
  state.streams['kucoin.book'].lastMessageAt = null;
  state.kucoinBook.lastUpdateAt = null;
  assert.equal(lastReferenceMessageAt(state), null);
  state.kucoinBook.lastUpdateAt = T0 + 3_000;
  assert.equal(lastReferenceMessageAt(state), T0 + 3_000);
  state.kucoinBook.lastUpdateAt = null;
  state.streams['kucoin.book'].lastMessageAt = T0 + 4_000;
  assert.equal(lastReferenceMessageAt(state), T0 + 4_000);
  // another stream's message is not the reference's
  state.streams['kucoin.book'].lastMessageAt = null;
  state.streams['mexc.book'].lastMessageAt = T0 + 9_000;
  assert.equal(lastReferenceMessageAt(state), null);
});
