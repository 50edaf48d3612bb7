import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {currentIdentity, parseStatStartTime, systemIdentityReaders} from '../../source/store/processIdentity.js';
import {deadPid} from './fixtures.js';

test('the start time is field 22 of /proc/<pid>/stat, counted after the last ")" of a command name with spaces and parentheses', () => {
  const fields = Array.from({length: 50}, (_, i) => String(i + 3)); // fields 3, 4, …
  fields[22 - 3] = '671301';
  assert.equal(parseStatStartTime(`4711 (my (odd) name) ${fields.join(' ')}`), 671301);
  assert.equal(parseStatStartTime('4711 (x) S 1'), null, 'too few fields');
  assert.equal(parseStatStartTime('garbage'), null);
});

test('on Linux the system readers know our pid namespace, boot and start time; a reaped pid has no start time', {skip: process.platform !== 'linux' && 'needs /proc'}, async () => {
  const self = currentIdentity(systemIdentityReaders);
  assert.equal(self.pid, process.pid);
  assert.match(self.pidNamespace ?? '', /^pid:\[\d+\]$/);
  assert.match(self.bootId ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(self.startTime, parseStatStartTime(readFileSync('/proc/self/stat', 'utf8')));
  assert.ok(self.startTime !== null && self.startTime > 0);
  // another live process: our parent, with its own start time
  assert.ok((systemIdentityReaders.startTime(process.ppid) ?? Infinity) <= self.startTime);
  assert.equal(systemIdentityReaders.startTime(await deadPid()), null);
});
