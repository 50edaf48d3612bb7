// Typed descriptions of the MEXC spot REST endpoints the bot uses (docs/protocols/mexc.md §2): method, path, signing,
// rate-limit weights and the shape of a successful answer. The REST client has one request path that
// takes one of these; nothing else knows a URL.
import {z} from 'zod';
import type {RateLimit} from './rateLimiter.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface EndpointSpec<T> {
  name: string;
  method: HttpMethod;
  path: string;
  signed: boolean;
  /** weight against the shared per-IP bucket */
  ipWeight: number;
  /** weight against the shared per-account (UID) bucket */
  uidWeight: number;
  response: z.ZodType<T>;
}

// ids, versions and times arrive as numbers or strings depending on the endpoint (docs/protocols/mexc.md §2.4, §2.10)
const numberish = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const decimal = z.union([z.string(), z.number()]).transform(String);
const level = z.tuple([decimal, decimal]).rest(z.unknown()).transform(([price, size]) => [price, size] as [string, string]);
const side = z.enum(['BUY', 'SELL']);

export const timeResponse = z.looseObject({serverTime: numberish});

export const exchangeSymbol = z.looseObject({
  symbol: z.string(),
  status: decimal,
  baseAsset: z.string(),
  quoteAsset: z.string(),
  baseAssetPrecision: numberish,
  quotePrecision: numberish.optional(),
  quoteAssetPrecision: numberish.optional(),
  baseSizePrecision: decimal.optional(),
  quoteAmountPrecision: decimal.optional(),
  isSpotTradingAllowed: z.boolean().optional(),
  permissions: z.array(z.string()).optional(),
  orderTypes: z.array(z.string()).optional(),
  // documented as a string ("1"), a number (1) in other samples and connectors (docs/protocols/mexc.md §2.3)
  tradeSideType: decimal.optional(),
  // documented as a string, sent as a JSON boolean (docs/protocols/mexc.md §2.3)
  st: z.union([z.boolean(), z.string()]).nullish(),
});
export type ExchangeSymbol = z.infer<typeof exchangeSymbol>;
export const exchangeInfoResponse = z.looseObject({symbols: z.array(exchangeSymbol)});

export const depthResponse = z
  .looseObject({lastUpdateId: numberish, bids: z.array(level), asks: z.array(level)})
  .refine((d) => Number.isSafeInteger(d.lastUpdateId), 'lastUpdateId is not a safe integer');
