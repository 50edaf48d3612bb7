// Places the missing ladder levels of a side, inner first, as far as funds and the caps allow. The new
// orders carry what the side lacks, not just their level's share: a top-up after fills restores the
// whole budget in one replacement instead of one per partly filled order. Each order stays within the
// per-order notional cap; together with what is already committed, within the total-notional cap.
import type {Side} from '../events.js';
import type {Config} from '../../config/configSchema.js';
import type {PlannedPlace} from './plan.js';
import {lotsWithinNotional, notionalOf, type SymbolRules} from '../symbolRules.js';
import type {LadderLevel} from './ladder.js';

/** Funds are used up to this share of what is available (fees and rounding must not make MEXC refuse). */
const FUNDS_HEADROOM = 0.995;

export interface SizingInput {
  side: Side;
  missing: readonly LadderLevel[];
  /** quote value of the orders that keep their levels */
  keptDepth: number;
  budgetQuote: number;
  /** quote value this side's asset can still fund */
  available: number;
  /** quote value committed by all our orders so far (both sides, this pass's new ones included) */
  committed: number;
  /** some orders of the side are being replaced (the reason the journal shows) */
  replacing: boolean;
  rules: SymbolRules;
  config: Config;
  nextClientOrderId: () => string;
}

export interface Sizing {
  places: PlannedPlace[];
  /** a level could not be placed for lack of funds or under the total cap */
  blockedByFunds: boolean;
  /** committed after these places */
  committed: number;
}

export function sizeMissingLevels(input: SizingInput): Sizing {
  const {missing, rules, config} = input;
  let available = input.available;
  let committed = input.committed;
  const places: PlannedPlace[] = [];
  // pinned levels (the compliance quoting's inner quote and guards, docs/strategy.md §5.1) keep their
  // small size: what the side lacks goes to the depth levels only
  let missingCost = 0;
  let pinnedCost = 0;
  for (const level of missing) {
    if (level.pinned) pinnedCost += notionalOf(level.priceTicks, level.qtyLots, rules);
    else missingCost += notionalOf(level.priceTicks, level.qtyLots, rules);
  }
  const grow = missingCost > 0 ? Math.max(1, (input.budgetQuote - input.keptDepth - pinnedCost) / missingCost) : 1;
  for (const missingLevel of missing) {
    const capLots = lotsWithinNotional(missingLevel.priceTicks, config.risk.maxOrderNotionalUsdt, rules);
    const qtyLots = missingLevel.pinned ? missingLevel.qtyLots : Math.max(missingLevel.qtyLots, Math.min(Math.floor(missingLevel.qtyLots * grow), capLots));
    const cost = notionalOf(missingLevel.priceTicks, qtyLots, rules);
    if (cost > available * FUNDS_HEADROOM || committed + cost > config.risk.maxTotalNotionalUsdt) return {places, blockedByFunds: true, committed};
    available -= cost;
    committed += cost;
    places.push({
      kind: 'place',
      clientOrderId: input.nextClientOrderId(),
      side: input.side,
      priceTicks: missingLevel.priceTicks,
      qtyLots,
      reason: input.replacing ? 'replace' : 'fill ladder',
      ...(missingLevel.trail ? {trails: true} : {}),
    });
  }
  return {places, blockedByFunds: false, committed};
}
