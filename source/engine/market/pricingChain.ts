// Where the fair price comes from when the reference (KuCoin) goes stale: the fallback chain of
// docs/strategy.md §4.1, as a pure function of what the decision sees. Each step has its own guard:
//   reference    — KuCoin fresh and two-sided: the normal fair price;
//   heldLast     — a brief gap (a reconnect, up to graceSec) keeps the last fair price unchanged; later,
//                  when MEXC cannot price us, the last fair price is held for holdSec with the inner
//                  spread widened step by step and each side sized down to the compliance minimum;
//   mexcOthers   — MEXC's book without our orders, two-sided and within maxMexcDriftPct of the last
//                  reference-based fair price; the fair price follows its mid at most mexcSlewPctPerSec;
//   none         — nothing may price us: the pair is suspended (our orders are cancelled).
// With fallback.onStale "cancel" the old rule applies: holdingQuotes (no new orders) for
// risk.referenceStaleHoldSec, then none.
import type {Config} from '../../config/configSchema.js';

export const pricingSteps = ['reference', 'mexcOthers', 'heldLast', 'holdingQuotes', 'none'] as const;
export type PricingStep = (typeof pricingSteps)[number];

export interface PricePoint {
  price: number;
  at: number;
}

export interface PricingInput {
  config: Config;
  now: number;
  /** when the reference went stale; null while fresh */
  referenceStaleSince: number | null;
  /** the fair price from the reference book (null without a two-sided KuCoin book) */
  referenceFair: number | null;
  /** whether the MEXC book may be acted on (synced, and live or freshly polled) */
  mexcUsable: boolean;
  /** others' best bid and ask on MEXC (our orders excluded), in quote units */
  othersBid: number | null;
  othersAsk: number | null;
  /** the last fair price computed from the reference */
  lastReferenceFair: PricePoint | null;
  /** the last fair price from the reference or from MEXC's book (what heldLast holds) */
  lastFair: PricePoint | null;
}

export interface PricingDecision {
  step: PricingStep;
  /** the price our quotes centre on; null when none may be used */
  price: number | null;
  /** half-spread of the inner quotes for this step */
  halfSpreadPct: number;
  /** per-side depth target for this step (USDT within the band) */
  depthTarget: number;
  /** whether new orders may be placed */
  placesAllowed: boolean;
  /** heldLast: how many widening steps have been applied (0 during the grace period) */
  widenLevel: number;
  /** for the operator: what prices us and why */
  detail: string;
}

export function choosePricing(input: PricingInput): PricingDecision {
  const {config, now, referenceFair} = input;
  const normal = {halfSpreadPct: config.quoting.halfSpreadPct, depthTarget: config.depthTargetUsdt, placesAllowed: true, widenLevel: 0};
  if (input.referenceStaleSince === null && referenceFair !== null) {
    return {step: 'reference', price: referenceFair, ...normal, detail: 'pricing from the reference'};
  }
  const staleMs = now - (input.referenceStaleSince ?? now);
  const fb = config.fallback;
  if (fb.onStale === 'cancel') {
    if (staleMs <= config.risk.referenceStaleHoldSec * 1000) {
      return {step: 'holdingQuotes', price: referenceFair, ...normal, placesAllowed: false, detail: 'stale reference: holding quotes'};
    }
    return none(`reference stale for over ${config.risk.referenceStaleHoldSec}s`, normal.halfSpreadPct, normal.depthTarget);
  }
  const {lastFair} = input;
  const heldFor = lastFair === null ? Infinity : now - lastFair.at;
  if (lastFair !== null && staleMs <= fb.graceSec * 1000 && heldFor <= fb.holdSec * 1000) {
    return {step: 'heldLast', price: lastFair.price, ...normal, detail: 'holding the last fair price through a brief gap'};
  }
  const othersMid = mexcOthersMid(input);
  if (othersMid !== null) {
    const price = slewLimited(othersMid, lastFair, now, fb.mexcSlewPctPerSec);
    return {step: 'mexcOthers', price, ...normal, detail: "pricing from MEXC others' mid"};
  }
  if (lastFair !== null && heldFor <= fb.holdSec * 1000) {
    const stepMs = (fb.holdSec * 1000) / fb.widenSteps;
    const widenLevel = Math.min(fb.widenSteps, Math.floor(heldFor / stepMs) + 1);
    const widest = fb.maxSpreadPct / 2;
    const base = config.quoting.halfSpreadPct;
    const halfSpreadPct = base >= widest ? base : base + ((widest - base) * widenLevel) / fb.widenSteps;
    const depthTarget = Math.min(config.depthTargetUsdt, config.compliance.minDepthUsdt * (1 + fb.depthMarginPct));
    return {step: 'heldLast', price: lastFair.price, halfSpreadPct, depthTarget, placesAllowed: true, widenLevel, detail: 'holding the last fair price, widened'};
  }
  // never priced yet (start-up before the first reference snapshot): hold as before, cancel nothing
  if (lastFair === null) return {step: 'holdingQuotes', price: null, ...normal, placesAllowed: false, detail: 'no fair price yet'};
  const why = `last fair price older than ${fb.holdSec}s`;
  return none(`no usable price: ${why} and MEXC cannot price us`, normal.halfSpreadPct, normal.depthTarget);
}

function none(detail: string, halfSpreadPct: number, depthTarget: number): PricingDecision {
  return {step: 'none', price: null, halfSpreadPct, depthTarget, placesAllowed: false, widenLevel: 0, detail};
}

/**
 * The target, moved from the last fair price by at most `pctPerSec` per second since it was set. Others'
 * touch on a thin book jumps (a level eaten, one of our cancelled orders still in the feed for a moment);
 * followed at once, each jump would move the whole ladder (cancel + place) and back.
 */
export function slewLimited(target: number, last: PricePoint | null, now: number, pctPerSec: number): number {
  if (last === null) return target;
  const room = last.price * pctPerSec * (Math.max(0, now - last.at) / 1000);
  return Math.min(last.price + room, Math.max(last.price - room, target));
}

/** Others' mid on MEXC when it may price us: both sides quoted, not crossed, near the last reference fair. */
export function mexcOthersMid(input: PricingInput): number | null {
  const {othersBid, othersAsk, lastReferenceFair} = input;
  if (!input.mexcUsable || othersBid === null || othersAsk === null || lastReferenceFair === null) return null;
  if (!(othersBid < othersAsk)) return null;
  const mid = (othersBid + othersAsk) / 2;
  const drift = Math.abs(mid - lastReferenceFair.price) / lastReferenceFair.price;
  return drift <= input.config.fallback.maxMexcDriftPct ? mid : null;
}
