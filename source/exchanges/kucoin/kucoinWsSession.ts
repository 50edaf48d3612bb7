// One KuCoin WebSocket connection, from dial to close (docs/protocols/kucoin.md §2.3-§2.5, §3.1): wait for
// `welcome` before anything else, subscribe with `response:true` and wait for the ack, send JSON pings at the
// server's pingInterval (protocol-level pings do not keep KuCoin alive, docs/protocols/kucoin.md §6 pitfall
// 2) and declare the connection dead when a pong misses pingTimeout. It reports parsed level-2 messages and,
// exactly once, why it ended. It never reconnects: the stream that owns it decides that.
import type WebSocket from 'ws';
import type {Logger} from '../shared/logger.js';
import {frameBytes, openWebSocket, sendJson} from '../shared/wsSocket.js';
import {parseServerFrame, type Level2Update} from './kucoinWire.js';

export interface SessionCounters {
  framesReceived: number;
  serverErrors: number;
  pingsSent: number;
  pongTimeouts: number;
}

export interface KucoinWsSessionOptions {
  /** full URL including token and connectId */
  url: string;
  connectId: string;
  /** e.g. /market/level2:BTC-USDT */
  topic: string;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** budget for the handshake + welcome, and separately for the subscribe ack */
  timeoutMs: number;
  counters: SessionCounters;
  log: Logger;
}

export interface KucoinWsSessionHandlers {
  /** welcome received and the subscription acknowledged: updates will follow */
  onSubscribed(): void;
  onLevel2(update: Level2Update): void;
  /** a frame that is not valid KuCoin JSON (the reason ends with a sample of the text) */
  onMalformed(reason: string): void;
  /** the connection ended for `reason` (not called after close() from the owner) */
  onEnded(reason: string): void;
}

type Phase = 'dialing' | 'awaitingAck' | 'subscribed' | 'ended';

export class KucoinWsSession {
  private readonly socket: WebSocket;
  private phase: Phase = 'dialing';
  private phaseTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private pongTimer: NodeJS.Timeout | null = null;
  private outstandingPingId: string | null = null;
  private nextRequestId = 1;
  private subscribeId: string | null = null;
  private readonly closed: Promise<void>;

  constructor(
    private readonly options: KucoinWsSessionOptions,
    private readonly handlers: KucoinWsSessionHandlers,
  ) {
    this.socket = openWebSocket(options.url, options.timeoutMs);
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
    this.phaseTimer = setTimeout(() => this.end(`no welcome within ${options.timeoutMs} ms`), options.timeoutMs);
    this.socket.on('message', (data, isBinary) => this.onRaw(data, isBinary));
    this.socket.on('error', (error) => this.end(`socket error: ${error.message}`));
    this.socket.on('close', (code, reason) => {
      const text = reason.toString('utf8');
      this.end(`socket closed (code ${code}${text ? `: ${text}` : ''})`);
    });
    // an upgrade refused with HTTP 401 is how KuCoin rejects a stale token on connect (docs/protocols/kucoin.md §2.6)
    this.socket.on('unexpected-response', (_request, response) => {
      this.end(`handshake refused: HTTP ${response.statusCode ?? '?'}`);
      response.resume();
    });
  }

  /** Ends the connection without notifying the owner; resolves when the socket is fully closed. */
  async close(): Promise<void> {
    this.shutdown();
    await this.closed;
  }

  private end(reason: string): void {
    if (this.phase === 'ended') return;
    this.shutdown();
    this.handlers.onEnded(reason);
  }

  private shutdown(): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    for (const timer of [this.phaseTimer, this.pingTimer, this.pongTimer]) if (timer) clearTimeout(timer);
    this.phaseTimer = this.pingTimer = this.pongTimer = null;
    // terminate, not close: a dead peer would otherwise hold the socket for the close handshake timeout
    this.socket.terminate();
  }

  private send(message: Record<string, unknown>): void {
    sendJson(this.socket, message, (reason) => this.end(reason));
  }

  private requestId(): string {
    return `${Date.now()}${this.nextRequestId++}`;
  }

  private onRaw(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.phase === 'ended') return;
    const counters = this.options.counters;
    counters.framesReceived += 1;
    if (isBinary) return this.malformed('binary frame');
    const text = frameBytes(data).toString('utf8');
    const parsed = parseServerFrame(text);
    if (!parsed.ok) return this.malformed(parsed.reason, text);
    const frame = parsed.value;
    switch (frame.kind) {
      case 'welcome':
        if (this.phase !== 'dialing') return;
        this.onWelcome();
        return;
      case 'ack':
        if (this.phase === 'awaitingAck' && frame.id === this.subscribeId) this.onAck();
        return;
      case 'pong':
        if (frame.id === this.outstandingPingId) {
          this.outstandingPingId = null;
          if (this.pongTimer) clearTimeout(this.pongTimer);
          this.pongTimer = null;
        }
        return;
      case 'error':
        counters.serverErrors += 1;
        if (this.phase === 'dialing') return this.end(`server error before welcome: ${frame.code ?? '?'} ${frame.data}`);
        if (frame.id !== null && frame.id === this.subscribeId) return this.end(`subscribe rejected: ${frame.code ?? '?'} ${frame.data}`);
        // 401 = token invalid/expired: KuCoin drops the socket next; a new token is the only cure
        // (docs/protocols/kucoin.md §6 pitfall 1)
        if (frame.code === 401) return this.end(`token rejected: ${frame.data}`);
        this.options.log('warn', `kucoin ws error frame: ${frame.code ?? '?'} ${frame.data}`);
        return;
      case 'level2':
        if (this.phase !== 'subscribed' || frame.topic !== this.options.topic) return;
        this.handlers.onLevel2(frame.update);
        return;
      case 'otherMessage':
      case 'otherType':
        return;
      default: {
        const unreachable: never = frame;
        this.malformed(`unhandled frame ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private malformed(reason: string, text?: string): void {
    this.handlers.onMalformed(text === undefined ? reason : `${reason}: ${text.slice(0, 200)}`);
  }

  private onWelcome(): void {
    if (this.phaseTimer) clearTimeout(this.phaseTimer);
    this.phase = 'awaitingAck';
    this.pingTimer = setInterval(() => this.ping(), this.options.pingIntervalMs);
    this.subscribeId = this.requestId();
    this.send({id: this.subscribeId, type: 'subscribe', topic: this.options.topic, privateChannel: false, response: true});
    this.phaseTimer = setTimeout(() => this.end(`no subscribe ack within ${this.options.timeoutMs} ms`), this.options.timeoutMs);
  }

  private onAck(): void {
    if (this.phaseTimer) clearTimeout(this.phaseTimer);
    this.phaseTimer = null;
    this.phase = 'subscribed';
    this.handlers.onSubscribed();
  }

  private ping(): void {
    // one ping in flight at a time: its deadline is not pushed back by later pings
    if (this.outstandingPingId !== null) return;
    this.outstandingPingId = this.requestId();
    this.options.counters.pingsSent += 1;
    this.send({id: this.outstandingPingId, type: 'ping'});
    this.pongTimer = setTimeout(() => {
      this.options.counters.pongTimeouts += 1;
      this.end(`no pong within ${this.options.pingTimeoutMs} ms`);
    }, this.options.pingTimeoutMs);
  }
}
