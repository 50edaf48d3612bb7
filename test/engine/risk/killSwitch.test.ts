// The automatic kill-switch rules as a pure function: each trigger alone, at and just past its limit;
// stale data is not one of them (it suspends: risk/suspension.ts).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {clearOrderErrors, countOrderError, killReason} from '../../../source/engine/risk/killSwitch.js';
import {makeState, T0} from '../engineFixtures.js';

test('a healthy state with a balanced account gives no reason to halt', () => {
  assert.equal(killReason(makeState(), 0.5), null);
  assert.equal(killReason(makeState(), null), null, 'an unknown ratio (no balances yet) is not a trigger');
});

test('consecutive order errors halt at the configured count, not before', () => {
  const state = makeState((c) => (c.risk.maxConsecutiveOrderErrors = 3));
  state.consecutiveOrderErrors = 2;
  assert.equal(killReason(state, 0.5), null);
  state.consecutiveOrderErrors = 3;
  assert.equal(killReason(state, 0.5), '3 consecutive order errors');
});

test('inventory outside the kill band halts on either side; the band edges themselves are inside', () => {
  const state = makeState((c) => (c.risk.killBaseRatio = {min: 0.05, max: 0.95}));
  assert.equal(killReason(state, 0.05), null);
  assert.equal(killReason(state, 0.95), null);
  assert.match(killReason(state, 0.049) ?? '', /inventory out of band: base ratio 4\.9% outside 5–95%/);
  assert.match(killReason(state, 0.97) ?? '', /inventory out of band: base ratio 97\.0%/);
});

test('stale market data never halts: the reference and the MEXC book stale for 2 hours give no reason', () => {
  // the kill-on-stale rule is gone (docs/strategy.md §12.1): staleness suspends, it does not halt
  const state = makeState();
  state.kucoinBook.applySnapshot(1, [['0.24990', '100']], [['0.25010', '100']], T0);
  state.mexcBook.applySnapshot(1, [['0.24900', '100']], [['0.25100', '100']], T0);
  state.streams['kucoin.book'].state = 'down';
  state.streams['mexc.book'].state = 'down';
  state.mexcBook.markUnsynced();
  state.referenceStaleSince = T0;
  state.now = T0 + 2 * 3_600_000;
  assert.equal(killReason(state, 0.5), null);
});

test('inventory kill reason names the ratio to one decimal and the configured band', () => {
  const state = makeState((c) => (c.risk.killBaseRatio = {min: 0.05, max: 0.95}));
  assert.equal(killReason(state, 0.951), 'inventory out of band: base ratio 95.1% outside 5–95%');
  assert.equal(killReason(state, 0), 'inventory out of band: base ratio 0.0% outside 5–95%');
});

test('order errors are reported first when both rules trip at once, then inventory', () => {
  const state = makeState((c) => (c.risk.maxConsecutiveOrderErrors = 2));
  state.consecutiveOrderErrors = 2;
  assert.equal(killReason(state, 0.99), '2 consecutive order errors');
  state.consecutiveOrderErrors = 1;
  assert.equal(killReason(state, 0.99), 'inventory out of band: base ratio 99.0% outside 3–97%');
});

test('countOrderError: one failed request counts once, however many of its orders report it', () => {
  const state = makeState();
  countOrderError(state, 1);
  assert.equal(state.consecutiveOrderErrors, 1, 'the first request (id 1) on a fresh state counts');
  countOrderError(state, 1);
  countOrderError(state, 1);
  assert.equal(state.consecutiveOrderErrors, 1);
  assert.equal(state.lastFailedRequestId, 1);
  countOrderError(state, 2);
  assert.equal(state.consecutiveOrderErrors, 2);
  countOrderError(state, 1);
  assert.equal(state.consecutiveOrderErrors, 3, 'only the last failed request is remembered');
});

test('countOrderError counts request id 0 on a fresh state too', () => {
  const state = makeState();
  countOrderError(state, 0);
  assert.equal(state.consecutiveOrderErrors, 1);
});

test('clearOrderErrors: an accepted request ends the run of consecutive errors', () => {
  const state = makeState();
  countOrderError(state, 1);
  countOrderError(state, 2);
  clearOrderErrors(state);
  assert.equal(state.consecutiveOrderErrors, 0);
  countOrderError(state, 3);
  assert.equal(state.consecutiveOrderErrors, 1);
});

test('the kill band in the halt reason reads as configured, without float noise', () => {
  const state = makeState((c) => {
    c.risk.killBaseRatio = {min: 0.07, max: 0.925};
  });
  assert.equal(killReason(state, 0.05), 'inventory out of band: base ratio 5.0% outside 7–92.5%');
});
