// Which working orders keep a ladder level (ladderMatch.ts), and which order a top-up replaces.
// Prices in ticks of 0.00001 around a fair price of 0.25 (25,000 ticks); sizes in lots of 0.01.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {depletedOrder, matchLadder, type LadderMatchInput} from '../../../source/engine/planner/ladderMatch.js';
import {localOrder, type LocalOrder} from '../../../source/engine/orders/localOrder.js';
import type {LadderLevel} from '../../../source/engine/planner/ladder.js';
import {defaultConfig, type Config} from '../../../source/config/configSchema.js';
import {rules, T0} from '../engineFixtures.js';

let nextId = 0;
function order(priceTicks: number, qtyLots: number, filledLots = 0, side: 'BUY' | 'SELL' = 'BUY'): LocalOrder {
  const id = `mmxt${nextId++}`;
  return localOrder({
    clientOrderId: id, orderId: `X${id}`, side, priceTicks, qtyLots, filledLots,
    state: 'open', retiring: null, createdAt: T0, changedAt: T0, reason: 'fill ladder',
  });
}

// ---------------------------------------------------------------------------------------------------
// depletedOrder

/** minDepth 800 and target 1,400: the top-up line sits halfway, at 1,100 USDT. */
const topUpConfig = (): Config => {
  const config = defaultConfig();
  config.compliance.minDepthUsdt = 800;
  config.depthTargetUsdt = 1_400;
  return config;
};
const TOP_UP_LINE = (800 + 1_400) / 2;

test('depletedOrder: at or above the top-up line (own and whole-side depth) nothing is replaced', () => {
  const halfFilled = order(24_900, 100_000, 50_000);
  assert.equal(depletedOrder([halfFilled], TOP_UP_LINE, TOP_UP_LINE, topUpConfig()), null);
  assert.equal(depletedOrder([halfFilled], 1_300, 5_000, topUpConfig()), null, 'between the line and the target: the buffer is doing its job');
});

test('depletedOrder: just below the top-up line the depleted order is replaced', () => {
  const halfFilled = order(24_900, 100_000, 50_000);
  assert.equal(depletedOrder([halfFilled], TOP_UP_LINE - 0.01, 5_000, topUpConfig()), halfFilled);
});

test('depletedOrder: the whole side’s depth below the line triggers a top-up even when our own is above it', () => {
  const halfFilled = order(24_900, 100_000, 50_000);
  assert.equal(depletedOrder([halfFilled], 5_000, TOP_UP_LINE - 0.01, topUpConfig()), halfFilled);
});

test('depletedOrder: the line follows the configured minimum and target (not the defaults 1,000 / 1,250)', () => {
  const halfFilled = order(24_900, 100_000, 50_000);
  // 1,110 is below the default line (1,125) but above this config's (1,100)
  assert.equal(depletedOrder([halfFilled], 1_110, 1_110, topUpConfig()), null);
  assert.equal(depletedOrder([halfFilled], 1_110, 1_110, defaultConfig()), halfFilled);
});

test('depletedOrder: a smaller target of the pricing step (a held fair price: 1,100) lowers the line to (800 + 1,100) / 2 = 950', () => {
  const halfFilled = order(24_900, 100_000, 50_000);
  assert.equal(depletedOrder([halfFilled], 950, 950, topUpConfig(), 1_100), null, 'on the lowered line');
  assert.equal(depletedOrder([halfFilled], 949.99, 5_000, topUpConfig(), 1_100), halfFilled, 'just below it');
  assert.equal(depletedOrder([halfFilled], 1_000, 1_000, topUpConfig()), halfFilled, 'without it the configured target (line 1,100) applies');
});

test('depletedOrder: picks the most depleted of the orders under 90 % left', () => {
  const sixtyLeft = order(24_900, 100_000, 40_000);
  const twentyLeft = order(24_800, 100_000, 80_000);
  const fiftyLeft = order(24_700, 100_000, 50_000);
  assert.equal(depletedOrder([sixtyLeft, twentyLeft, fiftyLeft], 500, 500, topUpConfig()), twentyLeft);
});

