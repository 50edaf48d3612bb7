// Sizing the missing ladder levels (sizing.ts). Notional is recomputed here from integers:
// ticks of 0.00001 × lots of 0.01 = ticks × lots / 1e7 USDT.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sizeMissingLevels, type SizingInput} from '../../../source/engine/planner/sizing.js';
import type {LadderLevel} from '../../../source/engine/planner/ladder.js';
import type {PlaceIntent} from '../../../source/engine/ports.js';
import {defaultConfig, type Config} from '../../../source/config/configSchema.js';
import {idFactory, rules} from '../engineFixtures.js';

const usdt = (ticks: number, lots: number): number => (ticks * lots) / 1e7;
const total = (places: readonly PlaceIntent[]): number => places.reduce((sum, p) => sum + usdt(p.priceTicks, p.qtyLots), 0);

/** Three missing bid levels of 1,000 RMV each (≈ 249 + 248 + 247 USDT). */
const missing: LadderLevel[] = [
  {priceTicks: 24_900, qtyLots: 100_000},
  {priceTicks: 24_800, qtyLots: 100_000},
  {priceTicks: 24_700, qtyLots: 100_000},
];
const missingCost = usdt(24_900, 100_000) + usdt(24_800, 100_000) + usdt(24_700, 100_000); // 744

function configWith(caps: {perOrder?: number; total?: number} = {}): Config {
  const config = defaultConfig();
  config.risk.maxOrderNotionalUsdt = caps.perOrder ?? 600;
  config.risk.maxTotalNotionalUsdt = caps.total ?? 4_000;
  return config;
}

function size(overrides: Partial<SizingInput> = {}) {
  return sizeMissingLevels({
    side: 'BUY',
    missing,
    keptDepth: 0,
    budgetQuote: missingCost,
    available: 10_000,
    committed: 0,
    replacing: false,
    rules,
    config: configWith(),
    nextClientOrderId: idFactory('new'),
    ...overrides,
  });
}

test('levels whose sizes already make up the budget are placed as the ladder sized them', () => {
  const sized = size();
  assert.deepEqual(
    sized.places,
    missing.map((level, i) => ({kind: 'place', clientOrderId: `newt${i}`, side: 'BUY', priceTicks: level.priceTicks, qtyLots: level.qtyLots, reason: 'fill ladder'})),
  );
  assert.equal(sized.blockedByFunds, false);
  assert.ok(Math.abs(sized.committed - missingCost) < 1e-9);
});

test('new orders grow to restore the whole budget, not just their levels’ share', () => {
  // after fills the kept orders hold 300 of a 1,800 budget: the three new orders carry the other 1,500,
  // each grown by the same factor 1,500 / 744
  const kept = 300;
  const budget = 1_800;
  const sized = size({keptDepth: kept, budgetQuote: budget});
  const grownLots = Math.floor((100_000 * (budget - kept)) / missingCost); // 201,612
  assert.deepEqual(sized.places.map((p) => p.qtyLots), [grownLots, grownLots, grownLots]);
  const oneLotEach = missing.reduce((sum, l) => sum + usdt(l.priceTicks, 1), 0);
  assert.ok(budget - (kept + total(sized.places)) >= 0, 'never more than the budget');
  assert.ok(budget - (kept + total(sized.places)) < oneLotEach, `kept + new = ${kept + total(sized.places)}: the budget, to the lot`);
});

test('new orders never shrink below their level’s size when the kept orders already exceed the budget', () => {
  const sized = size({keptDepth: 2_000, budgetQuote: 1_000});
  assert.deepEqual(sized.places.map((p) => p.qtyLots), missing.map((l) => l.qtyLots));
});

test('growth stops at the per-order cap: the largest whole lots within maxOrderNotionalUsdt', () => {
  const sized = size({budgetQuote: 10 * missingCost, config: configWith({perOrder: 500, total: 100_000})});
  assert.equal(sized.places.length, 3);
  for (const p of sized.places) {
    const capLots = Math.floor((500 * 1e7) / p.priceTicks); // independent of lotsWithinNotional
    assert.equal(p.qtyLots, capLots, `at ${p.priceTicks}`);
    assert.ok(usdt(p.priceTicks, p.qtyLots) <= 500);
    assert.ok(usdt(p.priceTicks, p.qtyLots + 1) > 500, 'one lot more would break the cap');
  }
});

