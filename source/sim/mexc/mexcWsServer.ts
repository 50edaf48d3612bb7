// MEXC WebSocket endpoint `/ws` (docs/protocols/mexc.md §3, §4): JSON text control frames (SUBSCRIPTION,
// UNSUBSCRIPTION, PING; method case-insensitive), binary protobuf pushes, private channels only with a valid
// `?listenKey=`, and the documented limits: 30 topics, 30 s without a subscription, 60 s without traffic, 24
// h lifetime, 100 client messages per second, 5 connections per listen key.
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocket, WebSocketServer, type RawData} from 'ws';
import {MAX_CONNECTIONS_PER_LISTEN_KEY, type ListenKeys} from './listenKeys.js';
import {PRIVATE_ACCOUNT, PRIVATE_DEALS, PRIVATE_ORDERS, isPrivate, parseTopic} from './mexcTopics.js';

export interface WsLimits {
  maxTopics: number;
  noSubscriptionMs: number;
  idleMs: number;
  lifetimeMs: number;
  maxInboundPerSecond: number;
  housekeepingMs: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = {
  maxTopics: 30,
  noSubscriptionMs: 30_000,
  idleMs: 60_000,
  lifetimeMs: 24 * 3600_000,
  maxInboundPerSecond: 100,
  housekeepingMs: 1000,
};

export type PrivateChannel = 'orders' | 'deals' | 'account';
const PRIVATE_TOPIC: Record<PrivateChannel, string> = {orders: PRIVATE_ORDERS, deals: PRIVATE_DEALS, account: PRIVATE_ACCOUNT};

interface Connection {
  ws: WebSocket;
  listenKey: string | null;
  topics: Set<string>;
  openedAt: number;
  /** since when the connection has had no topic (null while it has some) */
  noTopicsSince: number | null;
  lastTrafficAt: number;
  inboundSecond: number;
  inboundCount: number;
}

export interface WsStats {
  connectionsOpened: number;
  framesSent: number;
  badClientFrames: number;
  serverClosed: number;
  /** public upgrades refused during a mexcPublicOutage */
  publicRefused: number;
}

export interface MexcWsDeps {
  symbol: string;
  listenKeys: ListenKeys;
  now(): number;
  limits: WsLimits;
}

export class MexcWsServer {
  readonly stats: WsStats = {connectionsOpened: 0, framesSent: 0, badClientFrames: 0, serverClosed: 0, publicRefused: 0};
  private publicOpen = true;
  private readonly wss = new WebSocketServer({noServer: true, maxPayload: 64 * 1024});
  private readonly connections = new Set<Connection>();
  private readonly housekeeping: NodeJS.Timeout;
  private readonly closing = new Map<WebSocket, NodeJS.Timeout>();

  constructor(private readonly deps: MexcWsDeps) {
    this.housekeeping = setInterval(() => this.sweep(), deps.limits.housekeepingMs);
  }

  /** Takes over an HTTP upgrade on `/ws`; anything else is refused with 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    socket.on('error', () => undefined);
    const listenKey = url.searchParams.get('listenKey');
    if (listenKey === null && !this.publicOpen) {
      // the public gateway is down: no HTTP answer at all, as an unreachable upstream behind the load balancer
      this.stats.publicRefused++;
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, listenKey));
  }

  /**
   * The mexcPublicOutage fault: while closed, public upgrades (no listen key) are refused and the open
   * public sockets die without a close frame; private (listen-key) sockets are untouched.
   */
  setPublicOpen(open: boolean): void {
    this.publicOpen = open;
    if (open) return;
    for (const connection of this.connections) if (connection.listenKey === null) connection.ws.terminate();
  }

  broadcast(topic: string, frame: Uint8Array): void {
    for (const connection of this.connections) if (connection.topics.has(topic)) this.send(connection, frame);
  }

  hasSubscribers(topic: string): boolean {
    for (const connection of this.connections) if (connection.topics.has(topic)) return true;
    return false;
  }

  sendPrivate(channel: PrivateChannel, frame: Uint8Array): void {
    const topic = PRIVATE_TOPIC[channel];
    const now = this.deps.now();
    for (const connection of this.connections) {
      if (connection.listenKey !== null && connection.topics.has(topic) && this.deps.listenKeys.isValid(connection.listenKey, now)) {
        this.send(connection, frame);
      }
    }
  }

  /** The wsDrop fault: every socket dies without a close frame (the client sees 1006). */
  dropAll(): void {
    for (const connection of this.connections) connection.ws.terminate();
  }