test('depletedOrder: an order with 90 % or more left is not depleted; 89 % is', () => {
  const ninetyLeft = order(24_900, 100_000, 10_000);
  const untouched = order(24_800, 100_000, 0);
  assert.equal(depletedOrder([ninetyLeft, untouched], 500, 500, topUpConfig()), null);
  const eightyNineLeft = order(24_700, 100_000, 11_000);
  assert.equal(depletedOrder([ninetyLeft, untouched, eightyNineLeft], 500, 500, topUpConfig()), eightyNineLeft);
});

// ---------------------------------------------------------------------------------------------------
// matchLadder

const FAIR = 0.25;
const TOLERANCE = 62; // 0.25 % of 25,000 ticks, floored, as planOrders computes it
const LEVEL_LOTS = 100_000; // 1,000 RMV ≈ 249 USDT

function match(ladder: LadderLevel[], candidates: LocalOrder[], overrides: Partial<LadderMatchInput> = {}) {
  return matchLadder({side: 'BUY', ladder, candidates, depleted: null, toleranceTicks: TOLERANCE, fair: FAIR, rules, config: defaultConfig(), ...overrides});
}

// A single-level ladder has only its inner level, for which spares are never reused: what it keeps
// is decided by the tolerance and size rules alone.
const inner: LadderLevel = {priceTicks: 24_925, qtyLots: LEVEL_LOTS};

test('matchLadder: an order within tolerance holding exactly 30 % of the level’s size keeps the level', () => {
  const o = order(inner.priceTicks + TOLERANCE, LEVEL_LOTS, LEVEL_LOTS * 0.7);
  const result = match([inner], [o]);
  assert.deepEqual([...result.used], [o.clientOrderId]);
  assert.deepEqual(result.missing, []);
});

test('matchLadder: an order holding just under 30 % of the level’s size is refused (the level is missing)', () => {
  const o = order(inner.priceTicks, LEVEL_LOTS, LEVEL_LOTS * 0.7 + 1);
  const result = match([inner], [o]);
  assert.equal(result.used.size, 0);
  assert.deepEqual(result.missing, [inner]);
});

test('matchLadder: the 30 % counts against the level’s size, not the order’s own', () => {
  // a small order, untouched, but only 25 % of what the level wants
  const small = order(inner.priceTicks, LEVEL_LOTS / 4);
  assert.deepEqual(match([inner], [small]).missing, [inner]);
});

test('matchLadder: one tick beyond the tolerance does not keep the level, on either side of it', () => {
  for (const priceTicks of [inner.priceTicks + TOLERANCE + 1, inner.priceTicks - TOLERANCE - 1]) {
    const result = match([inner], [order(priceTicks, LEVEL_LOTS)]);
    assert.deepEqual(result.missing, [inner], `order at ${priceTicks}`);
  }
  assert.deepEqual(match([inner], [order(inner.priceTicks - TOLERANCE, LEVEL_LOTS)]).missing, [], 'at the tolerance it keeps it');
});

test('matchLadder: of two candidates within tolerance the nearest keeps the level', () => {
  const further = order(inner.priceTicks + 10, LEVEL_LOTS);
  const nearer = order(inner.priceTicks - 5, LEVEL_LOTS);
  assert.deepEqual([...match([inner], [further, nearer]).used], [nearer.clientOrderId]);
  assert.deepEqual([...match([inner], [nearer, further]).used], [nearer.clientOrderId], 'whatever their order in the list');
});

test('matchLadder: the depleted order keeps no level even on its exact price', () => {
  const depleted = order(inner.priceTicks, LEVEL_LOTS, LEVEL_LOTS / 2);
  const result = match([inner], [depleted], {depleted});
  assert.equal(result.used.size, 0);
  assert.deepEqual(result.missing, [inner]);
});

test('matchLadder: an order is never used twice, even when it is within tolerance of two levels', () => {
  const levels: LadderLevel[] = [inner, {priceTicks: inner.priceTicks - 30, qtyLots: LEVEL_LOTS}];
  const o = order(inner.priceTicks - 15, LEVEL_LOTS);
  const result = match(levels, [o]);
  assert.deepEqual([...result.used], [o.clientOrderId]);
  assert.deepEqual(result.missing, [levels[1]]);
});

// The useful part of the band for spares (BUY): from the inner level + tolerance down to
// fair × (1 − (bandPct − bandMarginPct / 2)) = 0.25 × (1 − 0.0185) = 0.2453750 → 24,538 ticks (ceil).
const USEFUL_LOW = 24_538;
const ladder3: LadderLevel[] = [inner, {priceTicks: 24_775, qtyLots: LEVEL_LOTS}, {priceTicks: 24_625, qtyLots: LEVEL_LOTS}];

