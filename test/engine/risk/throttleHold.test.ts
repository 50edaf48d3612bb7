// Rate-limit holds (throttleHold.ts): how long order changes are held, one notice and one count per
// hold (not per refused order), and the reason the planner shows, each at its limits.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {holdForThrottle, holdUntil, throttleHoldReason} from '../../../source/engine/risk/throttleHold.js';
import {recordedContext, T0} from '../engineFixtures.js';

function fresh() {
  const r = recordedContext();
  return {...r, hold: (retryAt: number | null, message = '429 Too Many Requests') => holdForThrottle(r.state, r.ctx.notices, retryAt, message)};
}

test('a throttle without a retry time holds for the minimum second, with one warning and one count', () => {
  const r = fresh();
  r.hold(null);
  assert.equal(r.state.rateLimitedUntil, T0 + 1_000);
  assert.equal(r.state.counters.rateLimited, 1);
  assert.deepEqual(r.notices, [{at: T0, level: 'warn', text: 'rate limited (429 Too Many Requests); holding order changes for 1s'}]);
  assert.equal(r.state.consecutiveOrderErrors, 0, 'never a kill-switch count');
});

test('a retry time under a second from now is raised to the minimum second', () => {
  const r = fresh();
  r.hold(T0 + 999);
  assert.equal(r.state.rateLimitedUntil, T0 + 1_000);
});

test('a retry time past the minimum is kept; the notice rounds the hold up to whole seconds', () => {
  const r = fresh();
  r.hold(T0 + 1_001, 'budget exhausted');
  assert.equal(r.state.rateLimitedUntil, T0 + 1_001);
  assert.deepEqual(r.notices.map((n) => n.text), ['rate limited (budget exhausted); holding order changes for 2s']);
  const s = fresh();
  s.hold(T0 + 3_000, 'budget exhausted');
  assert.deepEqual(s.notices.map((n) => n.text), ['rate limited (budget exhausted); holding order changes for 3s']);
});

test('more refusals during a hold extend it (never shorten it) without another notice or count', () => {
  const r = fresh();
  r.hold(T0 + 5_000);
  r.state.now = T0 + 4_999;
  r.hold(T0 + 8_000);
  assert.equal(r.state.rateLimitedUntil, T0 + 8_000);
  r.hold(T0 + 6_000);
  assert.equal(r.state.rateLimitedUntil, T0 + 8_000, 'an earlier retry time does not shorten the hold');
  assert.equal(r.state.counters.rateLimited, 1);
  assert.equal(r.notices.length, 1);
});

test('a refusal at the very end of a hold starts a new one, noticed and counted', () => {
  const r = fresh();
  r.hold(T0 + 5_000);
  r.state.now = T0 + 5_000;
  r.hold(null);
  assert.equal(r.state.rateLimitedUntil, T0 + 6_000);
  assert.equal(r.state.counters.rateLimited, 2);
  assert.deepEqual(r.notices.map((n) => n.text), [
    'rate limited (429 Too Many Requests); holding order changes for 5s',
    'rate limited (429 Too Many Requests); holding order changes for 1s',
  ]);
});

test('holdUntil: a Retry-After holds until then, counts every time, and never shortens a hold', () => {
  const r = fresh();
  holdUntil(r.state, T0 + 30_000);
  assert.equal(r.state.rateLimitedUntil, T0 + 30_000);
  assert.equal(r.state.counters.rateLimited, 1);
  holdUntil(r.state, T0 + 10_000);
  assert.equal(r.state.rateLimitedUntil, T0 + 30_000);
  assert.equal(r.state.counters.rateLimited, 2);
  assert.deepEqual(r.notices, [], 'the caller notices the failed request itself');
});

test('throttleHoldReason: the time left in whole seconds (rounded up) until the hold ends, then null', () => {
  const r = fresh();
  assert.equal(throttleHoldReason(r.state), null, 'no hold on a fresh state');
  r.state.rateLimitedUntil = T0 + 2_500;
  assert.equal(throttleHoldReason(r.state), 'rate-limited for 3s');
  r.state.now = T0 + 1_500;
  assert.equal(throttleHoldReason(r.state), 'rate-limited for 1s');
  r.state.now = T0 + 2_499;
  assert.equal(throttleHoldReason(r.state), 'rate-limited for 1s');
  r.state.now = T0 + 2_500;
  assert.equal(throttleHoldReason(r.state), null);
});
