// After each decision: remember the fair prices the fallback chain holds on to, and record where the
// price came from and whether the pair is suspended — with a notice (journal, log, console) at every
// change, so an operator reading the journal next morning sees each step of an outage
// (docs/strategy.md §4.1, §12.1). The decision itself is pure (market/pricingChain.ts, suspension.ts).
import type {EngineContext} from '../engineContext.js';
import type {EngineState} from '../engineState.js';
import type {PricingDecision, PricingStep} from '../market/pricingChain.js';
import type {Plan} from '../planner/plan.js';

const STEP_LABEL: Record<PricingStep, string> = {
  reference: 'the reference',
  mexcOthers: "MEXC others' mid",
  heldLast: 'the held last fair price',
  holdingQuotes: 'the stale reference',
  none: 'no price',
};

export function recordDecision(ctx: EngineContext, plan: Plan): void {
  const {state} = ctx;
  const {pricing} = plan;
  if (pricing === null) return;
  // before the first fair price (start-up) there is no outage to tell of: waiting for it, and getting it, say nothing
  const neverPriced = state.lastFair === null;
  if (pricing.price !== null && (pricing.step === 'reference' || pricing.step === 'mexcOthers')) {
    state.lastFair = {price: pricing.price, at: state.now};
    if (pricing.step === 'reference') state.lastReferenceFair = {price: pricing.price, at: state.now};
  }
  recordStep(ctx, pricing, neverPriced);
  recordSuspension(ctx, plan.suspension);
}

function recordStep(ctx: EngineContext, pricing: PricingDecision, neverPriced: boolean): void {
  const {state, notices} = ctx;
  const previous = state.pricing;
  if (previous.step === pricing.step && previous.widenLevel === pricing.widenLevel) {
    previous.price = pricing.price;
    previous.detail = pricing.detail;
    return;
  }
  const stepChanged = previous.step !== pricing.step;
  const awaySince = pricing.step === 'reference' ? null : (previous.awaySince ?? state.now);
  state.pricing = {step: pricing.step, since: stepChanged ? state.now : previous.since, price: pricing.price, widenLevel: pricing.widenLevel, detail: pricing.detail, awaySince};
  ctx.persistSoon();
  if (neverPriced && (pricing.step === 'reference' || (pricing.step === 'holdingQuotes' && pricing.price === null))) return;
  const outage = referenceOutage(state);
  switch (pricing.step) {
    case 'reference': {
      // the whole time away from the reference, whichever steps it went through
      const away = formatMs(state.now - (previous.awaySince ?? previous.since));
      const compared =
        previous.price !== null && pricing.price !== null
          ? `: fair ${pricing.price.toPrecision(6)} vs ${STEP_LABEL[previous.step]} ${previous.price.toPrecision(6)} (${signedPercent(pricing.price / previous.price - 1)})`
          : '';
      notices.info(`reference back after ${away}, last on ${STEP_LABEL[previous.step]}${compared}; quoting from the reference`);
      return;
    }
    case 'mexcOthers':
      notices.warn(`pricing from MEXC others' mid ${pricing.price?.toPrecision(6)} (${outage})`);
      return;
    case 'heldLast':
      if (pricing.widenLevel === 0) notices.warn(`holding the last fair price ${pricing.price?.toPrecision(6)} through a brief gap (${outage})`);
      else
        notices.warn(
          `holding the last fair price ${pricing.price?.toPrecision(6)} (${outage}): quotes widened to ±${percent(pricing.halfSpreadPct)} ` +
            `(step ${pricing.widenLevel}/${state.config.fallback.widenSteps}), ${Math.round(pricing.depthTarget)} USDT per side`,
        );
      return;
    case 'holdingQuotes':
      notices.warn(`stale reference: holding quotes, no new orders, for up to ${state.config.risk.referenceStaleHoldSec}s (${outage})`);
      return;
    case 'none':
      return; // the suspension's own notice says it
  }
}

/**
 * A MEXC book suspension is told of only once it has lasted this long: every start and every WebSocket
 * reconnect passes through a moment without a synced book (orders are frozen for it all the same), and a
 * "SUSPENDED … lifted after 0s" pair each time would bury the suspensions that matter in the journal.
 */
export const MEXC_BOOK_NOTICE_AFTER_MS = 3_000;

function recordSuspension(ctx: EngineContext, next: Plan['suspension']): void {
  const {state} = ctx;
  const current = state.suspension;
  if (current === null && next === null) return;
  if (current !== null && next !== null && current.cause === next.cause) {
    current.reason = next.reason;
    if (!state.suspensionAnnounced && state.now - current.since >= MEXC_BOOK_NOTICE_AFTER_MS) announce(ctx);
    return;
  }
  if (current !== null && state.suspensionAnnounced) ctx.notices.info(`suspension lifted after ${formatMs(state.now - current.since)} (was: ${current.reason})`);
  state.suspension = next === null ? null : {...next, since: state.now};
  state.suspensionAnnounced = false;
  if (next !== null && next.cause !== 'mexcBook') announce(ctx);
  ctx.persistSoon();
}

function announce(ctx: EngineContext): void {
  const {state} = ctx;
  if (state.suspension === null) return;
  state.suspensionAnnounced = true;
  const lasted = state.now - state.suspension.since;
  const already = lasted > 0 ? `, for ${formatMs(lasted)} so far` : '';
  ctx.notices.warn(`SUSPENDED: ${state.suspension.reason} (clears by itself when its cause clears${already})`);
}

/** "KuCoin down 4m12s": the reference stream's state and how long the reference has been stale. */
export function referenceOutage(state: EngineState): string {
  const since = state.referenceStaleSince;
  const stream = state.streams['kucoin.book'].state;
  return since === null ? `KuCoin ${stream}` : `KuCoin ${stream === 'live' ? 'stale' : stream} ${formatMs(state.now - since)}`;
}

function formatMs(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

const percent = (fraction: number): string => `${Number((fraction * 100).toFixed(3))}%`;
const signedPercent = (fraction: number): string => `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(2)}%`;
