// The MEXC REST front door: reads the request (bounded), applies rate limits and REST faults, checks
// API key / signature / timestamp on SIGNED routes, runs the route and writes MEXC-shaped JSON. Any
// unexpected exception becomes a 500 reply and a counter, never a crash.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {FaultController} from '../faults.js';
import {MexcApiError, mexcErrors} from './mexcErrors.js';
import {parseParams, type Params} from './mexcRequest.js';
import {findRoute, type Route, type RouteContext} from './mexcRestRoutes.js';
import {checkTimestamp, verifySignature} from './mexcSignature.js';
import {ENDPOINT_LIMIT, SlidingWindowLimiter, TWO_PER_SECOND} from './rateLimiter.js';

/** Bodies beyond this are refused with 413 (batchOrders of 20 needs ~6 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Requests refused by the limiter within one window after which the caller is banned (418), and for how long. */
const BAN_AFTER_VIOLATIONS = 50;
const BAN_MS = 120_000;

export interface RestAccount {
  apiKey: string;
  apiSecret: string;
}

export interface RestStats {
  privateRequests: number;
  publicRequests: number;
  rejectedRequests: number;
  internalFailures: number;
}

export interface MexcRestDeps extends RouteContext {
  account: RestAccount;
  faults: FaultController;
  /** the independent observer's summary (served at GET /observer, outside MEXC's API and faults) */
  observerSummary(): unknown;
}

export class MexcRestServer {
  readonly stats: RestStats = {privateRequests: 0, publicRequests: 0, rejectedRequests: 0, internalFailures: 0};
  private readonly limiter = new SlidingWindowLimiter();
  private readonly violations = new SlidingWindowLimiter();
  private bannedUntil = 0;
  private readonly pending = new Set<{res: ServerResponse; timer: NodeJS.Timeout}>();

  constructor(private readonly deps: MexcRestDeps) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1);
    if (path === '/observer' && req.method === 'GET') {
      this.send(res, 200, this.deps.observerSummary());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        this.stats.rejectedRequests++;
        res.setHeader('Connection', 'close');
        this.sendError(res, mexcErrors.payloadTooLarge());
        res.once('finish', () => req.destroy());
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      this.stats.rejectedRequests++;
    });
    req.on('end', () => {
      if (refused) return;
      try {
        this.dispatch(req, res, path, rawQuery, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        this.fail(res, error);
      }
    });
  }

  /** Ends every withheld or delayed reply (server shutdown). */
  close(): void {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.res.destroy();
    }
    this.pending.clear();
  }

  private dispatch(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, rawBody: string): void {
    const route = findRoute(req.method ?? 'GET', path);
    if (route === null) throw mexcErrors.notFound();
    if (route === 'wrongMethod') throw new MexcApiError(405, 405, 'Method Not Allowed');
    if (route.signed) this.stats.privateRequests++;
    else this.stats.publicRequests++;
    const now = this.deps.now();
    if (now < this.bannedUntil) throw mexcErrors.ipBanned(Math.ceil((this.bannedUntil - now) / 1000));
    const burst = this.deps.faults.rateLimitBurst();
    if (burst !== null) throw mexcErrors.tooManyRequests(burst);
    const params = parseParams(rawQuery, rawBody);
    if (route.signed) this.authenticate(req, params, rawQuery, rawBody, now);
    this.checkLimits(route, req, now);
    const serverError = this.deps.faults.takeServerError(route.write !== undefined);
    if (serverError === 'beforeExecution') throw mexcErrors.serviceUnavailable();
    const body = route.handle(params, this.deps);
    if (serverError === 'afterExecution') throw mexcErrors.internalError();
    if (route.write === 'place' && this.deps.faults.takeTimeoutAfterAccept()) {
      this.later(res, this.deps.faults.timing.timeoutHoldMs, () => this.sendError(res, mexcErrors.gatewayTimeout()));
      return;
    }
    const delay = route.write ? this.deps.faults.takeDelayedAck() : 0;
    if (delay > 0) this.later(res, delay, () => this.send(res, 200, body));
    else this.send(res, 200, body);
  }

  private authenticate(req: IncomingMessage, params: Params, rawQuery: string, rawBody: string, now: number): void {
    const header = req.headers['x-mexc-apikey'];
    const apiKey = Array.isArray(header) ? header[0] : header;
    if (apiKey === undefined || apiKey === '') throw mexcErrors.apiKeyRequired();
    if (apiKey !== this.deps.account.apiKey) throw mexcErrors.invalidApiKey();
    const signature = verifySignature(this.deps.account.apiSecret, rawQuery, rawBody);
    if (!signature.ok) throw signature.reason === 'missing' ? mexcErrors.mandatoryParam('signature') : mexcErrors.badSignature();
    const timestamp = checkTimestamp(params.get('timestamp'), params.get('recvWindow'), now);
    if (!timestamp.ok) {
      switch (timestamp.reason) {
        case 'missing':
          throw mexcErrors.mandatoryParam('timestamp');
        case 'recvWindowTooLarge':
          throw mexcErrors.recvWindowTooLarge();
        case 'outsideWindow':
          throw mexcErrors.timestampOutsideWindow();
      }
    }
  }

  private checkLimits(route: Route, req: IncomingMessage, now: number): void {
    const who = route.signed ? 'uid' : `ip:${req.socket.remoteAddress ?? '?'}`;
    const key = `${who}:${route.method} ${route.path}`;
    let check = this.limiter.consume(key, route.weight, ENDPOINT_LIMIT, now);
    if (check.ok && route.twoPerSecond) check = this.limiter.consume(`${key}:1s`, 1, TWO_PER_SECOND, now);
    if (check.ok) return;
    if (!this.violations.consume('violations', 1, {limit: BAN_AFTER_VIOLATIONS, windowMs: ENDPOINT_LIMIT.windowMs}, now).ok) {
      this.bannedUntil = now + BAN_MS;
    }
    throw mexcErrors.tooManyRequests(Math.ceil(check.retryAfterMs / 1000));
  }

  private later(res: ServerResponse, ms: number, reply: () => void): void {
    const entry = {
      res,
      timer: setTimeout(() => {
        this.pending.delete(entry);
        reply();
      }, ms),
    };
    this.pending.add(entry);
    res.once('close', () => {
      clearTimeout(entry.timer);
      this.pending.delete(entry);
    });
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (error instanceof MexcApiError) {
      this.stats.rejectedRequests++;
      this.sendError(res, error);
      return;
    }
    this.stats.internalFailures++;
    this.sendError(res, mexcErrors.internalError());
  }

  private sendError(res: ServerResponse, error: MexcApiError): void {
    if (error.retryAfterSec !== null && !res.headersSent) res.setHeader('Retry-After', String(error.retryAfterSec));
    this.send(res, error.httpStatus, error.body());
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.headersSent || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
    res.end(text);
  }
}
