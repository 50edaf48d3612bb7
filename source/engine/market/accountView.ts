// What the account can still fund, from the exchange's balances and our own order book. Conservative on
// purpose: an order whose outcome is unknown is assumed to hold funds until reconciled.
import {type EngineState} from '../engineState.js';
import {lotsToQty, notionalOf} from '../symbolRules.js';
import {remainingLots} from '../orders/localOrder.js';

export interface AccountView {
  baseTotal: number;
  quoteTotal: number;
  baseFree: number;
  quoteFree: number;
  /** quote value of all our BUY orders not known to be gone */
  committedBuy: number;
  /** quote value of all our SELL orders not known to be gone */
  committedSell: number;
  availableQuote: number;
  availableBase: number;
  /** base value / total value at the reference price; null until balances and a price are known */
  baseRatio: number | null;
  referencePrice: number | null;
}

export function accountView(state: EngineState): AccountView {
  const {rules} = state;
  const base = state.balances[rules.baseAsset] ?? {free: 0, locked: 0};
  const quote = state.balances[rules.quoteAsset] ?? {free: 0, locked: 0};
  let committedBuy = 0;
  let committedSell = 0;
  let committedSellBase = 0;
  let pendingBuy = 0;
  let pendingSellBase = 0;
  for (const order of state.orders.values()) {
    const lots = remainingLots(order);
    const value = notionalOf(order.priceTicks, lots, rules);
    const qty = lotsToQty(lots, rules);
    const notYetLocked = order.state === 'pendingNew' || order.state === 'unknown';
    if (order.side === 'BUY') {
      committedBuy += value;
      if (notYetLocked) pendingBuy += value;
    } else {
      committedSell += value;
      committedSellBase += qty;
      if (notYetLocked) pendingSellBase += qty;
    }
  }
  const baseTotal = base.free + base.locked;
  const quoteTotal = quote.free + quote.locked;
  const referencePrice = state.kucoinBook.mid() ?? state.mexcBook.mid();
  const baseValue = referencePrice === null ? null : baseTotal * referencePrice;
  const baseRatio =
    baseValue === null || !state.balancesKnown || baseValue + quoteTotal <= 0 ? null : baseValue / (baseValue + quoteTotal);
  return {
    baseTotal,
    quoteTotal,
    baseFree: base.free,
    quoteFree: quote.free,
    committedBuy,
    committedSell,
    availableQuote: Math.max(0, Math.min(quote.free - pendingBuy, quoteTotal - committedBuy)),
    availableBase: Math.max(0, Math.min(base.free - pendingSellBase, baseTotal - committedSellBase)),
    baseRatio,
    referencePrice,
  };
}
