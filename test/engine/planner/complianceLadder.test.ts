// The cost-aware quoting's ladders of both sides (complianceLadder.ts). Prices in ticks of 0.00001 around
// a fair price of 0.25 (25,000 ticks); others on MEXC quote 0.245 / 0.255 as in the engine fixtures'
// book; the compliance parameters are the schema's defaults.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {complianceLadders, type ComplianceLadderInput} from '../../../source/engine/planner/complianceLadder.js';
import {worstSpread} from '../../../source/engine/planner/complianceQuotes.js';
import type {LadderLevel} from '../../../source/engine/planner/ladder.js';
import {notionalOf} from '../../../source/engine/symbolRules.js';
import {rules, testConfig} from '../engineFixtures.js';

const FAIR = 0.25;
const FAIR_TICKS = 25_000;
const OTHERS = {bid: 24_500, ask: 25_500};

function input(overrides: Partial<ComplianceLadderInput> = {}): ComplianceLadderInput {
  const config = testConfig();
  config.quoting.mode = 'compliance';
  return {
    config, rules, fair: FAIR, skewPct: 0, pricing: {step: 'reference', halfSpreadPct: 0.003}, risk: {rangePct: 0, ageSec: 0},
    others: OTHERS, budgets: {bid: 1_250, ask: 1_500}, placesBlocked: false, ownBest: {bid: null, ask: null}, ...overrides,
  };
}
const ladders = (overrides: Partial<ComplianceLadderInput> = {}) => complianceLadders(input(overrides));
const value = (levels: readonly LadderLevel[]) => levels.reduce((sum, l) => sum + notionalOf(l.priceTicks, l.qtyLots, rules), 0);
const ticks = (levels: readonly LadderLevel[]) => levels.map((l) => l.priceTicks);
const pinnedOf = (levels: readonly LadderLevel[]) => levels.filter((l) => l.pinned);
const depthOf = (levels: readonly LadderLevel[]) => levels.filter((l) => !l.pinned);

test('defaults: each side is the inner order and one guard (pinned, ~25 USDT each), then three depth levels', () => {
  const l = ladders();
  // half-spread (0.02 − 0.002 − 0.0005 − 2 · 0.001) / 2 = 0.775 %, a guard 13 ticks out; the depth spans
  // 100 ticks (0.4 %) in from the outer limit mid · (1 − 0.02 + 0.0045) = 24,613 (0.0045: the 0.2 % margin
  // plus the drift of 25 + 62 / 2 + 13 / 2 ticks)
  assert.equal(l.halfSpreadPct.toFixed(6), '0.007750');
  assert.deepEqual(ticks(l.bid.levels), [24_807, 24_794, 24_713, 24_663, 24_613]);
  assert.deepEqual(ticks(l.ask.levels), [25_193, 25_206, 25_287, 25_337, 25_387]);
  for (const side of [l.bid.levels, l.ask.levels]) {
    assert.equal(pinnedOf(side).length, 2);
    assert.deepEqual(side.slice(0, 2), pinnedOf(side), 'the pinned levels come first');
    for (const level of pinnedOf(side)) {
      const usdt = notionalOf(level.priceTicks, level.qtyLots, rules);
      assert.ok(usdt <= 25 && usdt > 25 - notionalOf(level.priceTicks, 1, rules), `pinned ${usdt} USDT: 25 to the lot`);
      assert.deepEqual(level.pinned, {maxLots: level.qtyLots * 2});
    }
    // pinned orders drift outward less than the 13-tick guard step, so a guard never holds the inner level
    for (const level of pinnedOf(side)) assert.deepEqual(level.tolerance, {inwardTicks: 62, outwardTicks: 12});
    for (const level of depthOf(side)) assert.deepEqual(level.tolerance, {inwardTicks: 62, outwardTicks: 25});
    assert.equal(depthOf(side).length, 3);
  }
});

test('every level sits within ±(bandPct − depth margin) of the mid the ladder implies, and within ±bandPct of fair', () => {
  const l = ladders();
  const band = input().config.bandPct;
  const mid = (l.bid.levels[0]!.priceTicks + l.ask.levels[0]!.priceTicks) / 2;
  for (const level of [...l.bid.levels, ...l.ask.levels]) {
    const fromMid = Math.abs(level.priceTicks / mid - 1);
    assert.ok(fromMid <= band - l.margins.depthPct, `${level.priceTicks}: ${fromMid} from the mid ${mid}`);
    assert.ok(Math.abs(level.priceTicks / FAIR_TICKS - 1) <= band, `${level.priceTicks} within the band of fair`);
  }
  // and all bids below fair, all asks above it, none crossing others
  assert.ok(l.bid.levels.every((x) => x.priceTicks < FAIR_TICKS && x.priceTicks < OTHERS.ask));
  assert.ok(l.ask.levels.every((x) => x.priceTicks > FAIR_TICKS && x.priceTicks > OTHERS.bid));
});

