// The simulator's KuCoin venue: KuCoin spot public market data on loopback, speaking the classic protocol of
// docs/protocols/kucoin.md (bullet-public token → WS welcome/ping/subscribe → /market/level2 increments with
// sequences, REST level2_20/level2_100 snapshots with `sequence`, /api/v2/symbols).
//
// Served WS topics: /market/level2 (trade.l2update), /spotMarket/level2Depth5 and level2Depth50 (subject
// level2), /spotMarket/level1. Not served (subscribing answers 404 "topic ... is not found"): /market/ticker
// and /market/match, because this book model has no trades to report.
//
// The book moves only in step(); the PRNG is advanced only there, so a seed and a sequence of mids fully
// determine every book state and every l2update payload. Tokens, idle timeouts and rate limits use wall time.

import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {Duplex} from 'node:stream';
import {randomBytes} from 'node:crypto';
import {WebSocketServer, type WebSocket} from 'ws';
import {closeServer, listenOn} from '../loopbackServer.js';
import {KucoinBookModel, type BookModelParams} from './bookModel.js';
import {buildL2Updates, type Scales} from './level2Messages.js';
import {MarketPublisher} from './marketPublisher.js';
import {PublicRatePool} from './publicRatePool.js';
import {handleRestRequest, type RestContext} from './restRoutes.js';
import {KUCOIN_FAULT_NAMES, newCounters, type KucoinFaultName} from './simCounters.js';
import {symbolInfo} from './symbolInfo.js';
import {TokenRegistry} from './tokenRegistry.js';
import {KucoinWsSession, type SessionContext} from './wsSession.js';

export type {KucoinFaultName} from './simCounters.js';

export interface KucoinSimOptions {
  /** KuCoin symbol, BASE-QUOTE (e.g. RMV-USDT) */
  symbol: string;
  priceDecimals: number;
  sizeDecimals: number;
  seed: number;
  /** 0 picks a free port */
  port: number;
  host?: string;
  /** advertised in bullet-public (documented example values by default) */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** no client message for this long → error 400 "ping timeout" and close. Real value undocumented (~60 s observed). */
  idleTimeoutMs?: number;
  /** token lifetime; KuCoin: 24 h */
  tokenTtlMs?: number;
  /** open sessions per client IP ("exceed max session count limitation of 50"; 800 in a newer copy of the docs) */
  maxSessions?: number;
  /** new connections per IP per minute (KuCoin: 30) */
  maxNewConnectionsPerMinute?: number;
  /** Public resource pool weight per 30 s per IP (KuCoin: 2000) */
  publicPoolLimit?: number;
  /** Both behaviours are observed live (docs/protocols/kucoin.md §2.6, §7): false = upgrade, then error 401 frame and close. */
  rejectBadTokenWithHttp401?: boolean;
  /** book shape overrides (spread, spacing, band, level notional, marker probability) */
  book?: Omit<BookModelParams, 'seed' | 'priceDecimals' | 'sizeDecimals'>;
}

export interface KucoinSim {
  readonly restUrl: string;
  step(now: number, referenceMid: number): void;
  bestBidAsk(): {bid: number; ask: number} | null;
  /** the same in KuCoin's integer ticks (what the arbitrageur compares exactly) */
  bestTicks(): {bidTicks: number; askTicks: number; priceDecimals: number} | null;
  setFault(name: KucoinFaultName, on: boolean): void;
  dropConnections(): void;
  /**
   * The referenceOutage fault: false stops listening (new connections are refused) and drops every open
   * REST and WebSocket connection; true listens again on the same port. The book keeps stepping meanwhile.
   */
  setReachable(reachable: boolean): void;
  stats(): Record<string, number>;
  close(): Promise<void>;
}

const SYMBOL_PATTERN = /^[A-Z0-9]+-[A-Z0-9]+$/;

