// A resting (or finished) paper order, and its conversion to what the engine sees from an exchange.
import type {ExchangeOrder, OrderStatus, Side} from '../../engine/events.js';

/** The matcher keeps MEXC's five statuses (it imitates MEXC's private stream); the engine sees three. */
export type PaperOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'PARTIALLY_CANCELED';

const ENGINE_STATUS: Record<PaperOrderStatus, OrderStatus> = {
  NEW: 'resting',
  PARTIALLY_FILLED: 'resting',
  FILLED: 'filled',
  CANCELED: 'cancelled',
  PARTIALLY_CANCELED: 'cancelled',
};

export const engineStatusOf = (status: PaperOrderStatus): OrderStatus => ENGINE_STATUS[status];
import type {BookSide} from '../../engine/events.js';

export interface PaperOrder {
  clientOrderId: string;
  orderId: string;
  side: Side;
  priceTicks: number;
  origLots: number;
  filledLots: number;
  status: PaperOrderStatus;
  /** placement sequence: time priority among our own orders at one price */
  seq: number;
  /** local clock at placement */
  createdAt: number;
  /** server clock at placement: public trades stamped before it cannot fill the order */
  createdServerAt: number;
  /** real lots estimated to rest ahead of us at our price; only trades at our price move us forward */
  queueAheadLots: number;
}

export const remainingLots = (order: PaperOrder): number => order.origLots - order.filledLots;

export const bookSideOf = (side: Side): BookSide => (side === 'BUY' ? 'bids' : 'asks');
export const oppositeBookSideOf = (side: Side): BookSide => (side === 'BUY' ? 'asks' : 'bids');

/** True when `price` is strictly better than the order's price for the order's counterparty. */
export const isThrough = (order: PaperOrder, priceTicks: number): boolean =>
  order.side === 'BUY' ? priceTicks < order.priceTicks : priceTicks > order.priceTicks;

/** Price priority among our orders of one side: best (most aggressive) price first, then time. */
export function byPriority(a: PaperOrder, b: PaperOrder): number {
  if (a.priceTicks !== b.priceTicks) return a.side === 'BUY' ? b.priceTicks - a.priceTicks : a.priceTicks - b.priceTicks;
  return a.seq - b.seq;
}

export function toExchangeOrder(order: PaperOrder): ExchangeOrder {
  return {
    clientOrderId: order.clientOrderId,
    orderId: order.orderId,
    side: order.side,
    priceTicks: order.priceTicks,
    origQtyLots: order.origLots,
    filledLots: order.filledLots,
    status: engineStatusOf(order.status),
  };
}
