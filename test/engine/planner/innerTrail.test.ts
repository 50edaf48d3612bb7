import {test} from 'node:test';
import assert from 'node:assert/strict';
import {INNER_TRAIL_SPREAD_MARGIN_PCT, innerTrailTicks, withInnerTrail} from '../../../source/engine/planner/innerTrail.js';

// fair 0.25 on 0.00001 ticks, inner quotes ±0.3 % (the defaults): a spread of 150 ticks
const base = {fair: 0.25, bid: 0.24925, ask: 0.25075, priceDecimals: 5, maxSpreadPct: 0.02, trailPct: 0.006, toleranceTicks: 62};

test('the trail is what both inner quotes may drift and keep the spread 0.2 % inside the rule, at most the configured fraction', () => {
  assert.equal(INNER_TRAIL_SPREAD_MARGIN_PCT, 0.002);
  // room: 0.25 × 1.8 % = 450 ticks of spread, 150 used: 150 a side; 0.6 % of fair is 150 too
  assert.equal(innerTrailTicks(base), 150);
  assert.equal(innerTrailTicks({...base, trailPct: 0.004}), 100, 'the configured fraction when it is the smaller');
  assert.equal(innerTrailTicks({...base, trailPct: 0.05}), 150, 'never past the spread rule');
  // worst case: both inner quotes drifted the whole trail
  const worstSpread = (base.ask - base.bid) * 1e5 + 2 * innerTrailTicks({...base, trailPct: 0.05});
  assert.ok(worstSpread / 1e5 / base.fair <= base.maxSpreadPct - INNER_TRAIL_SPREAD_MARGIN_PCT + 1e-12);
});

test('no room under the rule, or the trail switched off, leaves the refresh tolerance', () => {
  assert.equal(innerTrailTicks({...base, bid: 0.248, ask: 0.252}), 62, 'quotes ±0.8 %: 400 of 450 ticks used, 25 a side < tolerance');
  assert.equal(innerTrailTicks({...base, trailPct: 0}), 62);
  assert.equal(innerTrailTicks({...base, bid: 0.2475, ask: 0.2525}), 62, 'quotes already wider than the rule less its margin');
});

test('only the inner level is marked, and only when the trail goes beyond the tolerance', () => {
  const ladder = [{priceTicks: 24_925, qtyLots: 100}, {priceTicks: 24_840, qtyLots: 100}];
  assert.deepEqual(withInnerTrail(ladder, 62, 150), [{priceTicks: 24_925, qtyLots: 100, trail: {outwardTicks: 150}}, {priceTicks: 24_840, qtyLots: 100}]);
  assert.equal(withInnerTrail(ladder, 62, 62), ladder);
  assert.deepEqual(withInnerTrail([], 62, 150), []);
});
