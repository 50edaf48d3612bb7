// MEXC spot REST client: one signed-request path (budget → sign → send → classify) driven by the typed
// endpoint descriptions in endpoints.ts. Everything goes in the query string and the body stays empty, as
// ccxt/JK/the official demo do (mexc.md §1.2), so the signature is simply HMAC(query string).
// Failures are thrown as the typed errors of errors.ts; nothing here retries an order request.
import http from 'node:http';
import https from 'node:https';
import got, {type Response} from 'got';
import type {RequestCounters} from '../../engine/ports.js';
import {
  endpoints,
  defaultRateLimits,
  type AccountInfo,
  type BatchOrderItem,
  type CancelResponse,
  type DepthSnapshot,
  type EndpointSpec,
  type ExchangeSymbol,
  type MyTrade,
  type RestOrder,
} from './endpoints.js';
import {MexcApiError, MexcError, MexcThrottledError, MexcTransportError, TIMESTAMP_OUTSIDE_WINDOW} from './errors.js';
import {RequestBudget, type BucketCost, type RateLimit} from './rateLimiter.js';
import {redact} from './redact.js';
import {parseRetryAfterMs} from './retryAfter.js';
import {ServerClock, offsetFromSample, type ClockSample} from './serverClock.js';
import {encodeQuery, signTotalParams, type ParamList, type ParamValue} from './signing.js';

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string) => void;

export interface MexcRestClientOptions {
  baseUrl: string;
  apiKey?: string;
  apiSecret?: string;
  recvWindowMs: number;
  timeoutMs: number;
  log?: Logger;
  /** clock (tests); default Date.now */
  now?: () => number;
  /** override documented limits by bucket name: ip, uid, perEndpoint, or an endpoint name */
  rateLimits?: Readonly<Record<string, RateLimit>>;
  /** a request waits at most this long for budget, else fails fast (default 1000) */
  maxBudgetWaitMs?: number;
  /** re-measure the server-time offset this often (default 10 min) */
  timeSyncIntervalMs?: number;
  /** block after a 429 without Retry-After (default 10 s) / after a 418 without it (default 120 s) */
  defaultRetryAfterMs?: number;
  defaultBanMs?: number;
}

export type OrderSide = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL';

export interface NewOrder {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /** decimal strings, already at the symbol's precision */
  quantity: string;
  price: string;
  newClientOrderId?: string;
}

/** Identifies one order: by our client id or by the exchange id. */
export type OrderRef = {symbol: string; origClientOrderId: string} | {symbol: string; orderId: string};

export interface MyTradesQuery {
  symbol: string;
  orderId?: string;
  startTime?: number;
  endTime?: number;
  limit?: number;
}

/** Counters beyond the engine's RequestCounters, for logs and diagnostics. */
export interface RestStats extends RequestCounters {
  malformedBodies: number;
  unknownOutcomes: number;
  serverTimeOffsetMs: number | null;
}

