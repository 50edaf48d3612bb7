// ccxt's WebSocket ("pro") exchange classes for MEXC and KuCoin, loaded from the installed dev dependency,
// typed only as far as the wire-path bench (wirePath.ts) drives them. Nothing here connects anywhere:
// `exchange.client(url)` builds ccxt's WsClient object without opening a socket, and `spotMarket` stands in
// for the loadMarkets() that every watch* call runs first.
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import type {CcxtBookSide} from './ccxtOrderBook.js';

/** ccxt's WsClient (js/src/base/ws/Client.js): `onMessage` is what its node delivery loop calls per frame. */
export interface CcxtWsClient {
  onMessage(event: {data: unknown}): void;
  futures: Record<string, unknown>;
  subscriptions: Record<string, unknown>;
}

/** ccxt's WS OrderBook (js/src/base/ws/OrderBook.js): Bids/Asks sides, a nonce, a cache of early deltas. */
export interface CcxtWsOrderBook {
  bids: CcxtBookSide;
  asks: CcxtBookSide;
  nonce: number | undefined;
  cache: unknown[];
  reset(snapshot?: object): CcxtWsOrderBook;
}

export interface CcxtProExchange {
  orderbooks: Record<string, CcxtWsOrderBook>;
  orderBook(snapshot?: object, depth?: number): CcxtWsOrderBook;
  client(url: string): CcxtWsClient;
  parseOrderBook(
    orderbook: unknown,
    symbol: string,
    timestamp?: number,
    bidsKey?: string,
    asksKey?: string,
    priceKey?: number,
    amountKey?: number,
  ): Record<string, unknown>;
  safeSymbol(marketId: string, market?: unknown, delimiter?: string): string;
  /** what loadMarkets() ends with: markets (and markets_by_id, which every handler's safeSymbol looks up) */
  setMarkets(markets: object[]): unknown;
  /** MEXC: imports the static protobuf module (js/src/protobuf/mexc/compiled.cjs) the constructor starts loading */
  loadExchangeSpecificFiles(): Promise<void>;
}

export interface CcxtPro {
  mexc: new (config?: object) => CcxtProExchange;
  kucoin: new (config?: object) => CcxtProExchange;
  version: string;
}

export async function loadCcxtPro(): Promise<CcxtPro> {
  const module = (await import('ccxt')) as unknown as {default: {pro: {mexc: CcxtPro['mexc']; kucoin: CcxtPro['kucoin']}}};
  const require = createRequire(import.meta.url);
  const root = dirname(dirname(require.resolve('ccxt'))); // <package>/dist/ccxt.cjs
  const version = (require(join(root, 'package.json')) as {version: string}).version;
  return {mexc: module.default.pro.mexc, kucoin: module.default.pro.kucoin, version};
}

/**
 * One spot market as ccxt's parseMarket would list it, enough for setMarkets(): without loaded markets ccxt's
 * safeSymbol() builds a whole market structure per message (deepExtend of its defaults), which it never does
 * in use, since watchOrderBook() loads the markets before it subscribes.
 */
export function spotMarket(id: string, base: string, quote: string): object {
  return {id, symbol: `${base}/${quote}`, base, quote, baseId: base, quoteId: quote, type: 'spot', spot: true, margin: false, swap: false, future: false, option: false, contract: false, active: true};
}
