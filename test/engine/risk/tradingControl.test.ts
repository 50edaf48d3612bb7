// What moves the trading state and what it says (tradingControl.ts): each operator command with its
// notice and persistence, the automatic kill switch checked after every batch (each rule at its limit
// and one unit past it), and the end of a cancel-all.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyCommand, checkTradingState, STOP_DEADLINE_MS} from '../../../source/engine/risk/tradingControl.js';
import type {TradingState} from '../../../source/engine/risk/tradingState.js';
import type {RecentEvent} from '../../../source/engine/view/snapshot.js';
import {makeState, putOrder, recordedContext, T0} from '../engineFixtures.js';

const texts = (notices: readonly RecentEvent[]) => notices.map((n) => `${n.level}: ${n.text}`);

test('the stop deadline is 15 s', () => {
  assert.equal(STOP_DEADLINE_MS, 15_000);
});

test('pause: paused, a warning naming the source, persisted soon, and a decision pass', () => {
  const r = recordedContext();
  assert.equal(applyCommand(r.ctx, {kind: 'pause'}, 'key'), true);
  assert.deepEqual(r.state.trading, {kind: 'paused'});
  assert.deepEqual(r.notices, [{at: T0, level: 'warn', text: 'paused (key): no new orders; press p to resume'}]);
  assert.equal(r.persistSoon, 1);
});

test('resume: active again, an info line naming the source', () => {
  const r = recordedContext();
  r.state.trading = {kind: 'paused'};
  assert.equal(applyCommand(r.ctx, {kind: 'resume'}, 'signal'), true);
  assert.deepEqual(r.state.trading, {kind: 'active'});
  assert.deepEqual(texts(r.notices), ['info: resumed (signal)']);
  assert.equal(r.persistSoon, 1);
});

test('cancelAll counts only the orders it can cancel now (open and unknown) and pauses', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa', {state: 'open'});
  putOrder(r.state, 'mmxb', {state: 'unknown'});
  putOrder(r.state, 'mmxc', {state: 'pendingNew'});
  putOrder(r.state, 'mmxd', {state: 'pendingCancel'});
  putOrder(r.state, 'mmxe', {state: 'cancelUnknown'});
  putOrder(r.state, 'mmxf', {state: 'open', side: 'SELL', priceTicks: 25_100});
  assert.equal(applyCommand(r.ctx, {kind: 'cancelAll'}, 'key'), true);
  assert.deepEqual(r.state.trading, {kind: 'cancellingAll'});
  assert.deepEqual(texts(r.notices), ['warn: cancel all (key): 3 order(s); paused — press p to resume quoting']);
  assert.equal(r.persistSoon, 1);
});

test('cancelAll with only an unknown order counts it', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxb', {state: 'unknown'});
  applyCommand(r.ctx, {kind: 'cancelAll'}, 'control');
  assert.deepEqual(texts(r.notices), ['warn: cancel all (control): 1 order(s); paused — press p to resume quoting']);
});

test('resetNow retires every working order, schedules the next reset and leaves the trading state alone', () => {
  const r = recordedContext();
  r.state.now = T0 + 5_000;
  putOrder(r.state, 'mmxa', {state: 'open'});
  putOrder(r.state, 'mmxb', {state: 'pendingNew'});
  putOrder(r.state, 'mmxc', {state: 'pendingCancel'});
  putOrder(r.state, 'mmxd', {state: 'open', retiring: 'replaced'});
  assert.equal(applyCommand(r.ctx, {kind: 'resetNow'}, 'key'), true);
  assert.deepEqual(r.state.trading, {kind: 'active'});
  assert.deepEqual(
    [...r.state.orders.values()].map((o) => [o.clientOrderId, o.retiring]),
    [['mmxa', 'reset'], ['mmxb', 'reset'], ['mmxc', null], ['mmxd', 'replaced']],
  );
  assert.equal(r.state.nextResetAt, T0 + 5_000 + 1_800_000);
  assert.deepEqual(texts(r.notices), ['info: reset requested (key): rebuilding 2 order(s), new ones first']);
  assert.equal(r.persistSoon, 1);
});

