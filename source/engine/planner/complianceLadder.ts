// The cost-aware quoting's ladder of both sides (docs/strategy.md §5.1): a small inner order and its small
// guards as wide as the spread rule safely allows (complianceQuotes.ts), then the side's depth — the rest
// of its budget — toward the outer edge of the band, where it counts and is least likely to be taken.
// The band that counts is the gauge's, centred on MEXC's mid as the book will show it (ours included), not
// on fair: the outermost order keeps a margin inside it that covers the mid's own moves until we follow
// (the drift our orders are allowed, a taken inner order, others pulling their quotes) plus the volatility
// margin. Only when that leaves no room between the guards and the band's edge do the quotes narrow.
import type {Config} from '../../config/configSchema.js';
import type {PricingDecision} from '../market/pricingChain.js';
import type {ReferenceRisk} from '../market/referenceRisk.js';
import {lotsWithinNotional, notionalOf, type SymbolRules} from '../symbolRules.js';
import {complianceMargins, type ComplianceMargins} from './complianceMargins.js';
import {innerHalfSpread, innerStacks, type SideTouch} from './complianceQuotes.js';
import {evenTicks, type LadderLevel} from './ladder.js';

export interface ComplianceLadderInput {
  config: Config;
  rules: SymbolRules;
  /** the price the plan centres on, quote units */
  fair: number;
  /** the inventory skew α·q (quotes.ts) */
  skewPct: number;
  pricing: Pick<PricingDecision, 'step' | 'halfSpreadPct'>;
  risk: ReferenceRisk;
  /** others' best bid and ask (ticks, our orders excluded) */
  others: {bid: number | null; ask: number | null};
  /** each side's budget (sideBudgets.ts) */
  budgets: {bid: number; ask: number};
  /** no new order may be placed (gates.ts): what already rests is what the book will show */
  placesBlocked: boolean;
  /** our best working order per side (ticks), what stays while places are blocked */
  ownBest: {bid: number | null; ask: number | null};
}

export interface ComplianceSide {
  levels: LadderLevel[];
  /** where a spare order may rest and still fill a missing depth level (ladderMatch.ts) */
  spareRange: {innermostTicks: number; outermostTicks: number};
}

export interface ComplianceLadders {
  bid: ComplianceSide;
  ask: ComplianceSide;
  halfSpreadPct: number;
  margins: ComplianceMargins;
}

/** ticks a narrowing pass may move the stacks in; a few passes settle it (the mid moves half as much) */
const NARROWING_PASSES = 3;

