// KuCoin's reference order book as an engine stream (docs/protocols/kucoin.md §2, §3.5-§3.7): a fresh
// bullet-public token per connection, one WebSocket session subscribed to `/market/level2:{symbol}`, the
// official buffer → REST snapshot → replay → continuity procedure, and health events for stream
// 'kucoin.book'. It speaks only the public wire protocol, so the same code runs against api.kucoin.com and
// the simulator.
import {randomUUID} from 'node:crypto';
import type {StreamState} from '../../engine/events.js';
import type {EventSink, StreamPort} from '../../engine/ports.js';
import {silentLogger, type Logger} from '../shared/logger.js';
import {StreamSupervisor} from '../shared/streamSupervisor.js';
import {kucoinRequest} from './kucoinRest.js';
import {buildWsUrl, describeEndpoint, fetchBulletPublic} from './kucoinToken.js';
import {parseLevel2Snapshot, type Level2Snapshot, type Level2Update} from './kucoinWire.js';
import {Level2SyncDriver, type SyncCounters} from './level2SyncDriver.js';
import {KucoinWsSession, type SessionCounters} from './kucoinWsSession.js';

/**
 * Snapshot for the incremental feed. level2_100 is public (no API key) per docs/protocols/kucoin.md §3.6; the full-depth
 * /api/v3/market/orderbook/level2 needs a signed request and is not usable here. Levels beyond the first
 * 100 are unknown until an increment touches them.
 */
export const DEFAULT_SNAPSHOT_PATH = '/api/v1/market/orderbook/level2_100';

export interface KucoinBookStreamOptions {
  restUrl: string;
  /** KuCoin symbol, e.g. BTC-USDT */
  symbol: string;
  /** live → stale when no level-2 message arrived for this long */
  staleAfterMs: number;
  /** budget for each REST call, the WS handshake + welcome, and the subscribe ack */
  timeoutMs: number;
  now?: () => number;
  log?: Logger;
  /** REST path of the snapshot (`?symbol=` is appended) */
  snapshotPath?: string;
  /** KuCoin pushes nothing while the book is unchanged: take the snapshot after this long without updates */
  snapshotQuietMs?: number;
  reconnectBaseMs?: number;
  /**
   * reconnect backoff cap (default 10 s): after an outage the reference must be back within seconds
   * (docs/strategy.md §4.1); 10 s is far under KuCoin's new-connection limit (docs/protocols/kucoin.md §2.7)
   */
  reconnectMaxMs?: number;
  /** reconnect (with a new token) before KuCoin's 24 h forced disconnect (docs/protocols/kucoin.md §2.6) */
  maxConnectionAgeMs?: number;
  maxBufferedUpdates?: number;
  /** jitter source (tests) */
  random?: () => number;
}

export interface KucoinBookStreamCounters extends SessionCounters, SyncCounters {
  /** frames that were not valid KuCoin JSON */
  malformedFrames: number;
  /** connection attempts (each with a new token) */
  connects: number;
  tokenFailures: number;
  /** sessions that ended (socket closed, pong missed, refused, ...) */
  disconnects: number;
  /** level-2 messages received */
  bookMessages: number;
  /** messages for another symbol on our topic */
  otherSymbol: number;
  /** resyncs requested by the engine */
  resyncs: number;
  /** buffered updates dropped because the buffer was full */
  bufferTrimmed: number;
  /** exceptions thrown by the sink (the engine), caught here */
  sinkErrors: number;
}

export interface KucoinBookHealth {
  state: StreamState;
  reason: string | null;
  /** sequence of the last emitted book event, null while not synced */
  sequence: number | null;
}

const STREAM = 'kucoin.book';

export class KucoinBookStream implements StreamPort {
  private readonly opts: Required<Omit<KucoinBookStreamOptions, 'log'>> & {log: Logger};
  private readonly topic: string;
  private readonly sync: Level2SyncDriver;
  private readonly supervisor: StreamSupervisor;
  private readonly counts: Omit<KucoinBookStreamCounters, 'malformedFrames' | 'sinkErrors'> = {
    framesReceived: 0,
    serverErrors: 0,
    pingsSent: 0,
    pongTimeouts: 0,
    connects: 0,
    tokenFailures: 0,
    disconnects: 0,
    bookMessages: 0,
    otherSymbol: 0,
    oldMessages: 0,
    gaps: 0,
    resyncs: 0,
    snapshots: 0,
    snapshotFailures: 0,
    snapshotsBehind: 0,
    bufferTrimmed: 0,
  };
  private readonly requests = new Set<AbortController>();