test('kill halts with the reason and source, remembers the operator state, counts an error and persists', () => {
  const r = recordedContext();
  r.state.trading = {kind: 'paused'};
  r.state.now = T0 + 42;
  assert.equal(applyCommand(r.ctx, {kind: 'kill', reason: 'operator'}, 'key'), true);
  assert.deepEqual(r.state.trading, {kind: 'halted', since: T0 + 42, reason: 'operator (key)', resumeTo: {kind: 'paused'}});
  const text = 'KILL SWITCH: operator (key); cancelling all orders and halting (press k to resume)';
  assert.deepEqual(r.notices, [{at: T0 + 42, level: 'error', text}]);
  assert.equal(r.state.counters.errors, 1);
  assert.deepEqual(r.state.lastError, {at: T0 + 42, message: text});
  assert.equal(r.persistSoon, 2, 'once by the halt, once by the command');
});

test('a second kill keeps the first halt and says nothing', () => {
  const r = recordedContext();
  applyCommand(r.ctx, {kind: 'kill', reason: 'first'}, 'key');
  const halted = r.state.trading;
  r.state.now = T0 + 1_000;
  applyCommand(r.ctx, {kind: 'kill', reason: 'second'}, 'control');
  assert.equal(r.state.trading, halted);
  assert.equal(r.notices.length, 1);
  assert.equal(r.state.counters.errors, 1);
  assert.equal(r.persistSoon, 3);
});

test('unkill releases a halt: back to the operator state, error count cleared', () => {
  const r = recordedContext();
  r.state.trading = {kind: 'halted', since: T0, reason: 'x', resumeTo: {kind: 'paused'}};
  r.state.consecutiveOrderErrors = 8;
  assert.equal(applyCommand(r.ctx, {kind: 'unkill'}, 'key'), true);
  assert.deepEqual(r.state.trading, {kind: 'paused'});
  assert.equal(r.state.consecutiveOrderErrors, 0);
  assert.deepEqual(texts(r.notices), ['warn: kill switch released (key); quoting resumes']);
  assert.equal(r.persistSoon, 1);
});

test('unkill without a halt changes nothing and says nothing', () => {
  const r = recordedContext();
  r.state.consecutiveOrderErrors = 3;
  assert.equal(applyCommand(r.ctx, {kind: 'unkill'}, 'key'), true);
  assert.deepEqual(r.state.trading, {kind: 'active'});
  assert.equal(r.state.consecutiveOrderErrors, 3);
  assert.deepEqual(r.notices, []);
});

test('unkill of a halted bot that is stopping releases the halt underneath', () => {
  const r = recordedContext();
  const halted: TradingState = {kind: 'halted', since: T0, reason: 'x', resumeTo: {kind: 'active'}};
  r.state.trading = {kind: 'stopping', since: T0, reason: 'q', deadline: T0 + 15_000, from: halted};
  r.state.consecutiveOrderErrors = 8;
  applyCommand(r.ctx, {kind: 'unkill'}, 'key');
  assert.deepEqual(r.state.trading, {kind: 'stopping', since: T0, reason: 'q', deadline: T0 + 15_000, from: {kind: 'active'}});
  assert.equal(r.state.consecutiveOrderErrors, 0);
  assert.deepEqual(texts(r.notices), ['warn: kill switch released (key); quoting resumes']);
});

test('quit starts stopping with a deadline 15 s out; a second quit changes nothing and says nothing', () => {
  const r = recordedContext();
  r.state.now = T0 + 100;
  assert.equal(applyCommand(r.ctx, {kind: 'quit', reason: 'SIGTERM'}, 'signal'), true);
  assert.deepEqual(r.state.trading, {kind: 'stopping', since: T0 + 100, reason: 'SIGTERM', deadline: T0 + 15_100, from: {kind: 'active'}});
  assert.deepEqual(texts(r.notices), ['info: stopping (SIGTERM): cancelling our orders']);
  const first = r.state.trading;
  r.state.now = T0 + 5_000;
  applyCommand(r.ctx, {kind: 'quit', reason: 'again'}, 'key');
  assert.equal(r.state.trading, first);
  assert.equal(r.notices.length, 1);
  assert.equal(r.persistSoon, 2);
});

// ---- checkTradingState: the automatic kill switch --------------------------------------------------

test('consecutive order errors: one below the limit nothing happens; at the limit the bot halts', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa');
  r.state.consecutiveOrderErrors = 7;
  checkTradingState(r.ctx);
  assert.deepEqual(r.state.trading, {kind: 'active'});
  assert.deepEqual(r.notices, []);
  assert.equal(r.persistSoon, 0);
  r.state.consecutiveOrderErrors = 8;
  r.state.now = T0 + 10;
  checkTradingState(r.ctx);
  assert.deepEqual(r.state.trading, {kind: 'halted', since: T0 + 10, reason: '8 consecutive order errors', resumeTo: {kind: 'active'}});
  assert.deepEqual(texts(r.notices), ['error: KILL SWITCH: 8 consecutive order errors; cancelling all orders and halting (press k to resume)']);
  assert.equal(r.persistSoon, 1);
});

