import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {inventoryDeviation, quotes} from '../../../source/engine/planner/quotes.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12 * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

test('inventoryDeviation measures against the room on each side of the target', () => {
  close(inventoryDeviation(0.75, 0.5), 0.5);
  close(inventoryDeviation(0.25, 0.5), -0.5);
  close(inventoryDeviation(1, 0.5), 1);
  close(inventoryDeviation(0, 0.5), -1);
  close(inventoryDeviation(0.6, 0.2), 0.5); // 0.4 of the 0.8 room above the target
  close(inventoryDeviation(0.1, 0.2), -0.5); // 0.1 of the 0.2 room below
  assert.equal(inventoryDeviation(0.5, 0.5), 0);
  assert.equal(inventoryDeviation(1, 1), 0);
  assert.equal(inventoryDeviation(Number.NaN, 0.5), 0);
  assert.equal(inventoryDeviation(1.4, 0.5), 1); // clamped
});

test('quotes: ask = FP·(1 + h − α·q), bid = FP·(1 − h − α·q)', () => {
  const flat = quotes({fair: 100, halfSpreadPct: 0.003, skewPct: 0.002, inventoryDeviation: 0});
  close(flat.ask, 100.3);
  close(flat.bid, 99.7);
  // base-heavy (q = 0.5): both quotes move down by 100·0.002·0.5 = 0.1
  const heavy = quotes({fair: 100, halfSpreadPct: 0.003, skewPct: 0.002, inventoryDeviation: 0.5});
  close(heavy.ask, 100.2);
  close(heavy.bid, 99.6);
  const light = quotes({fair: 100, halfSpreadPct: 0.003, skewPct: 0.002, inventoryDeviation: -1});
  close(light.ask, 100.5);
  close(light.bid, 99.9);
});

test('property: deviation stays in [−1, 1], has the sign of ratio − target, and quotes keep 2h apart', () => {
  fc.assert(
    fc.property(
      fc.double({min: 0, max: 1, noNaN: true}), fc.double({min: 0, max: 1, noNaN: true}),
      fc.double({min: 0.01, max: 1e6, noNaN: true}), fc.double({min: 0, max: 0.1, noNaN: true}), fc.double({min: 0, max: 0.05, noNaN: true}),
      (ratio, target, fair, h, alpha) => {
        const q = inventoryDeviation(ratio, target);
        assert.ok(q >= -1 && q <= 1);
        assert.ok(Math.sign(q) === Math.sign(ratio - target) || q === 0);
        const {bid, ask} = quotes({fair, halfSpreadPct: h, skewPct: alpha, inventoryDeviation: q});
        assert.ok(Math.abs(ask - bid - 2 * h * fair) <= 1e-9 * fair);
        assert.ok(bid <= ask);
      },
    ),
    {numRuns: 200},
  );
});

test('inventoryDeviation is 0 when the target leaves no room on the side the ratio is on', () => {
  // an all-base target has no room above it, an all-quote target none below (ratios outside [0, 1] included)
  assert.equal(inventoryDeviation(1.2, 1), 0);
  assert.equal(inventoryDeviation(-0.1, 0), 0);
  assert.equal(inventoryDeviation(0, 0), 0);
  assert.equal(inventoryDeviation(0.5, Number.POSITIVE_INFINITY), 0);
});
