// After each decision (suspensionControl.ts, docs/strategy.md §4.1, §12.1): the fair prices the fallback
// chain holds on to, the pricing step and since when, the suspension and since when — and a notice (with
// a persist) at every change and only then. Through recordedContext(): the notices, persists and state
// are what the kernel would see.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MEXC_BOOK_NOTICE_AFTER_MS, recordDecision, referenceOutage} from '../../../source/engine/risk/suspensionControl.js';
import type {PricingDecision, PricingStep} from '../../../source/engine/market/pricingChain.js';
import type {Plan} from '../../../source/engine/planner/plan.js';
import type {SuspensionCause} from '../../../source/engine/risk/suspension.js';
import {recordedContext, T0, type RecordedContext} from '../engineFixtures.js';

const DETAIL: Record<PricingStep, string> = {
  reference: 'pricing from the reference',
  mexcOthers: "pricing from MEXC others' mid",
  heldLast: 'holding the last fair price, widened',
  holdingQuotes: 'stale reference: holding quotes',
  none: 'no usable price: last fair price older than 300s and MEXC cannot price us',
};

function decision(step: PricingStep, price: number | null, fields: Partial<PricingDecision> = {}): PricingDecision {
  return {step, price, halfSpreadPct: 0.003, depthTarget: 1250, placesAllowed: step !== 'none' && step !== 'holdingQuotes', widenLevel: 0, detail: DETAIL[step], ...fields};
}

function plan(pricing: PricingDecision | null, suspension: {cause: SuspensionCause; reason: string} | null = null): Plan {
  return {fair: null, pricing, suspension, places: [], cancels: [], retire: [], sides: {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}}};
}

type SuspensionOf = {cause: SuspensionCause; reason: string} | null;

/** Decides at T0 + `ms`; by default the suspension in force (if any) stays as it is. */
function decideAt(r: RecordedContext, ms: number, pricing: PricingDecision | null, suspension: SuspensionOf = standing(r)): void {
  r.state.now = T0 + ms;
  recordDecision(r.ctx, plan(pricing, suspension));
}

const standing = (r: RecordedContext): SuspensionOf => (r.state.suspension === null ? null : {cause: r.state.suspension.cause, reason: r.state.suspension.reason});

/**
 * KuCoin's stream down and the reference stale since T0. For the pricing tests, a suspension stands
 * throughout (MEXC refused an order "for now" before T0; any pricing step goes with it) and is not
 * changed by their decisions, so every notice and persist counted is the pricing step's own.
 */
function kucoinDown(withStanding = true): RecordedContext {
  const r = recordedContext();
  r.state.streams['kucoin.book'].state = 'down';
  r.state.referenceStaleSince = T0;
  r.state.lastFair = {price: 0.25, at: T0}; // priced from the reference until it went down
  if (withStanding) {
    r.state.suspension = {cause: 'exchangeClosed', reason: 'MEXC refuses orders for now (paused): no new orders', since: T0 - 1};
    r.state.suspensionAnnounced = true;
  }
  return r;
}

const texts = (r: RecordedContext) => r.notices.map((n) => `${n.level}: ${n.text}`);

// ---- the fair prices held on to -----------------------------------------------------------------------

test('a plan built outside planOrders (no pricing) changes nothing and says nothing', () => {
  const r = recordedContext();
  decideAt(r, 1_000, null, {cause: 'reference', reason: 'x'});
  assert.deepEqual([r.state.lastFair, r.state.lastReferenceFair, r.state.suspension], [null, null, null]);
  assert.deepEqual(r.state.pricing, {step: 'reference', since: T0, price: null, widenLevel: 0, detail: 'pricing from the reference', awaySince: null});
  assert.deepEqual([r.notices, r.persistSoon], [[], 0]);
});