export function complianceLadders(input: ComplianceLadderInput): ComplianceLadders {
  const {config, rules} = input;
  const c = config.quoting.compliance;
  const scale = 10 ** rules.priceDecimals;
  const fair = input.fair * scale;
  const margins = complianceMargins(config, input.risk);
  const levels = Math.max(1, Math.floor(config.levels));
  const guards = Math.max(0, Math.min(c.guardLevels, levels - 2));
  const guardSpanPct = guards * c.guardStepPct;
  const floorPct = config.quoting.halfSpreadPct;
  const halfSpreadPct = innerHalfSpread({
    maxSpreadPct: config.compliance.maxSpreadPct,
    marginPct: margins.spreadPct,
    baseMarginPct: c.spreadMarginPct,
    guardSpanPct,
    outwardTolerancePct: c.outwardTolerancePct,
    floorPct,
    step: input.pricing.step,
    stepHalfSpreadPct: input.pricing.halfSpreadPct,
  });
  const quoting = {bid: input.budgets.bid > 0, ask: input.budgets.ask > 0};
  const touchOf = (side: 'bid' | 'ask'): SideTouch => {
    // a side without a budget has its orders cancelled: others' best is what stays
    if (!quoting[side]) return {kind: 'absent', touchTicks: input.others[side]};
    if (!input.placesBlocked) return {kind: 'ours'};
    return {kind: 'absent', touchTicks: better(side, input.others[side], input.ownBest[side])};
  };
  const touch = {bid: touchOf('bid'), ask: touchOf('ask')};
  const stacks = innerStacks({
    priceDecimals: rules.priceDecimals,
    fair: input.fair,
    halfSpreadPct,
    floorPct,
    skewPct: input.skewPct,
    guards,
    guardStepPct: c.guardStepPct,
    outwardTolerancePct: c.outwardTolerancePct,
    // a held price does not move (innerHalfSpread widens it to the base margin's rule): the same target here,
    // or the pull-in would undo that widening
    targetSpreadPct: config.compliance.maxSpreadPct - (input.pricing.step === 'reference' ? margins.spreadPct : Math.min(margins.spreadPct, c.spreadMarginPct)),
    others: input.others,
    quoting,
    touch,
  });
  const tol = stacks.toleranceTicks;
  const refreshTicks = Math.max(1, Math.floor(fair * config.quoting.refreshTolerancePct));
  const guardTicks = guards > 0 && stacks.bid ? stacks.bid[0]! - stacks.bid[1]! : guards > 0 && stacks.ask ? stacks.ask[1]! - stacks.ask[0]! : 0;
  // before anything re-quotes, the gauge's mid can move against the outermost order by that order's own
  // drift away from fair, half an inner order's drift toward fair and half a guard step (an inner order taken)
  const depthMargin = margins.depthPct + (tol + Math.max(refreshTicks, tol) / 2 + (guards > 0 ? guardTicks / 2 : 0)) / fair;
  const band = config.bandPct;
  const bidInnermost = Math.min(Math.floor(fair * (1 - floorPct - input.skewPct)), Math.ceil(fair) - 1, input.others.ask === null ? Infinity : input.others.ask - 1);
  const askInnermost = Math.max(Math.ceil(fair * (1 + floorPct - input.skewPct)), Math.floor(fair) + 1, input.others.bid === null ? -Infinity : input.others.bid + 1);
  const depthCount = levels - 1 - guards;
  let bid = stacks.bid;
  let ask = stacks.ask;
  let limits = outerLimits();
  for (let pass = 0; pass < NARROWING_PASSES; pass++) {
    // no room for the depth between the guards and the outer limit: the stack moves toward fair
    const bidShift = bid && depthCount > 0 ? Math.min(limits.bid + depthCount - bid[bid.length - 1]!, bidInnermost - bid[0]!) : 0;
    const askShift = ask && depthCount > 0 ? Math.min(ask[ask.length - 1]! - (limits.ask - depthCount), ask[0]! - askInnermost) : 0;
    if (bidShift <= 0 && askShift <= 0) break;
    if (bid && bidShift > 0) bid = bid.map((t) => t + bidShift);
    if (ask && askShift > 0) ask = ask.map((t) => t - askShift);
    limits = outerLimits();
  }

  function outerLimits(): {bid: number; ask: number} {
    // the book's mid with our stacks (others pulled) and with others' best where it is better (others
    // staying): the outermost order must hold in both
    const bookBid = touch.bid.kind === 'ours' ? better('bid', bid?.[0] ?? null, input.others.bid) : touch.bid.touchTicks;
    const bookAsk = touch.ask.kind === 'ours' ? better('ask', ask?.[0] ?? null, input.others.ask) : touch.ask.touchTicks;
    const mids: number[] = [];
    if (bookBid !== null && bookAsk !== null && bookBid < bookAsk) mids.push((bookBid + bookAsk) / 2);
    if (bid && ask && touch.bid.kind === 'ours' && touch.ask.kind === 'ours') mids.push((bid[0]! + ask[0]!) / 2);
    if (mids.length === 0) mids.push(fair);
    const high = Math.max(...mids);
    const low = Math.min(...mids);
    const hardBid = Math.max(Math.ceil(fair * (1 - band)), Math.ceil(fair * (1 - config.risk.maxDistanceFromFairPct)), 1);
    const hardAsk = Math.min(Math.floor(fair * (1 + band)), Math.floor(fair * (1 + config.risk.maxDistanceFromFairPct)));
    return {bid: Math.max(Math.ceil(high * (1 - band + depthMargin)), hardBid), ask: Math.min(Math.floor(low * (1 + band - depthMargin)), hardAsk)};
  }

  const spanTicks = Math.round(c.depthSpanPct * fair);
  // drifting toward fair only narrows the book's spread: there the usual refresh tolerance spares requests
  // a pinned order drifts outward less than a guard step: else a guard would hold the taken inner level
  // and its replacement land on the guard's price
  const pinTolerance = {inwardTicks: refreshTicks, outwardTicks: guardTicks > 0 ? Math.min(Math.max(1, tol), guardTicks - 1) : Math.max(1, tol)};
  const depthTolerance = {inwardTicks: refreshTicks, outwardTicks: Math.max(1, tol)};
  const side = (stack: number[] | null, outer: number, direction: 1 | -1, budget: number): ComplianceSide => {
    const empty: ComplianceSide = {levels: [], spareRange: {innermostTicks: outer, outermostTicks: outer}};
    if (!stack || !(budget > 0)) return empty;
    const lastGuard = stack[stack.length - 1]!;
    // depth from (outer − span) out to the outer limit, always beyond the last guard
    const innermostDepth = direction === -1 ? Math.min(outer + spanTicks, lastGuard - 1) : Math.max(outer - spanTicks, lastGuard + 1);
    const outermostDepth = direction === -1 ? Math.min(outer, innermostDepth) : Math.max(outer, innermostDepth);
    const sized = sizeSide({stack, depthCount, innermostDepth, outermostDepth, direction, budget, rules, config, pinTolerance, depthTolerance});
    // a spare holds a depth level from the depth's inward tolerance (never inside the guards) out to its outward one
    const innermostSpare = direction === -1 ? Math.min(innermostDepth + refreshTicks, lastGuard - 1) : Math.max(innermostDepth - refreshTicks, lastGuard + 1);
    const spareRange = {innermostTicks: innermostSpare, outermostTicks: outermostDepth + direction * Math.max(1, tol)};
    return {levels: sized, spareRange};
  };
  const result = {bid: side(bid, limits.bid, -1, input.budgets.bid), ask: side(ask, limits.ask, 1, input.budgets.ask), halfSpreadPct, margins};
  return result;
}

