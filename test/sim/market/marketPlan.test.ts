import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MarketPlan, type StepPlan} from '../../../source/sim/market/marketPlan.js';
import {scenarioParams} from '../../../source/sim/market/scenarios.js';

const scale = {priceDecimals: 5, qtyDecimals: 2};
const run = (seed: number, scenario: 'calm' | 'volatile' | 'stress', steps: number): StepPlan[] => {
  const plan = new MarketPlan(seed, 0.25, scenarioParams(scenario), scale);
  return Array.from({length: steps}, () => plan.next());
};

test('the same seed gives the identical price path and taker flow', () => {
  const a = run(42, 'volatile', 5000);
  const b = run(42, 'volatile', 5000);
  assert.deepEqual(a, b);
  assert.ok(a.some((step) => step.takers.length > 0), 'there is taker flow');
});

test('a different seed gives a different path', () => {
  const a = run(1, 'calm', 500).map((step) => step.reference);
  const b = run(2, 'calm', 500).map((step) => step.reference);
  assert.notDeepEqual(a, b);
});

test('the volatile scenario moves more than calm and has jumps', () => {
  const maxMove = (steps: StepPlan[]) => Math.max(...steps.slice(1).map((step, i) => Math.abs(Math.log(step.reference / steps[i]!.reference))));
  const calm = run(9, 'calm', 20_000);
  const volatile = run(9, 'volatile', 20_000);
  assert.ok(maxMove(volatile) > 0.005, `a jump of at least 0.5 % (got ${maxMove(volatile)})`);
  assert.ok(maxMove(calm) < 0.001, `calm steps stay small (got ${maxMove(calm)})`);
});

test('the path stays bounded over a long run (mean reversion)', () => {
  const steps = run(3, 'stress', 200_000);
  for (const step of steps) assert.ok(step.reference > 0.05 && step.reference < 1.25, `reference ${step.reference}`);
});

test('taker orders are limit-priced around the reference with a positive size', () => {
  for (const step of run(5, 'calm', 5000)) {
    for (const taker of step.takers) {
      const limit = taker.limitTicks / 1e5;
      assert.ok(taker.lots > 0);
      if (taker.side === 'BUY') assert.ok(limit > step.reference && limit <= step.reference * 1.051);
      else assert.ok(limit < step.reference && limit >= step.reference * 0.949);
    }
  }
});
