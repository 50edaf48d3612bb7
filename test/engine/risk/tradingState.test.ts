// The trading state as pure transitions: the operator's table, halts and stops remembering what they
// interrupted, and the precedence the planner applies (stopping > halted > cancel-all).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  haltOf,
  initialTradingState,
  isPaused,
  nextTradingState,
  operatingOf,
  type OperatingState,
  type TradingInput,
  type TradingState,
} from '../../../source/engine/risk/tradingState.js';
import {gatePlan} from '../../../source/engine/planner/gates.js';
import {localOrder} from '../../../source/engine/orders/localOrder.js';
import type {EngineState} from '../../../source/engine/engineState.js';
import {gateInputOf, makeState, T0} from '../engineFixtures.js';

const STOP_MS = 15_000;
const step = (state: TradingState, input: TradingInput, now = T0): TradingState => nextTradingState(state, input, now, STOP_MS);
const run = (state: TradingState, inputs: TradingInput[], now = T0): TradingState => inputs.reduce((s, input) => step(s, input, now), state);

const active: TradingState = {kind: 'active'};
const pause: TradingInput = {kind: 'pause'};
const resume: TradingInput = {kind: 'resume'};
const cancelAll: TradingInput = {kind: 'cancelAll'};
const cancelsDone: TradingInput = {kind: 'cancelsDone'};
const kill = (reason = 'operator'): TradingInput => ({kind: 'kill', reason});
const unkill: TradingInput = {kind: 'unkill'};
const quit = (reason = 'q pressed'): TradingInput => ({kind: 'quit', reason});

type OperatorInput = 'pause' | 'resume' | 'cancelAll' | 'cancelsDone';
const OPERATOR_TABLE: Record<OperatingState['kind'], Record<OperatorInput, OperatingState['kind']>> = {
  active: {pause: 'paused', resume: 'active', cancelAll: 'cancellingAll', cancelsDone: 'active'},
  paused: {pause: 'paused', resume: 'active', cancelAll: 'cancellingAll', cancelsDone: 'paused'},
  cancellingAll: {pause: 'cancellingAll', resume: 'active', cancelAll: 'cancellingAll', cancelsDone: 'paused'},
};

for (const [from, row] of Object.entries(OPERATOR_TABLE) as Array<[OperatingState['kind'], Record<OperatorInput, OperatingState['kind']>]>) {
  for (const [input, to] of Object.entries(row) as Array<[OperatorInput, OperatingState['kind']]>) {
    test(`operator: ${from} + ${input} → ${to}`, () => {
      assert.deepEqual(step({kind: from}, {kind: input}), {kind: to});
    });
  }
}

test('unkill and resetNow leave an operating state as it is', () => {
  for (const kind of ['active', 'paused', 'cancellingAll'] as const) {
    const state: TradingState = {kind};
    assert.equal(step(state, unkill), state);
    assert.equal(step(state, {kind: 'resetNow'}), state);
  }
});

test('kill and autoHalt halt, remembering the operating state, the time and the reason', () => {
  assert.deepEqual(step({kind: 'paused'}, kill('8 errors'), T0 + 7), {kind: 'halted', since: T0 + 7, reason: '8 errors', resumeTo: {kind: 'paused'}});
  assert.deepEqual(step(active, {kind: 'autoHalt', reason: 'stale'}, T0 + 9), {kind: 'halted', since: T0 + 9, reason: 'stale', resumeTo: active});
});

test('a second kill while halted keeps the first halt (time and reason)', () => {
  const halted = step(active, kill('first'), T0);
  assert.equal(step(halted, kill('second'), T0 + 1_000), halted);
  assert.equal(step(halted, {kind: 'autoHalt', reason: 'auto'}, T0 + 1_000), halted);
});

test('pause → kill → unkill ends paused', () => {
  assert.deepEqual(run(active, [pause, kill(), unkill]), {kind: 'paused'});
});

test('kill → pause → unkill ends paused (the pause reaches the layer under the halt)', () => {
  const halted = run(active, [kill(), pause]);
  assert.equal(halted.kind, 'halted');
  assert.deepEqual(operatingOf(halted), {kind: 'paused'});
  assert.deepEqual(step(halted, unkill), {kind: 'paused'});
});

test('kill → unkill returns to active when nothing else was chosen', () => {
  assert.deepEqual(run(active, [kill(), unkill]), active);
});

test('cancelAll while halted, then cancelsDone: after unkill the bot is paused', () => {
  const halted = run(active, [kill(), cancelAll]);
  assert.deepEqual(operatingOf(halted), {kind: 'cancellingAll'});
  const done = step(halted, cancelsDone);
  assert.equal(done.kind, 'halted');
  assert.deepEqual(step(done, unkill), {kind: 'paused'});
});

test('resetNow while halted changes nothing', () => {
  const halted = step(active, kill());
  assert.equal(step(halted, {kind: 'resetNow'}), halted);
});

