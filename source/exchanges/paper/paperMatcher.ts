// The paper venue's order book of our own orders: post-only placement against the overlaid MEXC book,
// funds locked in the virtual account, cancels, and fills decided by fillRules.ts from the real public
// trades and book. Every change is reported the way MEXC's private stream would report it (order.update,
// fill, balance) through `emit`; changed book levels are left in the OverlaidBook's dirty set for the
// book stream. Synchronous and clock-injected: no I/O here.
import type {EngineEvent, ExchangeOrder, WireLevel} from '../../engine/events.js';
import type {CancelIntent, CancelOutcome, PlaceIntent, PlaceOutcome} from '../../engine/ports.js';
import {type SymbolRules} from '../../engine/symbolRules.js';
import {formatScaled} from '../../wire/scaledDecimal.js';
import {allocateCross, allocateTrade, type Allocation} from './fillRules.js';
import type {OverlaidBook} from './overlaidBook.js';
import type {PaperAccount} from './paperAccount.js';
import {formatUnits} from './paperAmounts.js';
import {bookSideOf, engineStatusOf, oppositeBookSideOf, remainingLots, toExchangeOrder, type PaperOrder} from './paperOrder.js';
import type {PublicDeal} from './publicDeals.js';
import type {RejectReason} from '../../engine/events.js';

export interface PaperMatcherOptions {
  rules: SymbolRules;
  account: PaperAccount;
  book: OverlaidBook;
  emit: (event: EngineEvent) => void;
  now: () => number;
  /** MEXC's clock (local clock + measured offset), to compare with public trade times */
  serverNow: () => number;
  /** maximum notional per order in quote units (exchangeInfo maxQuoteAmount), null = none */
  maxNotional?: number | null;
  /** MEXC's open-order cap per account (FAQ: 500) */
  maxOpenOrders?: number;
  /** finished orders kept for queryOrder (oldest forgotten first) */
  keepClosed?: number;
  /** distinguishes order ids of one run from another's */
  idPrefix?: string;
}

export interface PaperMatcherStats {
  placed: number;
  rejected: number;
  cancelled: number;
  fills: number;
  filledByTrades: number;
  filledByBook: number;
  deals: number;
}

// Refusals in the engine's words (RejectReason), with MEXC-like texts for the operator. A post-only order
// that would cross is 'wouldCross': MEXC's own answer for it is undocumented (docs/protocols/mexc.md §2.5), but here we
// know exactly why the order was refused.
type Refusal = {reason: RejectReason; detail: string};

export class PaperMatcher {
  private readonly open = new Map<string, PaperOrder>();
  private readonly closed = new Map<string, PaperOrder>();
  private readonly rules: SymbolRules;
  private readonly account: PaperAccount;
  private readonly book: OverlaidBook;
  private readonly idPrefix: string;
  private seq = 0;
  private tradeSeq = 0;
  private readonly stats_: PaperMatcherStats = {placed: 0, rejected: 0, cancelled: 0, fills: 0, filledByTrades: 0, filledByBook: 0, deals: 0};

  constructor(private readonly opts: PaperMatcherOptions) {
    this.rules = opts.rules;
    this.account = opts.account;
    this.book = opts.book;
    this.idPrefix = opts.idPrefix ?? `PAPER${opts.now().toString(36).toUpperCase()}`;
  }

  // ---- order entry ------------------------------------------------------------------------------------

  place(intent: PlaceIntent): PlaceOutcome {
    const problem = this.check(intent);
    if (problem) {
      this.stats_.rejected += 1;
      return {kind: 'rejected', clientOrderId: intent.clientOrderId, ...problem};
    }
    const at = this.opts.now();
    const side = bookSideOf(intent.side);
    const order: PaperOrder = {
      clientOrderId: intent.clientOrderId,
      orderId: `${this.idPrefix}-${++this.seq}`,
      side: intent.side,
      priceTicks: intent.priceTicks,
      origLots: intent.qtyLots,
      filledLots: 0,
      status: 'NEW',
      seq: this.seq,
      createdAt: at,
      createdServerAt: this.opts.serverNow(),
      // behind everything displayed at our price (real orders not yet traded against)
      queueAheadLots: this.book.available(side, intent.priceTicks),
    };
    this.open.set(order.clientOrderId, order);
    this.closed.delete(order.clientOrderId);
    this.book.addPaper(side, order.priceTicks, order.origLots);
    this.stats_.placed += 1;
    this.emitOrder(order, at);
    this.emitBalance(at);
    return {kind: 'placed', clientOrderId: order.clientOrderId, orderId: order.orderId};
  }

