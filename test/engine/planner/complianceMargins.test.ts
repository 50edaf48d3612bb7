// The cost-aware quoting's two safety margins (complianceMargins.ts): base + volatility + staleness.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {complianceMargins, staleShareOf} from '../../../source/engine/planner/complianceMargins.js';
import {configSchema, type Config} from '../../../source/config/configSchema.js';

const near = (actual: number, expected: number, what = '') => assert.ok(Math.abs(actual - expected) < 1e-12, `${what} ${actual} ≠ ${expected}`);

test('staleShareOf: 0 up to and at fromSec', () => {
  assert.equal(staleShareOf(0, 2, 10), 0);
  assert.equal(staleShareOf(1.999, 2, 10), 0);
  assert.equal(staleShareOf(2, 2, 10), 0);
});

test('staleShareOf: linear between fromSec and fullSec', () => {
  near(staleShareOf(3, 2, 10), 1 / 8);
  near(staleShareOf(6, 2, 10), 0.5);
  near(staleShareOf(9, 2, 10), 7 / 8);
});

test('staleShareOf: 1 at and after fullSec, and for a reference never heard from (Infinity)', () => {
  assert.equal(staleShareOf(10, 2, 10), 1);
  assert.equal(staleShareOf(60, 2, 10), 1);
  assert.equal(staleShareOf(Infinity, 2, 10), 1);
  assert.equal(staleShareOf(Infinity, 0, 10), 1);
});

test('staleShareOf: fullSec at or below fromSec jumps from 0 to 1 just past fromSec', () => {
  assert.equal(staleShareOf(5, 5, 5), 0);
  assert.equal(staleShareOf(5.001, 5, 5), 1);
  assert.equal(staleShareOf(4, 5, 3), 0);
  assert.equal(staleShareOf(6, 5, 3), 1);
});

/** The schema's defaults (what a config file without the block gets). */
const defaults = (): Config => configSchema.parse({quoting: {mode: 'compliance'}});

test('the schema’s defaults of the compliance block (the numbers the other tests are worked from)', () => {
  const config = defaults();
  assert.equal(configSchema.parse({}).quoting.mode, 'fixed', 'the fixed ladder stays the default mode');
  assert.deepEqual(config.quoting.compliance, {
    spreadMarginPct: 0.002, depthMarginPct: 0.002, guardLevels: 1, guardStepPct: 0.0005, innerNotionalUsdt: 25,
    outwardTolerancePct: 0.001, depthSpanPct: 0.004, volatilityWindowSec: 30, spreadVolatilityMult: 0.5,
    depthVolatilityMult: 0.5, staleFromSec: 2, staleMarginPct: 0.003,
  });
  assert.equal(config.risk.staleAfterSec, 10);
});

test('complianceMargins: a calm, fresh reference leaves the base margins and no stale share', () => {
  assert.deepEqual(complianceMargins(defaults(), {rangePct: 0, ageSec: 0.5}), {spreadPct: 0.002, depthPct: 0.002, staleShare: 0});
});

test('complianceMargins with defaults: base + 0.5 × range + 0.003 × stale share, on both margins', () => {
  // 6 s old: (6 − 2) / (10 − 2) = 0.5 of the stale margin
  const m = complianceMargins(defaults(), {rangePct: 0.01, ageSec: 6});
  near(m.staleShare, 0.5, 'staleShare');
  near(m.spreadPct, 0.002 + 0.5 * 0.01 + 0.003 * 0.5, 'spreadPct');
  near(m.depthPct, 0.002 + 0.5 * 0.01 + 0.003 * 0.5, 'depthPct');
  const never = complianceMargins(defaults(), {rangePct: 0, ageSec: Infinity});
  near(never.spreadPct, 0.005, 'never heard from: full stale margin');
  near(never.depthPct, 0.005);
});

test('complianceMargins: each margin takes its own base and multiplier; the stale part uses risk.staleAfterSec as the full age', () => {
  const config = configSchema.parse({
    quoting: {compliance: {spreadMarginPct: 0.001, depthMarginPct: 0.004, spreadVolatilityMult: 1, depthVolatilityMult: 2, staleFromSec: 1, staleMarginPct: 0.002}},
    risk: {staleAfterSec: 5},
  });
  const m = complianceMargins(config, {rangePct: 0.003, ageSec: 2}); // (2 − 1) / (5 − 1) = 0.25
  near(m.staleShare, 0.25);
  near(m.spreadPct, 0.001 + 1 * 0.003 + 0.002 * 0.25, 'spreadPct');
  near(m.depthPct, 0.004 + 2 * 0.003 + 0.002 * 0.25, 'depthPct');
});
