// KuCoin public REST on loopback: paths, envelopes, error codes and rate-limit headers as on
// api.kucoin.com (docs/protocols/kucoin.md §2.1, §2.2, §3.6, §4, §5).

import type {IncomingMessage, ServerResponse} from 'node:http';
import type {KucoinBookModel} from './bookModel.js';
import {formatLevels, type Scales} from './level2Messages.js';
import type {PublicRatePool} from './publicRatePool.js';
import type {KucoinSimCounters, KucoinFaultName} from './simCounters.js';
import type {TokenRegistry} from './tokenRegistry.js';

export interface RestContext {
  symbol: string;
  scales: Scales;
  book: KucoinBookModel;
  tokens: TokenRegistry;
  pool: PublicRatePool;
  counters: KucoinSimCounters;
  faultOn(name: KucoinFaultName): boolean;
  /** time of the last market step (ms), used for `time` fields */
  marketTime(): number;
  symbolInfo: Record<string, unknown>;
  wsEndpoints: string[];
  pingIntervalMs: number;
  pingTimeoutMs: number;
}

type Route =
  | {kind: 'bullet'}
  | {kind: 'level2'; depth: 20 | 100}
  | {kind: 'level2Private'}
  | {kind: 'symbols'}
  | {kind: 'symbolOne'; symbol: string}
  | {kind: 'timestamp'}
  | {kind: 'status'};

// Public-pool weights from [U-REST] (docs/protocols/kucoin.md §5.2).
function weightOf(route: Route): number {
  switch (route.kind) {
    case 'bullet':
      return 10;
    case 'level2':
      return 2;
    case 'level2Private':
      return 0; // Spot (per-UID) pool, never reached: the request is refused for lack of auth.
    case 'symbols':
    case 'symbolOne':
      return 4;
    case 'timestamp':
    case 'status':
      return 3;
  }
}

function matchRoute(method: string, path: string): Route | 'wrongMethod' | null {
  const table: [string, string, Route][] = [
    ['POST', '/api/v1/bullet-public', {kind: 'bullet'}],
    ['GET', '/api/v1/market/orderbook/level2_20', {kind: 'level2', depth: 20}],
    ['GET', '/api/v1/market/orderbook/level2_100', {kind: 'level2', depth: 100}],
    ['GET', '/api/v3/market/orderbook/level2', {kind: 'level2Private'}],
    ['GET', '/api/v2/symbols', {kind: 'symbols'}],
    ['GET', '/api/v1/timestamp', {kind: 'timestamp'}],
    ['GET', '/api/v1/status', {kind: 'status'}],
  ];
  const oneSymbol = /^\/api\/v2\/symbols\/([^/]+)$/.exec(path);
  if (oneSymbol) return method === 'GET' ? {kind: 'symbolOne', symbol: decodeURIComponent(oneSymbol[1]!)} : 'wrongMethod';
  const byPath = table.filter(([, p]) => p === path);
  if (byPath.length === 0) return null;
  const hit = byPath.find(([m]) => m === method);
  return hit ? hit[2] : 'wrongMethod';
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers});
  res.end(text);
}

const MAX_BODY_BYTES = 64 * 1024;

export function handleRestRequest(ctx: RestContext, req: IncomingMessage, res: ServerResponse): void {
  ctx.counters.restRequests += 1;
  // Bodies are not used by any public endpoint; drain (bounded) so keep-alive connections stay usable.
  let bodyBytes = 0;
  req.on('data', (chunk: Buffer) => {
    bodyBytes += chunk.length;
    if (bodyBytes > MAX_BODY_BYTES) req.destroy();
  });
  req.on('error', () => {
    ctx.counters.restErrors += 1;
  });
  req.on('end', () => {
    try {
      respond(ctx, req, res);
    } catch {
      ctx.counters.restErrors += 1;
      if (!res.headersSent) send(res, 500, {code: '500000', msg: 'Internal Server Error'});
    }
  });
}

