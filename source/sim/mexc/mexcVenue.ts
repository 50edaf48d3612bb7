// MEXC's trading semantics for the simulated symbol: the shared matching engine, the test account's
// ledger and orders, and the other participants' orders. Emits events that become private and public
// pushes. Knows nothing about HTTP or WebSocket.
import {Ledger, type BalanceChange} from './ledger.js';
import {MatchingEngine, type Fill, type RestingOrder, type Side, type TakerBudget} from './matchingEngine.js';
import {OrderRecords, isOpenStatus, type OrderRecord, type OrderType, type OwnTrade} from './orderRecords.js';
import {feeAtoms, lotsToAtoms, tickLotsToAtoms, type SimSymbol} from './simSymbol.js';

export type PlaceRejection =
  | 'minQuantity'
  | 'minNotional'
  | 'maxNotional'
  | 'priceOutOfBand'
  | 'insufficientBalance'
  | 'postOnlyWouldCross'
  | 'tooManyOpenOrders';

export interface PlaceRequest {
  side: Side;
  type: OrderType;
  priceTicks: number;
  lots: number;
  clientOrderId: string | null;
}

export type PlaceResult = {ok: true; order: OrderRecord} | {ok: false; reason: PlaceRejection};

export type VenueEvent =
  | {kind: 'order'; order: OrderRecord; lastDealLots: number | null; isMaker: boolean}
  | {kind: 'deal'; trade: OwnTrade}
  | {kind: 'balance'; change: BalanceChange}
  | {kind: 'publicTrade'; priceTicks: number; lots: number; takerSide: Side; time: number; tradeId: string};

export interface VenueCounters {
  ordersPlaced: number;
  ordersCancelled: number;
  fills: number;
}

/** MEXC's documented cap of open orders per account (FAQ Q5). */
export const MAX_OPEN_ORDERS = 500;
/** PERCENT_PRICE_BY_SIDE filter multipliers we publish in exchangeInfo (docs/protocols/mexc.md §2.3). */
export const BID_MULTIPLIER_UP = 5;
export const ASK_MULTIPLIER_DOWN = 0.2;

interface TakerSide {
  owner: 'account' | 'others';
  side: Side;
  /** the account order when the taker is ours */
  order: OrderRecord | null;
}

export class MexcVenue {
  readonly book: MatchingEngine;
  readonly records = new OrderRecords();
  readonly ledger: Ledger;
  readonly counters: VenueCounters = {ordersPlaced: 0, ordersCancelled: 0, fills: 0};
  private readonly listeners = new Set<(event: VenueEvent) => void>();
  private orderSeq = 0;
  private tradeSeq = 0;
  private readonly idPrefix: string;
  private lastTradeTicks: number;