test('the reference step records both the last fair and the last reference fair at the decision time; staying on it says nothing', () => {
  const r = kucoinDown();
  r.state.referenceStaleSince = null;
  decideAt(r, 1_000, decision('reference', 0.2501));
  assert.deepEqual(r.state.lastFair, {price: 0.2501, at: T0 + 1_000});
  assert.deepEqual(r.state.lastReferenceFair, {price: 0.2501, at: T0 + 1_000});
  assert.deepEqual(r.state.pricing, {step: 'reference', since: T0, price: 0.2501, widenLevel: 0, detail: 'pricing from the reference', awaySince: null});
  assert.deepEqual([r.notices, r.persistSoon], [[], 0]);
});

test("MEXC others' mid becomes the last fair price, but never the last reference fair", () => {
  const r = kucoinDown();
  decideAt(r, 0, decision('reference', 0.25));
  decideAt(r, 60_000, decision('mexcOthers', 0.250131));
  assert.deepEqual(r.state.lastFair, {price: 0.250131, at: T0 + 60_000});
  assert.deepEqual(r.state.lastReferenceFair, {price: 0.25, at: T0});
});

test('a held price (grace or widened), holding quotes and the end of the chain change neither fair price', () => {
  for (const pricing of [
    decision('heldLast', 0.25, {detail: 'holding the last fair price through a brief gap'}),
    decision('heldLast', 0.25, {widenLevel: 2, halfSpreadPct: 0.006, depthTarget: 1100}),
    decision('holdingQuotes', 0.2499),
    decision('none', null),
  ]) {
    const r = kucoinDown();
    decideAt(r, 0, decision('reference', 0.25));
    decideAt(r, 10_000, pricing);
    assert.deepEqual([r.state.lastFair, r.state.lastReferenceFair], [{price: 0.25, at: T0}, {price: 0.25, at: T0}], `${pricing.step} ${pricing.widenLevel}`);
  }
});

// ---- the pricing step and its notices -------------------------------------------------------------------

test("a step change records the step since the decision, with a notice naming the step and the outage, and a persist", () => {
  const r = kucoinDown();
  decideAt(r, 252_000, decision('mexcOthers', 0.250131));
  assert.deepEqual(r.state.pricing, {step: 'mexcOthers', since: T0 + 252_000, price: 0.250131, widenLevel: 0, detail: "pricing from MEXC others' mid", awaySince: T0 + 252_000});
  assert.deepEqual(r.notices, [{at: T0 + 252_000, level: 'warn', text: "pricing from MEXC others' mid 0.250131 (KuCoin down 4m12s)"}]);
  assert.equal(r.persistSoon, 1);
});

test('staying on a step keeps its since and updates its price and detail, with no notice and no persist', () => {
  const r = kucoinDown();
  decideAt(r, 10_000, decision('mexcOthers', 0.25));
  decideAt(r, 20_000, decision('mexcOthers', 0.2502, {detail: 'other detail'}));
  assert.deepEqual(r.state.pricing, {step: 'mexcOthers', since: T0 + 10_000, price: 0.2502, widenLevel: 0, detail: 'other detail', awaySince: T0 + 10_000});
  assert.equal(r.notices.length, 1);
  assert.equal(r.persistSoon, 1);
});

test('the grace hold says it is holding through a brief gap', () => {
  const r = kucoinDown();
  decideAt(r, 3_000, decision('heldLast', 0.25, {detail: 'holding the last fair price through a brief gap'}));
  assert.deepEqual(texts(r), ['warn: holding the last fair price 0.250000 through a brief gap (KuCoin down 3s)']);
  assert.deepEqual([r.state.pricing.step, r.state.pricing.since, r.state.pricing.widenLevel], ['heldLast', T0 + 3_000, 0]);
});