  cancel(intent: CancelIntent): CancelOutcome {
    const order = this.findOpen(intent);
    if (!order) return {kind: 'rejected', clientOrderId: intent.clientOrderId, reason: 'orderNotFound', detail: 'Unknown order sent.'};
    const at = this.opts.now();
    const left = remainingLots(order);
    this.account.unlock(order.side, order.priceTicks, left);
    this.book.removePaper(bookSideOf(order.side), order.priceTicks, left);
    order.status = order.filledLots > 0 ? 'PARTIALLY_CANCELED' : 'CANCELED';
    this.close(order);
    this.stats_.cancelled += 1;
    this.emitOrder(order, at);
    this.emitBalance(at);
    return {kind: 'cancelled', clientOrderId: intent.clientOrderId};
  }

  openOrders(): ExchangeOrder[] {
    return [...this.open.values()].map(toExchangeOrder);
  }

  query(clientOrderId: string): ExchangeOrder | null {
    const order = this.open.get(clientOrderId) ?? this.closed.get(clientOrderId);
    return order ? toExchangeOrder(order) : null;
  }

  stats(): PaperMatcherStats {
    return {...this.stats_};
  }

  // ---- the real market --------------------------------------------------------------------------------

  onRealSnapshot(bids: readonly WireLevel[], asks: readonly WireLevel[]): void {
    this.book.applySnapshot(bids, asks);
    this.afterRealChange();
  }

  onRealDelta(bids: readonly WireLevel[], asks: readonly WireLevel[]): void {
    if (!this.book.synced) return;
    if (this.book.applyDelta(bids, asks).length > 0) this.afterRealChange();
  }

  /** The real feed lost sync: no post-only checks or book-driven fills until the next snapshot. */
  onRealUnsynced(): void {
    this.book.markUnsynced();
  }

  onDeals(deals: readonly PublicDeal[]): void {
    for (const deal of deals) {
      this.stats_.deals += 1;
      const fills = allocateTrade(deal, this.open.values());
      this.stats_.filledByTrades += fills.reduce((sum, f) => sum + f.lots, 0);
      this.applyFills(fills);
    }
  }

  // ---- internals --------------------------------------------------------------------------------------

  private check(intent: PlaceIntent): Refusal | null {
    const rules = this.rules;
    const invalid = (detail: string): Refusal => ({reason: 'invalid', detail});
    if (!Number.isSafeInteger(intent.priceTicks) || intent.priceTicks <= 0) return invalid(`bad price ${intent.priceTicks} ticks`);
    if (!Number.isSafeInteger(intent.qtyLots) || intent.qtyLots <= 0) return invalid(`bad quantity ${intent.qtyLots} lots`);
    if (intent.clientOrderId === '') return invalid('empty clientOrderId');
    if (this.open.has(intent.clientOrderId)) return invalid(`clientOrderId ${intent.clientOrderId} is already open (paper)`);
    if (!rules.tradable) return {reason: 'notNow', detail: `symbol not support api (paper: ${rules.symbol} is not API-tradable on MEXC)`};
    if (intent.qtyLots < rules.minQtyLots) {
      return invalid(`The minimum transaction volume cannot be less than:${formatScaled(rules.minQtyLots, rules.qtyDecimals)}${rules.baseAsset}`);
    }
    const notional = (intent.priceTicks / 10 ** rules.priceDecimals) * (intent.qtyLots / 10 ** rules.qtyDecimals);
    if (notional < rules.minNotional * (1 - 1e-12)) return invalid(`The minimum transaction volume cannot be less than:${rules.minNotional}${rules.quoteAsset}`);
    const max = this.opts.maxNotional ?? null;
    if (max !== null && notional > max * (1 + 1e-12)) return invalid(`The maximum transaction volume cannot be greater than:${max}${rules.quoteAsset}`);
    if (this.open.size >= (this.opts.maxOpenOrders ?? 500)) return {reason: 'notNow', detail: 'Cannot exceed the maximum order limit'};
    // post-only needs the book: without it we cannot say the order would rest
    if (!this.book.synced) return {reason: 'notNow', detail: 'paper: MEXC book not synced yet; cannot check post-only'};
    const bestOpposite = this.book.bestOverlay(oppositeBookSideOf(intent.side));
    if (bestOpposite !== null && (intent.side === 'BUY' ? intent.priceTicks >= bestOpposite : intent.priceTicks <= bestOpposite)) {
      return {reason: 'wouldCross', detail: 'paper: post-only order would cross the book'};
    }
    if (!this.account.lock(intent.side, intent.priceTicks, intent.qtyLots)) {
      const need = this.account.requirement(intent.side, intent.priceTicks, intent.qtyLots);
      const free = this.account.free(intent.side === 'BUY' ? 'quote' : 'base');
      return {
        reason: 'insufficientFunds',
        detail: `Insufficient balance (paper: need ${formatUnits(need.units, need.decimals)} ${need.asset}, free ${formatUnits(free, need.decimals)})`,
      };
    }
    return null; // funds are locked from here on
  }

