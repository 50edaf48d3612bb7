import {test} from 'node:test';
import assert from 'node:assert/strict';
import {statusExitCode} from '../../source/store/statusExitCode.js';
import {fixtureNow, makePersistedState} from './fixtures.js';

test('the exit code: 0 running and compliant, 1 running but halted or not compliant, 3 not running', () => {
  const compliant = makePersistedState();
  const reading = compliant.compliance.now!;
  const failing = makePersistedState({compliance: {...compliant.compliance, now: {...reading, pass: false, reason: 'spread 2.4 % > 2 %'}}});
  const noReading = makePersistedState({compliance: {...compliant.compliance, now: null}});
  const halted = makePersistedState({halted: {since: fixtureNow, reason: 'kill switch (key k)'}});
  assert.equal(statusExitCode(compliant, true), 0);
  assert.equal(statusExitCode(failing, true), 1);
  assert.equal(statusExitCode(noReading, true), 1);
  assert.equal(statusExitCode(halted, true), 1);
  for (const state of [compliant, failing, noReading, halted]) assert.equal(statusExitCode(state, false), 3);
});