const MAX_BATCH = 20;
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export class MexcRestClient {
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly budget: RequestBudget;
  private readonly clock: ServerClock;
  private readonly agents = {http: new http.Agent({keepAlive: true}), https: new https.Agent({keepAlive: true})};
  private readonly baseUrl: string;
  private blockedUntil = 0;
  private readonly stats_ = {requests: 0, throttled: 0, rateLimited: 0, malformedBodies: 0, unknownOutcomes: 0};
  private readonly waits = new Set<{timer: NodeJS.Timeout; reject: (error: Error) => void}>();
  private closed = false;

  constructor(private readonly opts: MexcRestClientOptions) {
    this.now = opts.now ?? Date.now;
    const log = opts.log ?? (() => undefined);
    this.log = (level, msg) => log(level, this.scrub(msg));
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    if (opts.recvWindowMs > 60_000) throw new RangeError('recvWindowMs must be at most 60000 (MEXC 700005)');
    const limits: Record<string, RateLimit> = {...defaultRateLimits, ...opts.rateLimits};
    const buckets: Record<string, RateLimit> = {ip: limits.ip!, uid: limits.uid!};
    for (const name of Object.keys(endpoints)) buckets[`endpoint:${name}`] = limits[name] ?? limits.perEndpoint!;
    this.budget = new RequestBudget(buckets, this.now, opts.maxBudgetWaitMs ?? 1000);
    this.clock = new ServerClock(this.now, opts.timeSyncIntervalMs ?? 600_000, async () => {
      const first = await this.sampleServerTime();
      // A first sample that paid for connection setup is lopsided; a second one reuses the connection.
      if (first.roundTripMs <= 100) return first;
      const second = await this.sampleServerTime();
      return second.roundTripMs < first.roundTripMs ? second : first;
    });
  }

  // ---- public endpoints -------------------------------------------------------------------------------

  /** Measures the server-time offset (ms to add to the local clock) and uses it for signing from now on. */
  syncTime(): Promise<number> {
    return this.clock.sync();
  }

  /** The symbol's entry, or null when the exchange does not list it. */
  async exchangeInfo(symbol: string): Promise<ExchangeSymbol | null> {
    const body = await this.send(endpoints.exchangeInfo, [['symbol', symbol]]);
    return body.symbols.find((s) => s.symbol === symbol) ?? null;
  }

  depth(symbol: string, limit: number): Promise<DepthSnapshot> {
    return this.send(endpoints.depth, [
      ['symbol', symbol],
      ['limit', limit],
    ]);
  }

  // ---- signed endpoints -------------------------------------------------------------------------------

  async order(order: NewOrder): Promise<{orderId: string}> {
    const body = await this.send(endpoints.order, orderParams(order));
    return {orderId: body.orderId};
  }

  /** Up to 20 orders on one symbol; one answer element per order, in order (success or {code,msg}). */
  batchOrders(orders: readonly NewOrder[]): Promise<BatchOrderItem[]> {
    if (orders.length === 0 || orders.length > MAX_BATCH) throw new RangeError(`batchOrders takes 1..${MAX_BATCH} orders, got ${orders.length}`);
    const list = orders.map((o) => Object.fromEntries(orderParams(o)));
    return this.send(endpoints.batchOrders, [['batchOrders', JSON.stringify(list)]]);
  }

  cancelOrder(ref: OrderRef): Promise<CancelResponse> {
    return this.send(endpoints.cancelOrder, refParams(ref));
  }

  cancelAllOpenOrders(symbol: string): Promise<CancelResponse[]> {
    return this.send(endpoints.cancelAllOpenOrders, [['symbol', symbol]]);
  }

  openOrders(symbol: string): Promise<RestOrder[]> {
    return this.send(endpoints.openOrders, [['symbol', symbol]]);
  }

  queryOrder(ref: OrderRef): Promise<RestOrder> {
    return this.send(endpoints.queryOrder, refParams(ref));
  }

  account(): Promise<AccountInfo> {
    return this.send(endpoints.account, []);
  }

  myTrades(query: MyTradesQuery): Promise<MyTrade[]> {
    const params: [string, ParamValue][] = [['symbol', query.symbol]];
    if (query.orderId !== undefined) params.push(['orderId', query.orderId]);
    if (query.startTime !== undefined) params.push(['startTime', query.startTime]);
    if (query.endTime !== undefined) params.push(['endTime', query.endTime]);
    if (query.limit !== undefined) params.push(['limit', query.limit]);
    return this.send(endpoints.myTrades, params);
  }

  async createListenKey(): Promise<string> {
    return (await this.send(endpoints.createListenKey, [])).listenKey;
  }

  async keepAliveListenKey(listenKey: string): Promise<string> {
    return (await this.send(endpoints.keepAliveListenKey, [['listenKey', listenKey]])).listenKey;
  }

  async deleteListenKey(listenKey: string): Promise<string> {
    return (await this.send(endpoints.deleteListenKey, [['listenKey', listenKey]])).listenKey;
  }

  // ---- budget and diagnostics -------------------------------------------------------------------------

  counters(): RequestCounters {
    return {
      requests: this.stats_.requests,
      throttled: this.stats_.throttled,
      rateLimited: this.stats_.rateLimited,
      blockedUntil: this.blockedUntil > this.now() ? this.blockedUntil : null,
    };
  }

  stats(): RestStats {
    return {
      ...this.counters(),
      malformedBodies: this.stats_.malformedBodies,
      unknownOutcomes: this.stats_.unknownOutcomes,
      serverTimeOffsetMs: this.clock.offsetMs(),
    };
  }

  /** Local clock corrected by the measured server-time offset. */
  serverNow(): number {
    return this.clock.serverNow();
  }

  /** Frees pooled connections and cancels budget waits; later calls fail as not sent. */
  close(): void {
    this.closed = true;
    for (const wait of this.waits) {
      clearTimeout(wait.timer);
      wait.reject(new MexcTransportError('notConnected', 'client closed'));
    }
    this.waits.clear();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  // ---- the one request path ---------------------------------------------------------------------------

  private async sampleServerTime(): Promise<ClockSample> {
    const sentAt = this.now();
    const body = await this.send(endpoints.time, []);
    return offsetFromSample(sentAt, this.now(), body.serverTime);
  }

  private scrub(text: string): string {
    return redact(text, [this.opts.apiSecret, this.opts.apiKey]);
  }

  private async send<T>(endpoint: EndpointSpec<T>, params: ParamList): Promise<T> {
    if (this.closed) throw new MexcTransportError('notConnected', 'client closed');
    const now = this.now();
    if (this.blockedUntil > now) {
      this.stats_.throttled += 1;
      throw new MexcThrottledError('blocked', this.blockedUntil, `${endpoint.name}: rate limited by MEXC until ${new Date(this.blockedUntil).toISOString()}`);
    }
    const {apiKey, apiSecret} = this.opts;
    if (endpoint.signed && (!apiKey || !apiSecret)) throw new MexcApiError(0, null, `${endpoint.name} needs an API key and secret`);
    if (endpoint.signed) await this.ensureSigningReady();
    await this.takeBudget(endpoint);

    let query = encodeQuery(params);
    const headers: Record<string, string> = {'Content-Type': 'application/json'};
    if (endpoint.signed && apiKey && apiSecret) {
      const auth = encodeQuery([
        ['recvWindow', this.opts.recvWindowMs],
        ['timestamp', this.clock.serverNow()],
      ]);
      query = query ? `${query}&${auth}` : auth;
      query += `&signature=${signTotalParams(apiSecret, query)}`;
      headers['X-MEXC-APIKEY'] = apiKey;
    }
    const url = `${this.baseUrl}${endpoint.path}${query ? `?${query}` : ''}`;
    const what = `${endpoint.method} ${endpoint.path}`; // never the query: it holds the signature

    let response: Response<string>;
    this.stats_.requests += 1;
    try {
      response = await got(url, {
        method: endpoint.method,
        headers,
        responseType: 'text',
        throwHttpErrors: false,
        retry: {limit: 0},
        timeout: {request: this.opts.timeoutMs},
        agent: this.agents,
        followRedirect: false,
      });
    } catch (error) {
      throw this.transportFailure(what, error);
    }
    return this.readResponse(endpoint, what, response);
  }

  private async ensureSigningReady(): Promise<void> {
    if (!this.clock.needsSync()) return;
    const sync = this.clock.sync().catch((error: unknown) => {
      this.log('warn', `MEXC server-time sync failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    // Only the very first measurement is awaited; later refreshes run alongside the request.
    if (!this.clock.hasSample()) await sync;
  }

  private async takeBudget(endpoint: EndpointSpec<unknown>): Promise<void> {
    const costs: BucketCost[] = [{bucket: `endpoint:${endpoint.name}`, cost: 1}];
    if (endpoint.ipWeight > 0) costs.push({bucket: 'ip', cost: endpoint.ipWeight});
    if (endpoint.uidWeight > 0) costs.push({bucket: 'uid', cost: endpoint.uidWeight});
    const got_ = this.budget.reserve(costs);
    if (!got_.ok) {
      this.stats_.throttled += 1;
      throw new MexcThrottledError('budget', got_.retryAt, `${endpoint.name}: request budget exhausted`);
    }
    if (got_.waitMs > 0) {
      await new Promise<void>((resolve, reject) => {
        const wait = {
          timer: setTimeout(() => {
            this.waits.delete(wait);
            resolve();
          }, got_.waitMs),
          reject,
        };
        this.waits.add(wait);
      });
    }
  }

  private transportFailure(what: string, error: unknown): MexcError {
    const code = (error as {code?: unknown}).code;
    const message = this.scrub(error instanceof Error ? error.message : String(error));
    let failure: MexcTransportError;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) failure = new MexcTransportError('notConnected', `${what}: ${message}`);
    else if ((error as {name?: unknown}).name === 'TimeoutError') failure = new MexcTransportError('timeout', `${what}: ${message}`);
    else failure = new MexcTransportError('connectionLost', `${what}: ${message}`);
    if (failure.failure === 'unknown') this.stats_.unknownOutcomes += 1;
    this.log('warn', failure.message);
    return failure;
  }

  private readResponse<T>(endpoint: EndpointSpec<T>, what: string, response: Response<string>): T {
    const status = response.statusCode;
    const body = parseJson(response.body);

    if (status === 429 || status === 418) {
      const now = this.now();
      const delay = parseRetryAfterMs(response.headers['retry-after'], now) ?? (status === 418 ? this.opts.defaultBanMs ?? 120_000 : this.opts.defaultRetryAfterMs ?? 10_000);
      this.blockedUntil = Math.max(this.blockedUntil, now + delay);
      this.stats_.rateLimited += 1;
      const err = errorBody(body);
      this.log('warn', `${what}: HTTP ${status}, holding all requests for ${delay} ms`);
      throw new MexcApiError(status, err?.code ?? null, this.scrub(err?.msg ?? `HTTP ${status}`), this.blockedUntil);
    }
    if (status >= 300) {
      const err = errorBody(body);
      if (err?.code === TIMESTAMP_OUTSIDE_WINDOW) this.clock.invalidate();
      const failure = new MexcApiError(status, err?.code ?? null, this.scrub(err?.msg ?? truncate(response.body)));
      if (failure.failure === 'unknown') this.stats_.unknownOutcomes += 1;
      this.log(status >= 500 ? 'warn' : 'info', `${what}: ${failure.message}`);
      throw failure;
    }
    const parsed = endpoint.response.safeParse(body);
    if (parsed.success) return parsed.data;
    // Some MEXC answers carry an error as {code, msg} with a 2xx status: that is a definite answer.
    const err = errorBody(body);
    if (err && err.code !== null && err.code !== 0 && err.code !== 200) {
      if (err.code === TIMESTAMP_OUTSIDE_WINDOW) this.clock.invalidate();
      const failure = new MexcApiError(status, err.code, this.scrub(err.msg));
      this.log('info', `${what}: ${failure.message}`);
      throw failure;
    }
    this.stats_.malformedBodies += 1;
    this.stats_.unknownOutcomes += 1;
    const failure = new MexcTransportError('malformedBody', `${what}: HTTP ${status} body not as documented: ${this.scrub(truncate(response.body))}`);
    this.log('warn', failure.message);
    throw failure;
  }
}

function orderParams(order: NewOrder): [string, ParamValue][] {
  const params: [string, ParamValue][] = [
    ['symbol', order.symbol],
    ['side', order.side],
    ['type', order.type],
    ['quantity', order.quantity],
    ['price', order.price],
  ];
  if (order.newClientOrderId !== undefined) params.push(['newClientOrderId', order.newClientOrderId]);
  return params;
}

function refParams(ref: OrderRef): [string, ParamValue][] {
  return 'origClientOrderId' in ref
    ? [
        ['symbol', ref.symbol],
        ['origClientOrderId', ref.origClientOrderId],
      ]
    : [
        ['symbol', ref.symbol],
        ['orderId', ref.orderId],
      ];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // an unreadable body is handled by the caller as malformed
  }
}

/** `{code, msg}` from an error body; `code` may be a number or a numeric string (mexc.md §3, 730708). */
function errorBody(body: unknown): {code: number | null; msg: string} | null {
  if (typeof body !== 'object' || body === null) return null;
  const {code, msg} = body as {code?: unknown; msg?: unknown};
  const numeric = typeof code === 'number' ? code : typeof code === 'string' && /^-?\d+$/.test(code) ? Number(code) : null;
  if (numeric === null && typeof msg !== 'string') return null;
  return {code: numeric, msg: typeof msg === 'string' ? msg : ''};
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