  private findOpen(intent: CancelIntent): PaperOrder | undefined {
    if (intent.clientOrderId !== '') return this.open.get(intent.clientOrderId);
    if (intent.orderId === null) return undefined;
    for (const order of this.open.values()) if (order.orderId === intent.orderId) return order;
    return undefined;
  }

  private afterRealChange(): void {
    // orders ahead of us that cancel shrink the displayed level: we cannot be behind more than is shown
    for (const order of this.open.values()) {
      order.queueAheadLots = Math.max(0, Math.min(order.queueAheadLots, this.book.available(bookSideOf(order.side), order.priceTicks)));
    }
    const fills = allocateCross(this.book, this.open.values());
    this.stats_.filledByBook += fills.reduce((sum, f) => sum + f.lots, 0);
    this.applyFills(fills);
  }

  private applyFills(fills: readonly Allocation[]): void {
    for (const {order, lots} of fills) {
      if (lots <= 0 || order.status === 'FILLED') continue;
      const at = this.opts.now();
      const settlement = this.account.settle(order.side, order.priceTicks, lots);
      order.filledLots += lots;
      order.status = order.filledLots >= order.origLots ? 'FILLED' : 'PARTIALLY_FILLED';
      this.book.removePaper(bookSideOf(order.side), order.priceTicks, lots);
      if (order.status === 'FILLED') this.close(order);
      this.stats_.fills += 1;
      this.opts.emit({
        type: 'fill',
        clientOrderId: order.clientOrderId,
        orderId: order.orderId,
        tradeId: `${this.idPrefix}-T${++this.tradeSeq}`,
        side: order.side,
        priceTicks: order.priceTicks,
        qtyLots: lots,
        fee: settlement.fee,
        feeAsset: settlement.feeAsset,
        isMaker: true,
        at,
      });
      this.emitOrder(order, at);
      this.emitBalance(at);
    }
  }

  private close(order: PaperOrder): void {
    this.open.delete(order.clientOrderId);
    this.closed.set(order.clientOrderId, order);
    const keep = this.opts.keepClosed ?? 10_000;
    while (this.closed.size > keep) {
      const oldest = this.closed.keys().next().value;
      if (oldest === undefined) break;
      this.closed.delete(oldest);
    }
  }

  private emitOrder(order: PaperOrder, at: number): void {
    this.opts.emit({
      type: 'order.update',
      clientOrderId: order.clientOrderId,
      orderId: order.orderId,
      side: order.side,
      status: engineStatusOf(order.status),
      priceTicks: order.priceTicks,
      origQtyLots: order.origLots,
      filledLots: order.filledLots,
      at,
    });
  }

  private emitBalance(at: number): void {
    this.opts.emit({type: 'balance', balances: this.account.balances(), complete: true, at});
  }
}
