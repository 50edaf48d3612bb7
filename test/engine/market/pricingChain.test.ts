// The fallback chain for the fair price (pricingChain.ts, docs/strategy.md §4.1): every step and every
// guard at its boundary — exactly at the limit and one ms (or a hair) past it — with the whole decision
// compared, so a step that borrows the wrong spread, target or permission fails too. The numbers are
// worked by hand from the defaults: halfSpreadPct 0.003, fallback.maxSpreadPct 0.018 (widest half-spread
// 0.009), widenSteps 4 over holdSec 300 (the engine tests' hold, testConfig(); one step every 75 s), graceSec 5, maxMexcDriftPct 0.04,
// depthTargetUsdt 1,250, minDepthUsdt 1,000 × (1 + depthMarginPct 0.1) = 1,100.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {defaultConfig, type Config} from '../../../source/config/configSchema.js';
import {choosePricing, type PricingDecision, type PricingInput} from '../../../source/engine/market/pricingChain.js';
import {T0, testConfig} from '../engineFixtures.js';

/**
 * KuCoin went stale at T0, the last fair price 0.25 (from the reference) was computed at T0, and others
 * on MEXC quote 0.245 / 0.255 (mid 0.25, no drift). `now` is set by each test.
 */
function input(fields: Partial<PricingInput> = {}, configure: (c: Config) => void = () => undefined): PricingInput {
  const config = testConfig();
  configure(config);
  return {
    config,
    now: T0,
    referenceStaleSince: T0,
    referenceFair: 0.2501, // the stale book's price: never used by the chain
    mexcUsable: true,
    othersBid: 0.245,
    othersAsk: 0.255,
    lastReferenceFair: {price: 0.25, at: T0},
    lastFair: {price: 0.25, at: T0},
    ...fields,
  };
}

/** The same input with others gone from MEXC: only the held price is left. */
const noOthers = (fields: Partial<PricingInput> = {}, configure?: (c: Config) => void) => input({othersBid: null, othersAsk: null, ...fields}, configure);

const NORMAL = {halfSpreadPct: 0.003, depthTarget: 1250, placesAllowed: true, widenLevel: 0};
const REFERENCE = (price: number): PricingDecision => ({step: 'reference', price, ...NORMAL, detail: 'pricing from the reference'});
const GRACE = (price: number): PricingDecision => ({step: 'heldLast', price, ...NORMAL, detail: 'holding the last fair price through a brief gap'});
const OTHERS = (price: number): PricingDecision => ({step: 'mexcOthers', price, ...NORMAL, detail: "pricing from MEXC others' mid"});
const WIDENED = (price: number, widenLevel: number, halfSpreadPct: number, depthTarget = 1100): PricingDecision => ({
  step: 'heldLast', price, halfSpreadPct, depthTarget, placesAllowed: true, widenLevel, detail: 'holding the last fair price, widened',
});
const NONE = (detail: string, normal = NORMAL): PricingDecision => ({
  step: 'none', price: null, halfSpreadPct: normal.halfSpreadPct, depthTarget: normal.depthTarget, placesAllowed: false, widenLevel: 0, detail,
});
const NO_PRICE_HELD_TOO_LONG = 'no usable price: last fair price older than 300s and MEXC cannot price us';

// ---- reference ----------------------------------------------------------------------------------------

test('reference fresh and two-sided: its fair price, the normal half-spread and depth target, places allowed', () => {
  assert.deepEqual(choosePricing(input({referenceStaleSince: null, referenceFair: 0.2501, now: T0 + 1})), REFERENCE(0.2501));
});

test('reference fresh by the clock but without a price (a one-sided book not yet seen as stale): the chain decides, the grace holds', () => {
  assert.deepEqual(choosePricing(input({referenceStaleSince: null, referenceFair: null, now: T0 + 1_000})), GRACE(0.25));
});

test('a stale reference is never used, even with a price from its old book', () => {
  assert.equal(choosePricing(input({now: T0 + 60_000})).step, 'mexcOthers');
});

// ---- heldLast: the grace period -------------------------------------------------------------------------

test('grace: stale exactly graceSec holds the last fair price unchanged (even with others quoting); one ms more moves on to others', () => {
  assert.deepEqual(choosePricing(input({now: T0 + 5_000, othersBid: 0.246, othersAsk: 0.256})), GRACE(0.25), 'others say 0.251: the grace does not ask them');
  assert.deepEqual(choosePricing(input({now: T0 + 5_001, othersBid: 0.246, othersAsk: 0.256})), OTHERS(0.251));
});

