import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatLockRecord, parseLockText, sameBeat} from '../../source/store/lockRecord.js';
import {holderRecord} from './lockFixtures.js';

test('a lock record round-trips through its JSON text, one line tagged with the app', () => {
  const record = holderRecord(1_700_000_000_000);
  const text = formatLockRecord(record);
  assert.match(text, /^\{"app":"mexc-mm","pid":77,.*\}\n$/);
  assert.deepEqual(parseLockText(text), record);
});

test('a lock record from a newer version with extra fields still reads', () => {
  const text = JSON.stringify({...JSON.parse(formatLockRecord(holderRecord(1))), futureField: {x: 1}});
  assert.equal(parseLockText(text).kind, 'record');
});

test('a bare pid (the old lock format) reads as a legacy lock', () => {
  assert.deepEqual(parseLockText('1234\n'), {kind: 'legacy', pid: 1234});
});

test('empty, torn, foreign or ill-typed content is unparsable', () => {
  const good = JSON.parse(formatLockRecord(holderRecord(1))) as Record<string, unknown>;
  for (const text of ['', '\n', '0\n', '{"app":"mexc-mm","pid":', 'hello', JSON.stringify({...good, app: 'other'}), JSON.stringify({...good, pid: '77'}), JSON.stringify({...good, heartbeat: null})]) {
    assert.equal(parseLockText(text).kind, 'unparsable', JSON.stringify(text));
  }
});

test('sameBeat tells a moved heartbeat or another token from an unchanged record', () => {
  const record = holderRecord(1000);
  assert.equal(sameBeat(record, {...record}), true);
  assert.equal(sameBeat(record, {...record, heartbeat: {count: 1, at: 1000}}), false);
  assert.equal(sameBeat(record, {...record, heartbeat: {count: 0, at: 3000}}), false);
  assert.equal(sameBeat(record, {...record, token: 'another-token'}), false);
  assert.equal(sameBeat({kind: 'legacy', pid: 5}, {kind: 'legacy', pid: 5}), true);
});
