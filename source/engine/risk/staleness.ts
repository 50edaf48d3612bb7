// Whether the market data may be acted on. The reference (KuCoin) is stale when its stream is not live,
// its book is not synced or one-sided, or nothing arrived for risk.staleAfterSec; it clears as soon as
// the data is fresh again. Staleness suspends (docs/strategy.md §12.1); it never trips the kill switch.
import type {EngineState} from '../engineState.js';

export function updateStaleness(state: EngineState): void {
  const limit = state.config.risk.staleAfterSec * 1000;
  const kucoin = state.kucoinBook;
  const referenceFresh =
    state.streams['kucoin.book'].state === 'live' &&
    kucoin.synced &&
    kucoin.lastUpdateAt !== null &&
    state.now - kucoin.lastUpdateAt <= limit &&
    kucoin.bestBid() !== null &&
    kucoin.bestAsk() !== null;
  if (referenceFresh) state.referenceStaleSince = null;
  else if (state.referenceStaleSince === null) state.referenceStaleSince = state.now;
}

/**
 * The MEXC book may be acted on when it is synced and its stream is live, or when the WebSocket is down
 * and a REST snapshot newer than risk.staleAfterSec stands in for it (docs/protocols/mexc.md §4.7).
 */
export function mexcBookUsable(state: EngineState): boolean {
  const book = state.mexcBook;
  if (!book.synced) return false;
  const stream = state.streams['mexc.book'].state;
  if (stream === 'live') return true;
  return stream === 'polling' && book.lastUpdateAt !== null && state.now - book.lastUpdateAt <= state.config.risk.staleAfterSec * 1000;
}
