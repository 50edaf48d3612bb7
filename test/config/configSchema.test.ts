// The typed configuration's defaults (configSchema.ts) for the fallback chain (docs/strategy.md §4.1) and
// the risk section it replaced a rule of: every value the chain reads, as documented.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {configSchema, defaultConfig} from '../../source/config/configSchema.js';

test('the fallback section defaults: the chain, a 5 s grace, 4 % drift followed at 0.1 %/s, a 900 s hold widened in 4 steps to 1.8 %, 10 % over the minimum depth', () => {
  assert.deepEqual(defaultConfig().fallback, {
    onStale: 'chain',
    graceSec: 5,
    maxMexcDriftPct: 0.04,
    mexcSlewPctPerSec: 0.001,
    holdSec: 900,
    maxSpreadPct: 0.018,
    widenSteps: 4,
    depthMarginPct: 0.1,
  });
});

test('the risk section no longer has a kill-on-stale limit; the hold of onStale "cancel" stays 30 s', () => {
  const {risk} = defaultConfig();
  assert.equal('killOnStaleSec' in risk, false);
  assert.equal(risk.referenceStaleHoldSec, 30);
  assert.equal(risk.staleAfterSec, 10);
});

test('fallback values are checked: onStale is "chain" or "cancel", widenSteps a whole number from 1 to 20, the rest in range', () => {
  const issues = (fallback: Record<string, unknown>) => {
    const result = configSchema.safeParse({fallback});
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };
  assert.deepEqual(issues({onStale: 'cancel', widenSteps: 1}), []);
  assert.deepEqual(issues({widenSteps: 20}), []);
  assert.deepEqual(issues({onStale: 'halt'}), ['fallback.onStale']);
  assert.deepEqual(issues({widenSteps: 0}), ['fallback.widenSteps']);
  assert.deepEqual(issues({widenSteps: 21}), ['fallback.widenSteps']);
  assert.deepEqual(issues({widenSteps: 2.5}), ['fallback.widenSteps']);
  assert.deepEqual(issues({graceSec: 0}), ['fallback.graceSec']);
  assert.deepEqual(issues({holdSec: -1}), ['fallback.holdSec']);
  assert.deepEqual(issues({maxMexcDriftPct: 0}), ['fallback.maxMexcDriftPct']);
  assert.deepEqual(issues({maxMexcDriftPct: 0.21}), ['fallback.maxMexcDriftPct']);
  assert.deepEqual(issues({depthMarginPct: 0}), [], 'sized exactly to the minimum is allowed');
  assert.deepEqual(issues({depthMarginPct: -0.1}), ['fallback.depthMarginPct']);
  assert.deepEqual(issues({depthMarginPct: 1.1}), ['fallback.depthMarginPct']);
});