test('matchLadder: a spare order resting in the useful band fills a missing outer level', () => {
  const spare = order(24_700, LEVEL_LOTS); // 75 ticks from the middle and the outer level: beyond the tolerance of both
  const result = match(ladder3, [spare]);
  assert.deepEqual([...result.used], [spare.clientOrderId]);
  assert.deepEqual(result.missing, [ladder3[0], ladder3[1]], 'the outermost missing level is filled first; the inner stays missing');
});

test('matchLadder: a spare is never reused for the inner level', () => {
  const middle = order(ladder3[1]!.priceTicks, LEVEL_LOTS);
  const outer = order(ladder3[2]!.priceTicks, LEVEL_LOTS);
  const spare = order(inner.priceTicks - TOLERANCE - 1, LEVEL_LOTS); // just off the inner level, well inside the band
  const result = match(ladder3, [middle, outer, spare]);
  assert.deepEqual(result.missing, [inner]);
  assert.ok(!result.used.has(spare.clientOrderId));
});

test('matchLadder: a spare at the useful band’s lower edge is reused; one tick below it is not', () => {
  assert.deepEqual(match(ladder3, [order(USEFUL_LOW, LEVEL_LOTS)]).missing, [ladder3[0], ladder3[1]]);
  assert.deepEqual(match(ladder3, [order(USEFUL_LOW - 1, LEVEL_LOTS)]).missing, ladder3);
});

test('matchLadder: a spare above the inner level beyond the tolerance is not reused (it would tighten the spread past the inner quote)', () => {
  assert.deepEqual(match(ladder3, [order(inner.priceTicks + TOLERANCE + 1, LEVEL_LOTS)]).missing, ladder3);
});

test('matchLadder: a spare under 30 % of the level’s size, or the depleted order, is not reused', () => {
  assert.deepEqual(match(ladder3, [order(24_700, LEVEL_LOTS, LEVEL_LOTS * 0.71)]).missing, ladder3);
  const depleted = order(24_700, LEVEL_LOTS);
  assert.deepEqual(match(ladder3, [depleted], {depleted}).missing, ladder3);
});

test('matchLadder: each spare fills at most one missing level, the nearest spare first', () => {
  // the outer level takes `near`; were it not taken out of the spares, the middle level would take it again
  // (85 < 87) and `far` would stay unused
  const near = order(24_690, LEVEL_LOTS); // 65 from the outer level, 85 from the middle one
  const far = order(24_862, LEVEL_LOTS); // 87 from the middle one, 63 from the inner (beyond the tolerance)
  const result = match(ladder3, [far, near]);
  assert.deepEqual(new Set(result.used), new Set([near.clientOrderId, far.clientOrderId]));
  assert.deepEqual(result.missing, [inner]);
});

test('matchLadder (SELL): the useful band mirrors above fair', () => {
  // SELL: inner − tolerance up to floor(0.25 × 1.0185 × 1e5) = 25,462 ticks
  const askLadder: LadderLevel[] = [{priceTicks: 25_075, qtyLots: LEVEL_LOTS}, {priceTicks: 25_225, qtyLots: LEVEL_LOTS}, {priceTicks: 25_375, qtyLots: LEVEL_LOTS}];
  const atEdge = order(25_462, LEVEL_LOTS, 0, 'SELL');
  const beyond = order(25_463, LEVEL_LOTS, 0, 'SELL');
  assert.deepEqual(match(askLadder, [atEdge], {side: 'SELL'}).missing, askLadder.slice(0, 2));
  assert.deepEqual(match(askLadder, [beyond], {side: 'SELL'}).missing, askLadder);
});

test('matchLadder: an empty ladder keeps nothing and misses nothing', () => {
  assert.deepEqual(match([], [order(24_900, LEVEL_LOTS)]), {used: new Set(), missing: []});
});

// ---- ties, the useful band's inner edge, spare choice (mutation-score pass) ----------------------------------

test('depletedOrder: of equally depleted orders the first listed is replaced', () => {
  const a = order(24_900, 100_000, 50_000);
  const b = order(24_800, 100_000, 50_000);
  assert.equal(depletedOrder([a, b], 500, 500, topUpConfig()), a);
  assert.equal(depletedOrder([b, a], 500, 500, topUpConfig()), b);
});