test('stale data never trips the kill switch: the reference stale for 2 hours leaves the bot active, with no notice', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa');
  r.state.streams['kucoin.book'].state = 'down';
  r.state.referenceStaleSince = T0;
  for (const now of [T0 + 300_001, T0 + 2 * 3_600_000]) {
    r.state.now = now;
    checkTradingState(r.ctx);
    assert.deepEqual(r.state.trading, {kind: 'active'}, `${now - T0} ms stale`);
  }
  assert.deepEqual(r.notices, []);
  assert.equal(r.persistSoon, 0);
});

/** Reference mid 0.25 USDT; `base` RMV and `quote` USDT. */
function withInventory(base: number, quote: number) {
  const r = recordedContext();
  r.state.kucoinBook.applySnapshot(1, [['0.24990', '1000']], [['0.25010', '1000']], T0);
  r.state.balances = {RMV: {free: base, locked: 0}, USDT: {free: quote, locked: 0}};
  r.state.balancesKnown = true;
  putOrder(r.state, 'mmxa');
  return r;
}

test('inventory: a base ratio of exactly 97 % is inside the kill band; 97.1 % halts', () => {
  const at = withInventory(388, 3); // 97 / (97 + 3)
  checkTradingState(at.ctx);
  assert.deepEqual(at.state.trading, {kind: 'active'});
  const past = withInventory(388, 2.9); // 97 / 99.9 = 97.097 %
  checkTradingState(past.ctx);
  assert.deepEqual(past.state.trading, {kind: 'halted', since: T0, reason: 'inventory out of band: base ratio 97.1% outside 3–97%', resumeTo: {kind: 'active'}});
});

test('inventory: a base ratio of exactly 3 % is inside the kill band; 2.9 % halts', () => {
  const at = withInventory(12, 97); // 3 / (3 + 97)
  checkTradingState(at.ctx);
  assert.deepEqual(at.state.trading, {kind: 'active'});
  const past = withInventory(11.6, 97.1); // 2.9 / 100
  checkTradingState(past.ctx);
  assert.equal(past.state.trading.kind, 'halted');
  assert.equal(past.state.trading.kind === 'halted' && past.state.trading.reason, 'inventory out of band: base ratio 2.9% outside 3–97%');
});

test('an already halted bot keeps its first halt when another rule trips', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa');
  const halted: TradingState = {kind: 'halted', since: T0 - 5, reason: 'operator (key)', resumeTo: {kind: 'active'}};
  r.state.trading = halted;
  r.state.consecutiveOrderErrors = 50;
  checkTradingState(r.ctx);
  assert.equal(r.state.trading, halted);
  assert.deepEqual(r.notices, []);
});

test('a stopping bot is not halted by the automatic rules: the quit goes on as it was', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa');
  const stopping: TradingState = {kind: 'stopping', since: T0, reason: 'q', deadline: T0 + 15_000, from: {kind: 'active'}};
  r.state.trading = stopping;
  r.state.consecutiveOrderErrors = 50;
  checkTradingState(r.ctx);
  assert.equal(r.state.trading, stopping);
  assert.deepEqual(r.notices, []);
  assert.equal(r.persistSoon, 0);
});

test('a cancel-all ends (paused) once no order is left, not before', () => {
  const r = recordedContext();
  r.state.trading = {kind: 'cancellingAll'};
  putOrder(r.state, 'mmxa', {state: 'pendingCancel'});
  checkTradingState(r.ctx);
  assert.deepEqual(r.state.trading, {kind: 'cancellingAll'});
  r.state.orders.clear();
  checkTradingState(r.ctx);
  assert.deepEqual(r.state.trading, {kind: 'paused'});
});

test('a cancel-all under a halt ends underneath once no order is left', () => {
  const r = recordedContext(makeState());
  r.state.trading = {kind: 'halted', since: T0, reason: 'x', resumeTo: {kind: 'cancellingAll'}};
  checkTradingState(r.ctx);
  assert.deepEqual(r.state.trading, {kind: 'halted', since: T0, reason: 'x', resumeTo: {kind: 'paused'}});
});