test('quit starts stopping with a deadline, remembering what it interrupted', () => {
  const stopping = step({kind: 'paused'}, quit('SIGTERM'), T0 + 100);
  assert.deepEqual(stopping, {kind: 'stopping', since: T0 + 100, reason: 'SIGTERM', deadline: T0 + 100 + STOP_MS, from: {kind: 'paused'}});
});

test('a halt survives a quit: haltOf of a stopping bot that was halted is the halt', () => {
  const halted = step(active, kill('inventory'), T0);
  const stopping = step(halted, quit(), T0 + 5_000);
  assert.deepEqual(stopping, {kind: 'stopping', since: T0 + 5_000, reason: 'q pressed', deadline: T0 + 5_000 + STOP_MS, from: halted});
  assert.deepEqual(haltOf(stopping), {since: T0, reason: 'inventory'});
});

test('a stop over an unhalted bot has no halt to persist', () => {
  assert.equal(haltOf(step(active, quit())), null);
  assert.equal(haltOf(active), null);
});

test('kill during stopping still halts underneath, and the stop continues with its deadline', () => {
  const stopping = step(active, quit(), T0);
  const killed = step(stopping, kill('late kill'), T0 + 2_000);
  assert.equal(killed.kind, 'stopping');
  if (killed.kind !== 'stopping') return;
  assert.equal(killed.deadline, T0 + STOP_MS);
  assert.deepEqual(killed.from, {kind: 'halted', since: T0 + 2_000, reason: 'late kill', resumeTo: active});
  assert.deepEqual(haltOf(killed), {since: T0 + 2_000, reason: 'late kill'});
});

test('a second quit keeps the first stop, deadline and reason', () => {
  const first = step(active, quit('first'), T0);
  const second = step(first, quit('second'), T0 + 10_000);
  assert.equal(second, first);
  assert.equal(second.kind === 'stopping' && second.deadline, T0 + STOP_MS);
});

test('operator commands during stopping reach the layer underneath', () => {
  const stopping = run(active, [quit(), pause]);
  assert.equal(stopping.kind, 'stopping');
  assert.deepEqual(operatingOf(stopping), {kind: 'paused'});
});

test('isPaused: any operator choice other than active, whatever halt or stop lies over it', () => {
  assert.equal(isPaused(active), false);
  assert.equal(isPaused({kind: 'paused'}), true);
  assert.equal(isPaused({kind: 'cancellingAll'}), true, 'a cancel-all pauses too');
  assert.equal(isPaused(run(active, [kill()])), false);
  assert.equal(isPaused(run(active, [pause, kill()])), true);
  assert.equal(isPaused(run(active, [pause, kill(), quit()])), true);
  assert.equal(isPaused(run(active, [quit()])), false);
});

test('initialTradingState: active without a persisted halt, halted (resuming to active) with one', () => {
  assert.deepEqual(initialTradingState(null), {kind: 'active'});
  assert.deepEqual(initialTradingState({since: T0 - 60_000, reason: 'kill from last run'}), {
    kind: 'halted',
    since: T0 - 60_000,
    reason: 'kill from last run',
    resumeTo: {kind: 'active'},
  });
});

// precedence as the planner applies it

const gateOf = (state: EngineState) => gatePlan(state, gateInputOf(state, null));

function stateWithAnOrder(trading: TradingState) {
  const state = makeState();
  state.trading = trading;
  const order = localOrder({
    clientOrderId: 'mmxt1', orderId: 'X1', side: 'BUY', priceTicks: 24_900, qtyLots: 100_000, filledLots: 0,
    state: 'open', retiring: null, createdAt: T0, changedAt: T0, reason: 'fill ladder',
  });
  state.orders.set(order.clientOrderId, order);
  return state;
}

test('precedence: a plan for a stopping bot that is also halted says "stopping"', () => {
  const trading = run(active, [kill('operator'), quit('SIGINT')]);
  const plan = gateOf(stateWithAnOrder(trading));
  assert.equal(plan?.sides.bid.reason, 'stopping: SIGINT');
  assert.deepEqual(plan?.cancels.map((c) => c.reason), ['stopping: SIGINT']);
});

test('precedence: a plan for a halted bot whose operator chose cancel-all says "halted"', () => {
  const trading = run(active, [cancelAll, kill('operator')]);
  assert.equal(trading.kind, 'halted');
  const plan = gateOf(stateWithAnOrder(trading));
  assert.equal(plan?.sides.ask.reason, 'halted: operator');
  assert.deepEqual(plan?.cancels.map((c) => c.reason), ['halted: operator']);
});

test('a stop nested in a stop (impossible by type, e.g. a corrupted state) is refused loudly', () => {
  const inner = step(active, quit('first'), T0);
  const nested = {kind: 'stopping', since: T0, reason: 'outer', deadline: T0 + STOP_MS, from: inner} as unknown as TradingState;
  assert.throws(() => step(nested, pause), {message: 'a stop cannot nest'});
});
