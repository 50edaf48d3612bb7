// MEXC spot REST client: one signed-request path (budget → sign → send → classify) driven by the typed
// endpoint descriptions in endpoints.ts. Everything goes in the query string and the body stays empty, as
// ccxt/JK/the official demo do (docs/protocols/mexc.md §1.2), so the signature is simply HMAC(query string).
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
  type EndpointName,
  type EndpointSpec,
  type ExchangeSymbol,
  type MyTrade,
  type RestOrder,
} from './endpoints.js';
import {MexcApiError, MexcThrottledError, MexcTransportError, TIMESTAMP_OUTSIDE_WINDOW, type MexcError} from './errors.js';
import {RequestBudget, type BucketCost, type RateLimit} from './rateLimiter.js';
import {redact} from './redact.js';
import {interpretResponse, transportReason} from './restResponse.js';
import {silentLogger, type Logger} from '../shared/logger.js';
import {ServerClock, offsetFromSample, type ClockSample} from './serverClock.js';
import {orderParams, refParams, type MyTradesQuery, type NewOrder, type OrderRef} from './orderRequests.js';
import {encodeQuery, signTotalParams, type ParamList, type ParamValue} from './signing.js';

export type {MyTradesQuery, NewOrder, OrderRef, OrderSide, OrderType} from './orderRequests.js';

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

/** Counters beyond the engine's RequestCounters, for logs and diagnostics. */
export interface RestStats extends RequestCounters {
  malformedBodies: number;
  unknownOutcomes: number;
  serverTimeOffsetMs: number | null;
}

const MAX_BATCH = 20;

/** What `count` requests to an endpoint take from the buckets they count against. */
function budgetCosts(endpoint: EndpointSpec<unknown>, count: number): BucketCost[] {
  const costs: BucketCost[] = [{bucket: `endpoint:${endpoint.name}`, cost: count}];
  if (endpoint.ipWeight > 0) costs.push({bucket: 'ip', cost: endpoint.ipWeight * count});
  if (endpoint.uidWeight > 0) costs.push({bucket: 'uid', cost: endpoint.uidWeight * count});
  return costs;
}

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
    const log = opts.log ?? silentLogger;
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

  /** Validates an order as MEXC would (signature, permission, parameters) without placing it. */
  async testOrder(order: NewOrder): Promise<void> {
    await this.send(endpoints.testOrder, orderParams(order));
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

  /** How long `count` requests to the endpoint would wait for our own budget if sent now (0 = at once). */
  budgetWaitMs(name: EndpointName, count = 1): number {
    return this.budget.waitMs(budgetCosts(endpoints[name], count));
  }

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
    const got_ = this.budget.reserve(budgetCosts(endpoint, 1));
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
    const message = this.scrub(error instanceof Error ? error.message : String(error));
    const failure = new MexcTransportError(transportReason(error), `${what}: ${message}`);
    if (failure.failure === 'unknown') this.stats_.unknownOutcomes += 1;
    this.log('warn', failure.message);
    return failure;
  }

  private readResponse<T>(endpoint: EndpointSpec<T>, what: string, response: Response<string>): T {
    const now = this.now();
    const result = interpretResponse(endpoint.response, response.statusCode, response.body, response.headers['retry-after'], now);
    switch (result.kind) {
      case 'ok':
        return result.data;
      case 'rateLimited': {
        const delay = result.retryAfterMs ?? (result.httpStatus === 418 ? this.opts.defaultBanMs ?? 120_000 : this.opts.defaultRetryAfterMs ?? 10_000);
        this.blockedUntil = Math.max(this.blockedUntil, now + delay);
        this.stats_.rateLimited += 1;
        this.log('warn', `${what}: HTTP ${result.httpStatus}, holding all requests for ${delay} ms`);
        throw new MexcApiError(result.httpStatus, result.code, this.scrub(result.msg), this.blockedUntil);
      }
      case 'apiError': {
        if (result.code === TIMESTAMP_OUTSIDE_WINDOW) this.clock.invalidate();
        const failure = new MexcApiError(result.httpStatus, result.code, this.scrub(result.msg));
        if (failure.failure === 'unknown') this.stats_.unknownOutcomes += 1;
        this.log(result.httpStatus >= 500 ? 'warn' : 'info', `${what}: ${failure.message}`);
        throw failure;
      }
      case 'malformed': {
        this.stats_.malformedBodies += 1;
        this.stats_.unknownOutcomes += 1;
        const failure = new MexcTransportError('malformedBody', `${what}: HTTP ${result.httpStatus} body not as documented: ${this.scrub(result.excerpt)}`);
        this.log('warn', failure.message);
        throw failure;
      }
    }
  }
}