test('each widening level is a notice with the half-spread, the step count and the side size; the step keeps its since', () => {
  const r = kucoinDown();
  decideAt(r, 3_000, decision('heldLast', 0.25, {detail: 'holding the last fair price through a brief gap'}));
  decideAt(r, 6_000, decision('heldLast', 0.25, {widenLevel: 1, halfSpreadPct: 0.0045, depthTarget: 1100}));
  decideAt(r, 30_000, decision('heldLast', 0.25, {widenLevel: 1, halfSpreadPct: 0.0045, depthTarget: 1100}));
  decideAt(r, 80_000, decision('heldLast', 0.25, {widenLevel: 2, halfSpreadPct: 0.006, depthTarget: 1100}));
  assert.deepEqual(texts(r), [
    'warn: holding the last fair price 0.250000 through a brief gap (KuCoin down 3s)',
    'warn: holding the last fair price 0.250000 (KuCoin down 6s): quotes widened to ±0.45% (step 1/4), 1100 USDT per side',
    'warn: holding the last fair price 0.250000 (KuCoin down 1m20s): quotes widened to ±0.6% (step 2/4), 1100 USDT per side',
  ]);
  assert.deepEqual(r.state.pricing, {step: 'heldLast', since: T0 + 3_000, price: 0.25, widenLevel: 2, detail: 'holding the last fair price, widened', awaySince: T0 + 3_000});
  assert.equal(r.persistSoon, 3);
});

test('back to the same step after another one: since restarts', () => {
  const r = kucoinDown();
  decideAt(r, 10_000, decision('mexcOthers', 0.25));
  decideAt(r, 20_000, decision('heldLast', 0.25, {widenLevel: 1, halfSpreadPct: 0.0045, depthTarget: 1100}));
  decideAt(r, 30_000, decision('mexcOthers', 0.2501));
  assert.deepEqual([r.state.pricing.step, r.state.pricing.since], ['mexcOthers', T0 + 30_000]);
  assert.equal(r.notices.length, 3);
});

test('holding quotes (onStale "cancel") names the hold; a reference stale on a live stream reads "KuCoin stale"', () => {
  const r = recordedContext();
  r.state.streams['kucoin.book'].state = 'live';
  r.state.referenceStaleSince = T0;
  decideAt(r, 12_000, decision('holdingQuotes', 0.2499));
  assert.deepEqual(texts(r), ['warn: stale reference: holding quotes, no new orders, for up to 30s (KuCoin stale 12s)']);
});

test('the end of the chain records the step with no notice of its own (the suspension says it), and persists', () => {
  const r = kucoinDown();
  decideAt(r, 300_001, decision('none', null));
  assert.deepEqual(r.state.pricing, {step: 'none', since: T0 + 300_001, price: null, widenLevel: 0, detail: DETAIL.none, awaySince: T0 + 300_001});
  assert.deepEqual([r.notices, r.persistSoon], [[], 1]);
});

test('the reference back: an info notice with the time on the last step and the price it replaces, and since restarts', () => {
  const r = kucoinDown();
  decideAt(r, 5_000, decision('mexcOthers', 0.2508));
  r.state.referenceStaleSince = null;
  r.state.streams['kucoin.book'].state = 'live';
  decideAt(r, 257_000, decision('reference', 0.2512));
  assert.deepEqual(texts(r).at(-1), "info: reference back after 4m12s, last on MEXC others' mid: fair 0.251200 vs MEXC others' mid 0.250800 (+0.16%); quoting from the reference");
  assert.deepEqual(r.state.pricing, {step: 'reference', since: T0 + 257_000, price: 0.2512, widenLevel: 0, detail: 'pricing from the reference', awaySince: null});
  assert.equal(r.persistSoon, 2);
});

test('start-up: waiting for the first fair price and getting it say nothing (no outage to tell of); the step is still recorded', () => {
  const r = recordedContext();
  r.state.streams['kucoin.book'].state = 'connecting';
  r.state.referenceStaleSince = T0;
  decideAt(r, 100, decision('holdingQuotes', null, {placesAllowed: false, detail: 'no fair price yet'}));
  assert.equal(r.state.pricing.step, 'holdingQuotes');
  r.state.referenceStaleSince = null;
  r.state.streams['kucoin.book'].state = 'live';
  decideAt(r, 400, decision('reference', 0.25));
  assert.deepEqual(r.notices, []);
  assert.deepEqual([r.state.pricing.step, r.state.lastFair], ['reference', {price: 0.25, at: T0 + 400}]);
  assert.equal(r.persistSoon, 2, 'both step changes persisted');
});

