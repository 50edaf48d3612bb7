import {test} from 'node:test';
import assert from 'node:assert/strict';
import {usage} from '../../source/cli/usage.js';
import {statusExitCodes} from '../../source/store/statusExitCode.js';
import {reportFormats} from '../../source/store/report/reportFormat.js';

test('the usage text documents the status exit codes the status command returns', () => {
  const {compliant, notCompliant, notRunning, unknown} = statusExitCodes;
  assert.match(usage, new RegExp(`status exits: ${compliant} running and compliant, ${notCompliant} running but halted or not compliant,\\s+${notRunning} not running, ${unknown} no \\(readable\\) state file; the same with --json`));
});

test('the usage text lists every report format and the report flags', () => {
  assert.match(usage, new RegExp(`--format FORMAT +report: ${reportFormats.join(' \\| ')} \\(default text\\)`));
  assert.match(usage, /\[--format text\|md\|csv\|json\]/);
  assert.match(usage, /--fills +report: /);
  assert.match(usage, /report judges\s+the journals by its compliance rules/);
});