test('the two stacks keep the worst book (an inner taken, every order drifted) under maxSpread − spread margin', () => {
  const l = ladders();
  const span = l.bid.levels[0]!.priceTicks - l.bid.levels[1]!.priceTicks;
  assert.equal(l.ask.levels[1]!.priceTicks - l.ask.levels[0]!.priceTicks, span);
  assert.ok(worstSpread(l.bid.levels[0]!.priceTicks, l.ask.levels[0]!.priceTicks, span, 25) <= 0.02 - l.margins.spreadPct);
});

test('per side the notional stays within the budget and the depth levels carry all of it but the pinned cost and rounding', () => {
  const budgets = {bid: 1_250, ask: 1_500};
  const l = ladders({budgets});
  for (const [levels, budget] of [[l.bid.levels, budgets.bid], [l.ask.levels, budgets.ask]] as const) {
    const pinned = value(pinnedOf(levels));
    const depth = value(depthOf(levels));
    assert.ok(pinned + depth <= budget + 1e-9, `${pinned + depth} within ${budget}`);
    const rounding = depthOf(levels).reduce((sum, x) => sum + notionalOf(x.priceTicks, 1, rules), 0);
    assert.ok(depth >= budget - pinned - rounding, `depth ${depth} ≥ ${budget} − ${pinned} − ${rounding}`);
    const each = depthOf(levels).map((x) => notionalOf(x.priceTicks, x.qtyLots, rules));
    assert.ok(Math.max(...each) - Math.min(...each) < 0.01, `equal shares: ${each}`);
  }
});

test('the depth levels sit beyond the last guard, further from fair, and are spread over the depth span', () => {
  const l = ladders();
  const lastBidGuard = pinnedOf(l.bid.levels).at(-1)!.priceTicks;
  const lastAskGuard = pinnedOf(l.ask.levels).at(-1)!.priceTicks;
  assert.ok(depthOf(l.bid.levels).every((x) => x.priceTicks < lastBidGuard));
  assert.ok(depthOf(l.ask.levels).every((x) => x.priceTicks > lastAskGuard));
  const bidDepth = ticks(depthOf(l.bid.levels));
  assert.equal(bidDepth[0]! - bidDepth.at(-1)!, 100, 'depthSpanPct 0.4 % of 25,000 ticks');
});

test('a budget too small for every depth level keeps the outermost: room for one depth level leaves only the outermost price', () => {
  const full = ticks(depthOf(ladders().bid.levels)); // [24,713, 24,663, 24,613]
  // 25 + 25 for the pinned levels, then ~1 USDT (MEXC's minimum order value) for one depth level only
  const one = ladders({budgets: {bid: 51, ask: 1_500}}).bid.levels;
  assert.deepEqual(ticks(pinnedOf(one)), [24_807, 24_794]);
  assert.deepEqual(ticks(depthOf(one)), [full.at(-1)]);
  const two = ladders({budgets: {bid: 52.5, ask: 1_500}}).bid.levels;
  assert.equal(depthOf(two).length, 2);
  assert.equal(depthOf(two).at(-1)!.priceTicks, full.at(-1), 'the outermost is kept');
  assert.ok(value(two) <= 52.5);
  // only the pinned levels fit
  assert.deepEqual(ticks(ladders({budgets: {bid: 50.5, ask: 1_500}}).bid.levels), [24_807, 24_794]);
});

test('a budget too small for every depth level uses fewer over the same span: room for two of three keeps the outermost and the innermost depth price', () => {
  const full = ticks(depthOf(ladders().bid.levels));
  const two = ladders({budgets: {bid: 52.5, ask: 1_500}}).bid.levels;
  assert.deepEqual(ticks(depthOf(two)), [full[0], full.at(-1)]);
});

test('a budget of 0 leaves the side empty; the other side then holds the rule against others’ best there', () => {
  const l = ladders({budgets: {bid: 0, ask: 1_500}});
  assert.deepEqual(l.bid.levels, []);
  assert.equal(l.bid.spareRange.innermostTicks, l.bid.spareRange.outermostTicks);
  // others' bid at 24,500 stays the touch: the ask is pulled in as far as the floor fair · 1.003 allows
  assert.equal(l.ask.levels[0]!.priceTicks, Math.ceil(FAIR_TICKS * 1.003));
  assert.ok(l.ask.levels.length === 5 && value(l.ask.levels) <= 1_500);
  assert.deepEqual(ladders({budgets: {bid: 1_250, ask: 0}}).ask.levels, []);
});

