// The MEXC REST endpoints the simulator serves (docs/protocols/mexc.md §2.2): one typed description per route
// (method, path, signed, weight, limits) and a handler returning the JSON body or throwing MexcApiError.
import type {VenueConditions} from './venueConditions.js';
import type {ListenKeys} from './listenKeys.js';
import {MexcApiError, mexcErrors} from './mexcErrors.js';
import {checkSymbol, parseClientOrderId, parseOrderInput, rejectionError} from './mexcOrderInput.js';
import type {Params} from './mexcRequest.js';
import {accountView, cancelView, depthView, orderView, placedView, symbolInfoView, tradeView} from './mexcRestViews.js';
import type {MexcVenue} from './mexcVenue.js';
import type {OrderRecord} from './orderRecords.js';
import type {Side} from './matchingEngine.js';
import {priceText, qtyText} from './simSymbol.js';

export interface RouteContext {
  venue: MexcVenue;
  listenKeys: ListenKeys;
  now(): number;
  conditions: VenueConditions;
}

/** Orders on a symbol closed to API trading fail as MEXC answers them ("symbol not support api"); a key without permission gets 700007. */
function checkTradingAllowed(ctx: RouteContext): void {
  if (!ctx.conditions.accountCanTrade) throw mexcErrors.noPermission();
  if (ctx.conditions.symbolStatus !== '1' || !ctx.conditions.spotTradingAllowed) throw mexcErrors.symbolNotSupportApi();
}