  private session: KucoinWsSession | null = null;
  private subscribed = false;
  /** bumped per connection attempt and on stop: late token answers of an old attempt are ignored */
  private connectionGen = 0;
  private ageTimer: NodeJS.Timeout | null = null;
  private lastBookAt = 0;

  constructor(options: KucoinBookStreamOptions) {
    // `??` rather than spread defaults: an option passed as undefined still gets its default
    this.opts = {
      restUrl: options.restUrl,
      symbol: options.symbol,
      staleAfterMs: options.staleAfterMs,
      timeoutMs: options.timeoutMs,
      now: options.now ?? Date.now,
      log: options.log ?? silentLogger,
      snapshotPath: options.snapshotPath ?? DEFAULT_SNAPSHOT_PATH,
      snapshotQuietMs: options.snapshotQuietMs ?? 1000,
      reconnectBaseMs: options.reconnectBaseMs ?? 500,
      reconnectMaxMs: options.reconnectMaxMs ?? 10_000,
      maxConnectionAgeMs: options.maxConnectionAgeMs ?? 23 * 3600_000,
      maxBufferedUpdates: options.maxBufferedUpdates ?? 10_000,
      random: options.random ?? Math.random,
    };
    this.topic = `/market/level2:${options.symbol}`;
    const {log, now, reconnectBaseMs, reconnectMaxMs, random} = this.opts;
    this.supervisor = new StreamSupervisor({label: 'kucoin book', stream: STREAM, log, now, reconnectBaseMs, reconnectMaxMs, random, logStates: true});
    this.sync = new Level2SyncDriver(
      {
        fetchSnapshot: () => this.fetchSnapshot(),
        emit: (event) => this.supervisor.emit(event),
        syncing: (reason) => this.setState('syncing', reason),
        live: (reason) => {
          this.supervisor.backoff.reset();
          this.lastBookAt = this.opts.now();
          this.setState('live', reason);
        },
        counters: this.counts,
        log: this.opts.log,
        now: this.opts.now,
      },
      this.opts.snapshotQuietMs,
      this.opts.maxBufferedUpdates,
    );
  }

  async start(sink: EventSink): Promise<void> {
    if (!this.supervisor.start(sink)) throw new Error('KucoinBookStream already started');
    this.supervisor.watch(this.opts.staleAfterMs, () => this.checkStale(), 25);
    void this.connect('start');
  }

  resync(reason: string): void {
    if (!this.supervisor.running || !this.subscribed) return; // not subscribed: the connection will sync anyway
    this.counts.resyncs += 1;
    this.sync.begin(`resync requested: ${reason}`);
  }

  async stop(): Promise<void> {
    if (!this.supervisor.stop()) return;
    this.connectionGen += 1;
    this.sync.halt();
    if (this.ageTimer) clearTimeout(this.ageTimer);
    this.ageTimer = null;
    for (const controller of this.requests) controller.abort();
    const session = this.session;
    this.session = null;
    this.subscribed = false;
    if (session) await session.close();
    this.setState('down', 'stopped');
    this.supervisor.detach();
  }

  counters(): KucoinBookStreamCounters {
    const {malformedFrames, sinkErrors} = this.supervisor;
    return {...this.counts, malformedFrames, sinkErrors, bufferTrimmed: this.sync.trimmed};
  }

  health(): KucoinBookHealth {
    const health = this.supervisor.health(STREAM);
    return {state: health?.state ?? 'down', reason: health?.reason ?? null, sequence: this.sync.lastSequence};
  }

  // ---- connection lifecycle ----

