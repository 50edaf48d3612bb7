// The automatic kill-switch rules, as a pure function of state: why we must halt now, or null. And the
// order-error count they read: one failed request counts once, however many orders it carried. Only
// conditions that say the bot itself may be wrong halt; stale data suspends instead (suspension.ts).
import type {EngineState} from '../engineState.js';

export function killReason(state: EngineState, baseRatio: number | null): string | null {
  const {risk} = state.config;
  if (state.consecutiveOrderErrors >= risk.maxConsecutiveOrderErrors)
    return `${state.consecutiveOrderErrors} consecutive order errors`;
  if (baseRatio !== null && (baseRatio < risk.killBaseRatio.min || baseRatio > risk.killBaseRatio.max))
    return `inventory out of band: base ratio ${(baseRatio * 100).toFixed(1)}% outside ${percent(risk.killBaseRatio.min)}–${percent(risk.killBaseRatio.max)}%`;
  return null;
}

/** A configured ratio as a percentage without float noise (0.07 → "7", 0.075 → "7.5"). */
function percent(ratio: number): string {
  return String(Number((ratio * 100).toFixed(4)));
}

/** A failed order request (rejected for a real reason, or without a definite answer). */
export function countOrderError(state: EngineState, requestId: number): void {
  if (requestId === state.lastFailedRequestId) return;
  state.lastFailedRequestId = requestId;
  state.consecutiveOrderErrors++;
}

/** A request the exchange accepted: the errors are no longer consecutive. */
export function clearOrderErrors(state: EngineState): void {
  state.consecutiveOrderErrors = 0;
}