/** An order on a side exchangeInfo's `tradeSideType` closes is refused with 30001 (docs/protocols/mexc.md §2.3). */
function checkSideAccepted(side: Side, ctx: RouteContext): void {
  switch (ctx.conditions.tradeSideType) {
    case '1':
      return;
    case '2':
      if (side === 'SELL') throw mexcErrors.sideNotAllowed();
      return;
    case '3':
      if (side === 'BUY') throw mexcErrors.sideNotAllowed();
      return;
    case '4':
      throw mexcErrors.sideNotAllowed();
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route {
  method: HttpMethod;
  path: string;
  signed: boolean;
  weight: number;
  /** also limited to 2 requests/s (batchOrders, account) */
  twoPerSecond?: boolean;
  /** order writes are subject to the ack faults; placements also to timeoutAfterAccept */
  write?: 'place' | 'cancel';
  handle(params: Params, ctx: RouteContext): unknown;
}

const MAX_BATCH = 20;

function findOrder(params: Params, ctx: RouteContext): OrderRecord | undefined {
  const orderId = params.get('orderId');
  const clientId = params.get('origClientOrderId');
  if (orderId === undefined && clientId === undefined) throw mexcErrors.orderIdRequired();
  const byId = orderId !== undefined ? ctx.venue.records.byOrderId(orderId) : undefined;
  if (orderId !== undefined) return byId && (clientId === undefined || byId.clientOrderId === clientId) ? byId : undefined;
  return ctx.venue.records.byClientOrderId(clientId!);
}

function placeBatch(params: Params, ctx: RouteContext): unknown {
  const rules = ctx.venue.rules;
  checkTradingAllowed(ctx);
  let items: unknown;
  try {
    items = JSON.parse(params.required('batchOrders'));
  } catch (error) {
    if (error instanceof MexcApiError) throw error;
    throw mexcErrors.paramError();
  }
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) throw mexcErrors.paramError();
  if (!items.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) throw mexcErrors.paramError();
  return items.map((item: Record<string, unknown>) => {
    const get = (name: string) => {
      const value = item[name];
      return value === undefined || value === null || value === '' ? undefined : String(value);
    };
    try {
      const request = parseOrderInput(get, rules);
      checkSideAccepted(request.side, ctx);
      const result = ctx.venue.place(request);
      if (!result.ok) throw rejectionError(result.reason, rules);
      const success: Record<string, unknown> = {symbol: rules.symbol, orderId: result.order.orderId, orderListId: -1};
      if (result.order.clientOrderId !== null) success.newClientOrderId = result.order.clientOrderId;
      return success;
    } catch (error) {
      if (!(error instanceof MexcApiError)) throw error;
      return {newClientOrderId: get('newClientOrderId') ?? null, msg: error.message, code: error.code};
    }
  });
}

export const mexcRoutes: readonly Route[] = [
  {method: 'GET', path: '/api/v3/ping', signed: false, weight: 1, handle: () => ({})},
  {method: 'GET', path: '/api/v3/time', signed: false, weight: 1, handle: (_p, ctx) => ({serverTime: ctx.now()})},
  {
    method: 'GET',
    path: '/api/v3/exchangeInfo',
    signed: false,
    weight: 10,
    handle: (params, ctx) => {
      const rules = ctx.venue.rules;
      const wanted = params.get('symbol') ?? params.get('symbols');
      if (wanted !== undefined && !wanted.split(',').every((symbol) => symbol === rules.symbol)) throw mexcErrors.badSymbol();
      return {timezone: 'CST', serverTime: ctx.now(), rateLimits: [], exchangeFilters: [], symbols: [symbolInfoView(rules, ctx.conditions)]};
    },
  },
  {
    method: 'GET',
    path: '/api/v3/defaultSymbols',
    signed: false,
    weight: 1,
    handle: (_p, ctx) => ({code: 200, data: [ctx.venue.rules.symbol], msg: null}),
  },
  {
    method: 'GET',
    path: '/api/v3/depth',
    signed: false,
    weight: 1,
    handle: (params, ctx) => {
      checkSymbol(params.get('symbol'), ctx.venue.rules);
      const limit = params.intInRange('limit', 1, 5000, 100);
      return depthView(ctx.venue.book, ctx.venue.rules, limit, ctx.now());
    },
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/bookTicker',
    signed: false,
    weight: 1,
    handle: (params, ctx) => {
      const rules = ctx.venue.rules;
      const symbol = params.get('symbol');
      if (symbol !== undefined) checkSymbol(symbol, rules);
      const [bid] = ctx.venue.book.levels('BUY', 1);
      const [ask] = ctx.venue.book.levels('SELL', 1);
      const view = {
        symbol: rules.symbol,
        bidPrice: bid ? priceText(bid[0], rules) : '0',
        bidQty: bid ? qtyText(bid[1], rules) : '0',
        askPrice: ask ? priceText(ask[0], rules) : '0',
        askQty: ask ? qtyText(ask[1], rules) : '0',
      };
      return symbol === undefined ? [view] : view;
    },
  },
  {
    method: 'GET',
    path: '/api/v3/ticker/price',
    signed: false,
    weight: 1,
    handle: (params, ctx) => {
      const rules = ctx.venue.rules;
      const symbol = params.get('symbol');
      if (symbol !== undefined) checkSymbol(symbol, rules);
      const view = {symbol: rules.symbol, price: priceText(ctx.venue.lastPriceTicks, rules)};
      return symbol === undefined ? [view] : view;
    },
  },
  {method: 'GET', path: '/api/v3/account', signed: true, weight: 10, twoPerSecond: true, handle: (_p, ctx) => accountView(ctx.venue.ledger, ctx.conditions)},
  {
    method: 'POST',
    path: '/api/v3/order',
    signed: true,
    weight: 1,
    write: 'place',
    handle: (params, ctx) => {
      const rules = ctx.venue.rules;
      checkTradingAllowed(ctx);
      const request = parseOrderInput((name) => params.get(name), rules);
      checkSideAccepted(request.side, ctx);
      const result = ctx.venue.place(request);
      if (!result.ok) throw rejectionError(result.reason, rules);
      return placedView(result.order, rules);
    },
  },
  {
    method: 'POST',
    path: '/api/v3/order/test',
    signed: true,
    weight: 1,
    handle: (params, ctx) => {
      // the test order needs the trade permission as a real one does (docs/protocols/mexc.md §2.9)
      if (!ctx.conditions.accountCanTrade) throw mexcErrors.noPermission();
      parseOrderInput((name) => params.get(name), ctx.venue.rules);
      return {};
    },
  },
  {method: 'POST', path: '/api/v3/batchOrders', signed: true, weight: 1, twoPerSecond: true, write: 'place', handle: placeBatch},
  {
    method: 'DELETE',
    path: '/api/v3/order',
    signed: true,
    weight: 1,
    write: 'cancel',
    handle: (params, ctx) => {
      const rules = ctx.venue.rules;
      checkSymbol(params.get('symbol'), rules);
      // validated as MEXC does, though the answer does not echo it
      parseClientOrderId(params.get('newClientOrderId'));
      const order = findOrder(params, ctx);
      const cancelled = order ? ctx.venue.cancel(order.orderId) : null;
      if (!cancelled) throw mexcErrors.unknownOrder();
      return cancelView(cancelled.before, rules);
    },
  },
  {
    method: 'DELETE',
    path: '/api/v3/openOrders',
    signed: true,
    weight: 1,
    write: 'cancel',
    handle: (params, ctx) => {
      const rules = ctx.venue.rules;
      const symbols = params.required('symbol').split(',');
      if (symbols.length > 5) throw mexcErrors.paramError();
      for (const symbol of symbols) checkSymbol(symbol, rules);
      const out: unknown[] = [];
      for (const order of ctx.venue.records.openOrders()) {
        const cancelled = ctx.venue.cancel(order.orderId);
        if (cancelled) out.push(cancelView(cancelled.before, rules));
      }
      return out;
    },
  },
  {
    method: 'GET',
    path: '/api/v3/order',
    signed: true,
    weight: 2,
    handle: (params, ctx) => {
      checkSymbol(params.get('symbol'), ctx.venue.rules);
      const order = findOrder(params, ctx);
      if (!order) throw mexcErrors.orderNotExist();
      return orderView(order, ctx.venue.rules);
    },
  },
  {
    method: 'GET',
    path: '/api/v3/openOrders',
    signed: true,
    weight: 3,
    handle: (params, ctx) => {
      const symbol = params.get('symbol');
      if (symbol !== undefined) checkSymbol(symbol, ctx.venue.rules);
      return ctx.venue.records.openOrders().map((order) => orderView(order, ctx.venue.rules));
    },
  },
  {
    method: 'GET',
    path: '/api/v3/allOrders',
    signed: true,
    weight: 10,
    handle: (params, ctx) => {
      checkSymbol(params.get('symbol'), ctx.venue.rules);
      const limit = params.intInRange('limit', 1, 1000, 500);
      const start = Number(params.get('startTime') ?? ctx.now() - 24 * 3600_000);
      const end = Number(params.get('endTime') ?? Number.MAX_SAFE_INTEGER);
      const orders = ctx.venue.records.allOrders().filter((order) => order.time >= start && order.time <= end);
      return orders.slice(-limit).map((order) => orderView(order, ctx.venue.rules));
    },
  },
  {
    method: 'GET',
    path: '/api/v3/myTrades',
    signed: true,
    weight: 10,
    handle: (params, ctx) => {
      checkSymbol(params.get('symbol'), ctx.venue.rules);
      const limit = params.intInRange('limit', 1, 100, 100);
      const orderId = params.get('orderId');
      const start = Number(params.get('startTime') ?? 0);
      const end = Number(params.get('endTime') ?? Number.MAX_SAFE_INTEGER);
      const trades = ctx.venue.records
        .ownTrades()
        .filter((trade) => (orderId === undefined || trade.orderId === orderId) && trade.time >= start && trade.time <= end);
      return trades.slice(-limit).map((trade) => tradeView(trade, ctx.venue.rules));
    },
  },
  {
    method: 'POST',
    path: '/api/v3/userDataStream',
    signed: true,
    weight: 1,
    handle: (_p, ctx) => {
      const listenKey = ctx.listenKeys.create(ctx.now());
      if (listenKey === null) throw mexcErrors.tooManyListenKeys();
      return {listenKey};
    },
  },
  {
    method: 'GET',
    path: '/api/v3/userDataStream',
    signed: true,
    weight: 1,
    handle: (_p, ctx) => ({listenKey: ctx.listenKeys.list(ctx.now())}),
  },
  {
    method: 'PUT',
    path: '/api/v3/userDataStream',
    signed: true,
    weight: 1,
    handle: (params, ctx) => {
      const listenKey = params.required('listenKey');
      if (!ctx.listenKeys.extend(listenKey, ctx.now())) throw mexcErrors.listenKeyInvalid();
      return {listenKey};
    },
  },
  {
    method: 'DELETE',
    path: '/api/v3/userDataStream',
    signed: true,
    weight: 1,
    handle: (params, ctx) => {
      const listenKey = params.required('listenKey');
      if (!ctx.listenKeys.remove(listenKey, ctx.now())) throw mexcErrors.listenKeyInvalid();
      return {listenKey};
    },
  },
];

export function findRoute(method: string, path: string): Route | 'wrongMethod' | null {
  const matches = mexcRoutes.filter((route) => route.path === path);
  if (matches.length === 0) return null;
  return matches.find((route) => route.method === method) ?? 'wrongMethod';
}