function respond(ctx: RestContext, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const fail = (status: number, code: string, msg: string, headers: Record<string, string> = {}): void => {
    ctx.counters.restErrors += 1;
    send(res, status, {code, msg}, headers);
  };

  if (ctx.faultOn('serverError')) {
    ctx.counters.serverErrorResponses += 1;
    ctx.counters.faultsInjected += 1;
    return fail(500, '500000', 'Internal Server Error');
  }
  if (ctx.faultOn('rateLimitBurst')) {
    // Overload-style 429000: no personal gw-ratelimit headers (docs/protocols/kucoin.md §5.1).
    ctx.counters.rateLimitBurstResponses += 1;
    ctx.counters.faultsInjected += 1;
    ctx.counters.rateLimited += 1;
    return fail(429, '429000', 'Too Many Requests');
  }

  const route = matchRoute(req.method ?? 'GET', url.pathname);
  if (route === null) return fail(404, '404000', 'Url Not Found');
  if (route === 'wrongMethod') return fail(405, '405000', 'Method Not Allowed');
  if (route.kind === 'level2Private') {
    // Full depth needs a signed request with "General" permission; the simulator holds no KuCoin accounts.
    const hasAuth = ['kc-api-key', 'kc-api-sign', 'kc-api-timestamp', 'kc-api-passphrase'].every((h) => req.headers[h]);
    return hasAuth
      ? fail(401, '400003', 'KC-API-KEY not exists')
      : fail(401, '400001', 'Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE');
  }

  const ip = req.socket.remoteAddress ?? 'unknown';
  const charge = ctx.pool.charge(ip, weightOf(route), Date.now());
  const limitHeaders = {
    'gw-ratelimit-limit': String(charge.limit),
    'gw-ratelimit-remaining': String(charge.remaining),
    'gw-ratelimit-reset': String(charge.resetMs),
  };
  if (!charge.allowed) {
    ctx.counters.rateLimited += 1;
    return fail(429, '429000', 'Too Many Requests', limitHeaders);
  }
  const ok = (data: unknown): void => send(res, 200, {code: '200000', data}, limitHeaders);

  switch (route.kind) {
    case 'bullet': {
      ctx.counters.tokensIssued += 1;
      return ok({
        token: ctx.tokens.issue(Date.now()),
        instanceServers: ctx.wsEndpoints.map((endpoint) => ({
          endpoint,
          encrypt: false, // loopback has no TLS; the real server always says true with wss (docs/protocols/kucoin.md §7)
          protocol: 'websocket',
          pingInterval: ctx.pingIntervalMs,
          pingTimeout: ctx.pingTimeoutMs,
        })),
      });
    }
    case 'level2': {
      const symbol = url.searchParams.get('symbol');
      if (!symbol) return fail(400, '400100', 'Parameter error: symbol is required');
      // The real body for an unknown symbol is not documented (docs/protocols/kucoin.md §5.1); the legacy code is used.
      if (symbol !== ctx.symbol) return fail(200, '900001', 'symbol not exists');
      ctx.counters.snapshotsServed += 1;
      return ok({
        time: ctx.marketTime(),
        sequence: String(ctx.book.sequence),
        bids: formatLevels(ctx.book.top('bids', route.depth), ctx.scales),
        asks: formatLevels(ctx.book.top('asks', route.depth), ctx.scales),
      });
    }
    case 'symbols': {
      const market = url.searchParams.get('market');
      const all = [ctx.symbolInfo];
      return ok(market ? all.filter((s) => s['market'] === market) : all);
    }
    case 'symbolOne': {
      if (route.symbol !== ctx.symbol) return fail(200, '900001', 'symbol not exists');
      return ok(ctx.symbolInfo);
    }
    case 'timestamp':
      return ok(Date.now());
    case 'status':
      return ok({status: 'open', msg: ''});
  }
}