test('matchLadder: of two candidates equally near a level the first listed keeps it', () => {
  const above = order(inner.priceTicks + 5, LEVEL_LOTS);
  const below = order(inner.priceTicks - 5, LEVEL_LOTS);
  assert.deepEqual([...match([inner], [above, below]).used], [above.clientOrderId]);
  assert.deepEqual([...match([inner], [below, above]).used], [below.clientOrderId]);
});

test('matchLadder: a spare above the inner level by exactly the tolerance is still useful for an outer level (BUY)', () => {
  const holder = order(inner.priceTicks, LEVEL_LOTS); // keeps the inner level
  const spare = order(inner.priceTicks + TOLERANCE, LEVEL_LOTS); // within the inner's tolerance, but the holder is nearer
  const result = match(ladder3, [holder, spare]);
  assert.deepEqual(new Set(result.used), new Set([holder.clientOrderId, spare.clientOrderId]));
  assert.deepEqual(result.missing, [ladder3[1]]); // the outer level took the spare
});

test('matchLadder (SELL): a spare below the inner ask by exactly the tolerance is useful, one tick more is not', () => {
  const askLadder: LadderLevel[] = [{priceTicks: 25_075, qtyLots: LEVEL_LOTS}, {priceTicks: 25_225, qtyLots: LEVEL_LOTS}, {priceTicks: 25_375, qtyLots: LEVEL_LOTS}];
  const holder = order(25_075, LEVEL_LOTS, 0, 'SELL');
  const atTolerance = order(25_075 - TOLERANCE, LEVEL_LOTS, 0, 'SELL');
  const result = match(askLadder, [holder, atTolerance], {side: 'SELL'});
  assert.deepEqual(new Set(result.used), new Set([holder.clientOrderId, atTolerance.clientOrderId]));
  assert.deepEqual(result.missing, [askLadder[1]]);
  const tooLow = order(25_075 - TOLERANCE - 1, LEVEL_LOTS, 0, 'SELL');
  assert.deepEqual(match(askLadder, [holder, tooLow], {side: 'SELL'}).missing, askLadder.slice(1));
});

test('matchLadder: a spare fills the only missing level when it is the first in the missing list', () => {
  const innerHolder = order(inner.priceTicks, LEVEL_LOTS);
  const outerHolder = order(ladder3[2]!.priceTicks, LEVEL_LOTS);
  const spare = order(24_700, LEVEL_LOTS); // 75 from the middle level: beyond the tolerance
  const result = match(ladder3, [innerHolder, outerHolder, spare]);
  assert.deepEqual(result.missing, []);
  assert.equal(result.used.size, 3);
});

test('matchLadder: a spare holding exactly 30 % of the level’s size is reused', () => {
  const spare = order(24_700, LEVEL_LOTS, LEVEL_LOTS * 0.7);
  const result = match(ladder3, [spare]);
  assert.deepEqual([...result.used], [spare.clientOrderId]);
  assert.deepEqual(result.missing, [ladder3[0], ladder3[1]]);
});

test('matchLadder: the spare nearest the missing level is reused, wherever it is listed; on a tie the first listed', () => {
  const ladder2: LadderLevel[] = [inner, {priceTicks: 24_775, qtyLots: LEVEL_LOTS}];
  const near = order(24_700, LEVEL_LOTS); // 75 from the outer level
  const far = order(24_600, LEVEL_LOTS); // 175 from it
  assert.deepEqual([...match(ladder2, [near, far]).used], [near.clientOrderId]);
  assert.deepEqual([...match(ladder2, [far, near]).used], [near.clientOrderId]);
  const above = order(24_775 + 70, LEVEL_LOTS); // 80 below the inner level: beyond its tolerance
  const below = order(24_775 - 70, LEVEL_LOTS);
  assert.deepEqual([...match(ladder2, [above, below]).used], [above.clientOrderId]);
  assert.deepEqual([...match(ladder2, [below, above]).used], [below.clientOrderId]);
});

// ---- the compliance quoting's levels: own tolerance, pinned levels, the spare range (docs/strategy.md §5.1) ----
// Levels as complianceLadders builds them at fair 0.25: inner 24,807 and guard 24,794 (pinned, ~25 USDT),
// depth 24,713 / 24,663 / 24,613; 62 ticks of tolerance toward fair, 25 away from it.

