// The cost-aware quoting's inner quotes and guards (complianceQuotes.ts). Prices in ticks of 0.00001
// around a fair price of 0.25 (25,000 ticks) unless a test says otherwise.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {innerHalfSpread, innerStacks, worstSpread, type HalfSpreadInput, type StacksInput} from '../../../source/engine/planner/complianceQuotes.js';

const near = (actual: number, expected: number, what = '') => assert.ok(Math.abs(actual - expected) < 1e-12, `${what} ${actual} ≠ ${expected}`);
/** (ask − bid) / mid */
const relative = (ask: number, bid: number) => (ask - bid) / ((ask + bid) / 2);

// ---------------------------------------------------------------------------------------------------
// innerHalfSpread

const half: HalfSpreadInput = {
  maxSpreadPct: 0.02, marginPct: 0.005, baseMarginPct: 0.002, guardSpanPct: 0.0005, outwardTolerancePct: 0.001,
  floorPct: 0.003, step: 'reference', stepHalfSpreadPct: 0.003,
};

test('innerHalfSpread at the reference step: (maxSpread − margin − guard span − 2 · tolerance) / 2', () => {
  near(innerHalfSpread(half), (0.02 - 0.005 - 0.0005 - 2 * 0.001) / 2); // 0.00625
  near(innerHalfSpread({...half, marginPct: 0.002, guardSpanPct: 0.001}), (0.02 - 0.002 - 0.001 - 0.002) / 2);
  near(innerHalfSpread({...half, stepHalfSpreadPct: 0.009}), 0.00625, 'the step’s own half-spread does not apply at the reference');
});

test('innerHalfSpread never goes below floorPct (the fixed ladder’s half-spread)', () => {
  // (0.02 − 0.015 − 0.0005 − 0.002) / 2 = 0.00125 < 0.003
  assert.equal(innerHalfSpread({...half, marginPct: 0.015}), 0.003);
  assert.equal(innerHalfSpread({...half, marginPct: 0.015, floorPct: 0.004}), 0.004);
  assert.equal(innerHalfSpread({...half, marginPct: 0.015, step: 'heldLast', stepHalfSpreadPct: 0.001}), 0.003);
});

test('innerHalfSpread away from the reference: the step’s half-spread, up to the rule with the base margin alone', () => {
  // rule with the margin: 0.00625; with the base margin: (0.02 − 0.002 − 0.0005 − 0.002) / 2 = 0.00775
  near(innerHalfSpread({...half, step: 'heldLast', stepHalfSpreadPct: 0.007}), 0.007, 'between the two: the step’s');
  near(innerHalfSpread({...half, step: 'heldLast', stepHalfSpreadPct: 0.009}), 0.00775, 'wider than the base rule: capped there');
  near(innerHalfSpread({...half, step: 'mexcOthers', stepHalfSpreadPct: 0.004}), 0.00625, 'narrower than the margin rule: the rule');
  near(innerHalfSpread({...half, step: 'reference', stepHalfSpreadPct: 0.007}), 0.00625, 'the same inputs at the reference');
});

// ---------------------------------------------------------------------------------------------------
// innerStacks

/** fair 0.25 at 5 decimals; the default compliance parameters; no others; both sides ours. */
const base: StacksInput = {
  priceDecimals: 5, fair: 0.25, halfSpreadPct: 0.00775, floorPct: 0.003, skewPct: 0, guards: 1, guardStepPct: 0.0005,
  outwardTolerancePct: 0.001, targetSpreadPct: 0.018, others: {bid: null, ask: null}, quoting: {bid: true, ask: true},
  touch: {bid: {kind: 'ours'}, ask: {kind: 'ours'}},
};

test('innerStacks at fair 0.25: inner quotes pulled in from fair ∓ 0.775 % until the worst book holds 1.8 %, one guard 13 ticks out, tolerance 25 ticks', () => {
  const s = innerStacks(base);
  // 0.0005 × 25,000 = 12.5 → 13 ticks a guard; 0.001 × 25,000 = 25 ticks of tolerance. From 24,806 / 25,194
  // the worst book is 1.8035 % > 1.8 %: the bid moves in one tick (still 1.8004 %), then the ask one tick
  assert.deepEqual(s, {bid: [24_807, 24_794], ask: [25_193, 25_206], toleranceTicks: 25});
  assert.ok(worstSpread(24_807, 25_193, 13, 25) <= 0.018);
  assert.ok(worstSpread(24_807, 25_194, 13, 25) > 0.018, 'one tick wider would break the target');
  assert.ok(worstSpread(24_806, 25_193, 13, 25) > 0.018, 'on either side');
});

