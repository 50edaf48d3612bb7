// The MEXC book of every participant (ours and the simulated others): price-time priority, integer ticks
// and lots. Every change of a price level's total bumps one version counter; REST `lastUpdateId` and the
// WS depth stream's fromVersion/toVersion are both read from it (docs/protocols/mexc.md §2.4, §4.5).

export type Side = 'BUY' | 'SELL';
export type Owner = 'account' | 'others';

export interface RestingOrder {
  orderId: string;
  owner: Owner;
  side: Side;
  priceTicks: number;
  remainingLots: number;
  /** arrival sequence: time priority within a price level */
  seq: number;
}

export interface Fill {
  maker: RestingOrder;
  priceTicks: number;
  lots: number;
}

export interface LevelChange {
  side: Side;
  priceTicks: number;
  /** the level's new total (0 = level removed) */
  lots: number;
  version: number;
}

/** How much a taker may consume: base lots, or a quote budget in units of tick×lot. */
export type TakerBudget = {kind: 'lots'; lots: number} | {kind: 'quote'; tickLots: number};

class BookSide {
  readonly levels = new Map<number, RestingOrder[]>();
  readonly totals = new Map<number, number>();
  /** level prices, best first */
  readonly prices: number[] = [];

  constructor(private readonly descending: boolean) {}

  better(a: number, b: number): boolean {
    return this.descending ? a > b : a < b;
  }

  insertPrice(price: number): void {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.better(this.prices[mid]!, price)) lo = mid + 1;
      else hi = mid;
    }
    this.prices.splice(lo, 0, price);
  }

  removePrice(price: number): void {
    const index = this.prices.indexOf(price);
    if (index >= 0) this.prices.splice(index, 1);
  }
}

export class MatchingEngine {
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  private readonly byId = new Map<string, RestingOrder>();
  private nextSeq = 1;
  private versionCounter: number;
  onLevelChange: ((change: LevelChange) => void) | null = null;

  constructor(startVersion: number) {
    this.versionCounter = startVersion;
  }

  /** The version of the latest applied change (REST `lastUpdateId`). */
  get version(): number {
    return this.versionCounter;
  }

  get(orderId: string): RestingOrder | undefined {
    return this.byId.get(orderId);
  }

  ordersOf(owner: Owner): RestingOrder[] {
    return [...this.byId.values()].filter((order) => order.owner === owner);
  }

  best(side: Side): number | null {
    return this.sideOf(side).prices[0] ?? null;
  }

  /** Top levels best first as [priceTicks, totalLots]. */
  levels(side: Side, limit = Infinity): Array<[number, number]> {
    const book = this.sideOf(side);
    const out: Array<[number, number]> = [];
    for (const price of book.prices) {
      if (out.length >= limit) break;
      out.push([price, book.totals.get(price) ?? 0]);
    }
    return out;
  }

  levelLots(side: Side, priceTicks: number): number {
    return this.sideOf(side).totals.get(priceTicks) ?? 0;
  }

  /** Whether a new order on `side` at `priceTicks` would trade against the opposite side. */
  wouldCross(side: Side, priceTicks: number): boolean {
    const opposite = this.best(side === 'BUY' ? 'SELL' : 'BUY');
    if (opposite === null) return false;
    return side === 'BUY' ? priceTicks >= opposite : priceTicks <= opposite;
  }

  /** Rests an order at the back of its price level. The caller has already matched any crossing part. */
  add(order: Omit<RestingOrder, 'seq'>): RestingOrder {
    if (this.byId.has(order.orderId)) throw new Error(`duplicate order id ${order.orderId}`);
    if (order.remainingLots <= 0) throw new Error('cannot rest an empty order');
    const resting: RestingOrder = {...order, seq: this.nextSeq++};
    const book = this.sideOf(order.side);
    let queue = book.levels.get(order.priceTicks);
    if (!queue) {
      queue = [];
      book.levels.set(order.priceTicks, queue);
      book.insertPrice(order.priceTicks);
    }
    queue.push(resting);
    this.byId.set(resting.orderId, resting);
    this.changeLevel(order.side, order.priceTicks, resting.remainingLots);
    return resting;
  }

  /** Removes a resting order; returns it (with its remaining size) or null when it is not resting. */
  remove(orderId: string): RestingOrder | null {
    const order = this.byId.get(orderId);
    if (!order) return null;
    const book = this.sideOf(order.side);
    const queue = book.levels.get(order.priceTicks);
    if (queue) {
      const index = queue.indexOf(order);
      if (index >= 0) queue.splice(index, 1);
      if (queue.length === 0) {
        book.levels.delete(order.priceTicks);
        book.removePrice(order.priceTicks);
      }
    }
    this.byId.delete(orderId);
    this.changeLevel(order.side, order.priceTicks, -order.remainingLots);
    return order;
  }

  /**
   * Consumes the opposite side for a taker on `side` in price-time order, never beyond `limitTicks`
   * (null = no limit). Returns the fills; fully filled makers leave the book.
   */
  match(side: Side, limitTicks: number | null, budget: TakerBudget): Fill[] {
    const book = this.sideOf(side === 'BUY' ? 'SELL' : 'BUY');
    const fills: Fill[] = [];
    let lotsLeft = budget.kind === 'lots' ? budget.lots : Infinity;
    let quoteLeft = budget.kind === 'quote' ? budget.tickLots : Infinity;
    while (lotsLeft > 0 && quoteLeft > 0 && book.prices.length > 0) {
      const price = book.prices[0]!;
      if (limitTicks !== null && (side === 'BUY' ? price > limitTicks : price < limitTicks)) break;
      const queue = book.levels.get(price)!;
      const maker = queue[0]!;
      const affordable = budget.kind === 'quote' ? Math.floor(quoteLeft / price) : Infinity;
      const lots = Math.min(lotsLeft, maker.remainingLots, affordable);
      if (lots <= 0) break;
      maker.remainingLots -= lots;
      lotsLeft -= lots;
      quoteLeft -= lots * price;
      fills.push({maker, priceTicks: price, lots});
      if (maker.remainingLots === 0) {
        queue.shift();
        this.byId.delete(maker.orderId);
        if (queue.length === 0) {
          book.levels.delete(price);
          book.removePrice(price);
        }
      }
      this.changeLevel(maker.side, price, -lots);
    }
    return fills;
  }

  private changeLevel(side: Side, priceTicks: number, deltaLots: number): void {
    const book = this.sideOf(side);
    const total = (book.totals.get(priceTicks) ?? 0) + deltaLots;
    if (total > 0) book.totals.set(priceTicks, total);
    else book.totals.delete(priceTicks);
    this.versionCounter++;
    this.onLevelChange?.({side, priceTicks, lots: Math.max(0, total), version: this.versionCounter});
  }

  private sideOf(side: Side): BookSide {
    return side === 'BUY' ? this.bids : this.asks;
  }
}
