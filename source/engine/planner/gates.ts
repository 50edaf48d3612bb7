// The gates in front of quoting, in precedence order: first whether orders must all go (stop, halt, a
// suspension for want of any usable price, the operator's cancel-all), then whether order changes are
// frozen (a suspension because the MEXC book cannot be read, rate-limited, no price), then whether new
// orders may be placed (paused, MEXC refusing orders for now, a stale reference held without new
// orders, balances unknown). The first gate that applies decides.
import type {EngineState} from '../engineState.js';
import type {FairPriceResult} from '../market/fairPrice.js';
import type {PricingDecision} from '../market/pricingChain.js';
import {throttleHoldReason} from '../risk/throttleHold.js';
import type {SuspensionCause} from '../risk/suspension.js';
import {cancelEverything, holdPlan, type Plan} from './plan.js';

export interface GateInput {
  fair: FairPriceResult | null;
  pricing: PricingDecision;
  suspension: {cause: SuspensionCause; reason: string} | null;
}

/** A plan that overrides quoting altogether, or null when the ladder may be worked on. */
export function gatePlan(state: EngineState, input: GateInput): Plan | null {
  const {trading} = state;
  const {fair, pricing, suspension} = input;
  // While rate-limited nothing can be sent (the client refuses it without asking): even the cancels of a
  // halt or a quit wait for the hold to end, instead of spinning on refusals.
  const held = throttleHoldReason(state);
  const cancelAll = (reason: string): Plan => (held ? holdPlan(fair, `${reason} (${held})`) : cancelEverything(state.orders.values(), reason, fair));
  if (trading.kind === 'stopping') return cancelAll(`stopping: ${trading.reason}`);
  if (trading.kind === 'halted') return cancelAll(`halted: ${trading.reason}`);
  if (suspension?.cause === 'reference') return cancelAll(`suspended: ${pricing.detail}`);
  if (trading.kind === 'cancellingAll') return cancelAll('paused: operator cancel-all');
  if (suspension?.cause === 'mexcBook') return holdPlan(fair, suspension.reason);
  if (held) return holdPlan(fair, held);
  if (pricing.price === null) return holdPlan(fair, 'no reference price');
  return null;
}

export type PlacesBlocked = 'paused' | 'exchange refusing orders' | 'stale reference: holding quotes' | 'balances unknown';

/** Why no new order may be placed although the ladder is worked on (stale orders may still go), or null. */
export function placesBlocked(state: EngineState, input: Omit<GateInput, 'fair'>): PlacesBlocked | null {
  if (state.trading.kind === 'paused') return 'paused';
  if (input.suspension?.cause === 'exchangeClosed') return 'exchange refusing orders';
  if (!input.pricing.placesAllowed) return 'stale reference: holding quotes';
  if (!state.balancesKnown) return 'balances unknown';
  return null;
}
