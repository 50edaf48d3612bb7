// Our trades since a moment, from GET /api/v3/myTrades (docs/protocols/mexc.md §2.10): after a restart,
// the ledger catches up on fills it missed while the process was gone — a kill -9 between a fill and the
// next state flush, or orders that kept resting and filled while nobody was watching (docs/strategy.md
// §19.3). The endpoint answers at most 100 trades per call, oldest first within the window, so the window
// moves past the newest trade until an answer comes back short.
import type {TradeReport} from '../../engine/ports.js';
import type {SymbolRules} from '../../engine/symbolRules.js';
import {parseScaled} from '../../wire/scaledDecimal.js';
import type {MexcRestClient} from './mexcRestClient.js';
import type {MyTrade} from './endpoints.js';

export const TRADES_PER_CALL = 100;
/** 10 calls, 1,000 trades: more than that since a restart is beyond a catch-up; the rest is said, not read */
export const MAX_CALLS = 10;

export interface TradeHistoryResult {
  trades: TradeReport[];
  /** true when MAX_CALLS answers were full: older-than-newest trades may remain unread */
  truncated: boolean;
}

/**
 * Which trades are ours: a client id with our prefix; or, since the captured answers carry
 * `clientOrderId: null`, a maker trade without one — our orders are always post-only makers, and the
 * account is the bot's (README "Keys").
 */
export function isOurTrade(trade: Pick<MyTrade, 'clientOrderId' | 'isMaker'>, prefix: string): boolean {
  if (typeof trade.clientOrderId === 'string' && trade.clientOrderId !== '') return trade.clientOrderId.startsWith(prefix);
  return trade.isMaker;
}

export function tradeReportOf(trade: MyTrade, rules: Pick<SymbolRules, 'priceDecimals' | 'qtyDecimals'>): TradeReport {
  return {
    clientOrderId: typeof trade.clientOrderId === 'string' ? trade.clientOrderId : '',
    orderId: String(trade.orderId),
    tradeId: String(trade.id),
    side: trade.isBuyer ? 'BUY' : 'SELL',
    priceTicks: parseScaled(String(trade.price), rules.priceDecimals),
    qtyLots: parseScaled(String(trade.qty), rules.qtyDecimals),
    fee: trade.commission === null || trade.commission === undefined ? '0' : String(trade.commission),
    feeAsset: trade.commissionAsset ?? '',
    isMaker: trade.isMaker,
    at: Number(trade.time),
  };
}

export async function tradesSince(input: {rest: MexcRestClient; symbol: string; prefix: string; rules: SymbolRules; since: number}): Promise<TradeHistoryResult> {
  const seen = new Set<string>();
  const trades: TradeReport[] = [];
  let startTime = input.since;
  for (let call = 0; call < MAX_CALLS; call++) {
    const page = await input.rest.myTrades({symbol: input.symbol, startTime, limit: TRADES_PER_CALL});
    let newest = startTime;
    for (const trade of page) {
      const report = tradeReportOf(trade, input.rules);
      newest = Math.max(newest, report.at);
      if (seen.has(report.tradeId) || trade.symbol !== input.symbol || !isOurTrade(trade, input.prefix)) continue;
      seen.add(report.tradeId);
      trades.push(report);
    }
    if (page.length < TRADES_PER_CALL) return {trades, truncated: false};
    // a full page: go on from its newest trade (the same millisecond again: the ids above dedupe it)
    if (newest === startTime) return {trades, truncated: true};
    startTime = newest;
  }
  return {trades, truncated: true};
}
