// When the market data went stale: the reference (KuCoin) alone, for holding and then cancelling quotes,
// and any feed, for the kill-on-stale rule. Both clear as soon as the data is fresh again.
import type {EngineState} from '../engineState.js';

export function updateStaleness(state: EngineState): void {
  const limit = state.config.risk.staleAfterSec * 1000;
  const kucoin = state.kucoinBook;
  const referenceFresh =
    state.streams['kucoin.book'].state === 'live' && kucoin.synced && kucoin.lastUpdateAt !== null && state.now - kucoin.lastUpdateAt <= limit;
  if (referenceFresh) state.referenceStaleSince = null;
  else if (state.referenceStaleSince === null) state.referenceStaleSince = state.now;
  const mexcFresh = state.streams['mexc.book'].state === 'live' && state.mexcBook.synced;
  if (referenceFresh && mexcFresh) state.dataStaleSince = null;
  else if (state.dataStaleSince === null) state.dataStaleSince = state.now;
}
