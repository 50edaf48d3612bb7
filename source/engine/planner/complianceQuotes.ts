// The cost-aware quoting's inner quotes (docs/strategy.md §5.1): as wide as the spread rule safely allows,
// each followed by its guards. The gauge measures the whole MEXC book, ours included, and our inner order on
// a side can be taken at any moment: its guard is then the touch until a new inner order rests. So the
// half-spread is what is left of the rule once the margin, the guards and the drift our orders are allowed
// (twice: one per side) are taken off; the quotes narrow only where the book needs it — when one of our
// sides will show no order, the other side holds the rule against what the book shows there instead.
// Prices in integer ticks; never inside the fixed ladder's quote (quoting.halfSpreadPct), never at or
// through fair, never crossing others (post-only).
import type {PricingStep} from '../market/pricingChain.js';

export interface HalfSpreadInput {
  /** compliance.maxSpreadPct: the rule */
  maxSpreadPct: number;
  /** the margin of this decision (complianceMargins) and its base alone */
  marginPct: number;
  baseMarginPct: number;
  /** guards × guardStepPct */
  guardSpanPct: number;
  outwardTolerancePct: number;
  /** quoting.halfSpreadPct: the fixed ladder's half-spread, never undercut */
  floorPct: number;
  /** the pricing step and its own half-spread (widened while a held price is quoted: §4.1) */
  step: PricingStep;
  stepHalfSpreadPct: number;
}

/** The widest half-spread at which the worst book the quotes allow keeps `margin` under the rule. */
const ruleHalfSpread = (input: HalfSpreadInput, margin: number): number =>
  (input.maxSpreadPct - margin - input.guardSpanPct - 2 * input.outwardTolerancePct) / 2;

export function innerHalfSpread(input: HalfSpreadInput): number {
  let h = ruleHalfSpread(input, input.marginPct);
  // Away from the reference the chain's own widening applies (a held price goes stale: §4.1), as far as
  // the rule allows with the base margin: a held price does not move, so nothing re-quotes one side alone.
  if (input.step !== 'reference') h = Math.max(h, Math.min(input.stepHalfSpreadPct, ruleHalfSpread(input, input.baseMarginPct)));
  return Math.max(h, input.floorPct);
}

/** What the book will show on one side: our stack (relied on), or a touch that stays as it is. */
export type SideTouch = {kind: 'ours'} | {kind: 'absent'; touchTicks: number | null};

export interface StacksInput {
  priceDecimals: number;
  fair: number;
  halfSpreadPct: number;
  floorPct: number;
  /** the inventory skew α·q (quotes.ts) */
  skewPct: number;
  guards: number;
  guardStepPct: number;
  outwardTolerancePct: number;
  /** the worst book spread allowed: compliance.maxSpreadPct less the margin */
  targetSpreadPct: number;
  /** others' best bid and ask (ticks, our orders excluded) */
  others: {bid: number | null; ask: number | null};
  /** which sides get a stack (they have a budget) */
  quoting: {bid: boolean; ask: boolean};
  /** per side: whether its stack will rest, or what the book shows there instead */
  touch: {bid: SideTouch; ask: SideTouch};
}

/** Per side: the inner price and its guards (ticks, inner first), or null when the side gets none. */
export interface Stacks {
  bid: number[] | null;
  ask: number[] | null;
  /** ticks each order may drift away from fair (the spread reserves it) */
  toleranceTicks: number;
}

export function innerStacks(input: StacksInput): Stacks {
  const scale = 10 ** input.priceDecimals;
  const fair = input.fair * scale;
  const h = input.halfSpreadPct;
  const s = input.skewPct;
  const guardTicks = input.guards > 0 ? Math.max(1, Math.round(input.guardStepPct * fair)) : 0;
  const span = input.guards * guardTicks;
  const tol = Math.floor(input.outwardTolerancePct * fair);
  const {others, targetSpreadPct: target} = input;
  // the innermost each quote may go: the fixed ladder's quote, below / above fair, not crossing others
  let bidInnermost = Math.min(Math.floor(fair * (1 - input.floorPct - s)), Math.ceil(fair) - 1);
  if (others.ask !== null) bidInnermost = Math.min(bidInnermost, others.ask - 1);
  let askInnermost = Math.max(Math.ceil(fair * (1 + input.floorPct - s)), Math.floor(fair) + 1);
  if (others.bid !== null) askInnermost = Math.max(askInnermost, others.bid + 1);

  let bid = input.quoting.bid ? Math.min(Math.floor(fair * (1 - h - s)), bidInnermost) : null;
  let ask = input.quoting.ask ? Math.max(Math.ceil(fair * (1 + h - s)), askInnermost) : null;
  if (bid !== null && bid < 1) bid = null;

  const bidTouch = input.touch.bid;
  const askTouch = input.touch.ask;
  if (ask !== null && bidTouch.kind === 'absent' && bidTouch.touchTicks !== null) {
    // the book's bid stays where it is: our last guard (drifted out) must still hold the rule against it
    const lastMax = Math.floor((bidTouch.touchTicks * (2 + target)) / (2 - target)) - tol;
    ask = Math.max(Math.min(ask, lastMax - span), askInnermost);
  }
  if (bid !== null && askTouch.kind === 'absent' && askTouch.touchTicks !== null) {
    const lastMin = Math.ceil((askTouch.touchTicks * (2 - target)) / (2 + target)) + tol;
    bid = Math.min(Math.max(bid, lastMin + span), bidInnermost);
  }
  if (bid !== null && ask !== null && bidTouch.kind === 'ours' && askTouch.kind === 'ours') {
    // ticks round outward and the half-spread ignores a taken inner order's shift of the mid: pull the
    // wider side in until the worst book holds, by steps sized to the excess (fine ticks need many ticks)
    for (let i = 0; i < 64; i++) {
      const excess = worstSpread(bid, ask, span, tol) - target;
      if (!(excess > 0)) break;
      const bidRoom = bidInnermost - bid;
      const askRoom = ask - askInnermost;
      if (bidRoom <= 0 && askRoom <= 0) break;
      const move = Math.max(1, Math.ceil((excess * (bid + ask)) / 4));
      if (bidRoom >= askRoom) bid += Math.min(move, bidRoom);
      else ask -= Math.min(move, askRoom);
    }
  }
  const stack = (inner: number | null, direction: 1 | -1): number[] | null => {
    if (inner === null) return null;
    const out = [inner];
    for (let k = 1; k <= input.guards; k++) out.push(inner + direction * k * guardTicks);
    return out.every((t) => t >= 1) ? out : null;
  };
  return {bid: stack(bid, -1), ask: stack(ask, 1), toleranceTicks: tol};
}

/**
 * The widest the book gets with our two stacks alone: one side's inner order taken (its last guard is the
 * touch), every order drifted its tolerance away from fair.
 */
export function worstSpread(bidInner: number, askInner: number, guardSpanTicks: number, toleranceTicks: number): number {
  const relative = (ask: number, bid: number): number => (ask - bid) / ((ask + bid) / 2);
  const b = bidInner - toleranceTicks;
  const a = askInner + toleranceTicks;
  return Math.max(relative(a + guardSpanTicks, b), relative(a, b - guardSpanTicks));
}
