// The request floor (issue 20): from a run's fills, the fewest order requests that could have put the
// filled depth back. Each side's filled quote value within the window is re-placed in as few orders as
// the per-order cap allows (risk.maxOrderNotionalUsdt), both sides' orders together, at most 20 to a
// batchOrders request (MEXC's batch limit, docs/protocols/mexc.md §2.6). Nothing has to be cancelled for a
// fill (a filled order is gone), so the floor counts places only. It is a bound no bot reaches: it
// ignores that fills arrive over time and that replacing them later than at once risks the rule, and it
// spends nothing on following the price. Ours / floor says how far above it a bot runs.
import type {RecordedTrade} from '../source/sim/record/simRecord.js';

/** MEXC's batchOrders takes at most 20 orders (docs/protocols/mexc.md §2.6) */
export const BATCH_LIMIT = 20;

export interface RequestFloor {
  /** quote value filled on each side of the test account within the window */
  filledQuote: {bid: number; ask: number};
  fills: number;
  /** orders needed to re-place it at the per-order cap */
  orders: number;
  /** batch requests for those orders */
  requests: number;
  windowSec: number;
  perHour: number;
}

export function requestFloor(trades: readonly Pick<RecordedTrade, 'time' | 'side' | 'quoteQty'>[], window: {from: number; to: number}, maxOrderNotional: number): RequestFloor {
  let bid = 0;
  let ask = 0;
  let fills = 0;
  for (const trade of trades) {
    if (trade.time < window.from || trade.time > window.to) continue;
    const value = Number(trade.quoteQty);
    if (!Number.isFinite(value) || value <= 0) continue;
    fills++;
    if (trade.side === 'BUY') bid += value;
    else ask += value;
  }
  const orders = Math.ceil(bid / maxOrderNotional) + Math.ceil(ask / maxOrderNotional);
  const requests = Math.ceil(orders / BATCH_LIMIT);
  const windowSec = Math.max(0, (window.to - window.from) / 1000);
  return {filledQuote: {bid, ask}, fills, orders, requests, windowSec, perHour: windowSec > 0 ? (requests / windowSec) * 3600 : Number.NaN};
}