test('grace: one ms past graceSec without others, the held price starts widening (level 1)', () => {
  assert.deepEqual(choosePricing(noOthers({now: T0 + 5_000})), GRACE(0.25));
  assert.deepEqual(choosePricing(noOthers({now: T0 + 5_001})), WIDENED(0.25, 1, 0.0045));
});

test('grace needs a last fair price no older than holdSec: exactly holdSec old it holds; one ms older it does not', () => {
  // the reference went stale 1 s ago, but the last fair price is from long before
  const at = (age: number) => noOthers({now: T0 + 1_000, referenceStaleSince: T0, lastFair: {price: 0.25, at: T0 + 1_000 - age}});
  assert.deepEqual(choosePricing(at(300_000)), GRACE(0.25));
  assert.deepEqual(choosePricing(at(300_001)), NONE(NO_PRICE_HELD_TOO_LONG));
});

test('never priced yet (start-up before the first reference snapshot): hold without new orders, cancel nothing', () => {
  assert.deepEqual(choosePricing(noOthers({now: T0 + 1_000, lastFair: null})), {step: 'holdingQuotes', price: null, halfSpreadPct: 0.003, depthTarget: 1250, placesAllowed: false, widenLevel: 0, detail: 'no fair price yet'});
});

// ---- mexcOthers -----------------------------------------------------------------------------------------

test("mexcOthers: past the grace, others' mid prices us with the normal spread and target, however long KuCoin has been gone", () => {
  assert.deepEqual(choosePricing(input({now: T0 + 2 * 3_600_000, lastFair: {price: 0.25, at: T0 + 2 * 3_600_000 - 1_000}})), OTHERS(0.25));
  assert.deepEqual(choosePricing(input({now: T0 + 2 * 3_600_000, lastFair: null})), OTHERS(0.25), 'the held price is not needed');
});

test("mexcOthers: a mid exactly maxMexcDriftPct from the last reference fair is used, either way; a hair beyond is not", () => {
  // |104 − 100| / 100 and |96 − 100| / 100 are exactly 0.04 in floats
  // the last fair price is 60 s old: the slew limit (0.1 %/s, 6 % here) does not bind
  const at = (bid: number, ask: number) => choosePricing(noOthers({now: T0 + 60_000, othersBid: bid, othersAsk: ask, lastReferenceFair: {price: 100, at: T0}, lastFair: {price: 100, at: T0}}));
  assert.deepEqual(at(103, 105), OTHERS(104));
  assert.deepEqual(at(95, 97), OTHERS(96));
  assert.deepEqual(at(103, 105.00000000002), WIDENED(100, 1, 0.0045), 'mid 104.00000000001: back to the held price');
  assert.deepEqual(at(94.99999999998, 97), WIDENED(100, 1, 0.0045));
});

test('mexcOthers: the drift limit is the configured maxMexcDriftPct, measured against the last reference fair, not the last fair', () => {
  const base = {now: T0 + 10_000, othersBid: 0.26, othersAsk: 0.27, lastReferenceFair: {price: 0.25, at: T0}, lastFair: {price: 0.265, at: T0 + 9_000}};
  assert.deepEqual(choosePricing(input(base)), WIDENED(0.265, 1, 0.0045), 'mid 0.265 is 6 % from 0.25, beyond the default 4 % (and 0 % from the last fair)');
  assert.deepEqual(choosePricing(input(base, (c) => (c.fallback.maxMexcDriftPct = 0.08))), OTHERS(0.265));
});

