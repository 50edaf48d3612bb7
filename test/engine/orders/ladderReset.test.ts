// The ladder rebuild (ladderReset.ts): every working order not already retiring retires with "reset"
// (the planner places the new ladder first), the next reset is scheduled, and the operator is told how
// many orders are being rebuilt.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {beginReset} from '../../../source/engine/orders/ladderReset.js';
import {makeState, putOrder, recordedContext, T0} from '../engineFixtures.js';

test('working orders retire with "reset"; orders already retiring or on their way out are left alone and not counted', () => {
  const r = recordedContext();
  r.state.now = T0 + 7_000;
  const open = putOrder(r.state, 'mmxa', {state: 'open'});
  const pendingNew = putOrder(r.state, 'mmxb', {state: 'pendingNew'});
  const unknown = putOrder(r.state, 'mmxc', {state: 'unknown'});
  const retiring = putOrder(r.state, 'mmxd', {state: 'open', retiring: 'off ladder'});
  const pendingCancel = putOrder(r.state, 'mmxe', {state: 'pendingCancel'});
  const cancelUnknown = putOrder(r.state, 'mmxf', {state: 'cancelUnknown'});
  beginReset(r.ctx, 'periodic reset');
  assert.deepEqual([...r.state.orders.values()], [
    {...open, retiring: 'reset'},
    {...pendingNew, retiring: 'reset'},
    {...unknown, retiring: 'reset'},
    retiring,
    pendingCancel,
    cancelUnknown,
  ]);
  assert.deepEqual(r.notices, [{at: T0 + 7_000, level: 'info', text: 'periodic reset: rebuilding 3 order(s), new ones first'}]);
  assert.deepEqual(r.journal, []);
});

test('the next reset is due one reset interval from now, even with no order to rebuild', () => {
  const r = recordedContext(makeState((c) => void (c.timers.resetIntervalSec = 600)));
  r.state.now = T0 + 42;
  beginReset(r.ctx, 'reset requested');
  assert.equal(r.state.nextResetAt, T0 + 42 + 600_000);
  assert.deepEqual(r.notices.map((n) => n.text), ['reset requested: rebuilding 0 order(s), new ones first']);
});
