// The test account's orders as MEXC reports them (REST status enum, docs/protocols/mexc.md §2.8), with a bounded
// history of closed orders so queries on recent orders work without unbounded memory.
import type {Side} from './matchingEngine.js';

export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'PARTIALLY_CANCELED';

export interface OrderRecord {
  orderId: string;
  clientOrderId: string | null;
  side: Side;
  type: OrderType;
  priceTicks: number;
  origLots: number;
  executedLots: number;
  /** sum of fill price × lots, in tick×lot units */
  cumQuoteTickLots: number;
  status: OrderStatus;
  time: number;
  updateTime: number;
}

export interface OwnTrade {
  tradeId: string;
  orderId: string;
  clientOrderId: string | null;
  side: Side;
  priceTicks: number;
  lots: number;
  isMaker: boolean;
  isSelfTrade: boolean;
  feeAtoms: bigint;
  feeAsset: string;
  time: number;
}

const HISTORY_LIMIT = 5000;

export const isOpenStatus = (status: OrderStatus): boolean => status === 'NEW' || status === 'PARTIALLY_FILLED';

export class OrderRecords {
  private readonly open = new Map<string, OrderRecord>();
  private readonly closed = new Map<string, OrderRecord>();
  private readonly trades: OwnTrade[] = [];

  upsert(order: OrderRecord): void {
    if (isOpenStatus(order.status)) {
      this.open.set(order.orderId, order);
      return;
    }
    this.open.delete(order.orderId);
    this.closed.set(order.orderId, order);
    if (this.closed.size > HISTORY_LIMIT) {
      const oldest = this.closed.keys().next().value;
      if (oldest !== undefined) this.closed.delete(oldest);
    }
  }

  byOrderId(orderId: string): OrderRecord | undefined {
    return this.open.get(orderId) ?? this.closed.get(orderId);
  }

  /** Latest order with this client id (open orders first). */
  byClientOrderId(clientOrderId: string): OrderRecord | undefined {
    let found: OrderRecord | undefined;
    for (const order of this.open.values()) if (order.clientOrderId === clientOrderId) found = order;
    if (found) return found;
    for (const order of this.closed.values()) if (order.clientOrderId === clientOrderId) found = order;
    return found;
  }

  openOrders(): OrderRecord[] {
    return [...this.open.values()];
  }

  allOrders(): OrderRecord[] {
    return [...this.closed.values(), ...this.open.values()].sort((a, b) => a.time - b.time);
  }

  addTrade(trade: OwnTrade): void {
    this.trades.push(trade);
    if (this.trades.length > HISTORY_LIMIT) this.trades.shift();
  }

  ownTrades(): readonly OwnTrade[] {
    return this.trades;
  }
}
