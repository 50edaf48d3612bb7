// One KuCoin public WebSocket connection: ping/pong, subscribe/unsubscribe with ack, error frames with the
// codes of docs/protocols/kucoin.md §5.3, uplink and subscription limits (§2.7). Malformed frames get an
// error frame and are counted; nothing a client sends can throw out of here.

import type {RawData, WebSocket} from 'ws';
import type {KucoinSimCounters} from './simCounters.js';

/** Topic prefixes this venue serves (a subset of KuCoin's public topics; see kucoinSim.ts header). */
export const SERVED_PREFIXES = ['/market/level2', '/spotMarket/level2Depth5', '/spotMarket/level2Depth50', '/spotMarket/level1'] as const;
export type ServedPrefix = (typeof SERVED_PREFIXES)[number];

export interface SessionContext {
  symbol: string;
  counters: KucoinSimCounters;
  maxSymbolsPerRequest: number;
  maxTopicsPerSession: number;
  uplinkLimit: number;
  uplinkWindowMs: number;
  /** writes beyond this many buffered bytes are dropped, as KuCoin drops messages to slow consumers */
  maxBufferedBytes: number;
}

export class KucoinWsSession {
  /** subscribed topics, one per symbol: `${prefix}:${symbol}` (KuCoin counts topics per symbol) */
  private readonly topics = new Set<string>();
  private readonly uplink: number[] = [];
  lastClientMessageAt: number;
  closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly connectId: string,
    readonly token: string,
    readonly ip: string,
    private readonly ctx: SessionContext,
    now: number,
  ) {
    this.lastClientMessageAt = now;
  }

  isSubscribed(prefix: ServedPrefix): boolean {
    return this.topics.has(`${prefix}:${this.ctx.symbol}`);
  }

  /** Sends a frame unless the socket is gone or the consumer is too slow; returns whether it went out. */
  sendText(text: string): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > this.ctx.maxBufferedBytes) {
      this.ctx.counters.slowConsumerDrops += 1;
      return false;
    }
    this.ws.send(text);
    this.ctx.counters.messagesSent += 1;
    return true;
  }

  sendError(id: string, code: number, data: string): void {
    this.ctx.counters.errorFramesSent += 1;
    this.sendText(JSON.stringify({id, type: 'error', code, data}));
  }

  handleFrame(raw: RawData, isBinary: boolean, now: number): void {
    this.lastClientMessageAt = now;
    if (!this.admitUplink(now)) {
      this.sendError(this.connectId, 509, 'exceed max permits per second');
      return;
    }
    let message: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      message = JSON.parse(rawToString(raw));
    } catch {
      this.ctx.counters.malformedFrames += 1;
      // The real text for unparseable frames is not documented; 400 is KuCoin's "invalid" code.
      this.sendError(this.connectId, 400, 'message is invalid');
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.ctx.counters.malformedFrames += 1;
      this.sendError(this.connectId, 400, 'message is invalid');
      return;
    }
    const frame = message as Record<string, unknown>;
    // Ids may arrive as numbers; KuCoin echoes them as strings (docs/protocols/kucoin.md §3.1).
    const id = typeof frame['id'] === 'string' || typeof frame['id'] === 'number' ? String(frame['id']) : '';
    switch (frame['type']) {
      case 'ping':
        this.ctx.counters.pongs += 1;
        this.sendText(JSON.stringify({id, type: 'pong'}));
        return;
      case 'subscribe':
      case 'unsubscribe':
        this.handleSubscription(frame['type'], id, frame);
        return;
      default:
        this.ctx.counters.malformedFrames += 1;
        this.sendError(id, 415, 'type is not supported');
    }
  }

  private handleSubscription(type: 'subscribe' | 'unsubscribe', id: string, frame: Record<string, unknown>): void {
    const topic = frame['topic'];
    if (typeof topic !== 'string' || topic === '') return this.sendError(id, 406, 'topic is required');
    if (frame['privateChannel'] === true) return this.sendError(id, 403, 'login is required');
    const colon = topic.indexOf(':');
    const prefix = colon < 0 ? '' : topic.slice(0, colon);
    const symbols = colon < 0 ? [] : topic.slice(colon + 1).split(',');
    if (prefix === '' || symbols.length === 0 || symbols.some((s) => s.trim() === '')) {
      return this.sendError(id, 400, 'topic is invalid');
    }
    if (symbols.length > this.ctx.maxSymbolsPerRequest) {
      return this.sendError(id, 509, `exceed max subscription count limitation of ${this.ctx.maxSymbolsPerRequest} per time`);
    }
    const served = (SERVED_PREFIXES as readonly string[]).includes(prefix);
    if (!served || symbols.some((s) => s.trim() !== this.ctx.symbol)) {
      return this.sendError(id, 404, `topic ${topic} is not found`);
    }
    const keys = symbols.map((s) => `${prefix}:${s.trim()}`);
    if (type === 'subscribe') {
      const fresh = new Set(keys.filter((k) => !this.topics.has(k)));
      if (this.topics.size + fresh.size > this.ctx.maxTopicsPerSession) {
        return this.sendError(id, 509, `exceed max subscription count limitation of ${this.ctx.maxTopicsPerSession} per session`);
      }
      for (const key of fresh) this.topics.add(key);
    } else {
      for (const key of keys) this.topics.delete(key);
    }
    if (frame['response'] === true) {
      this.ctx.counters.acks += 1;
      this.sendText(JSON.stringify({id, type: 'ack'}));
    }
  }

  /** 100 client messages per 10 s, ping and subscribe included (docs/protocols/kucoin.md §2.7). */
  private admitUplink(now: number): boolean {
    while (this.uplink.length > 0 && now - this.uplink[0]! >= this.ctx.uplinkWindowMs) this.uplink.shift();
    if (this.uplink.length >= this.ctx.uplinkLimit) return false;
    this.uplink.push(now);
    return true;
  }
}

function rawToString(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}