test('the reference back after several steps: the time is the whole outage, from leaving the reference, not from the last step', () => {
  const r = kucoinDown();
  decideAt(r, 1_000, decision('heldLast', 0.25));
  decideAt(r, 6_000, decision('mexcOthers', 0.2508));
  assert.equal(r.state.pricing.awaySince, T0 + 1_000, 'kept across the step change');
  r.state.referenceStaleSince = null;
  r.state.streams['kucoin.book'].state = 'live';
  decideAt(r, 61_000, decision('reference', 0.2508));
  assert.deepEqual(texts(r).at(-1), "info: reference back after 1m00s, last on MEXC others' mid: fair 0.250800 vs MEXC others' mid 0.250800 (+0.00%); quoting from the reference");
  assert.equal(r.state.pricing.awaySince, null);
});

test('the reference back from no price at all: no price to compare with; a lower fair reads with a minus sign', () => {
  const r = kucoinDown();
  decideAt(r, 300_001, decision('none', null));
  decideAt(r, 2 * 3_600_000 + 300_001, decision('reference', 0.25));
  assert.deepEqual(texts(r).at(-1), 'info: reference back after 2h00m, last on no price; quoting from the reference');

  const lower = kucoinDown();
  decideAt(lower, 5_000, decision('heldLast', 0.25, {widenLevel: 1, halfSpreadPct: 0.0045, depthTarget: 1100}));
  decideAt(lower, 65_000, decision('reference', 0.2475));
  assert.deepEqual(texts(lower).at(-1), 'info: reference back after 1m00s, last on the held last fair price: fair 0.247500 vs the held last fair price 0.250000 (−1.00%); quoting from the reference');
});

// ---- the suspension ---------------------------------------------------------------------------------------

const REFERENCE = {cause: 'reference', reason: 'no usable price; cancelling our orders until the reference is back'} as const;
const MEXC = {cause: 'mexcBook', reason: 'MEXC book down: orders frozen'} as const;

/** Already on the end of the chain (its step change counted elsewhere), so only the suspension changes here. */
function onNone(r: RecordedContext): RecordedContext {
  r.state.pricing = {step: 'none', since: T0, price: null, widenLevel: 0, detail: DETAIL.none, awaySince: T0};
  return r;
}

test('a suspension starts at the decision time with a SUSPENDED notice and a persist', () => {
  const r = onNone(kucoinDown(false));
  decideAt(r, 300_001, decision('none', null), REFERENCE);
  assert.deepEqual(r.state.suspension, {...REFERENCE, since: T0 + 300_001});
  assert.deepEqual(r.notices, [{at: T0 + 300_001, level: 'warn', text: 'SUSPENDED: no usable price; cancelling our orders until the reference is back (clears by itself when its cause clears)'}]);
  assert.equal(r.persistSoon, 1);
});

test('the same cause keeps its since and takes the new reason, with no notice and no persist', () => {
  const r = kucoinDown(false);
  decideAt(r, 1_000, decision('reference', 0.25), MEXC);
  decideAt(r, 9_000, decision('reference', 0.25), {cause: 'mexcBook', reason: 'MEXC book not synced: orders frozen'});
  assert.deepEqual(r.state.suspension, {cause: 'mexcBook', reason: 'MEXC book not synced: orders frozen', since: T0 + 1_000});
  assert.equal(r.notices.length, 1);
  assert.equal(r.persistSoon, 1);
});