test("mexcOthers: the fair price follows others' mid at most mexcSlewPctPerSec from the last fair price, either way", () => {
  // last fair 0.25 set 2 s ago: room for 0.2 % = 0.0005 either way
  const at = (bid: number, ask: number, configure?: (c: Config) => void) =>
    choosePricing(input({now: T0 + 10_000, othersBid: bid, othersAsk: ask, lastFair: {price: 0.25, at: T0 + 8_000}}, configure));
  assert.deepEqual(at(0.2453, 0.2557), OTHERS(0.2505), 'mid 0.2505 is exactly the room: reached');
  assert.deepEqual(at(0.246, 0.258), OTHERS(0.25 + 0.25 * 0.001 * 2), 'mid 0.252: held to the room above');
  assert.deepEqual(at(0.242, 0.254), OTHERS(0.25 - 0.25 * 0.001 * 2), 'mid 0.248: held to the room below');
  assert.deepEqual(at(0.246, 0.258, (c) => (c.fallback.mexcSlewPctPerSec = 0.01)), OTHERS(0.252), 'a faster slew reaches it');
  assert.deepEqual(choosePricing(input({now: T0 + 10_000, othersBid: 0.246, othersAsk: 0.258, lastFair: {price: 0.25, at: T0 + 10_000}})), OTHERS(0.25), 'no time since the last price: no move');
  assert.deepEqual(choosePricing(input({now: T0 + 10_000, othersBid: 0.246, othersAsk: 0.258, lastFair: null})), OTHERS(0.252), 'nothing to slew from: the mid itself');
});

test("mexcOthers: a crossed or locked book of others is not used", () => {
  for (const [bid, ask, what] of [
    [0.256, 0.255, 'crossed'],
    [0.25, 0.25, 'locked'],
  ] as const) {
    assert.deepEqual(choosePricing(noOthers({now: T0 + 10_000, othersBid: bid, othersAsk: ask})), WIDENED(0.25, 1, 0.0045), what);
  }
  assert.deepEqual(choosePricing(noOthers({now: T0 + 10_000, othersBid: 0.2499, othersAsk: 0.25})), OTHERS(0.24995), 'one tick apart is fine');
});

test('mexcOthers: others quoting one side only are not used', () => {
  assert.deepEqual(choosePricing(input({now: T0 + 10_000, othersAsk: null})), WIDENED(0.25, 1, 0.0045));
  assert.deepEqual(choosePricing(input({now: T0 + 10_000, othersBid: null})), WIDENED(0.25, 1, 0.0045));
});

test('mexcOthers: an unusable MEXC book is not used, however good its prices', () => {
  assert.deepEqual(choosePricing(input({now: T0 + 10_000, mexcUsable: false})), WIDENED(0.25, 1, 0.0045));
});

test('mexcOthers: without a last reference fair there is nothing to check the drift against, so others are not used', () => {
  assert.deepEqual(choosePricing(input({now: T0 + 10_000, lastReferenceFair: null})), WIDENED(0.25, 1, 0.0045));
  assert.deepEqual(choosePricing(input({now: T0 + 10_000, lastReferenceFair: null, lastFair: null})), {step: 'holdingQuotes', price: null, halfSpreadPct: 0.003, depthTarget: 1250, placesAllowed: false, widenLevel: 0, detail: 'no fair price yet'});
});

// ---- heldLast: widened ----------------------------------------------------------------------------------

test('heldLast widened: four equal steps over holdSec from 0.3 % to 0.9 %, each side 1,100 USDT; past holdSec the chain ends', () => {
  const cases: Array<[heldFor: number, level: number, halfSpread: number]> = [
    [5_001, 1, 0.0045],
    [74_999, 1, 0.0045],
    [75_000, 2, 0.006],
    [149_999, 2, 0.006],
    [150_000, 3, 0.0075],
    [224_999, 3, 0.0075],
    [225_000, 4, 0.009],
    [300_000, 4, 0.009],
  ];
  for (const [heldFor, level, halfSpread] of cases) {
    assert.deepEqual(choosePricing(noOthers({now: T0 + heldFor})), WIDENED(0.25, level, halfSpread), `${heldFor} ms`);
  }
  assert.deepEqual(choosePricing(noOthers({now: T0 + 300_001})), NONE(NO_PRICE_HELD_TOO_LONG));
});

test('heldLast widened: the hold counts from the last fair price, not from when the reference went stale', () => {
  // others priced us until T0 + 100 s (the last fair price), then left: the hold runs from there
  const held = (now: number) => noOthers({now, referenceStaleSince: T0, lastFair: {price: 0.2512, at: T0 + 100_000}});
  assert.deepEqual(choosePricing(held(T0 + 100_001)), WIDENED(0.2512, 1, 0.0045));
  assert.deepEqual(choosePricing(held(T0 + 400_000)), WIDENED(0.2512, 4, 0.009));
  assert.equal(choosePricing(held(T0 + 400_001)).step, 'none');
});