test('the total-notional cap counts what is already committed: the level that would cross it is not placed', () => {
  const first = usdt(24_900, 100_000); // 249
  // committed so that the first level fits under 4,000 and the second does not
  const committed = 4_000 - first - 100;
  const sized = size({committed, config: configWith({total: 4_000})});
  assert.deepEqual(sized.places.map((p) => p.priceTicks), [24_900]);
  assert.equal(sized.blockedByFunds, true);
  assert.ok(Math.abs(sized.committed - (committed + first)) < 1e-9);
  assert.ok(sized.committed <= 4_000);
});

test('with the total already at its cap nothing is placed, however much the account holds', () => {
  const sized = size({committed: 4_000, available: 1e9, config: configWith({total: 4_000})});
  assert.deepEqual(sized.places, []);
  assert.equal(sized.blockedByFunds, true);
  assert.equal(sized.committed, 4_000);
});

test('a level costing exactly what the total cap leaves is placed', () => {
  const sized = size({missing: [{priceTicks: 25_000, qtyLots: 100_000}], budgetQuote: 250, committed: 3_750, config: configWith({total: 4_000})});
  assert.equal(sized.places.length, 1);
  assert.equal(sized.blockedByFunds, false);
});

test('funds are used up to 99.5 %: a level just within is placed, one just beyond is not', () => {
  const one: LadderLevel[] = [{priceTicks: 24_900, qtyLots: 100_000}];
  const cost = usdt(24_900, 100_000);
  const within = size({missing: one, budgetQuote: cost, available: cost / 0.995 + 0.01});
  assert.equal(within.places.length, 1);
  assert.equal(within.blockedByFunds, false);
  const beyond = size({missing: one, budgetQuote: cost, available: cost / 0.995 - 0.01});
  assert.deepEqual(beyond.places, []);
  assert.equal(beyond.blockedByFunds, true);
  assert.equal(beyond.committed, 0);
});

test('when funds run out, the places made before the block are kept and the rest reported blocked', () => {
  // funds for the first two levels (249 + 248 = 497 → need 497 / 0.995 ≈ 499.5), not the third
  const sized = size({available: 520, committed: 1_000});
  assert.deepEqual(sized.places.map((p) => p.priceTicks), [24_900, 24_800]);
  assert.deepEqual(sized.places.map((p) => p.clientOrderId), ['newt0', 'newt1']);
  assert.equal(sized.blockedByFunds, true);
  assert.ok(Math.abs(sized.committed - (1_000 + usdt(24_900, 100_000) + usdt(24_800, 100_000))) < 1e-9);
});

test('funds are spent level by level: what one order uses is not available to the next', () => {
  // each level alone fits in 300, two of them do not
  const sized = size({available: 300});
  assert.equal(sized.places.length, 1);
  assert.equal(sized.blockedByFunds, true);
});

test('the reason says "replace" while some orders of the side are being replaced, "fill ladder" otherwise', () => {
  assert.ok(size({replacing: true}).places.every((p) => p.reason === 'replace'));
  assert.ok(size({replacing: false}).places.every((p) => p.reason === 'fill ladder'));
});

test('the side is carried into every place intent', () => {
  assert.ok(size({side: 'SELL'}).places.every((p) => p.side === 'SELL'));
});

test('nothing missing: nothing placed, nothing blocked, committed unchanged', () => {
  assert.deepEqual(size({missing: [], committed: 123}), {places: [], blockedByFunds: false, committed: 123});
});

test('a level costing exactly 99.5 % of the available funds is placed', () => {
  // 0.25 × 796 RMV = 199 USDT = 200 × 0.995, both exact in floats
  const sized = size({missing: [{priceTicks: 25_000, qtyLots: 79_600}], budgetQuote: 199, available: 200});
  assert.deepEqual(sized, {
    places: [{kind: 'place', clientOrderId: 'newt0', side: 'BUY', priceTicks: 25_000, qtyLots: 79_600, reason: 'fill ladder'}],
    blockedByFunds: false,
    committed: 199,
  });
});