export async function startKucoinSim(opts: KucoinSimOptions): Promise<KucoinSim> {
  if (!SYMBOL_PATTERN.test(opts.symbol)) throw new Error(`KuCoin symbol must be BASE-QUOTE, got ${JSON.stringify(opts.symbol)}`);
  for (const key of ['priceDecimals', 'sizeDecimals'] as const) {
    if (!Number.isInteger(opts[key]) || opts[key] < 0 || opts[key] > 12) throw new Error(`${key} must be an integer 0..12`);
  }
  const host = opts.host ?? '127.0.0.1';
  const pingIntervalMs = opts.pingIntervalMs ?? 18_000;
  const pingTimeoutMs = opts.pingTimeoutMs ?? 10_000;
  const idleTimeoutMs = opts.idleTimeoutMs ?? pingIntervalMs + pingTimeoutMs;
  const maxSessions = opts.maxSessions ?? 50;
  const maxNewPerMinute = opts.maxNewConnectionsPerMinute ?? 30;
  const scales: Scales = {priceDecimals: opts.priceDecimals, sizeDecimals: opts.sizeDecimals};

  const counters = newCounters();
  const book = new KucoinBookModel({...opts.book, seed: opts.seed, priceDecimals: opts.priceDecimals, sizeDecimals: opts.sizeDecimals});
  const tokens = new TokenRegistry(opts.tokenTtlMs ?? 24 * 3600_000);
  const faults = new Set<KucoinFaultName>();
  const sessions = new Set<KucoinWsSession>();
  const recentConnects = new Map<string, number[]>();
  let marketTime = Date.now();
  let closed = false;
  let reachable = true;
  // listener changes run one after another, so a short outage cannot relisten before it stopped listening
  let listenerChange: Promise<void> = Promise.resolve();

  const sessionCtx: SessionContext = {
    symbol: opts.symbol,
    counters,
    maxSymbolsPerRequest: 100,
    maxTopicsPerSession: 300,
    uplinkLimit: 100,
    uplinkWindowMs: 10_000,
    maxBufferedBytes: 8 * 1024 * 1024,
  };

  const server: Server = createServer();
  const wss = new WebSocketServer({noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false});
  const port = await listenOn(server, host, opts.port);
  const restUrl = `http://${host}:${port}`;
  const wsEndpoint = `ws://${host}:${port}/`;

  const restCtx: RestContext = {
    symbol: opts.symbol,
    scales,
    book,
    tokens,
    pool: new PublicRatePool(opts.publicPoolLimit ?? 2000),
    counters,
    faultOn: (name) => faults.has(name),
    marketTime: () => marketTime,
    symbolInfo: symbolInfo(opts),
    wsEndpoints: [wsEndpoint],
    pingIntervalMs,
    pingTimeoutMs,
  };
  server.on('request', (req, res) => handleRestRequest(restCtx, req, res));
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => admit(req, socket, head));

  function refuse(socket: Duplex, status: string): void {
    counters.connectionsRejected += 1;
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    socket.destroy();
  }

  /** Accepts the WS upgrade, then sends `error` (id = connectId) instead of welcome and closes. */
  function acceptThenReject(req: IncomingMessage, socket: Duplex, head: Buffer, id: string, code: number, data: string): void {
    counters.connectionsRejected += 1;
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => undefined);
      counters.errorFramesSent += 1;
      ws.send(JSON.stringify({id, type: 'error', code, data}), () => ws.close());
    });
  }

  function admit(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined); // a client reset must never surface as an uncaught error
    if (closed) return void socket.destroy();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/') return refuse(socket, '404 Not Found');
    if (faults.has('wsDrop')) {
      counters.wsDropRefused += 1;
      counters.faultsInjected += 1;
      counters.connectionsRejected += 1;
      return void socket.destroy(); // the network is "down": no HTTP answer at all
    }
    const now = Date.now();
    const connectId = url.searchParams.get('connectId') || randomBytes(6).toString('base64url');
    const tokenStatus = tokens.status(url.searchParams.get('token'), now);
    if (tokenStatus !== 'valid') {
      if (opts.rejectBadTokenWithHttp401) return refuse(socket, '401 Unauthorized');
      return acceptThenReject(req, socket, head, connectId, 401, tokenStatus === 'expired' ? 'token is expired' : 'token is invalid');
    }
    const ip = req.socket.remoteAddress ?? 'unknown';
    const recent = (recentConnects.get(ip) ?? []).filter((t) => now - t < 60_000);
    recentConnects.set(ip, recent);
    if (recent.length >= maxNewPerMinute) return acceptThenReject(req, socket, head, connectId, 509, 'service busy, please retry later');
    const openFromIp = [...sessions].filter((s) => s.ip === ip).length;
    if (openFromIp >= maxSessions) {
      return acceptThenReject(req, socket, head, connectId, 509, `exceed max session count limitation of ${maxSessions}`);
    }
    recent.push(now);
    wss.handleUpgrade(req, socket, head, (ws) => openSession(ws, connectId, url.searchParams.get('token')!, ip));
  }

  function openSession(ws: WebSocket, connectId: string, token: string, ip: string): void {
    const session = new KucoinWsSession(ws, connectId, token, ip, sessionCtx, Date.now());
    sessions.add(session);
    counters.connectionsTotal += 1;
    ws.on('error', () => undefined);
    ws.on('message', (raw, isBinary) => session.handleFrame(raw, isBinary, Date.now()));
    ws.on('close', () => {
      session.closed = true;
      sessions.delete(session);
    });
    session.sendText(JSON.stringify({id: connectId, type: 'welcome'}));
  }

  function disconnect(session: KucoinWsSession): void {
    session.closed = true;
    sessions.delete(session);
    session.ws.terminate();
  }

  /** A server-side close with KuCoin's error frame first (a clean close, unlike disconnect's drop). */
  function closeWithError(session: KucoinWsSession, code: number, message: string): void {
    session.sendError(session.connectId, code, message);
    session.closed = true;
    sessions.delete(session);
    session.ws.close();
  }

  // Idle ("ping timeout") and token-expiry checks; owned here and cleared in close().
  const housekeeping = setInterval(() => {
    const now = Date.now();
    for (const session of [...sessions]) {
      if (now - session.lastClientMessageAt >= idleTimeoutMs) {
        counters.idleDisconnects += 1;
        closeWithError(session, 400, 'ping timeout');
      } else if (tokens.status(session.token, now) === 'expired') {
        counters.tokenExpiredDisconnects += 1;
        closeWithError(session, 401, 'token is expired');
      }
    }
  }, Math.max(20, Math.min(1000, Math.floor(idleTimeoutMs / 4))));

  /** Every open session dies without a close frame (a network drop), counted as dropped. */
  function dropSessions(): void {
    for (const session of [...sessions]) {
      counters.connectionsDropped += 1;
      disconnect(session);
    }
  }

  async function stopListening(): Promise<void> {
    dropSessions();
    for (const client of wss.clients) client.terminate();
    await closeServer(server);
  }

  async function listenAgain(): Promise<void> {
    // the port is ours only while we listen: if something took it meanwhile, keep trying until closed
    while (!closed && reachable && !server.listening) {
      try {
        await listenOn(server, host, port);
      } catch {
        counters.relistenFailures += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  const publisher = new MarketPublisher(opts.symbol, scales, book, sessions, counters);

  return {
    restUrl,
    step(now, referenceMid) {
      if (closed) return;
      if (!Number.isFinite(referenceMid) || referenceMid <= 0 || !Number.isFinite(now)) {
        counters.invalidMids += 1;
        return;
      }
      counters.steps += 1;
      marketTime = Math.trunc(now);
      const ops = book.step(referenceMid);
      // Always built (even with no subscriber) so chunking consumes the PRNG identically on every run.
      const messages = buildL2Updates(ops, opts.symbol, marketTime, scales, book.random);
      if (faults.has('sequenceGap') && messages.length > 0) {
        // Drop the first message of the step: its changes are in the server book but never reach clients,
        // so a client that ignores the gap ends up with a wrong book.
        messages.shift();
        counters.sequenceGapsInjected += 1;
        counters.faultsInjected += 1;
      }
      if (faults.has('stall')) {
        // Silent stall: socket open, pongs still answered, but no market data. Withheld messages are lost.
        counters.stallWithheld += messages.length;
        counters.faultsInjected += messages.length > 0 ? 1 : 0;
        return;
      }
      publisher.publish(messages, marketTime);
    },
    bestBidAsk() {
      const best = book.bestBidAsk();
      if (!best) return null;
      return {bid: best.bidTicks / 10 ** opts.priceDecimals, ask: best.askTicks / 10 ** opts.priceDecimals};
    },
    bestTicks() {
      const best = book.bestBidAsk();
      return best ? {...best, priceDecimals: opts.priceDecimals} : null;
    },
    setFault(name, on) {
      if (!KUCOIN_FAULT_NAMES.includes(name)) throw new Error(`unknown KuCoin sim fault: ${String(name)}`);
      if (!on) {
        faults.delete(name);
        return;
      }
      faults.add(name);
      if (name === 'wsDrop') {
        // Abrupt network drop (no close frame) of every open socket; new upgrades are refused while on.
        for (const session of [...sessions]) {
          counters.wsDropClosed += 1;
          counters.faultsInjected += 1;
          disconnect(session);
        }
      }
    },
    dropConnections() {
      dropSessions();
    },
    setReachable(next) {
      if (closed || next === reachable) return;
      reachable = next;
      if (!next) counters.outages += 1;
      listenerChange = listenerChange
        .then(() => (reachable ? listenAgain() : stopListening()))
        .catch(() => {
          counters.relistenFailures += 1;
        });
    },
    stats() {
      const out: Record<string, number> = {...counters, sequence: book.sequence, connections: sessions.size, reachable: reachable ? 1 : 0};
      for (const name of KUCOIN_FAULT_NAMES) out[`fault_${name}`] = faults.has(name) ? 1 : 0;
      return out;
    },
    async close() {
      if (closed) return;
      closed = true;
      await listenerChange;
      clearInterval(housekeeping);
      for (const session of [...sessions]) disconnect(session);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeServer(server);
    },
  };
}