const TOL = {inwardTicks: 62, outwardTicks: 25};
const PIN_LOTS = 10_000;
const pinnedInner: LadderLevel = {priceTicks: 24_807, qtyLots: PIN_LOTS, tolerance: TOL, pinned: {maxLots: 2 * PIN_LOTS}};
const pinnedGuard: LadderLevel = {priceTicks: 24_794, qtyLots: PIN_LOTS, tolerance: TOL, pinned: {maxLots: 2 * PIN_LOTS}};
const depth = (priceTicks: number): LadderLevel => ({priceTicks, qtyLots: LEVEL_LOTS, tolerance: TOL});
const complianceBids: LadderLevel[] = [pinnedInner, pinnedGuard, depth(24_713), depth(24_663), depth(24_613)];

test('matchLadder (BUY), a level’s own tolerance: an order up to inwardTicks above it (toward fair) keeps it, one tick more does not', () => {
  const level = depth(24_713);
  assert.deepEqual(match([level], [order(24_713 + 62, LEVEL_LOTS)]).missing, []);
  assert.deepEqual(match([level], [order(24_713 + 63, LEVEL_LOTS)]).missing, [level]);
});

test('matchLadder (BUY), a level’s own tolerance: an order up to outwardTicks below it (away from fair) keeps it, one tick more does not', () => {
  const level = depth(24_713);
  assert.deepEqual(match([level], [order(24_713 - 25, LEVEL_LOTS)]).missing, []);
  assert.deepEqual(match([level], [order(24_713 - 26, LEVEL_LOTS)]).missing, [level], 'within the refresh tolerance (62) but beyond the outward one');
  assert.deepEqual(match([{priceTicks: 24_713, qtyLots: LEVEL_LOTS}], [order(24_713 - 26, LEVEL_LOTS)]).missing, [], 'without its own tolerance the 62 ticks apply both ways');
});

test('matchLadder (SELL), a level’s own tolerance mirrors: toward fair is below the level, away from it above', () => {
  const level: LadderLevel = {priceTicks: 25_287, qtyLots: LEVEL_LOTS, tolerance: TOL};
  const sell = (priceTicks: number) => match([level], [order(priceTicks, LEVEL_LOTS, 0, 'SELL')], {side: 'SELL'}).missing.length;
  assert.deepEqual([sell(25_287 - 62), sell(25_287 - 63), sell(25_287 + 25), sell(25_287 + 26)], [0, 1, 0, 1]);
});

test('matchLadder: a pinned level is held by an order with up to maxLots remaining, not by a larger one', () => {
  assert.deepEqual(match([pinnedInner], [order(24_807, 2 * PIN_LOTS)]).missing, []);
  assert.deepEqual(match([pinnedInner], [order(24_807, 2 * PIN_LOTS + 1)]).missing, [pinnedInner], 'a large order at the touch is what gets picked off');
  // what counts is what remains: a large order filled down to maxLots holds it
  assert.deepEqual(match([pinnedInner], [order(24_807, 3 * PIN_LOTS, PIN_LOTS)]).missing, []);
  assert.deepEqual(match([pinnedInner], [order(24_807, PIN_LOTS * 0.3)]).missing, [], 'and the 30 % keep fraction still applies');
  assert.deepEqual(match([pinnedInner], [order(24_807, PIN_LOTS * 0.3 - 1)]).missing, [pinnedInner]);
});

test('matchLadder: a pinned level is never filled by a spare order, where an unpinned one would be', () => {
  const innerHolder = order(24_807, PIN_LOTS);
  const depthHolders = [order(24_713, LEVEL_LOTS), order(24_663, LEVEL_LOTS), order(24_613, LEVEL_LOTS)];
  const spare = order(24_760, PIN_LOTS); // 34 ticks below the guard: beyond its outward tolerance
  const pinned = match(complianceBids, [innerHolder, ...depthHolders, spare]);
  assert.deepEqual(pinned.missing, [pinnedGuard]);
  assert.ok(!pinned.used.has(spare.clientOrderId));
  const unpinnedGuard: LadderLevel = {priceTicks: 24_794, qtyLots: PIN_LOTS, tolerance: TOL};
  const unpinned = match([pinnedInner, unpinnedGuard, ...complianceBids.slice(2)], [innerHolder, ...depthHolders, spare]);
  assert.deepEqual(unpinned.missing, [], 'the same spare fills the guard once it is not pinned');
  assert.ok(unpinned.used.has(spare.clientOrderId));
});