/** The better of two prices on a side (higher bid, lower ask); null only when both are. */
function better(side: 'bid' | 'ask', a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return side === 'bid' ? Math.max(a, b) : Math.min(a, b);
}

interface SizeInput {
  stack: number[];
  depthCount: number;
  innermostDepth: number;
  outermostDepth: number;
  direction: 1 | -1;
  budget: number;
  rules: SymbolRules;
  config: Config;
  pinTolerance: NonNullable<LadderLevel['tolerance']>;
  depthTolerance: NonNullable<LadderLevel['tolerance']>;
}

/**
 * The inner order and each guard get innerNotionalUsdt (at least the exchange minimums), the depth
 * levels share the rest equally, each capped at maxOrderNotional. A budget too small for every depth
 * level uses fewer, spread over the same span and always keeping the outermost price: the depth belongs
 * toward the edge.
 */
function sizeSide(input: SizeInput): LadderLevel[] {
  const {rules, config} = input;
  const cap = config.risk.maxOrderNotionalUsdt;
  const out: LadderLevel[] = [];
  let left = input.budget;
  for (const priceTicks of input.stack) {
    const qtyLots = Math.max(lotsWithinNotional(priceTicks, Math.min(config.quoting.compliance.innerNotionalUsdt, cap, left), rules), minimumLots(priceTicks, rules));
    const cost = notionalOf(priceTicks, qtyLots, rules);
    if (cost > left || cost > cap) return out;
    out.push({priceTicks, qtyLots, tolerance: input.pinTolerance, pinned: {maxLots: qtyLots * 2}});
    left -= cost;
  }
  if (input.depthCount < 1 || !(left > 0)) return out;
  for (let k = input.depthCount; k >= 1; k--) {
    // spread from the outer end, so fewer levels keep the outermost prices; inner first once reversed
    const prices = evenTicks(input.outermostDepth, input.innermostDepth, k, input.direction === -1 ? 1 : -1).reverse();
    const perLevel = Math.min(left / prices.length, cap);
    const depth: LadderLevel[] = [];
    for (const priceTicks of prices) {
      const qtyLots = lotsWithinNotional(priceTicks, perLevel, rules);
      if (qtyLots < minimumLots(priceTicks, rules)) break;
      depth.push({priceTicks, qtyLots, tolerance: input.depthTolerance});
    }
    if (depth.length === prices.length) return [...out, ...depth];
  }
  return out;
}

/** The fewest lots the exchange takes at this price (minimum quantity and minimum order value). */
function minimumLots(priceTicks: number, rules: SymbolRules): number {
  let lots = Math.max(1, rules.minQtyLots);
  const perLot = notionalOf(priceTicks, 1, rules);
  if (perLot > 0 && rules.minNotional > 0) lots = Math.max(lots, Math.ceil(rules.minNotional / perLot - 1e-9));
  return lots;
}
