// The automatic suspension (docs/strategy.md §12.1): a condition of the world that stops quoting and
// clears itself when its cause clears — unlike the kill switch's halt, which is persisted and waits for
// the operator (killSwitch.ts). Derived from state on every decision, never persisted.
import type {EngineState} from '../engineState.js';
import type {PricingDecision} from '../market/pricingChain.js';
import {mexcBookUsable} from './staleness.js';

/**
 * - reference: nothing may price our quotes (the fallback chain ran out): our orders are cancelled;
 * - mexcBook: the MEXC book cannot be read: order changes are frozen, the ladder stays;
 * - exchangeClosed: MEXC refused an order "for now" (symbol paused, trading disabled): no new orders
 *   until risk.venueRefusalPauseSec has passed, then one more try.
 */
export type SuspensionCause = 'reference' | 'mexcBook' | 'exchangeClosed';

export interface Suspension {
  cause: SuspensionCause;
  since: number;
  reason: string;
}

/** How long new orders wait after MEXC refused one "for now" before the next try. */
export const VENUE_REFUSAL_PAUSE_MS = 30_000;

/** The suspension that applies now (the most severe first), or null. `since` is the caller's to keep. */
export function suspensionCause(state: EngineState, pricing: PricingDecision): {cause: SuspensionCause; reason: string} | null {
  if (pricing.step === 'none') return {cause: 'reference', reason: `${pricing.detail}; cancelling our orders until the reference is back`};
  if (!mexcBookUsable(state)) {
    const stream = state.streams['mexc.book'];
    return {cause: 'mexcBook', reason: `MEXC book ${state.mexcBook.synced ? stream.state : 'not synced'}: orders frozen`};
  }
  const refusal = state.venueRefusal;
  if (refusal !== null && state.now - refusal.at < VENUE_REFUSAL_PAUSE_MS) {
    return {cause: 'exchangeClosed', reason: `MEXC refuses orders for now (${refusal.detail}): no new orders`};
  }
  return null;
}
