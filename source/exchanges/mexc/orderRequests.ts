// Parameters of the order-entry requests, in the order they are sent (docs/protocols/mexc.md §2.5–§2.7).
import type {ParamValue} from './signing.js';

export type OrderSide = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL';

export interface NewOrder {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /** decimal strings, already at the symbol's precision */
  quantity: string;
  price: string;
  newClientOrderId?: string;
}

/** Identifies one order: by our client id or by the exchange id. */
export type OrderRef = {symbol: string; origClientOrderId: string} | {symbol: string; orderId: string};

export interface MyTradesQuery {
  symbol: string;
  orderId?: string;
  startTime?: number;
  endTime?: number;
  limit?: number;
}

export function orderParams(order: NewOrder): [string, ParamValue][] {
  const params: [string, ParamValue][] = [
    ['symbol', order.symbol],
    ['side', order.side],
    ['type', order.type],
    ['quantity', order.quantity],
    ['price', order.price],
  ];
  if (order.newClientOrderId !== undefined) params.push(['newClientOrderId', order.newClientOrderId]);
  return params;
}

export function refParams(ref: OrderRef): [string, ParamValue][] {
  return 'origClientOrderId' in ref
    ? [
        ['symbol', ref.symbol],
        ['origClientOrderId', ref.origClientOrderId],
      ]
    : [
        ['symbol', ref.symbol],
        ['orderId', ref.orderId],
      ];
}