test('worstSpread: one inner taken (its guard span is the touch) and every order drifted its tolerance', () => {
  near(worstSpread(24_807, 25_194, 0, 0), relative(25_194, 24_807));
  near(worstSpread(24_807, 25_194, 0, 25), relative(25_194 + 25, 24_807 - 25));
  // the same ticks either way, but a taken bid leaves a lower mid: that case is the wider one
  assert.ok(relative(25_219, 24_782 - 13) > relative(25_219 + 13, 24_782));
  near(worstSpread(24_807, 25_194, 13, 25), relative(25_219, 24_782 - 13));
});

test('property: with both sides ours, the worst book (worstSpread) stays within the target for any fair price and tick size; bid below fair below ask', () => {
  fc.assert(
    fc.property(
      fc.record({
        priceDecimals: fc.integer({min: 0, max: 8}),
        fairTicks: fc.double({min: 20_000, max: 100_000_000, noNaN: true}),
        marginPct: fc.double({min: 0, max: 0.008, noNaN: true}),
        guards: fc.integer({min: 0, max: 3}),
        guardStepPct: fc.double({min: 0, max: 0.001, noNaN: true}),
        outwardTolerancePct: fc.double({min: 0, max: 0.002, noNaN: true}),
        skewPct: fc.double({min: -0.002, max: 0.002, noNaN: true}),
      }),
      (p) => {
        const fair = p.fairTicks / 10 ** p.priceDecimals;
        const halfSpreadPct = innerHalfSpread({
          maxSpreadPct: 0.02, marginPct: p.marginPct, baseMarginPct: 0.002, guardSpanPct: p.guards * p.guardStepPct,
          outwardTolerancePct: p.outwardTolerancePct, floorPct: 0.003, step: 'reference', stepHalfSpreadPct: 0.003,
        });
        const target = 0.02 - p.marginPct;
        const s = innerStacks({...base, priceDecimals: p.priceDecimals, fair, halfSpreadPct, skewPct: p.skewPct, guards: p.guards, guardStepPct: p.guardStepPct, outwardTolerancePct: p.outwardTolerancePct, targetSpreadPct: target});
        assert.ok(s.bid && s.ask, 'both sides quote');
        assert.equal(s.bid.length, p.guards + 1);
        assert.equal(s.ask.length, p.guards + 1);
        const span = s.bid[0]! - s.bid[p.guards]!;
        assert.equal(s.ask[p.guards]! - s.ask[0]!, span, 'the same guard span both sides');
        assert.ok(worstSpread(s.bid[0]!, s.ask[0]!, span, s.toleranceTicks) <= target + 1e-12, `worst ${worstSpread(s.bid[0]!, s.ask[0]!, span, s.toleranceTicks)} > ${target}`);
        assert.ok(s.bid[0]! < p.fairTicks && s.ask[0]! > p.fairTicks, 'strictly around fair');
        // never inside the fixed ladder's quote (the floor) either
        assert.ok(s.bid[0]! <= Math.floor(p.fairTicks * (1 - 0.003 - p.skewPct)) && s.ask[0]! >= Math.ceil(p.fairTicks * (1 + 0.003 - p.skewPct)));
      },
    ),
    {seed: 20_250_301, numRuns: 400, endOnFailure: true},
  );
});

test('property: the stacks never cross others’ best (bid < others’ ask, ask > others’ bid) and stay strictly on their side of fair', () => {
  fc.assert(
    fc.property(
      fc.record({
        fair: fc.double({min: 0.01, max: 100, noNaN: true}),
        priceDecimals: fc.integer({min: 3, max: 7}),
        othersBid: fc.option(fc.double({min: -0.03, max: 0.01, noNaN: true})),
        othersAsk: fc.option(fc.double({min: -0.01, max: 0.03, noNaN: true})),
        guards: fc.integer({min: 0, max: 3}),
      }),
      (p) => {
        const ticks = p.fair * 10 ** p.priceDecimals;
        const others = {
          bid: p.othersBid === null ? null : Math.max(1, Math.round(ticks * (1 + p.othersBid))),
          ask: p.othersAsk === null ? null : Math.max(1, Math.round(ticks * (1 + p.othersAsk))),
        };
        const s = innerStacks({...base, fair: p.fair, priceDecimals: p.priceDecimals, guards: p.guards, others});
        for (const t of s.bid ?? []) {
          assert.ok(t < ticks, `bid ${t} below fair ${ticks}`);
          if (others.ask !== null) assert.ok(t < others.ask, `bid ${t} below others’ ask ${others.ask}`);
        }
        for (const t of s.ask ?? []) {
          assert.ok(t > ticks, `ask ${t} above fair ${ticks}`);
          if (others.bid !== null) assert.ok(t > others.bid, `ask ${t} above others’ bid ${others.bid}`);
        }
      },
    ),
    {seed: 7, numRuns: 400, endOnFailure: true},
  );
});