test('another cause lifts the first (with its duration and reason) and starts anew', () => {
  const r = onNone(kucoinDown(false));
  decideAt(r, 1_000, decision('none', null), MEXC);
  decideAt(r, 4_000, decision('none', null), MEXC);
  decideAt(r, 66_000, decision('none', null), REFERENCE);
  assert.deepEqual(texts(r), [
    'warn: SUSPENDED: MEXC book down: orders frozen (clears by itself when its cause clears, for 3s so far)',
    'info: suspension lifted after 1m05s (was: MEXC book down: orders frozen)',
    'warn: SUSPENDED: no usable price; cancelling our orders until the reference is back (clears by itself when its cause clears)',
  ]);
  assert.deepEqual(r.state.suspension, {...REFERENCE, since: T0 + 66_000});
  assert.equal(r.persistSoon, 2);
});

test('the cause cleared: the suspension is lifted with a notice and a persist', () => {
  const r = kucoinDown(false);
  decideAt(r, 1_000, decision('reference', 0.25), MEXC);
  decideAt(r, 20_000, decision('reference', 0.25), MEXC);
  decideAt(r, 46_000, decision('reference', 0.25), null);
  assert.equal(r.state.suspension, null);
  assert.deepEqual(texts(r), ['warn: SUSPENDED: MEXC book down: orders frozen (clears by itself when its cause clears, for 19s so far)', 'info: suspension lifted after 45s (was: MEXC book down: orders frozen)']);
  assert.equal(r.persistSoon, 2);
});

test('a MEXC book suspension is told of once it has lasted 3 s; a shorter one (a start, a reconnect) is recorded and persisted, but neither it nor its lift is told', () => {
  assert.equal(MEXC_BOOK_NOTICE_AFTER_MS, 3_000);
  const brief = kucoinDown(false);
  decideAt(brief, 1_000, decision('reference', 0.25), MEXC);
  assert.deepEqual(brief.state.suspension, {...MEXC, since: T0 + 1_000}, 'in force at once: orders are frozen meanwhile');
  decideAt(brief, 3_999, decision('reference', 0.25), MEXC);
  decideAt(brief, 4_000, decision('reference', 0.25), null);
  assert.deepEqual([brief.notices, brief.state.suspension, brief.persistSoon], [[], null, 2]);

  const long = kucoinDown(false);
  decideAt(long, 1_000, decision('reference', 0.25), MEXC);
  decideAt(long, 4_000, decision('reference', 0.25), MEXC);
  decideAt(long, 9_000, decision('reference', 0.25), MEXC);
  assert.deepEqual(texts(long), ['warn: SUSPENDED: MEXC book down: orders frozen (clears by itself when its cause clears, for 3s so far)'], 'told once, at 3 s');
  assert.equal(long.state.suspensionAnnounced, true);

  // the other causes are told at once
  const reference = onNone(kucoinDown(false));
  decideAt(reference, 1_000, decision('none', null), REFERENCE);
  assert.equal(texts(reference).length, 1);
  assert.equal(reference.state.suspensionAnnounced, true);
});

// With no suspension before nor after, a decision must not ask for a state write (a healthy bot would
// otherwise write the state file after every decision pass).
test('no suspension before nor after: nothing to say and nothing to persist', () => {
  const r = kucoinDown(false);
  decideAt(r, 1_000, decision('reference', 0.25), null);
  decideAt(r, 2_000, decision('reference', 0.25), null);
  assert.deepEqual([r.notices, r.persistSoon], [[], 0]);
});

// ---- referenceOutage ---------------------------------------------------------------------------------------

test('referenceOutage: the stream state while fresh; the stream state (or "stale" on a live stream) and the stale time while stale', () => {
  const r = recordedContext();
  r.state.streams['kucoin.book'].state = 'live';
  assert.equal(referenceOutage(r.state), 'KuCoin live');
  r.state.referenceStaleSince = T0;
  r.state.now = T0 + 59_499;
  assert.equal(referenceOutage(r.state), 'KuCoin stale 59s');
  r.state.streams['kucoin.book'].state = 'syncing';
  r.state.now = T0 + 59_500;
  assert.equal(referenceOutage(r.state), 'KuCoin syncing 1m00s');
});
