// Per-order risk checks: why an open order must be cancelled right now, whatever replaces it.
import type {Side} from '../events.js';
import type {EngineState} from '../engineState.js';
import {remainingLots, type LocalOrder} from '../orders/localOrder.js';
import {notionalOf} from '../symbolRules.js';

/** Tolerance on the size cap: an order sized exactly at the cap must not be cancelled by float rounding. */
const SIZE_CAP_TOLERANCE = 1.0001;

export function riskReason(order: LocalOrder, side: Side, fairTicks: number, state: EngineState): string | null {
  const {config, rules} = state;
  if (side === 'BUY' && order.priceTicks >= fairTicks) return 'bid at or above fair';
  if (side === 'SELL' && order.priceTicks <= fairTicks) return 'ask at or below fair';
  const distance = Math.abs(order.priceTicks - fairTicks) / fairTicks;
  if (distance > config.risk.maxDistanceFromFairPct) return `more than ${(config.risk.maxDistanceFromFairPct * 100).toFixed(1)}% from fair`;
  const notional = notionalOf(order.priceTicks, remainingLots(order), rules);
  if (notional > config.risk.maxOrderNotionalUsdt * SIZE_CAP_TOLERANCE) return 'above size cap';
  return null;
}