test('a wider reference range (risk) moves the outermost depth inward and never widens the half-spread', () => {
  let previous: ReturnType<typeof ladders> | null = null;
  for (const rangePct of [0, 0.002, 0.005, 0.01, 0.02]) {
    const l = ladders({risk: {rangePct, ageSec: 0}});
    if (previous) {
      assert.ok(l.halfSpreadPct <= previous.halfSpreadPct, `range ${rangePct}: half-spread ${l.halfSpreadPct}`);
      assert.ok(l.bid.levels.at(-1)!.priceTicks >= previous.bid.levels.at(-1)!.priceTicks, `range ${rangePct}: outermost bid`);
      assert.ok(l.ask.levels.at(-1)!.priceTicks <= previous.ask.levels.at(-1)!.priceTicks, `range ${rangePct}: outermost ask`);
      assert.ok(l.bid.levels[0]!.priceTicks >= previous.bid.levels[0]!.priceTicks && l.ask.levels[0]!.priceTicks <= previous.ask.levels[0]!.priceTicks, 'inner quotes move in');
    }
    previous = l;
  }
  const calm = ladders();
  const moving = ladders({risk: {rangePct: 0.005, ageSec: 0}});
  // 0.5 × 0.5 % on each margin: half-spread 0.775 % → 0.65 %, the outer limit 0.25 % further in
  assert.equal(moving.halfSpreadPct.toFixed(6), '0.006500');
  assert.ok(moving.bid.levels.at(-1)!.priceTicks > calm.bid.levels.at(-1)!.priceTicks + 50);
  assert.ok(moving.ask.levels.at(-1)!.priceTicks < calm.ask.levels.at(-1)!.priceTicks - 50);
  // a silent reference does the same: never heard from, the full 0.3 % stale margin
  const silent = ladders({risk: {rangePct: 0, ageSec: Infinity}});
  assert.ok(silent.halfSpreadPct < calm.halfSpreadPct && silent.bid.levels.at(-1)!.priceTicks > calm.bid.levels.at(-1)!.priceTicks);
});

test('placesBlocked: the better of others’ best and our own best resting order is the touch the other side holds the rule against', () => {
  const tol = 25;
  const target = 0.02 - 0.002;
  // our resting bid at 24,700 stays the touch: the ask's last guard, drifted, within 1.8 % of it
  const blocked = ladders({placesBlocked: true, ownBest: {bid: 24_700, ask: null}});
  assert.deepEqual(ticks(pinnedOf(blocked.ask.levels)), [25_110, 25_123]);
  const last = 25_123 + tol;
  assert.ok((last - 24_700) / ((last + 24_700) / 2) <= target);
  // without our order others' 24,500 is the touch: too far to hold the rule, the ask goes to the floor
  assert.equal(ladders({placesBlocked: true}).ask.levels[0]!.priceTicks, Math.ceil(FAIR_TICKS * 1.003));
  // with places allowed our own stacks are the touch: ownBest is not read
  assert.deepEqual(ticks(ladders({ownBest: {bid: 24_700, ask: null}}).ask.levels), ticks(ladders().ask.levels));
});

const heldStale = (priceDecimals: number, step: 'heldLast' | 'reference' = 'heldLast') => {
  const l = ladders({rules: {...rules, priceDecimals}, others: {bid: null, ask: null}, pricing: {step, halfSpreadPct: 0.009}, risk: {rangePct: 0, ageSec: Infinity}});
  const bid = l.bid.levels[0]!.priceTicks;
  const ask = l.ask.levels[0]!.priceTicks;
  return {l, bid, ask, spread: (ask - bid) / ((ask + bid) / 2)};
};

test('away from the reference (a held price, stale reference) the quotes do not depend on the tick size', () => {
  const coarse = heldStale(5).spread;
  const fine = heldStale(7).spread;
  assert.ok(Math.abs(coarse - fine) < 0.0002, `inner spread ${coarse} at 5 decimals, ${fine} at 7`);
});

test('away from the reference the inner quotes take the widened half-spread they report (the rule with the base margin)', () => {
  const held = heldStale(5);
  assert.equal(held.l.halfSpreadPct.toFixed(6), '0.007750');
  assert.ok(held.spread > heldStale(5, 'reference').spread + 0.002, `held ${held.spread} vs reference ${heldStale(5, 'reference').spread}`);
  assert.ok(held.bid <= Math.floor(FAIR_TICKS * (1 - 0.00775)) + 5 && held.ask >= Math.ceil(FAIR_TICKS * (1 + 0.00775)) - 5, `${held.bid} / ${held.ask}`);
});
