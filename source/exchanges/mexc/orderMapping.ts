// MEXC's order states → the engine's ExchangeOrder / OrderStatus (resting, filled, cancelled), with prices
// and sizes as integer ticks/lots. MEXC's five statuses (docs/protocols/mexc.md §2.8, §5.1) collapse to three: a
// partial fill still rests, and a cancel after partial fills is a cancel (filledLots tells the rest).
import type {ExchangeOrder, OrderStatus, Side} from '../../engine/events.js';
import {type SymbolRules} from '../../engine/symbolRules.js';
import {parseScaled} from '../../wire/scaledDecimal.js';
import type {RestOrder} from './endpoints.js';

const restStatuses: Readonly<Record<string, OrderStatus>> = {
  NEW: 'resting',
  PARTIALLY_FILLED: 'resting',
  FILLED: 'filled',
  CANCELED: 'cancelled',
  PARTIALLY_CANCELED: 'cancelled',
};

/** REST `status` string (docs/protocols/mexc.md §2.8), or null if it is not one of the documented values. */
export function orderStatusFromRest(status: string): OrderStatus | null {
  return Object.hasOwn(restStatuses, status) ? restStatuses[status]! : null;
}

/** Private WS `status` 1..5 (docs/protocols/mexc.md §5.1), or null for anything else. */
export function orderStatusFromPush(status: number): OrderStatus | null {
  switch (status) {
    case 1: // NEW
    case 3: // PARTIALLY_FILLED
      return 'resting';
    case 2: // FILLED
      return 'filled';
    case 4: // CANCELED
    case 5: // PARTIALLY_CANCELED
      return 'cancelled';
    default:
      return null;
  }
}

/** WS `tradeType` 1 buy / 2 sell. */
export function sideFromTradeType(tradeType: number): Side | null {
  return tradeType === 1 ? 'BUY' : tradeType === 2 ? 'SELL' : null;
}

export function exchangeOrderFromRest(order: RestOrder, rules: Pick<SymbolRules, 'priceDecimals' | 'qtyDecimals'>): ExchangeOrder {
  const status = orderStatusFromRest(order.status);
  if (status === null) throw new Error(`order ${order.orderId}: undocumented status ${JSON.stringify(order.status)}`);
  return {
    clientOrderId: order.clientOrderId ?? '',
    orderId: order.orderId,
    side: order.side,
    priceTicks: parseScaled(order.price, rules.priceDecimals),
    origQtyLots: parseScaled(order.origQty, rules.qtyDecimals),
    filledLots: parseScaled(order.executedQty, rules.qtyDecimals),
    status,
  };
}
