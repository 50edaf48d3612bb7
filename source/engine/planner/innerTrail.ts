// How far the fixed ladder's inner quote may drift away from fair before it is moved (docs/strategy.md §8,
// step 4). Toward fair the refresh tolerance applies as for every level (an order closer to fair than its
// target is the one the arbitrageur takes). Away from fair the only thing the inner quote guards is the
// spread rule, so it may trail as far as keeps both inner quotes, each drifted that far, inside the rule
// with a margin: a fair price moving up leaves the inner bid where it is instead of moving it. Only the
// order placed as the inner quote trails (LocalOrder.trails): when it is taken, the next bid does not
// become the inner quote; a new one goes on the target, so fills do not widen the spread. The deeper
// levels keep their targets: while the inner quote trails, a new deeper order may rest nearer fair than
// it. Laying the ladder out from the trailing order instead churned more in the bench (docs/strategy.md §8).
import type {LadderLevel} from './ladder.js';

/** the margin kept under the spread rule when both inner quotes have drifted as far as they may */
export const INNER_TRAIL_SPREAD_MARGIN_PCT = 0.002;

export interface InnerTrailInput {
  fair: number;
  /** the inner quotes' targets (quotes.ts), as prices */
  bid: number;
  ask: number;
  priceDecimals: number;
  /** compliance.maxSpreadPct */
  maxSpreadPct: number;
  /** quoting.innerTrailPct: the most the inner quote may drift away, as a fraction of fair; 0 = off */
  trailPct: number;
  /** the refresh tolerance in ticks (never less) */
  toleranceTicks: number;
}

/** Ticks the inner quote may sit away from fair beyond its target and still hold the inner level. */
export function innerTrailTicks(input: InnerTrailInput): number {
  const scale = 10 ** input.priceDecimals;
  const targetSpreadTicks = (input.ask - input.bid) * scale;
  const roomTicks = input.fair * (input.maxSpreadPct - INNER_TRAIL_SPREAD_MARGIN_PCT) * scale - targetSpreadTicks;
  const wanted = Math.floor(input.fair * input.trailPct * scale);
  const allowed = Math.floor(roomTicks / 2);
  return Math.max(input.toleranceTicks, Math.min(wanted, allowed));
}

/** The ladder with its inner level marked: the order placed for it may trail `trailTicks` away from fair. */
export function withInnerTrail(ladder: LadderLevel[], toleranceTicks: number, trailTicks: number): LadderLevel[] {
  if (ladder.length === 0 || trailTicks <= toleranceTicks) return ladder;
  const [inner, ...rest] = ladder;
  return [{...inner!, trail: {outwardTicks: trailTicks}}, ...rest];
}
