// Builds binary MEXC pushes (one PushDataV3ApiWrapper per frame, docs/protocols/mexc.md §6) with the official schema.
// Proto3 leaves default values (empty string, 0, false) off the wire, so they are dropped before encoding
// to give the same bytes MEXC sends.
import {encodePushWrapper} from '../../wire/mexcProtobuf/schema.js';
import {formatScaled} from '../../wire/scaledDecimal.js';
import {formatAtoms} from '../fixedPoint.js';
import type {BalanceChange} from './ledger.js';
import type {OrderRecord, OrderStatus, OrderType, OwnTrade} from './orderRecords.js';
import {priceText, qtyText, quoteText, type SimSymbol} from './simSymbol.js';
import {PRIVATE_ACCOUNT, PRIVATE_DEALS, PRIVATE_ORDERS} from './mexcTopics.js';

type Plain = Record<string, unknown>;

/** Drops proto3 default values recursively (arrays are kept; empty repeated fields are not written anyway). */
export function withoutDefaults(value: Plain): Plain {
  const out: Plain = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null || field === '' || field === 0 || field === false) continue;
    if (Array.isArray(field)) out[key] = field.map((item) => (item !== null && typeof item === 'object' ? withoutDefaults(item as Plain) : item));
    else if (typeof field === 'object') out[key] = withoutDefaults(field as Plain);
    else out[key] = field;
  }
  return out;
}

export const encodePush = (payload: Plain): Uint8Array => encodePushWrapper(withoutDefaults(payload));

export type Level = [priceTicks: number, lots: number];

const levelItems = (levels: Level[], rules: SimSymbol) =>
  levels.map(([ticks, lots]) => ({price: priceText(ticks, rules), quantity: qtyText(lots, rules)}));

export function aggreDepthPush(
  channel: string,
  eventType: string,
  rules: SimSymbol,
  asks: Level[],
  bids: Level[],
  fromVersion: number,
  toVersion: number,
  sendTime: number,
): Uint8Array {
  return encodePush({
    channel,
    publicAggreDepths: {
      asks: levelItems(asks, rules),
      bids: levelItems(bids, rules),
      eventType,
      fromVersion: String(fromVersion),
      toVersion: String(toVersion),
    },
    symbol: rules.symbol,
    sendTime,
  });
}

export function limitDepthPush(channel: string, eventType: string, rules: SimSymbol, asks: Level[], bids: Level[], version: number, sendTime: number): Uint8Array {
  return encodePush({
    channel,
    publicLimitDepths: {asks: levelItems(asks, rules), bids: levelItems(bids, rules), eventType, version: String(version)},
    symbol: rules.symbol,
    sendTime,
  });
}

export function bookTickerPush(channel: string, rules: SimSymbol, bid: Level | null, ask: Level | null, version: number, sendTime: number): Uint8Array {
  const [bidItem] = bid ? levelItems([bid], rules) : [];
  const [askItem] = ask ? levelItems([ask], rules) : [];
  return encodePush({
    channel,
    publicAggreBookTicker: {
      bidPrice: bidItem?.price,
      bidQuantity: bidItem?.quantity,
      askPrice: askItem?.price,
      askQuantity: askItem?.quantity,
      version: String(version),
    },
    symbol: rules.symbol,
    sendTime,
  });
}

export interface PublicTrade {
  priceTicks: number;
  lots: number;
  takerSide: 'BUY' | 'SELL';
  time: number;
  tradeId: string;
}

export function dealsPush(channel: string, eventType: string, rules: SimSymbol, trades: PublicTrade[], sendTime: number): Uint8Array {
  return encodePush({
    channel,
    publicAggreDeals: {
      deals: trades.map((trade) => ({
        price: priceText(trade.priceTicks, rules),
        quantity: qtyText(trade.lots, rules),
        tradeType: trade.takerSide === 'BUY' ? 1 : 2,
        time: trade.time,
        tradeId: trade.tradeId,
      })),
      eventType,
    },
    symbol: rules.symbol,
    sendTime,
  });
}

const ORDER_TYPE_CODE: Record<OrderType, number> = {LIMIT: 1, LIMIT_MAKER: 2, IMMEDIATE_OR_CANCEL: 3, FILL_OR_KILL: 4};
const STATUS_CODE: Record<OrderStatus, number> = {NEW: 1, FILLED: 2, PARTIALLY_FILLED: 3, CANCELED: 4, PARTIALLY_CANCELED: 5};

/** Average fill price, truncated to 8 decimals beyond the tick. */
function averagePrice(order: OrderRecord, rules: SimSymbol): string {
  if (order.executedLots === 0) return '0';
  const extra = 8;
  const scaled = (BigInt(order.cumQuoteTickLots) * 10n ** BigInt(extra)) / BigInt(order.executedLots);
  return formatScaled(scaled, rules.priceDecimals + extra);
}

export function privateOrderPush(rules: SimSymbol, order: OrderRecord, lastDealLots: number | null, isMaker: boolean, sendTime: number): Uint8Array {
  const remainingLots = order.status === 'NEW' || order.status === 'PARTIALLY_FILLED' ? order.origLots - order.executedLots : 0;
  return encodePush({
    channel: PRIVATE_ORDERS,
    privateOrders: {
      id: order.orderId,
      clientId: order.clientOrderId ?? '',
      price: priceText(order.priceTicks, rules),
      quantity: qtyText(order.origLots, rules),
      amount: quoteText(order.priceTicks * order.origLots, rules),
      avgPrice: averagePrice(order, rules),
      orderType: ORDER_TYPE_CODE[order.type],
      tradeType: order.side === 'BUY' ? 1 : 2,
      isMaker,
      remainAmount: quoteText(order.priceTicks * remainingLots, rules),
      remainQuantity: qtyText(remainingLots, rules),
      lastDealQuantity: lastDealLots === null ? undefined : qtyText(lastDealLots, rules),
      cumulativeQuantity: qtyText(order.executedLots, rules),
      cumulativeAmount: quoteText(order.cumQuoteTickLots, rules),
      status: STATUS_CODE[order.status],
      createTime: order.time,
    },
    symbol: rules.symbol,
    sendTime,
  });
}

export function privateDealPush(rules: SimSymbol, trade: OwnTrade, sendTime: number): Uint8Array {
  return encodePush({
    channel: PRIVATE_DEALS,
    privateDeals: {
      price: priceText(trade.priceTicks, rules),
      quantity: qtyText(trade.lots, rules),
      amount: quoteText(trade.priceTicks * trade.lots, rules),
      tradeType: trade.side === 'BUY' ? 1 : 2,
      isMaker: trade.isMaker,
      isSelfTrade: trade.isSelfTrade,
      tradeId: trade.tradeId,
      clientOrderId: trade.clientOrderId ?? '',
      orderId: trade.orderId,
      feeAmount: formatAtoms(trade.feeAtoms),
      feeCurrency: trade.feeAsset,
      time: trade.time,
    },
    symbol: rules.symbol,
    sendTime,
  });
}

export function privateAccountPush(change: BalanceChange, time: number): Uint8Array {
  return encodePush({
    channel: PRIVATE_ACCOUNT,
    privateAccount: {
      vcoinName: change.asset,
      balanceAmount: formatAtoms(change.free),
      balanceAmountChange: formatAtoms(change.freeChange),
      frozenAmount: formatAtoms(change.locked),
      frozenAmountChange: formatAtoms(change.lockedChange),
      type: change.type,
      time,
    },
    createTime: time,
    sendTime: time,
  });
}
