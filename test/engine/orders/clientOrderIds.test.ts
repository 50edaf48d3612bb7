// clientOrderIds (clientOrderIds.ts): prefix + start time in base 36 + a random per-run tag (6 hex
// digits) + a base-36 sequence, so ids are unique across restarts without a stored counter.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {clientOrderIdFactory} from '../../../source/engine/orders/clientOrderIds.js';
import {T0} from '../engineFixtures.js';

/** T0 = 1 760 000 000 000 ms in base 36 */
const T0_36 = 'mgj6k3cw';

test('an id is the prefix, the start time in base 36, a 6-hex-digit run tag and the sequence from 0', () => {
  const next = clientOrderIdFactory('mmx', T0);
  const ids = Array.from({length: 12}, () => next());
  const shape = new RegExp(`^mmx${T0_36}([0-9a-f]{6})([0-9a-z]+)$`);
  const parts = ids.map((id) => shape.exec(id));
  assert.ok(parts.every((p) => p !== null), ids.join(' '));
  assert.equal(new Set(parts.map((p) => p![1])).size, 1, 'one run tag for the whole run');
  assert.deepEqual(parts.map((p) => p![2]), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b']);
});

test('two runs started at the same millisecond get different run tags', () => {
  const a = clientOrderIdFactory('mmx', T0)();
  const b = clientOrderIdFactory('mmx', T0)();
  assert.notEqual(a, b, 'a 1-in-16-million coincidence aside');
});

test('ids fit MEXC: letters and digits only, at most 32 characters with the longest prefix', () => {
  const next = clientOrderIdFactory('abcdefghijkl', T0);
  for (let i = 0; i < 1000; i++) {
    const id = next();
    assert.match(id, /^[A-Za-z0-9]{1,32}$/);
  }
});

test('without a start time the current time is used', () => {
  const before = Date.now();
  const id = clientOrderIdFactory('mmx')();
  const after = Date.now();
  const time = parseInt(id.slice(3, 3 + T0_36.length), 36);
  assert.ok(time >= before && time <= after, `${time} within [${before}, ${after}]`);
});
