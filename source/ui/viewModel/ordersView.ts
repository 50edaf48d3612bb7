// What the orders panel shows: on a small terminal one summary line per side (count, USDT resting,
// unsettled count, price range); on a tall one a table of exactly `rows` lines plus a header.
import type {OwnOrderView, Side} from '../../engine/view/snapshot.js';
import {formatDuration, formatPrice, formatQty, formatUsdt} from './format.js';

/** Order states that mean "in flight or in doubt": worth the operator's eye. */
const UNSETTLED = new Set<OwnOrderView['status']>(['PENDING_NEW', 'PENDING_CANCEL', 'UNKNOWN']);

const remainingNotional = (order: OwnOrderView): number => order.price * Math.max(0, order.qty - order.filled);

/** Asks above bids, each by price descending, as in the book. */
export function sortOrders(orders: readonly OwnOrderView[]): OwnOrderView[] {
  return [...orders].sort((a, b) => (a.side === b.side ? b.price - a.price : a.side === 'SELL' ? -1 : 1));
}

export interface OrderSummaryView {
  side: Side;
  /** null: no orders on this side */
  summary: {
    /** "  5×  1,160 USDT" */
    totals: string;
    unsettled: number;
    /** "0.012120–0.012331" */
    range: string;
  } | null;
}

export interface OrderRowView {
  clientOrderId: string;
  side: Side;
  unsettled: boolean;
  cells: string;
}

export type OrdersView =
  | {kind: 'summary'; buy: OrderSummaryView; sell: OrderSummaryView}
  | {
      kind: 'table';
      header: string;
      rows: OrderRowView[];
      /** "… 7 more" when the orders do not fit */
      more: string | null;
      /** blank lines after the rows */
      pad: number;
    };

/** `rows` 0: the per-side summary; else a table of `rows` lines plus its header. */
export function ordersView(orders: readonly OwnOrderView[], rows: number, decimals: number, now: number): OrdersView {
  if (rows === 0) return {kind: 'summary', buy: orderSummary('BUY', orders, decimals), sell: orderSummary('SELL', orders, decimals)};
  const sorted = sortOrders(orders);
  const overflow = sorted.length > rows;
  const shown = overflow ? sorted.slice(0, rows - 1) : sorted;
  const priceWidth = Math.max(5, ...shown.map((order) => formatPrice(order.price, decimals).length));
  const qtyWidth = Math.max(3, ...shown.map((order) => formatQty(order.qty).length));
  const filledWidth = Math.max(6, ...shown.map((order) => formatQty(order.filled).length));
  const cells = (price: string, qty: string, filled: string, status: string, age: string, id: string): string =>
    ` ${price.padStart(priceWidth)} ${qty.padStart(qtyWidth)} ${filled.padStart(filledWidth)} ` +
    `${status.padEnd(18)} ${age.padStart(6)}  ${id}`;
  return {
    kind: 'table',
    header: 'ours' + cells('price', 'qty', 'filled', 'status', 'age', 'client id'),
    rows: shown.map((order) => ({
      clientOrderId: order.clientOrderId,
      side: order.side,
      unsettled: UNSETTLED.has(order.status),
      cells: cells(
        formatPrice(order.price, decimals),
        formatQty(order.qty),
        formatQty(order.filled),
        order.status,
        formatDuration((now - order.createdAt) / 1000),
        order.clientOrderId,
      ),
    })),
    more: overflow ? `… ${sorted.length - shown.length} more` : null,
    pad: rows - shown.length - (overflow ? 1 : 0),
  };
}

function orderSummary(side: Side, orders: readonly OwnOrderView[], decimals: number): OrderSummaryView {
  const mine = orders.filter((order) => order.side === side);
  if (mine.length === 0) return {side, summary: null};
  const prices = mine.map((order) => order.price);
  const notional = mine.reduce((sum, order) => sum + remainingNotional(order), 0);
  return {
    side,
    summary: {
      totals: `${String(mine.length).padStart(3)}× ${formatUsdt(notional).padStart(6)} USDT`,
      unsettled: mine.filter((order) => UNSETTLED.has(order.status)).length,
      range: `${formatPrice(Math.min(...prices), decimals)}–${formatPrice(Math.max(...prices), decimals)}`,
    },
  };
}