test('heldLast widened: the configured widenSteps, holdSec and maxSpreadPct set the levels', () => {
  // 2 steps over 60 s (one every 30 s), from 0.3 % to 0.016 / 2 = 0.8 %: 0.55 %, then 0.8 %
  const configure = (c: Config) => void Object.assign(c.fallback, {widenSteps: 2, holdSec: 60, maxSpreadPct: 0.016});
  assert.deepEqual(choosePricing(noOthers({now: T0 + 29_999}, configure)), WIDENED(0.25, 1, 0.0055));
  assert.deepEqual(choosePricing(noOthers({now: T0 + 30_000}, configure)), WIDENED(0.25, 2, 0.008));
  assert.deepEqual(choosePricing(noOthers({now: T0 + 60_000}, configure)), WIDENED(0.25, 2, 0.008));
  assert.equal(choosePricing(noOthers({now: T0 + 60_001}, configure)).step, 'none');
});

test('heldLast widened: the side target is the smaller of depthTargetUsdt and minDepthUsdt × (1 + depthMarginPct)', () => {
  assert.equal(choosePricing(noOthers({now: T0 + 10_000}, (c) => (c.depthTargetUsdt = 1_050))).depthTarget, 1_050);
  assert.equal(choosePricing(noOthers({now: T0 + 10_000}, (c) => (c.fallback.depthMarginPct = 0.2))).depthTarget, 1_200);
  assert.equal(choosePricing(noOthers({now: T0 + 10_000}, (c) => (c.compliance.minDepthUsdt = 500))).depthTarget, 550);
});

test('heldLast widened: a half-spread already at or above maxSpreadPct / 2 is kept at every level, never narrowed', () => {
  for (const halfSpreadPct of [0.009, 0.01]) {
    for (const [heldFor, level] of [[5_001, 1], [75_000, 2], [150_000, 3], [300_000, 4]] as const) {
      const decision = choosePricing(noOthers({now: T0 + heldFor}, (c) => (c.quoting.halfSpreadPct = halfSpreadPct)));
      assert.deepEqual([decision.widenLevel, decision.halfSpreadPct], [level, halfSpreadPct], `${halfSpreadPct} at ${heldFor} ms`);
    }
  }
});

// ---- fallback.onStale "cancel" ------------------------------------------------------------------------

test('onStale "cancel": a stale reference holds quotes at its stale price (no new orders) up to referenceStaleHoldSec, then the chain ends', () => {
  const cancel = (c: Config) => (c.fallback.onStale = 'cancel');
  const holding: PricingDecision = {step: 'holdingQuotes', price: 0.2501, ...NORMAL, placesAllowed: false, detail: 'stale reference: holding quotes'};
  assert.deepEqual(choosePricing(input({now: T0 + 30_000}, cancel)), holding, "others quoting and a held price change nothing");
  assert.deepEqual(choosePricing(input({now: T0 + 30_001}, cancel)), NONE('reference stale for over 30s'));
});

test('onStale "cancel": the hold is the configured referenceStaleHoldSec; without a reference book the held price is null', () => {
  const configure = (c: Config) => {
    c.fallback.onStale = 'cancel';
    c.risk.referenceStaleHoldSec = 12;
  };
  assert.deepEqual(choosePricing(input({now: T0 + 12_000, referenceFair: null}, configure)), {
    step: 'holdingQuotes', price: null, ...NORMAL, placesAllowed: false, detail: 'stale reference: holding quotes',
  });
  assert.deepEqual(choosePricing(input({now: T0 + 12_001}, configure)), NONE('reference stale for over 12s'));
});

test('onStale "cancel" with a fresh reference still prices from the reference', () => {
  assert.deepEqual(choosePricing(input({referenceStaleSince: null, referenceFair: 0.2499}, (c) => (c.fallback.onStale = 'cancel'))), REFERENCE(0.2499));
});

test('the end of the chain keeps the configured normal spread and target in its decision', () => {
  const configure = (c: Config) => {
    c.quoting.halfSpreadPct = 0.004;
    c.depthTargetUsdt = 1_400;
  };
  assert.deepEqual(choosePricing(noOthers({now: T0 + 300_001}, configure)), NONE(NO_PRICE_HELD_TOO_LONG, {...NORMAL, halfSpreadPct: 0.004, depthTarget: 1_400}));
});