export interface DepthSnapshot {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

export const newOrderResponse = z.looseObject({symbol: z.string().optional(), orderId: decimal});

/** One element of a batchOrders answer: success carries orderId, failure carries code + msg. */
export const batchOrderItem = z.looseObject({
  orderId: decimal.optional(),
  newClientOrderId: decimal.nullish(),
  clientOrderId: decimal.nullish(),
  code: numberish.optional(),
  msg: z.string().nullish(),
});
export type BatchOrderItem = z.infer<typeof batchOrderItem>;

export const restOrder = z.looseObject({
  symbol: z.string(),
  orderId: decimal,
  clientOrderId: z.string().nullish(),
  price: decimal,
  origQty: decimal,
  executedQty: decimal,
  status: z.string(),
  side,
  type: z.string().nullish(),
  time: numberish.nullish(),
  updateTime: numberish.nullish(),
});
export type RestOrder = z.infer<typeof restOrder>;

export const cancelResponse = z.looseObject({
  symbol: z.string().optional(),
  orderId: decimal.optional(),
  origClientOrderId: z.string().nullish(),
  clientOrderId: z.string().nullish(),
  status: z.string().nullish(),
});
export type CancelResponse = z.infer<typeof cancelResponse>;

export const accountResponse = z.looseObject({
  balances: z.array(z.looseObject({asset: z.string(), free: decimal, locked: decimal})),
  canTrade: z.boolean().nullish(),
});
export type AccountInfo = z.infer<typeof accountResponse>;

export const myTrade = z.looseObject({
  symbol: z.string(),
  id: decimal,
  orderId: decimal,
  price: decimal,
  qty: decimal,
  quoteQty: decimal.nullish(),
  commission: decimal.nullish(),
  commissionAsset: z.string().nullish(),
  time: numberish,
  isBuyer: z.boolean(),
  isMaker: z.boolean(),
  clientOrderId: z.string().nullish(),
});
export type MyTrade = z.infer<typeof myTrade>;

export const listenKeyResponse = z.looseObject({listenKey: z.string().min(1)});

const endpoint = <T>(spec: EndpointSpec<T>): EndpointSpec<T> => spec;

// Weights: DOC per endpoint (docs/protocols/mexc.md §2.2); listenKey calls have no documented weight, 1 is assumed.
export const endpoints = {
  time: endpoint({name: 'time', method: 'GET', path: '/api/v3/time', signed: false, ipWeight: 1, uidWeight: 0, response: timeResponse}),
  exchangeInfo: endpoint({name: 'exchangeInfo', method: 'GET', path: '/api/v3/exchangeInfo', signed: false, ipWeight: 10, uidWeight: 0, response: exchangeInfoResponse}),
  depth: endpoint({name: 'depth', method: 'GET', path: '/api/v3/depth', signed: false, ipWeight: 1, uidWeight: 0, response: depthResponse}),
  order: endpoint({name: 'order', method: 'POST', path: '/api/v3/order', signed: true, ipWeight: 1, uidWeight: 1, response: newOrderResponse}),
  // validates an order (signature, permission, parameters) without placing it: the start-up trade-permission check
  testOrder: endpoint({name: 'testOrder', method: 'POST', path: '/api/v3/order/test', signed: true, ipWeight: 1, uidWeight: 0, response: z.looseObject({})}),
  batchOrders: endpoint({name: 'batchOrders', method: 'POST', path: '/api/v3/batchOrders', signed: true, ipWeight: 1, uidWeight: 1, response: z.array(batchOrderItem)}),
  cancelOrder: endpoint({name: 'cancelOrder', method: 'DELETE', path: '/api/v3/order', signed: true, ipWeight: 1, uidWeight: 0, response: cancelResponse}),
  cancelAllOpenOrders: endpoint({name: 'cancelAllOpenOrders', method: 'DELETE', path: '/api/v3/openOrders', signed: true, ipWeight: 1, uidWeight: 0, response: z.array(cancelResponse)}),
  queryOrder: endpoint({name: 'queryOrder', method: 'GET', path: '/api/v3/order', signed: true, ipWeight: 2, uidWeight: 0, response: restOrder}),
  openOrders: endpoint({name: 'openOrders', method: 'GET', path: '/api/v3/openOrders', signed: true, ipWeight: 3, uidWeight: 0, response: z.array(restOrder)}),
  account: endpoint({name: 'account', method: 'GET', path: '/api/v3/account', signed: true, ipWeight: 10, uidWeight: 0, response: accountResponse}),
  myTrades: endpoint({name: 'myTrades', method: 'GET', path: '/api/v3/myTrades', signed: true, ipWeight: 10, uidWeight: 0, response: z.array(myTrade)}),
  createListenKey: endpoint({name: 'createListenKey', method: 'POST', path: '/api/v3/userDataStream', signed: true, ipWeight: 1, uidWeight: 0, response: listenKeyResponse}),
  keepAliveListenKey: endpoint({name: 'keepAliveListenKey', method: 'PUT', path: '/api/v3/userDataStream', signed: true, ipWeight: 1, uidWeight: 0, response: listenKeyResponse}),
  deleteListenKey: endpoint({name: 'deleteListenKey', method: 'DELETE', path: '/api/v3/userDataStream', signed: true, ipWeight: 1, uidWeight: 0, response: listenKeyResponse}),
} as const;

export type EndpointName = keyof typeof endpoints;

/**
 * Default budget (docs/protocols/mexc.md §2.1). The EN docs say 500 weight / 10 s per endpoint, the CN docs 500 / 10 s
 * shared by all endpoints: the shared reading is the stricter one and satisfies both. Support advised
 * 20 req/s per endpoint (JK note, unverified); batchOrders and account are documented at 2 req/s.
 */
export const defaultRateLimits: Readonly<Record<string, RateLimit>> = {
  ip: {amount: 500, windowMs: 10_000},
  uid: {amount: 500, windowMs: 10_000},
  perEndpoint: {amount: 20, windowMs: 1_000},
  batchOrders: {amount: 2, windowMs: 1_000},
  account: {amount: 2, windowMs: 1_000},
};