  /** Closes the connections opened with any of these (now invalid) listen keys. */
  closeListenKeys(keys: readonly string[]): void {
    const dead = new Set(keys);
    for (const connection of this.connections) {
      if (connection.listenKey !== null && dead.has(connection.listenKey)) this.serverClose(connection, 'listen key expired');
    }
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    clearInterval(this.housekeeping);
    for (const [ws, timer] of this.closing) {
      clearTimeout(timer);
      ws.terminate();
    }
    this.closing.clear();
    for (const connection of this.connections) connection.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket, listenKey: string | null): void {
    const now = this.deps.now();
    this.stats.connectionsOpened++;
    ws.on('error', () => undefined);
    if (listenKey !== null) {
      const sameKey = [...this.connections].filter((connection) => connection.listenKey === listenKey).length;
      // CCXT handles this plain text frame as MEXC's answer to a bad key (docs/protocols/mexc.md §3); closing
      // afterwards is our choice.
      if (!this.deps.listenKeys.isValid(listenKey, now) || sameKey >= MAX_CONNECTIONS_PER_LISTEN_KEY) {
        ws.send('Invalid listen key', () => ws.close(1000));
        return;
      }
    }
    const connection: Connection = {ws, listenKey, topics: new Set(), openedAt: now, noTopicsSince: now, lastTrafficAt: now, inboundSecond: 0, inboundCount: 0};
    this.connections.add(connection);
    ws.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    ws.on('close', () => this.connections.delete(connection));
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    const now = this.deps.now();
    connection.lastTrafficAt = now;
    const second = Math.floor(now / 1000);
    if (second !== connection.inboundSecond) {
      connection.inboundSecond = second;
      connection.inboundCount = 0;
    }
    if (++connection.inboundCount > this.deps.limits.maxInboundPerSecond) {
      this.serverClose(connection, 'too many messages');
      return;
    }
    if (isBinary) {
      this.stats.badClientFrames++;
      return;
    }
    let request: {method?: unknown; params?: unknown; id?: unknown};
    try {
      const parsed: unknown = JSON.parse(data.toString());
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      request = parsed as typeof request;
    } catch {
      this.stats.badClientFrames++;
      // MEXC's reply to garbage is undocumented; we answer in the ack shape rather than stay silent.
      this.reply(connection, 0, 'Invalid request');
      return;
    }
    const id = typeof request.id === 'number' && Number.isInteger(request.id) && request.id >= 0 ? request.id : 0;
    const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
    const topics = Array.isArray(request.params) ? request.params.filter((topic): topic is string => typeof topic === 'string') : [];
    switch (method) {
      case 'PING':
        this.reply(connection, id, 'PONG');
        return;
      case 'SUBSCRIPTION':
        this.subscribe(connection, id, topics);
        return;
      case 'UNSUBSCRIPTION':
        for (const topic of topics) connection.topics.delete(topic);
        if (connection.topics.size === 0) connection.noTopicsSince ??= now;
        this.reply(connection, id, topics.join(','));
        return;
      default:
        this.stats.badClientFrames++;
        this.reply(connection, id, 'Invalid request');
    }
  }

  private subscribe(connection: Connection, id: number, topics: string[]): void {
    const accepted: string[] = [];
    const blocked: string[] = [];
    for (const topic of topics) {
      const parsed = parseTopic(topic, this.deps.symbol);
      const allowed = parsed !== null && (!isPrivate(parsed) || connection.listenKey !== null);
      const room = connection.topics.has(topic) || connection.topics.size < this.deps.limits.maxTopics;
      if (allowed && room) {
        connection.topics.add(topic);
        accepted.push(topic);
      } else {
        blocked.push(topic);
      }
    }
    if (connection.topics.size > 0) connection.noTopicsSince = null;
    if (accepted.length > 0 || blocked.length === 0) this.reply(connection, id, accepted.join(','));
    // The live exchange acks refused topics with code 0 and this text (docs/protocols/mexc.md §8.2), then
    // sends nothing.
    if (blocked.length > 0) this.reply(connection, id, `Not Subscribed successfully! [${blocked.join(',')}]. Reason： Blocked! `);
  }

  private reply(connection: Connection, id: number, msg: string): void {
    if (connection.ws.readyState === WebSocket.OPEN) connection.ws.send(JSON.stringify({id, code: 0, msg}));
  }

  private send(connection: Connection, frame: Uint8Array): void {
    if (connection.ws.readyState !== WebSocket.OPEN) return;
    connection.ws.send(frame, {binary: true});
    connection.lastTrafficAt = this.deps.now();
    this.stats.framesSent++;
  }

  private serverClose(connection: Connection, reason: string): void {
    this.stats.serverClosed++;
    this.connections.delete(connection);
    const ws = connection.ws;
    ws.close(1000, reason);
    // a peer that never answers the close handshake is cut after a grace period
    const timer = setTimeout(() => {
      this.closing.delete(ws);
      ws.terminate();
    }, 2000);
    this.closing.set(ws, timer);
    ws.once('close', () => {
      clearTimeout(timer);
      this.closing.delete(ws);
    });
  }

  private sweep(): void {
    const now = this.deps.now();
    const limits = this.deps.limits;
    for (const connection of [...this.connections]) {
      if (connection.noTopicsSince !== null && now - connection.noTopicsSince >= limits.noSubscriptionMs) this.serverClose(connection, 'no subscription');
      else if (now - connection.lastTrafficAt >= limits.idleMs) this.serverClose(connection, 'idle');
      else if (now - connection.openedAt >= limits.lifetimeMs) this.serverClose(connection, 'lifetime');
      else if (connection.listenKey !== null && !this.deps.listenKeys.isValid(connection.listenKey, now)) this.serverClose(connection, 'listen key expired');
    }
  }
}