  constructor(
    readonly rules: SimSymbol,
    seed: number,
    balances: {base: bigint; quote: bigint},
    private readonly now: () => number,
  ) {
    this.book = new MatchingEngine(30_000_000_000 + (Math.abs(Math.floor(seed)) % 1_000_000) * 1000);
    this.ledger = new Ledger({[rules.baseAsset]: balances.base, [rules.quoteAsset]: balances.quote});
    this.idPrefix = String(500_000 + (Math.abs(Math.floor(seed)) % 400_000));
    this.lastTradeTicks = Math.round(rules.startPrice * 10 ** rules.priceDecimals);
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get lastPriceTicks(): number {
    return this.lastTradeTicks;
  }

  /** Places an order of the test account. */
  place(request: PlaceRequest): PlaceResult {
    const rejection = this.validate(request);
    if (rejection) return {ok: false, reason: rejection};
    const now = this.now();
    const order: OrderRecord = {
      orderId: `C02__${this.idPrefix}${String(++this.orderSeq).padStart(15, '0')}`,
      clientOrderId: request.clientOrderId,
      side: request.side,
      type: request.type,
      priceTicks: request.priceTicks,
      origLots: request.lots,
      executedLots: 0,
      cumQuoteTickLots: 0,
      status: 'NEW',
      time: now,
      updateTime: now,
    };
    this.counters.ordersPlaced++;
    this.emitBalance([this.lockFor(order, order.origLots, 'ENTRUST_PLACE', -1n)]);
    const crossing = this.book.wouldCross(order.side, order.priceTicks);
    if (order.type === 'FILL_OR_KILL' && this.fillableLots(order.side, order.priceTicks) < order.origLots) {
      return {ok: true, order: this.closeRemainder(order)};
    }
    if (!crossing || order.type === 'LIMIT_MAKER') {
      this.records.upsert(order);
      this.emit({kind: 'order', order: {...order}, lastDealLots: null, isMaker: false});
    }
    if (crossing) {
      const fills = this.book.match(order.side, order.priceTicks, {kind: 'lots', lots: order.origLots});
      for (const fill of fills) this.settle({owner: 'account', side: order.side, order}, fill);
    }
    const remaining = order.origLots - order.executedLots;
    if (remaining > 0 && (order.type === 'LIMIT' || order.type === 'LIMIT_MAKER')) {
      this.book.add({orderId: order.orderId, owner: 'account', side: order.side, priceTicks: order.priceTicks, remainingLots: remaining});
      this.records.upsert(order);
      return {ok: true, order: {...order}};
    }
    if (remaining > 0) return {ok: true, order: this.closeRemainder(order)};
    return {ok: true, order: {...order}};
  }

  /** Cancels an open order of the test account; returns the record as it was just before the cancel. */
  cancel(orderId: string): {before: OrderRecord; after: OrderRecord} | null {
    const order = this.records.byOrderId(orderId);
    if (!order || !isOpenStatus(order.status)) return null;
    const before = {...order};
    this.book.remove(orderId);
    this.counters.ordersCancelled++;
    return {before, after: this.closeRemainder(order)};
  }

  /** A resting order of another participant; null when it would cross (they only post). */
  placeOthers(side: Side, priceTicks: number, lots: number): string | null {
    if (lots <= 0 || priceTicks <= 0 || this.book.wouldCross(side, priceTicks)) return null;
    const orderId = `O__${this.idPrefix}${String(++this.orderSeq).padStart(15, '0')}`;
    this.book.add({orderId, owner: 'others', side, priceTicks, remainingLots: lots});
    return orderId;
  }

  cancelOthers(orderId: string): void {
    const order = this.book.get(orderId);
    if (order && order.owner === 'others') this.book.remove(orderId);
  }

  /** A taker order of another participant (IOC at `limitTicks`); returns the lots it traded. */
  take(side: Side, limitTicks: number, lots: number): number {
    return this.takeWithin(side, limitTicks, {kind: 'lots', lots}).reduce((sum, fill) => sum + fill.lots, 0);
  }

  /** A taker order of another participant (IOC at `limitTicks`) within a budget of lots or quote; returns its fills. */
  takeWithin(side: Side, limitTicks: number, budget: TakerBudget): Fill[] {
    const fills = this.book.match(side, limitTicks, budget);
    for (const fill of fills) this.settle({owner: 'others', side, order: null}, fill);
    return fills;
  }

  private validate(request: PlaceRequest): PlaceRejection | null {
    const notional = request.priceTicks * request.lots;
    if (request.lots < this.rules.minQtyLots) return 'minQuantity';
    if (notional < this.rules.minNotionalTickLots) return 'minNotional';
    if (notional > this.rules.maxNotionalTickLots) return 'maxNotional';
    if (request.side === 'BUY' && request.priceTicks > this.lastTradeTicks * BID_MULTIPLIER_UP) return 'priceOutOfBand';
    if (request.side === 'SELL' && request.priceTicks < this.lastTradeTicks * ASK_MULTIPLIER_DOWN) return 'priceOutOfBand';
    if (request.type === 'LIMIT_MAKER' && this.book.wouldCross(request.side, request.priceTicks)) return 'postOnlyWouldCross';
    if (this.records.openOrders().length >= MAX_OPEN_ORDERS) return 'tooManyOpenOrders';
    const [asset, atoms] = this.lockAmount(request.side, request.priceTicks, request.lots);
    if (!this.ledger.canLock(asset, atoms)) return 'insufficientBalance';
    return null;
  }

  private lockAmount(side: Side, priceTicks: number, lots: number): [string, bigint] {
    return side === 'BUY'
      ? [this.rules.quoteAsset, tickLotsToAtoms(priceTicks * lots, this.rules)]
      : [this.rules.baseAsset, lotsToAtoms(lots, this.rules)];
  }

  /** Locks (direction -1n: free→locked) or unlocks (+1n) the funds of `lots` of an order. */
  private lockFor(order: OrderRecord, lots: number, type: BalanceChange['type'], direction: bigint): BalanceChange {
    const [asset, atoms] = this.lockAmount(order.side, order.priceTicks, lots);
    return this.ledger.apply(asset, direction * atoms, -direction * atoms, type);
  }

  private fillableLots(side: Side, limitTicks: number): number {
    let total = 0;
    for (const [price, lots] of this.book.levels(side === 'BUY' ? 'SELL' : 'BUY')) {
      if (side === 'BUY' ? price > limitTicks : price < limitTicks) break;
      total += lots;
    }
    return total;
  }

  private closeRemainder(order: OrderRecord): OrderRecord {
    const remaining = order.origLots - order.executedLots;
    if (remaining > 0) this.emitBalance([this.lockFor(order, remaining, 'ENTRUST_CANCEL', 1n)]);
    order.status = order.executedLots > 0 ? 'PARTIALLY_CANCELED' : 'CANCELED';
    order.updateTime = this.now();
    this.records.upsert(order);
    this.emit({kind: 'order', order: {...order}, lastDealLots: null, isMaker: false});
    return {...order};
  }

  private settle(taker: TakerSide, fill: Fill): void {
    const time = this.now();
    const tradeId = `${this.idPrefix}${String(++this.tradeSeq).padStart(15, '0')}X1`;
    this.lastTradeTicks = fill.priceTicks;
    const selfTrade = taker.owner === 'account' && fill.maker.owner === 'account';
    if (fill.maker.owner === 'account') this.settleAccountSide(fill.maker, null, fill, true, selfTrade, tradeId, time);
    if (taker.owner === 'account' && taker.order) this.settleAccountSide(null, taker.order, fill, false, selfTrade, tradeId, time);
    this.emit({kind: 'publicTrade', priceTicks: fill.priceTicks, lots: fill.lots, takerSide: taker.side, time, tradeId});
  }

  private settleAccountSide(
    maker: RestingOrder | null,
    takerOrder: OrderRecord | null,
    fill: Fill,
    isMaker: boolean,
    isSelfTrade: boolean,
    tradeId: string,
    time: number,
  ): void {
    const order = takerOrder ?? this.records.byOrderId(maker!.orderId);
    if (!order) throw new Error(`fill for unknown account order ${maker?.orderId}`);
    const rules = this.rules;
    const cost = tickLotsToAtoms(fill.priceTicks * fill.lots, rules);
    const base = lotsToAtoms(fill.lots, rules);
    const feePpm = isMaker ? rules.makerFeePpm : rules.takerFeePpm;
    const changes: BalanceChange[] = [];
    let fee: bigint;
    let feeAsset: string;
    if (order.side === 'BUY') {
      const locked = tickLotsToAtoms(order.priceTicks * fill.lots, rules);
      fee = feeAtoms(base, feePpm);
      feeAsset = rules.baseAsset;
      changes.push(this.ledger.apply(rules.quoteAsset, locked - cost, -locked, 'ENTRUST'));
      changes.push(this.ledger.apply(rules.baseAsset, base - fee, 0n, 'ENTRUST'));
    } else {
      fee = feeAtoms(cost, feePpm);
      feeAsset = rules.quoteAsset;
      changes.push(this.ledger.apply(rules.baseAsset, 0n, -base, 'ENTRUST'));
      changes.push(this.ledger.apply(rules.quoteAsset, cost - fee, 0n, 'ENTRUST'));
    }
    order.executedLots += fill.lots;
    order.cumQuoteTickLots += fill.priceTicks * fill.lots;
    order.status = order.executedLots >= order.origLots ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = time;
    this.records.upsert(order);
    this.counters.fills++;
    const trade: OwnTrade = {
      tradeId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      side: order.side,
      priceTicks: fill.priceTicks,
      lots: fill.lots,
      isMaker,
      isSelfTrade,
      feeAtoms: fee,
      feeAsset,
      time,
    };
    this.records.addTrade(trade);
    this.emit({kind: 'deal', trade});
    this.emit({kind: 'order', order: {...order}, lastDealLots: fill.lots, isMaker});
    this.emitBalance(changes);
  }

  private emitBalance(changes: BalanceChange[]): void {
    for (const change of changes) {
      if (change.freeChange === 0n && change.lockedChange === 0n) continue;
      this.emit({kind: 'balance', change});
    }
  }

  private emit(event: VenueEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
