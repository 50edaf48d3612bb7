// JSON shapes of MEXC REST replies (docs/protocols/mexc.md §2.3–§2.10), built from the venue's records. The
// shapes are those of answers captured from the live exchange (docs/protocols/mexc.md §2.12): decimals, ids,
// versions and times as strings, and only the fields the live exchange sends, so the client is tested
// against what it will really read.
import {formatAtoms} from '../fixedPoint.js';
import type {Ledger} from './ledger.js';
import type {MatchingEngine} from './matchingEngine.js';
import {NORMAL_CONDITIONS, type VenueConditions} from './venueConditions.js';
import {ASK_MULTIPLIER_DOWN, BID_MULTIPLIER_UP} from './mexcVenue.js';
import type {OrderRecord, OwnTrade} from './orderRecords.js';
import {priceText, qtyText, quoteText, type SimSymbol} from './simSymbol.js';


export function symbolInfoView(rules: SimSymbol, conditions: VenueConditions = NORMAL_CONDITIONS) {
  return {
    symbol: rules.symbol,
    status: conditions.symbolStatus,
    baseAsset: rules.baseAsset,
    baseAssetPrecision: rules.qtyDecimals,
    quoteAsset: rules.quoteAsset,
    quotePrecision: rules.priceDecimals,
    quoteAssetPrecision: rules.priceDecimals,
    baseCommissionPrecision: rules.qtyDecimals,
    quoteCommissionPrecision: rules.priceDecimals,
    orderTypes: ['LIMIT', 'LIMIT_MAKER'],
    isSpotTradingAllowed: conditions.spotTradingAllowed,
    isMarginTradingAllowed: false,
    quoteAmountPrecision: quoteText(rules.minNotionalTickLots, rules),
    baseSizePrecision: qtyText(rules.minQtyLots, rules),
    permissions: ['SPOT'],
    filters: [{filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: String(BID_MULTIPLIER_UP), askMultiplierDown: String(ASK_MULTIPLIER_DOWN)}],
    maxQuoteAmount: quoteText(rules.maxNotionalTickLots, rules),
    makerCommission: String(rules.makerFeePpm / 1e6),
    takerCommission: String(rules.takerFeePpm / 1e6),
    quoteAmountPrecisionMarket: quoteText(rules.minNotionalTickLots, rules),
    maxQuoteAmountMarket: '100000',
    fullName: rules.baseAsset,
    tradeSideType: conditions.tradeSideType,
    contractAddress: '',
    st: conditions.specialTreatment,
    quoteOrderQtyMarketAllowed: false,
  };
}

export function depthView(book: MatchingEngine, rules: SimSymbol, limit: number, now: number) {
  const side = (s: 'BUY' | 'SELL') => book.levels(s, limit).map(([ticks, lots]) => [priceText(ticks, rules), qtyText(lots, rules)]);
  return {lastUpdateId: String(book.version), bids: side('BUY'), asks: side('SELL'), timestamp: String(now)};
}

/** The reply to POST /api/v3/order: no client id, no status. */
export function placedView(order: OrderRecord, rules: SimSymbol) {
  return {
    symbol: rules.symbol,
    orderId: order.orderId,
    orderListId: '-1',
    price: priceText(order.priceTicks, rules),
    origQty: qtyText(order.origLots, rules),
    type: order.type,
    side: order.side,
    transactTime: String(order.time),
  };
}

/** GET /api/v3/order, openOrders, allOrders element. */
export function orderView(order: OrderRecord, rules: SimSymbol) {
  return {
    symbol: rules.symbol,
    orderId: order.orderId,
    orderListId: '-1',
    clientOrderId: order.clientOrderId,
    price: priceText(order.priceTicks, rules),
    origQty: qtyText(order.origLots, rules),
    executedQty: qtyText(order.executedLots, rules),
    cummulativeQuoteQty: quoteText(order.cumQuoteTickLots, rules),
    status: order.status,
    timeInForce: null,
    type: order.type,
    side: order.side,
    stopPrice: null,
    icebergQty: null,
    time: String(order.time),
    updateTime: String(order.updateTime),
    isWorking: true,
    origQuoteOrderQty: quoteText(order.priceTicks * order.origLots, rules),
  };
}

/**
 * DELETE /api/v3/order and DELETE /api/v3/openOrders element: the order as it was, without a status or client
 * ids (a successful cancel is the 2XX answer itself: docs/protocols/mexc.md §2.7).
 */
export function cancelView(before: OrderRecord, rules: SimSymbol) {
  return {
    symbol: rules.symbol,
    orderId: before.orderId,
    price: priceText(before.priceTicks, rules),
    origQty: qtyText(before.origLots, rules),
    type: before.type,
    side: before.side,
  };
}

export function tradeView(trade: OwnTrade, rules: SimSymbol) {
  return {
    symbol: rules.symbol,
    id: trade.tradeId,
    orderId: trade.orderId,
    orderListId: '-1',
    price: priceText(trade.priceTicks, rules),
    qty: qtyText(trade.lots, rules),
    quoteQty: quoteText(trade.priceTicks * trade.lots, rules),
    commission: formatAtoms(trade.feeAtoms),
    commissionAsset: trade.feeAsset,
    time: String(trade.time),
    isBuyer: trade.side === 'BUY',
    isMaker: trade.isMaker,
    isBestMatch: true,
    isSelfTrade: trade.isSelfTrade,
    clientOrderId: trade.clientOrderId,
  };
}

export function accountView(ledger: Ledger, conditions: VenueConditions = NORMAL_CONDITIONS) {
  return {
    makerCommission: null,
    takerCommission: null,
    buyerCommission: null,
    sellerCommission: null,
    canTrade: conditions.accountCanTrade,
    canWithdraw: true,
    canDeposit: true,
    updateTime: null,
    accountType: 'SPOT',
    balances: ledger.assets().map(([asset, balance]) => ({
      asset,
      free: formatAtoms(balance.free),
      locked: formatAtoms(balance.locked),
      available: formatAtoms(balance.free),
    })),
    permissions: ['SPOT'],
  };
}
