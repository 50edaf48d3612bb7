import assert from 'node:assert/strict';
import {test} from 'node:test';
import {LISTEN_KEY_TTL_MS, ListenKeys, MAX_LISTEN_KEYS} from '../../../source/sim/mexc/listenKeys.js';

test('a listen key expires 60 min after creation without keepalive', () => {
  const keys = new ListenKeys();
  const key = keys.create(0)!;
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(keys.isValid(key, LISTEN_KEY_TTL_MS - 1), true);
  assert.equal(keys.isValid(key, LISTEN_KEY_TTL_MS), false);
  assert.deepEqual(keys.sweep(LISTEN_KEY_TTL_MS), [key]);
  assert.equal(keys.extend(key, LISTEN_KEY_TTL_MS), false);
});

test('keepalive extends validity to 60 min from the keepalive', () => {
  const keys = new ListenKeys();
  const key = keys.create(0)!;
  assert.equal(keys.extend(key, 30 * 60_000), true);
  assert.equal(keys.isValid(key, 89 * 60_000), true);
  assert.equal(keys.isValid(key, 90 * 60_000), false);
});

test('at most 60 valid keys; deleted keys free a slot', () => {
  const keys = new ListenKeys();
  const created = Array.from({length: MAX_LISTEN_KEYS}, () => keys.create(0));
  assert.ok(created.every((key) => key !== null));
  assert.equal(keys.create(0), null);
  assert.equal(keys.remove(created[0]!, 0), true);
  assert.notEqual(keys.create(0), null);
});