test('matchLadder: a large order on a pinned level is not used for it, and stays free to fill a missing depth level as a spare', () => {
  const big = order(24_794, LEVEL_LOTS); // on the guard's price, but 10× its size
  const result = match(complianceBids, [order(24_807, PIN_LOTS), big, order(24_713, LEVEL_LOTS), order(24_663, LEVEL_LOTS)]);
  assert.ok(result.missing.includes(pinnedGuard));
  // the default spare range reaches up to the inner level + tolerance: the big order fills the outer depth level
  assert.deepEqual(result.missing, [pinnedGuard]);
  assert.ok(result.used.has(big.clientOrderId));
  // with the compliance spare range (the depth zone) it does not
  const zoned = match(complianceBids, [order(24_807, PIN_LOTS), big, order(24_713, LEVEL_LOTS), order(24_663, LEVEL_LOTS)], {spareRange: {innermostTicks: 24_775, outermostTicks: 24_588}});
  assert.deepEqual(zoned.missing, [pinnedGuard, complianceBids[4]]);
  assert.ok(!zoned.used.has(big.clientOrderId));
});

test('matchLadder: spareRange (both ends included) limits which spares fill missing depth levels (BUY)', () => {
  const holders = [order(24_807, PIN_LOTS), order(24_794, PIN_LOTS), order(24_713, LEVEL_LOTS), order(24_663, LEVEL_LOTS)];
  const spareRange = {innermostTicks: 24_775, outermostTicks: 24_588};
  const outerMissing = (spareTicks: number, range: LadderMatchInput['spareRange'] | undefined) => {
    const spare = order(spareTicks, LEVEL_LOTS);
    const result = match(complianceBids, [...holders, spare], range ? {spareRange: range} : {});
    return result.used.has(spare.clientOrderId);
  };
  // 24,588 is the 25-tick outward tolerance of 24,613 (held directly); 24,587 only as a spare
  assert.equal(outerMissing(24_587, spareRange), false, 'one tick beyond the outermost end');
  assert.equal(outerMissing(24_587, undefined), true, 'the default range (down to 24,538) would have taken it');
  assert.equal(outerMissing(24_538, undefined), true);
  // on the inner end: 24,776 is 63 ticks above 24,713 (beyond its inward tolerance) and inside the default range
  assert.equal(outerMissing(24_775, spareRange), true, 'at the innermost end');
  assert.equal(outerMissing(24_776, spareRange), false, 'one tick inside it');
  assert.equal(outerMissing(24_776, undefined), true);
});

test('matchLadder: spareRange (SELL) mirrors above fair', () => {
  const asks: LadderLevel[] = [
    {priceTicks: 25_193, qtyLots: PIN_LOTS, tolerance: TOL, pinned: {maxLots: 2 * PIN_LOTS}},
    {priceTicks: 25_287, qtyLots: LEVEL_LOTS, tolerance: TOL},
    {priceTicks: 25_387, qtyLots: LEVEL_LOTS, tolerance: TOL},
  ];
  // the middle depth level is missing; 25,224 (63 below it) and 25,413 (26 above the outer one) hold nothing directly
  const holders = [order(25_193, PIN_LOTS, 0, 'SELL'), order(25_387, LEVEL_LOTS, 0, 'SELL')];
  const usedSpare = (ticks: number, innermostTicks: number, outermostTicks: number) => {
    const spare = order(ticks, LEVEL_LOTS, 0, 'SELL');
    const result = match(asks, [...holders, spare], {side: 'SELL', spareRange: {innermostTicks, outermostTicks}});
    return result.used.has(spare.clientOrderId) && result.missing.length === 0;
  };
  assert.deepEqual([usedSpare(25_224, 25_224, 25_413), usedSpare(25_224, 25_225, 25_413)], [true, false], 'the inner end');
  assert.deepEqual([usedSpare(25_413, 25_224, 25_413), usedSpare(25_413, 25_224, 25_412)], [true, false], 'the outer end');
});
