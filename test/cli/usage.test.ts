import {test} from 'node:test';
import assert from 'node:assert/strict';
import {usage} from '../../source/cli/usage.js';
import {statusExitCodes} from '../../source/store/statusExitCode.js';

test('the usage text documents the status exit codes the status command returns', () => {
  const {compliant, notCompliant, notRunning, unknown} = statusExitCodes;
  assert.match(usage, new RegExp(`status exits: ${compliant} running and compliant, ${notCompliant} running but halted or not compliant,\\s+${notRunning} not running, ${unknown} no \\(readable\\) state file; the same with --json`));
});
