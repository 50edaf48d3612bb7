// The N orders of one side: distinct on-tick prices from the inner quote out toward the band edge, with
// the side's budget spread across them. Depth only counts inside ±bandPct of mid, so no level is ever
// placed outside it; the outermost target sits bandMarginPct inside the edge so a small mid drift does
// not immediately push it out. Orders are post-only, so no level may reach the opposite best.
import type {Side} from '../events.js';
import {lotsWithinNotional, notionalOf, type SymbolRules} from '../symbolRules.js';

export interface LadderLevel {
  priceTicks: number;
  qtyLots: number;
  /**
   * how far an order may sit from this level and still hold it, toward fair and away from it; absent: the
   * refresh tolerance both ways. The compliance quoting lets its orders drift away from fair only a little
   * (that is where the spread and the band edge are): docs/strategy.md §5.1
   */
  tolerance?: {inwardTicks: number; outwardTicks: number};
  /**
   * the fixed ladder's inner level (innerTrail.ts, docs/strategy.md §8): an order placed for it (LocalOrder
   * .trails) may hold it this far away from fair; any other order only within the refresh tolerance
   */
  trail?: {outwardTicks: number};
  /**
   * the compliance quoting's inner quote and guards (docs/strategy.md §5.1): held only by an order of at most
   * maxLots (a large order at the touch is what gets picked off), never by a spare, never grown by a top-up
   */
  pinned?: {maxLots: number};
}

export interface LadderInput {
  side: Side;
  rules: SymbolRules;
  /** our inner quote for this side, quote units (from quotes()) */
  innerPrice: number;
  /** the band's centre (MEXC mid as the exchange measures it), quote units */
  center: number;
  bandPct: number;
  bandMarginPct: number;
  levels: number;
  /** quote value to spread over this side */
  budgetQuote: number;
  /** best price on the other side of the book (ticks), null when that side is empty */
  oppositeBestTicks: number | null;
  maxOrderNotional: number;
}

/** Best (inner) level first. Empty when no valid price exists or the budget cannot fund one order. */
export function buildLadder(input: LadderInput): LadderLevel[] {
  const prices = ladderPrices(input);
  if (prices.length === 0) return [];
  return sizeLevels(prices, input);
}

/** Distinct on-tick prices, inner first; exported for order planning (targets without sizes). */
export function ladderPrices(input: Omit<LadderInput, 'budgetQuote' | 'maxOrderNotional'>): number[] {
  const {side, center, bandPct, bandMarginPct, innerPrice, oppositeBestTicks} = input;
  const count = Math.floor(input.levels);
  if (!(center > 0) || !Number.isFinite(center) || !Number.isFinite(innerPrice) || count < 1 || !(bandPct > 0)) return [];
  const scale = 10 ** input.rules.priceDecimals;
  const margin = Math.min(Math.max(bandMarginPct, 0), bandPct);
  // Math.ceil / Math.floor without slack: a float error can only move a level one tick further inside.
  const bandLow = Math.ceil(center * (1 - bandPct) * scale);
  const bandHigh = Math.floor(center * (1 + bandPct) * scale);
  // a tick coarser than the band can leave no on-tick price inside it at all
  if (bandLow > bandHigh) return [];
  if (side === 'BUY') {
    let inner = Math.floor(innerPrice * scale);
    inner = Math.min(Math.max(inner, bandLow), bandHigh);
    if (oppositeBestTicks !== null) inner = Math.min(inner, oppositeBestTicks - 1);
    if (inner < bandLow || inner < 1) return [];
    let outer = Math.max(Math.ceil(center * (1 - (bandPct - margin)) * scale), bandLow, 1);
    // too little room between inner and the soft edge: use the margin too
    if (inner - outer < count - 1) outer = Math.max(bandLow, 1);
    outer = Math.min(outer, inner);
    return evenTicks(inner, outer, count, -1);
  }
  let inner = Math.ceil(innerPrice * scale);
  inner = Math.min(Math.max(inner, bandLow), bandHigh);
  if (oppositeBestTicks !== null) inner = Math.max(inner, oppositeBestTicks + 1);
  if (inner > bandHigh || inner < 1) return [];
  let outer = Math.min(Math.floor(center * (1 + (bandPct - margin)) * scale), bandHigh);
  if (outer - inner < count - 1) outer = bandHigh;
  outer = Math.max(outer, inner);
  return evenTicks(inner, outer, count, 1);
}

/** Up to `count` distinct ticks evenly spaced from inner to outer (fewer when the range is narrower). */
export function evenTicks(inner: number, outer: number, count: number, direction: 1 | -1): number[] {
  const span = Math.abs(outer - inner);
  const n = Math.min(count, span + 1);
  if (n === 1) return [inner];
  const step = span / (n - 1);
  const out: number[] = [];
  // step >= 1, so rounded positions are strictly increasing: all distinct
  for (let i = 0; i < n; i++) out.push(inner + direction * Math.round(i * step));
  return out;
}

/**
 * Equal quote value per level, each floored to whole lots and capped at maxOrderNotional. When the
 * budget cannot give every level the exchange minimums, the outermost levels are dropped and their
 * budget moves inward (inner levels matter most for the spread).
 */
function sizeLevels(prices: number[], input: LadderInput): LadderLevel[] {
  const {rules, budgetQuote, maxOrderNotional} = input;
  if (!(budgetQuote > 0) || !(maxOrderNotional > 0)) return [];
  const minLots = Math.max(1, rules.minQtyLots);
  for (let k = prices.length; k >= 1; k--) {
    const perLevel = Math.min(budgetQuote / k, maxOrderNotional);
    const out: LadderLevel[] = [];
    for (let i = 0; i < k; i++) {
      const priceTicks = prices[i]!;
      const qtyLots = lotsWithinNotional(priceTicks, perLevel, rules);
      if (qtyLots < minLots || notionalOf(priceTicks, qtyLots, rules) < rules.minNotional) break;
      out.push({priceTicks, qtyLots});
    }
    if (out.length === k) return out;
  }
  return [];
}
