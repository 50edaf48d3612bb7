// One MEXC WebSocket connection, from open to close (docs/protocols/mexc.md §4.2–§4.3): subscribe, confirm
// the ack echoes every topic (a refused topic is acked with code 0 and "Not Subscribed successfully!", so the
// text matters), PING keep-alive, a watchdog for silence / missing ack, and a close before the documented 24
// h lifetime. Reconnecting is the owner's job: a session ends exactly once, with a reason, and is not reused.
import WebSocket from 'ws';
import type {SessionEnd} from '../shared/sessionEnd.js';
import {frameBytes, openWebSocket, sendJson} from '../shared/wsSocket.js';
import {classifyFrame, type PushWrapper} from './wsFrames.js';

export interface WsSessionTiming {
  /** send PING this often (default 20 s, as the official Java demo) */
  pingIntervalMs: number;
  /** no frame at all (not even PONG) for this long → dead connection (default 45 s) */
  silenceTimeoutMs: number;
  /** subscription not acknowledged within this → give up on the connection (default 10 s) */
  ackTimeoutMs: number;
  /** close proactively after this long; MEXC cuts connections at 24 h (default 23 h 50 min) */
  maxAgeMs: number;
  /** handshake timeout (default 10 s) */
  connectTimeoutMs: number;
  /** watchdog resolution (default 500 ms) */
  tickMs: number;
}

export const defaultWsTiming: WsSessionTiming = {
  pingIntervalMs: 20_000,
  silenceTimeoutMs: 45_000,
  ackTimeoutMs: 10_000,
  maxAgeMs: (23 * 60 + 50) * 60_000,
  connectTimeoutMs: 10_000,
  tickMs: 500,
};

export interface WsSessionHandlers {
  onOpen?(): void;
  onSubscribed(): void;
  onPush(wrapper: PushWrapper): void;
  /** non-JSON text frames, e.g. "Invalid listen key" */
  onText?(text: string): void;
  onMalformed(reason: string): void;
  /** called exactly once */
  onEnd(end: SessionEnd): void;
}

export class WsSession {
  private socket: WebSocket | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private ended = false;
  private openedAt = 0;
  private lastFrameAt = 0;
  private lastPingAt = 0;
  private subscribeSentAt: number | null = null;
  private readonly pending = new Set<string>();
  private subscribed = false;

  constructor(
    private readonly url: string,
    private readonly topics: readonly string[],
    private readonly handlers: WsSessionHandlers,
    private readonly timing: WsSessionTiming = defaultWsTiming,
    private readonly now: () => number = Date.now,
  ) {}

  /** when the last frame of any kind (push, ack, PONG, protocol ping) arrived */
  lastFrameTime(): number {
    return this.lastFrameAt;
  }

  isSubscribed(): boolean {
    return this.subscribed && !this.ended;
  }

  open(): void {
    if (this.socket || this.ended) return;
    this.openedAt = this.now();
    this.lastFrameAt = this.openedAt;
    const socket = openWebSocket(this.url, this.timing.connectTimeoutMs);
    this.socket = socket;
    socket.on('open', () => this.onOpen());
    socket.on('message', (data, isBinary) => this.onMessage(frameBytes(data), isBinary));
    socket.on('pong', () => {
      this.lastFrameAt = this.now();
    });
    socket.on('ping', () => {
      this.lastFrameAt = this.now(); // ws answers protocol pings itself (FAQ Q6)
    });
    socket.on('error', (error) => this.end({kind: 'closed', reason: `socket error: ${error.message}`}));
    socket.on('close', (code, reason) => this.end({kind: 'closed', reason: `closed by peer (${code}${reason.length ? ` ${reason.toString('utf8').slice(0, 100)}` : ''})`}));
    this.watchdog = setInterval(() => this.tick(), this.timing.tickMs);
  }

  /** Ends the session (idempotent). */
  close(reason: string): void {
    this.end({kind: 'stopped', reason});
  }

  private onOpen(): void {
    if (this.ended) return;
    this.lastFrameAt = this.now();
    this.handlers.onOpen?.();
    for (const topic of this.topics) this.pending.add(topic);
    this.subscribeSentAt = this.now();
    this.send({method: 'SUBSCRIPTION', params: this.topics, id: 1});
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.ended) return;
    this.lastFrameAt = this.now();
    const frame = classifyFrame(data, isBinary);
    switch (frame.kind) {
      case 'push':
        this.handlers.onPush(frame.wrapper);
        return;
      case 'pong':
        return;
      case 'ack':
        this.onAck(frame.code, frame.msg);
        return;
      case 'text':
        this.handlers.onText?.(frame.text);
        return;
      case 'malformed':
        this.handlers.onMalformed(frame.reason);
        return;
    }
  }

  private onAck(code: number, msg: string): void {
    if (code !== 0 || /not subscribed|blocked/i.test(msg)) {
      this.end({kind: 'refused', reason: `subscription refused: code ${code} ${msg.slice(0, 200)}`});
      return;
    }
    if (this.subscribed) return; // e.g. an UNSUBSCRIPTION echo
    for (const part of msg.split(',')) this.pending.delete(part.trim());
    if (this.pending.size === 0) {
      this.subscribed = true;
      this.handlers.onSubscribed();
    }
  }

  private tick(): void {
    if (this.ended || !this.socket) return;
    const now = this.now();
    if (this.socket.readyState === WebSocket.CONNECTING) {
      return; // the handshake timeout covers this phase
    }
    if (!this.subscribed && this.subscribeSentAt !== null && now - this.subscribeSentAt >= this.timing.ackTimeoutMs) {
      this.end({kind: 'closed', reason: `no subscription ack within ${this.timing.ackTimeoutMs} ms`});
      return;
    }
    if (now - this.lastFrameAt >= this.timing.silenceTimeoutMs) {
      this.end({kind: 'closed', reason: `no frame for ${now - this.lastFrameAt} ms`});
      return;
    }
    if (now - this.openedAt >= this.timing.maxAgeMs) {
      this.end({kind: 'lifetime', reason: `connection age ${now - this.openedAt} ms reached the proactive limit`});
      return;
    }
    if (now - this.lastPingAt >= this.timing.pingIntervalMs) {
      this.lastPingAt = now;
      this.send({method: 'PING'});
    }
  }

  private send(message: object): void {
    sendJson(this.socket, message, (reason) => this.end({kind: 'closed', reason}));
  }

  private end(end: SessionEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.subscribed = false;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const socket = this.socket;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => undefined); // a late error after terminate must not become an uncaught exception
      socket.terminate();
    }
    this.handlers.onEnd(end);
  }
}
