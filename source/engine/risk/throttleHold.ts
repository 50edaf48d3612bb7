// Rate limiting (our own request budget, or the exchange's 429): while it lasts nothing can be sent, so
// order changes are held until requests may flow again. It never counts toward the kill switch: a
// throttled request was not executed and says nothing about the order itself.
import type {EngineState} from '../engineState.js';
import type {Notices} from '../view/notices.js';

/** a throttled request without a stated retry time holds order changes at least this long */
const MIN_THROTTLE_HOLD_MS = 1000;

/** Holds order changes until `retryAt` (at least a second). One notice per hold, not one per refused order. */
export function holdForThrottle(state: EngineState, notices: Notices, retryAt: number | null, message: string): void {
  const until = Math.max(retryAt ?? 0, state.now + MIN_THROTTLE_HOLD_MS);
  const alreadyHolding = state.now < state.rateLimitedUntil;
  state.rateLimitedUntil = Math.max(state.rateLimitedUntil, until);
  if (alreadyHolding) return;
  state.counters.rateLimited++;
  notices.warn(`rate limited (${message}); holding order changes for ${Math.ceil((state.rateLimitedUntil - state.now) / 1000)}s`);
}

/** A REST call was refused with a Retry-After: no request until then. */
export function holdUntil(state: EngineState, until: number): void {
  state.rateLimitedUntil = Math.max(state.rateLimitedUntil, until);
  state.counters.rateLimited++;
}

/** Why order changes are held now ("rate-limited for 3s"), or null when requests may flow. */
export function throttleHoldReason(state: EngineState): string | null {
  return state.now < state.rateLimitedUntil ? `rate-limited for ${Math.ceil((state.rateLimitedUntil - state.now) / 1000)}s` : null;
}