// ---- pinned levels: the compliance quoting's inner quote and guards (docs/strategy.md §5.1) ----------------

/** An inner quote and a guard of ~25 USDT (pinned), then three depth levels of 1,000 lots (~2.47 USDT each). */
const pinnedLevels: LadderLevel[] = [
  {priceTicks: 24_807, qtyLots: 10_077, pinned: {maxLots: 20_154}},
  {priceTicks: 24_794, qtyLots: 10_083, pinned: {maxLots: 20_166}},
];
const depthLevels: LadderLevel[] = [
  {priceTicks: 24_713, qtyLots: 1_000},
  {priceTicks: 24_663, qtyLots: 1_000},
  {priceTicks: 24_613, qtyLots: 1_000},
];
const pinnedCost = usdt(24_807, 10_077) + usdt(24_794, 10_083); // ≈ 50
const depthCost = usdt(24_713, 1_000) + usdt(24_663, 1_000) + usdt(24_613, 1_000); // ≈ 7.40

test('pinned missing levels are placed at exactly their size while the budget grows the others', () => {
  const sized = size({missing: [...pinnedLevels, ...depthLevels], budgetQuote: 1_250});
  assert.deepEqual(sized.places.slice(0, 2).map((p) => [p.priceTicks, p.qtyLots]), [[24_807, 10_077], [24_794, 10_083]]);
  const depth = sized.places.slice(2);
  assert.ok(depth.every((p) => p.qtyLots > 100_000), `depth levels grown: ${depth.map((p) => p.qtyLots)}`);
  assert.equal(sized.blockedByFunds, false);
  assert.ok(total(sized.places) <= 1_250 + 1e-9, `${total(sized.places)} within the budget`);
});

test('the growth factor is (budget − kept − pinned cost) / the unpinned levels’ cost', () => {
  const kept = 300;
  const budget = 1_250;
  const sized = size({missing: [...pinnedLevels, ...depthLevels], keptDepth: kept, budgetQuote: budget});
  const grow = (budget - kept - pinnedCost) / depthCost; // ≈ 121.6; the pinned cost counted in the denominator would give ≈ 16.6
  assert.deepEqual(sized.places.slice(2).map((p) => p.qtyLots), depthLevels.map((l) => Math.floor(l.qtyLots * grow)));
  const oneLotEach = depthLevels.reduce((sum, l) => sum + usdt(l.priceTicks, 1), 0);
  const left = budget - kept - total(sized.places);
  assert.ok(left >= 0 && left < oneLotEach, `kept + new = the budget to the lot (${left} left)`);
});

test('pinned levels are not shrunk when the kept orders already exceed the budget, nor grown when only pinned levels are missing', () => {
  const over = size({missing: [...pinnedLevels, ...depthLevels], keptDepth: 2_000, budgetQuote: 1_250});
  assert.deepEqual(over.places.map((p) => p.qtyLots), [10_077, 10_083, 1_000, 1_000, 1_000]);
  const onlyPinned = size({missing: pinnedLevels, budgetQuote: 1_250});
  assert.deepEqual(onlyPinned.places.map((p) => p.qtyLots), [10_077, 10_083]);
});

test('a pinned level is placed at its size even above the per-order cap; growth of the others still stops at the cap', () => {
  const big: LadderLevel = {priceTicks: 25_000, qtyLots: 400_000, pinned: {maxLots: 800_000}}; // 1,000 USDT
  const sized = size({missing: [big, ...depthLevels], budgetQuote: 5_000, config: configWith({perOrder: 500, total: 100_000})});
  assert.equal(sized.places[0]!.qtyLots, 400_000);
  for (const p of sized.places.slice(1)) assert.equal(p.qtyLots, Math.floor((500 * 1e7) / p.priceTicks), `at ${p.priceTicks}: the cap`);
});
