// Which working orders of a side keep their place on the wanted ladder, and which ladder levels are
// missing. An order keeps a level when it sits within the refresh tolerance of it and still holds enough
// of the level's size; an order off its exact level still does the job if it rests in the useful part of
// the band (depth counts anywhere within ±band, so moving it would only spend two requests). The inner
// level is the exception: it keeps the spread tight and is held only by an order near its target, or by
// the order placed for it trailing away from fair within the spread rule (innerTrail.ts); the compliance
// quoting's guards, which a level marks as pinned, likewise (docs/strategy.md §5.1).
import type {Side} from '../events.js';
import type {Config} from '../../config/configSchema.js';
import {remainingLots, type LocalOrder} from '../orders/localOrder.js';
import type {SymbolRules} from '../symbolRules.js';
import type {LadderLevel} from './ladder.js';

/** Fraction of a level's target size an order must still have to keep its place (mostly filled orders are replaced). */
export const KEEP_FRACTION = 0.3;
/** check_market_depth top-up: below the top-up line, the most depleted order under this fraction is replaced. */
export const TOP_UP_KEEP_FRACTION = 0.9;

const fractionLeft = (o: LocalOrder): number => remainingLots(o) / Math.max(1, o.qtyLots);

/**
 * check_market_depth: top up only when the side nears the rule's minimum (between the minimum and our
 * target the buffer is doing its job), by replacing the most depleted order, one per pass: every
 * replacement costs two requests, and fills keep coming while the first one lands.
 */
export function depletedOrder(
  candidates: readonly LocalOrder[],
  ownDepth: number,
  sideDepth: number,
  config: Config,
  /** the side's target now (smaller while a held fair price is quoted: docs/strategy.md §4.1) */
  depthTarget: number = config.depthTargetUsdt,
): LocalOrder | null {
  const topUpBelow = (config.compliance.minDepthUsdt + depthTarget) / 2;
  if (Math.min(ownDepth, sideDepth) >= topUpBelow) return null;
  let depleted: LocalOrder | null = null;
  for (const o of candidates) if (fractionLeft(o) < TOP_UP_KEEP_FRACTION && (!depleted || fractionLeft(o) < fractionLeft(depleted))) depleted = o;
  return depleted;
}

export interface LadderMatchInput {
  side: Side;
  ladder: readonly LadderLevel[];
  /** working orders of the side not retiring and not cancelled for risk */
  candidates: readonly LocalOrder[];
  /** the order to replace for a top-up, if any: it keeps no level */
  depleted: LocalOrder | null;
  toleranceTicks: number;
  fair: number;
  rules: SymbolRules;
  config: Config;
  /**
   * where (ticks, both included) a spare order may rest and still fill a missing level; absent: from the
   * inner level plus the tolerance out to the fair-centred band less half its margin (docs/strategy.md
   * §8). The compliance quoting gives its depth zone, measured on the gauge's band (§5.1).
   */
  spareRange?: {innermostTicks: number; outermostTicks: number};
}

export interface LadderMatch {
  /** clientOrderIds of the candidates that keep a level */
  used: Set<string>;
  /** ladder levels no order holds, inner first */
  missing: LadderLevel[];
}

export function matchLadder(input: LadderMatchInput): LadderMatch {
  const {ladder, candidates, depleted, toleranceTicks} = input;
  const used = new Set<string>();
  const missing: LadderLevel[] = [];
  for (const level of ladder) {
    let best: LocalOrder | null = null;
    for (const order of candidates) {
      if (used.has(order.clientOrderId) || order === depleted) continue;
      const distance = Math.abs(order.priceTicks - level.priceTicks);
      if (!withinTolerance(input.side, order, level, toleranceTicks)) continue;
      if (remainingLots(order) < level.qtyLots * KEEP_FRACTION) continue;
      if (level.pinned && remainingLots(order) > level.pinned.maxLots) continue;
      if (!best || distance < Math.abs(best.priceTicks - level.priceTicks)) best = order;
    }
    if (best) used.add(best.clientOrderId);
    else missing.push(level);
  }
  if (ladder.length > 0 && missing.length > 0) reuseSpares(input, used, missing);
  return {used, missing};
}

/** Spare orders resting in the useful part of the band fill missing levels other than the inner one. */
function reuseSpares(input: LadderMatchInput, used: Set<string>, missing: LadderLevel[]): void {
  const {side, ladder, candidates, depleted, toleranceTicks, fair, rules, config} = input;
  const scale = 10 ** rules.priceDecimals;
  const slack = config.bandPct - config.quoting.bandMarginPct / 2;
  const inner = ladder[0]!.priceTicks;
  const range = input.spareRange ?? {
    innermostTicks: side === 'BUY' ? inner + toleranceTicks : inner - toleranceTicks,
    outermostTicks: side === 'BUY' ? Math.ceil(fair * (1 - slack) * scale) : Math.floor(fair * (1 + slack) * scale),
  };
  const useful = (o: LocalOrder): boolean =>
    side === 'BUY'
      ? o.priceTicks <= range.innermostTicks && o.priceTicks >= range.outermostTicks
      : o.priceTicks >= range.innermostTicks && o.priceTicks <= range.outermostTicks;
  const spare = candidates.filter((o) => !used.has(o.clientOrderId) && o !== depleted && useful(o));
  for (let i = missing.length - 1; i >= 0 && spare.length > 0; i--) {
    const level = missing[i]!;
    if (level === ladder[0] || level.pinned) continue;
    let pick = -1;
    for (let k = 0; k < spare.length; k++) {
      const order = spare[k]!;
      if (remainingLots(order) < level.qtyLots * KEEP_FRACTION) continue;
      if (pick < 0 || Math.abs(order.priceTicks - level.priceTicks) < Math.abs(spare[pick]!.priceTicks - level.priceTicks)) pick = k;
    }
    if (pick < 0) continue;
    used.add(spare[pick]!.clientOrderId);
    spare.splice(pick, 1);
    missing.splice(i, 1);
  }
}

/**
 * Whether an order is close enough to `level` to hold it: the level's own tolerance; for the fixed ladder's
 * inner level and the order placed for it, the refresh tolerance toward fair and the trail away from it;
 * else the refresh tolerance both ways.
 */
function withinTolerance(side: Side, order: LocalOrder, level: LadderLevel, toleranceTicks: number): boolean {
  const tolerance = level.tolerance ?? (level.trail && order.trails ? {inwardTicks: toleranceTicks, outwardTicks: level.trail.outwardTicks} : null);
  if (!tolerance) return Math.abs(order.priceTicks - level.priceTicks) <= toleranceTicks;
  // a bid above its level, or an ask below it, sits toward fair
  const towardFair = side === 'BUY' ? order.priceTicks - level.priceTicks : level.priceTicks - order.priceTicks;
  return towardFair >= 0 ? towardFair <= tolerance.inwardTicks : -towardFair <= tolerance.outwardTicks;
}
