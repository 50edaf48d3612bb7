// After a restart that took over the last run's ledger (live: runtime/restoredLedger.ts), ask the exchange
// for our trades since the ledger's newest fill and hand them to the engine as fill events: fills made
// while the process was gone are counted, and the engine counts a trade id it already has only once
// (docs/strategy.md §19.3). A failure is logged and left: the ledger then misses what it could not read.
import type {EventSink, TradingPort} from '../engine/ports.js';
import type {LogLevel} from '../engine/events.js';

/** a second of overlap: a fill in the same millisecond as the newest one is asked for again (and deduped) */
export const CATCH_UP_OVERLAP_MS = 1000;

export async function catchUpFills(input: {
  trading: TradingPort;
  /** the ledger's newest fill, or when it began when it has none */
  since: number;
  push: EventSink;
  log: (level: LogLevel, text: string) => void;
}): Promise<number> {
  const {trading, push, log} = input;
  if (!trading.tradesSince) return 0;
  try {
    const {trades, truncated} = await trading.tradesSince(input.since - CATCH_UP_OVERLAP_MS);
    for (const trade of trades) push({type: 'fill', ...trade});
    log('info', `ledger catch-up: ${trades.length} trade(s) of ours since ${new Date(input.since).toISOString()} read from the exchange`);
    if (truncated) log('warn', 'ledger catch-up: more trades than one catch-up reads; the oldest were counted, the ledger may miss some');
    return trades.length;
  } catch (error) {
    log('warn', `ledger catch-up failed: ${error instanceof Error ? error.message : String(error)}; fills made while the bot was down are not in the ledger`);
    return 0;
  }
}
