// Reading and validating a config (loadConfig.ts): the fallback section parses with its defaults, the
// widened spread must stay under the compliance spread (named by its key path), and the removed
// risk.killOnStaleSec is now an unknown key, named, in a config file too.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ConfigError, loadConfigFile, parseConfig} from '../../source/config/loadConfig.js';
import {defaultConfig} from '../../source/config/configSchema.js';

const problemsOf = (input: unknown): string[] => {
  try {
    parseConfig(input);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

test('an empty config parses to the defaults, fallback section included', () => {
  assert.deepEqual(parseConfig({}), defaultConfig());
  assert.deepEqual(parseConfig({}).fallback, defaultConfig().fallback);
});

test('a fallback section overrides only what it names', () => {
  const config = parseConfig({fallback: {onStale: 'cancel', holdSec: 120}});
  assert.deepEqual(config.fallback, {...defaultConfig().fallback, onStale: 'cancel', holdSec: 120});
});

test('fallback.maxSpreadPct must stay below compliance.maxSpreadPct: just below parses, equal or above is rejected by name', () => {
  assert.deepEqual(problemsOf({fallback: {maxSpreadPct: 0.0199}}), []);
  const problem = 'fallback.maxSpreadPct: must stay below compliance.maxSpreadPct (widened quotes must still pass the spread rule)';
  assert.deepEqual(problemsOf({fallback: {maxSpreadPct: 0.02}}), [problem]);
  assert.deepEqual(problemsOf({fallback: {maxSpreadPct: 0.03}}), [problem]);
  assert.deepEqual(problemsOf({compliance: {maxSpreadPct: 0.018}}), [problem], 'the default 1.8 % against a compliance spread lowered to it');
  assert.deepEqual(problemsOf({compliance: {maxSpreadPct: 0.03}, fallback: {maxSpreadPct: 0.025}}), []);
});

test('risk.killOnStaleSec is an unknown key now, named by its path', () => {
  assert.deepEqual(problemsOf({risk: {killOnStaleSec: 300}}), ['risk.killOnStaleSec: unknown key']);
});

test('a config file still carrying risk.killOnStaleSec is refused, naming the key', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-cfg-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const file = join(dir, 'old.json');
  writeFileSync(file, JSON.stringify({risk: {staleAfterSec: 10, killOnStaleSec: 600}}));
  assert.throws(() => loadConfigFile(file), (error: unknown) => error instanceof ConfigError && error.problems.join('\n') === 'risk.killOnStaleSec: unknown key');
});

test('sim.faults takes the same NAME[:DURATION[@START]] strings as --faults, and names the entry that is wrong', () => {
  assert.deepEqual(parseConfig({sim: {faults: ['referenceOutage:10m@30s', 'wsDrop']}}).sim.faults, [
    {name: 'referenceOutage', startSec: 30, durationSec: 600},
    {name: 'wsDrop', startSec: 0, durationSec: null},
  ]);
  const parsed = parseConfig({sim: {faults: ['mexcPublicOutage:90s']}});
  assert.deepEqual(parseConfig(parsed), parsed, 'an already parsed config parses to itself (flags are merged into it)');
  const [problem] = problemsOf({sim: {faults: ['wsDrop', 'referenceOutage:soon']}});
  assert.match(problem ?? '', /^sim\.faults\.1: .*duration "soon"/);
  assert.match(problemsOf({sim: {faults: ['meteor']}})[0] ?? '', /^sim\.faults\.0: unknown fault "meteor"/);
  assert.match(problemsOf({sim: {faults: ['stall', 'stall:5s']}})[0] ?? '', /^sim\.faults: the same fault is given twice/);
});
