// The gates in front of quoting, in precedence order: first whether orders must all go (stop, halt, a
// reference stale beyond its hold, the operator's cancel-all), then whether order changes are frozen
// (MEXC book not live, rate-limited, no fair price), then whether new orders may be placed (paused,
// reference stale within its hold, balances unknown). The first gate that applies decides.
import type {EngineState} from '../engineState.js';
import type {FairPriceResult} from '../market/fairPrice.js';
import {throttleHoldReason} from '../risk/throttleHold.js';
import {cancelEverything, holdPlan, type Plan} from './plan.js';

/** A plan that overrides quoting altogether, or null when the ladder may be worked on. */
export function gatePlan(state: EngineState, fair: FairPriceResult | null): Plan | null {
  const {config, now, trading} = state;
  // While rate-limited nothing can be sent (the client refuses it without asking): even the cancels of a
  // halt or a quit wait for the hold to end, instead of spinning on refusals.
  const held = throttleHoldReason(state);
  const cancelAll = (reason: string): Plan => (held ? holdPlan(fair, `${reason} (${held})`) : cancelEverything(state.orders.values(), reason, fair));
  if (trading.kind === 'stopping') return cancelAll(`stopping: ${trading.reason}`);
  if (trading.kind === 'halted') return cancelAll(`halted: ${trading.reason}`);
  if (state.referenceStaleSince !== null && now - state.referenceStaleSince > config.risk.referenceStaleHoldSec * 1000)
    return cancelAll(`stale reference for over ${config.risk.referenceStaleHoldSec}s`);
  if (trading.kind === 'cancellingAll') return cancelAll('paused: operator cancel-all');
  if (!state.mexcBook.synced || state.streams['mexc.book'].state !== 'live')
    return holdPlan(fair, `MEXC book ${state.mexcBook.synced ? state.streams['mexc.book'].state : 'not synced'}: orders frozen`);
  if (held) return holdPlan(fair, held);
  if (fair === null) return holdPlan(fair, 'no reference price');
  return null;
}

export type PlacesBlocked = 'paused' | 'stale reference: holding quotes' | 'balances unknown';

/** Why no new order may be placed although the ladder is worked on (stale orders may still go), or null. */
export function placesBlocked(state: EngineState): PlacesBlocked | null {
  if (state.trading.kind === 'paused') return 'paused';
  if (state.referenceStaleSince !== null) return 'stale reference: holding quotes';
  if (!state.balancesKnown) return 'balances unknown';
  return null;
}