test('innerStacks: others’ best inside our quotes caps the inner price one tick short of it; outside them it changes nothing', () => {
  const s = innerStacks({...base, others: {bid: 25_200, ask: 24_800}});
  assert.equal(s.bid![0], 24_799);
  assert.equal(s.ask![0], 25_201);
  assert.deepEqual(innerStacks({...base, others: {bid: 24_850, ask: 25_150}}), innerStacks(base));
});

test('innerStacks: fine ticks (fair 0.25 at 8 decimals, 25,000,000 ticks) still keep the worst book within the target', () => {
  for (const [priceDecimals, skewPct] of [[8, 0], [8, 0.001], [7, 0.002]] as const) {
    const s = innerStacks({...base, priceDecimals, skewPct});
    const span = s.bid![0]! - s.bid![1]!;
    const worst = worstSpread(s.bid![0]!, s.ask![0]!, span, s.toleranceTicks);
    assert.ok(worst <= 0.018, `priceDecimals ${priceDecimals}, skew ${skewPct}: worst ${worst}`);
  }
});

test('innerStacks: guards are guardStepPct apart, going outward (down for bids, up for asks)', () => {
  const s = innerStacks({...base, guards: 3, halfSpreadPct: 0.007});
  const b = s.bid![0]!;
  const a = s.ask![0]!;
  assert.deepEqual(s.bid, [b, b - 13, b - 26, b - 39]);
  assert.deepEqual(s.ask, [a, a + 13, a + 26, a + 39]);
  const wide = innerStacks({...base, guards: 2, guardStepPct: 0.001, halfSpreadPct: 0.006});
  assert.deepEqual(wide.bid, [wide.bid![0]!, wide.bid![0]! - 25, wide.bid![0]! - 50]);
  assert.deepEqual(innerStacks({...base, guards: 0}).bid!.length, 1, 'no guards: the inner order alone');
});

test('innerStacks: the bid side absent with a touch at 24,700: the ask’s last guard, drifted its tolerance, still holds the target against it', () => {
  const s = innerStacks({...base, touch: {bid: {kind: 'absent', touchTicks: 24_700}, ask: {kind: 'ours'}}});
  // floor(24,700 · 2.018 / 1.982) − 25 = 25,123: the last guard's limit; the inner 13 ticks inside it
  assert.deepEqual(s.ask, [25_110, 25_123]);
  const last = s.ask![1]! + s.toleranceTicks;
  assert.ok(relative(last, 24_700) <= 0.018, `${relative(last, 24_700)}`);
  assert.ok(relative(last + 1, 24_700) > 0.018, 'and no narrower than it needs to be');
  assert.deepEqual(s.bid, [24_806, 24_793], 'the bid side’s own stack: fair · (1 − h) floored, no rounding pass');
});

test('innerStacks: the ask side absent with a touch at 25,300: the bid’s last guard, drifted its tolerance, holds the target against it', () => {
  const s = innerStacks({...base, touch: {bid: {kind: 'ours'}, ask: {kind: 'absent', touchTicks: 25_300}}});
  const last = s.bid![1]! - s.toleranceTicks;
  assert.deepEqual(s.bid, [24_887, 24_874]);
  assert.ok(relative(25_300, last) <= 0.018, `${relative(25_300, last)}`);
  assert.ok(relative(25_300, last - 1) > 0.018, 'and no narrower than it needs to be');
});

test('innerStacks: an absent touch far out cannot pull the quote inside the floor; an absent side with no touch changes nothing', () => {
  // against a bid at 24,500 the rule cannot be held: the ask stops at fair · 1.003
  const s = innerStacks({...base, touch: {bid: {kind: 'absent', touchTicks: 24_500}, ask: {kind: 'ours'}}});
  assert.equal(s.ask![0], Math.ceil(25_000 * 1.003));
  const none = innerStacks({...base, touch: {bid: {kind: 'absent', touchTicks: null}, ask: {kind: 'ours'}}});
  // no rounding pass with one side absent: the ask is exactly ceil(fair · (1 + h))
  assert.deepEqual(none.ask, [25_194, 25_207]);
});

test('innerStacks: a side not quoting gives null, the other side still quotes', () => {
  const s = innerStacks({...base, quoting: {bid: false, ask: true}});
  assert.equal(s.bid, null);
  assert.deepEqual(s.ask, [25_194, 25_207]);
  assert.equal(innerStacks({...base, quoting: {bid: true, ask: false}}).ask, null);
});

test('innerStacks: a bid stack reaching below one tick gives null', () => {
  // fair 3 ticks: the inner bid is 2 ticks, its guard 1 tick lower → 1; a second guard would be at 0
  const s = innerStacks({...base, priceDecimals: 0, fair: 3, guards: 1, halfSpreadPct: 0.003});
  assert.deepEqual(s.bid, [2, 1]);
  assert.equal(innerStacks({...base, priceDecimals: 0, fair: 3, guards: 2, halfSpreadPct: 0.003}).bid, null);
});
