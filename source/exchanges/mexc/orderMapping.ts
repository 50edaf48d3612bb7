// Wire order states → the engine's ExchangeOrder / OrderStatus, with prices and sizes as integer ticks/lots.
import type {ExchangeOrder, OrderStatus, Side} from '../../engine/events.js';
import {type SymbolRules} from '../../engine/symbolRules.js';
import {parseScaled} from '../../wire/scaledDecimal.js';
import type {RestOrder} from './endpoints.js';

const restStatuses: Readonly<Record<string, OrderStatus>> = {
  NEW: 'NEW',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELED',
  PARTIALLY_CANCELED: 'PARTIALLY_CANCELED',
};

/** REST `status` string (mexc.md §2.8), or null if it is not one of the documented values. */
export function orderStatusFromRest(status: string): OrderStatus | null {
  return restStatuses[status] ?? null;
}

/** Private WS `status` 1..5 (mexc.md §5.1), or null for anything else. */
export function orderStatusFromPush(status: number): OrderStatus | null {
  switch (status) {
    case 1:
      return 'NEW';
    case 2:
      return 'FILLED';
    case 3:
      return 'PARTIALLY_FILLED';
    case 4:
      return 'CANCELED';
    case 5:
      return 'PARTIALLY_CANCELED';
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