  private async connect(reason: string): Promise<void> {
    const gen = ++this.connectionGen;
    this.counts.connects += 1;
    this.setState('connecting', reason);
    let token;
    try {
      // a new token for every connection: a cached one fails after 24 h (docs/protocols/kucoin.md §6 pitfall 1)
      token = await this.rest((signal) => fetchBulletPublic(this.opts.restUrl, this.opts.timeoutMs, signal));
    } catch (error) {
      if (gen !== this.connectionGen) return;
      this.counts.tokenFailures += 1;
      this.reconnectLater(`token request failed: ${messageOf(error)}`);
      return;
    }
    if (gen !== this.connectionGen) return;
    const server = token.servers[Math.floor(this.opts.random() * token.servers.length)] ?? token.servers[0]!;
    const connectId = randomUUID().replace(/-/g, '');
    let session: KucoinWsSession;
    try {
      session = new KucoinWsSession(
        {
          url: buildWsUrl(server.endpoint, token.token, connectId),
          connectId,
          topic: this.topic,
          pingIntervalMs: server.pingIntervalMs,
          pingTimeoutMs: server.pingTimeoutMs,
          timeoutMs: this.opts.timeoutMs,
          counters: this.counts,
          log: this.opts.log,
        },
        {
          onSubscribed: () => this.session === session && this.onSubscribed(),
          onLevel2: (update) => this.session === session && this.onLevel2(update),
          onMalformed: (why) => this.supervisor.malformed(why),
          onEnded: (why) => this.session === session && this.onSessionEnded(why),
        },
      );
    } catch (error) {
      this.reconnectLater(`cannot open ${describeEndpoint(server.endpoint)}: ${messageOf(error)}`);
      return;
    }
    this.session = session;
    this.opts.log('info', `kucoin book: connecting to ${describeEndpoint(server.endpoint)} (ping ${server.pingIntervalMs}/${server.pingTimeoutMs} ms)`);
  }

  private onSubscribed(): void {
    this.subscribed = true;
    if (this.ageTimer) clearTimeout(this.ageTimer);
    this.ageTimer = setTimeout(() => this.rotateConnection(), this.opts.maxConnectionAgeMs);
    this.sync.begin(`subscribed to ${this.topic}`);
  }

  private onSessionEnded(reason: string): void {
    this.counts.disconnects += 1;
    this.session = null;
    this.reconnectLater(reason);
  }

  private rotateConnection(): void {
    this.ageTimer = null;
    const session = this.session;
    if (!session) return;
    this.session = null;
    void session.close();
    this.supervisor.backoff.reset();
    this.reconnectLater(`connection older than ${this.opts.maxConnectionAgeMs} ms: reconnecting with a new token`);
  }

  private reconnectLater(reason: string): void {
    if (!this.supervisor.running) return;
    this.subscribed = false;
    if (this.ageTimer) clearTimeout(this.ageTimer);
    this.ageTimer = null;
    this.sync.halt();
    this.setState('down', reason);
    const backoff = this.supervisor.backoff;
    const delay = backoff.next();
    this.opts.log('warn', `kucoin book down (${reason}); reconnect #${backoff.failures} in ${delay} ms`);
    this.supervisor.reconnectIn(delay, () => void this.connect(`reconnect #${backoff.failures} after: ${reason}`));
  }

  // ---- book sync ----

  private onLevel2(update: Level2Update): void {
    this.counts.bookMessages += 1;
    if (update.symbol !== this.opts.symbol) {
      this.counts.otherSymbol += 1;
      return;
    }
    this.lastBookAt = this.opts.now();
    const synced = this.sync.onUpdate(update);
    if (synced && this.state === 'stale') this.setState('live', 'book messages resumed');
  }

  private async fetchSnapshot(): Promise<Level2Snapshot> {
    const path = `${this.opts.snapshotPath}?symbol=${encodeURIComponent(this.opts.symbol)}`;
    const data = await this.rest((signal) =>
      kucoinRequest({method: 'GET', restUrl: this.opts.restUrl, path, timeoutMs: this.opts.timeoutMs, signal, now: this.opts.now}),
    );
    const parsed = parseLevel2Snapshot(data);
    if (!parsed.ok) throw new Error(`bad snapshot: ${parsed.reason}`);
    return parsed.value;
  }

  // ---- health and output ----

  private get state(): StreamState | undefined {
    return this.supervisor.health(STREAM)?.state;
  }

  private checkStale(): void {
    if (this.state !== 'live') return;
    const silentMs = this.opts.now() - this.lastBookAt;
    if (silentMs > this.opts.staleAfterMs) this.setState('stale', `no book message for ${silentMs} ms (limit ${this.opts.staleAfterMs} ms)`);
  }

  private setState(state: StreamState, reason: string | null): void {
    this.supervisor.setState(STREAM, state, reason);
  }

  /** Runs a REST call that stop() can abort, so no request outlives the stream. */
  private async rest<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.requests.add(controller);
    try {
      return await call(controller.signal);
    } finally {
      this.requests.delete(controller);
    }
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
