// MEXC order-book feed as a StreamPort: aggregated depth over the protobuf WebSocket, synced with a REST
// snapshot by the documented version procedure (depthSync.ts), re-synced on any gap, reconnected with
// jittered backoff. It only emits events: book.snapshot, continuous book.delta, and the health of
// 'mexc.book' (connecting → syncing → live ⇄ stale, down with a reason). Nothing here throws into the engine.
// While the WebSocket is not up (after a session ended, until the next one is subscribed) the book comes
// from REST snapshots at a bounded rate instead: 'polling', then a book.snapshot per poll
// (docs/protocols/mexc.md §4.7).
// MEXC pushes aggregated depth only when the book changes, so a quiet book is checked by asking REST
// for its version (bookFreshness.ts) rather than called stale.
import type {StreamState} from '../../engine/events.js';
import type {EventSink, StreamPort} from '../../engine/ports.js';
import {ReconnectBackoff} from '../shared/reconnectBackoff.js';
import type {SessionEnd} from '../shared/sessionEnd.js';
import {StreamSupervisor} from '../shared/streamSupervisor.js';
import {silentLogger, type Logger} from '../shared/logger.js';
import {depthPushFromWrapper, priceFinerThan} from './depthPush.js';
import {DepthSync, type DepthPush} from './depthSync.js';
import type {DepthSnapshot} from './endpoints.js';
import {summarizeFailure} from './errors.js';
import type {MexcRestClient} from './mexcRestClient.js';
import {CurrentWsSession} from './currentWsSession.js';
import type {WsSessionTiming} from './wsSession.js';
import type {PushWrapper} from './wsFrames.js';
import {RestBookPoller, restPollDefaults} from './restBookPoller.js';
import {BookFreshness} from './bookFreshness.js';

export interface MexcBookStreamOptions {
  wsUrl: string;
  rest: MexcRestClient;
  symbol: string;
  priceDecimals: number;
  /**
   * No depth push for this long while live → probe REST for the current version; 'stale' unless the probe
   * proves nothing changed (aggregated depth is pushed only on change, so silence alone is not staleness)
   */
  staleAfterMs: number;
  now?: () => number;
  log?: Logger;
  /** push interval of the channel (default 100ms) */
  interval?: '100ms' | '10ms';
  /** REST snapshot depth (default 5000, the current official procedure) */
  snapshotLimit?: number;
  /** stale this long → drop the connection and start over (default 3 × staleAfterMs) */
  reconnectWhenStaleMs?: number;
  /** after a probe found the exchange ahead, the pushes must catch up within this (default 1000 ms) */
  catchUpGraceMs?: number;
  timing?: Partial<WsSessionTiming>;
  /** reconnect backoff (defaults 500 ms .. 30 s) */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** while the WebSocket is down: at most one REST snapshot per this interval (default 2000 ms) */
  restPollMs?: number;
  /** depth of those snapshots (default 100: weight 1 like every depth call, a fiftieth of the sync snapshot) */
  restPollLimit?: number;
}

export {restPollDefaults};

export interface BookStreamStats {
  pushes: number;
  /** REST freshness probes after a quiet period */
  probes: number;
  malformedFrames: number;
  gaps: number;
  resyncs: number;
  snapshots: number;
  connects: number;
  /** REST snapshots requested while the WebSocket was down */
  restPolls: number;
}

export const depthTopic = (symbol: string, interval: '100ms' | '10ms' = '100ms'): string =>
  `spot@public.aggre.depth.v3.api.pb@${interval}@${symbol}`;

export class MexcBookStream implements StreamPort {
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly supervisor: StreamSupervisor;
  private readonly topic: string;
  private readonly snapshotBackoff = new ReconnectBackoff(250, 10_000);
  private readonly sync = new DepthSync();
  private readonly session: CurrentWsSession;
  private snapshotTimer: NodeJS.Timeout | null = null;
  /** bumps whenever sync state is dropped, so a snapshot answer from before is ignored */
  private generation = 0;
  private snapshotInFlight = false;
  private syncStarted = false;
  /** whether a quiet book is still current (REST version probes) */
  private readonly freshness: BookFreshness;
  private precisionWarned = false;
  /** the book from REST snapshots while the WebSocket is down */
  private readonly poller: RestBookPoller;
  private readonly stats_: Omit<BookStreamStats, 'malformedFrames' | 'restPolls' | 'probes'> = {pushes: 0, gaps: 0, resyncs: 0, snapshots: 0, connects: 0};

  constructor(private readonly opts: MexcBookStreamOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? silentLogger;
    this.topic = depthTopic(opts.symbol, opts.interval);
    this.session = new CurrentWsSession(opts.timing, this.now);
    const {reconnectBaseMs, reconnectMaxMs} = opts;
    this.supervisor = new StreamSupervisor({label: 'mexc.book', stream: 'mexc.book', log: this.log, now: this.now, reconnectBaseMs, reconnectMaxMs});
    this.freshness = new BookFreshness({
      rest: opts.rest,
      symbol: opts.symbol,
      staleAfterMs: opts.staleAfterMs,
      reconnectWhenStaleMs: opts.reconnectWhenStaleMs ?? 3 * opts.staleAfterMs,
      catchUpGraceMs: opts.catchUpGraceMs ?? 1000,
      now: this.now,
      running: () => this.running,
      localVersion: () => this.sync.currentVersion(),
      state: () => this.state,
      setState: (state, reason) => this.setState(state, reason),
      resync: (reason) => this.restartSync(reason),
      reconnect: (reason) => this.session.close(reason),
    });
    this.poller = new RestBookPoller({
      rest: opts.rest,
      symbol: opts.symbol,
      intervalMs: opts.restPollMs ?? restPollDefaults.restPollMs,
      limit: opts.restPollLimit ?? restPollDefaults.restPollLimit,
      now: this.now,
      running: () => this.running,
      onSnapshot: (snapshot, reason) => {
        if (this.state !== 'polling') this.log('warn', `mexc.book polling: ${reason}`);
        // state first: the snapshot that follows is the book of the 'polling' state
        this.setState('polling', reason);
        this.supervisor.emit({type: 'book.snapshot', venue: 'mexc', version: snapshot.lastUpdateId, bids: snapshot.bids, asks: snapshot.asks, at: this.now()});
      },
      onFailure: (reason) => {
        if (this.state !== 'down') this.log('warn', `mexc.book down: ${reason}`);
        this.setState('down', reason);
      },
    });
  }

  async start(sink: EventSink): Promise<void> {
    if (!this.supervisor.start(sink)) return;
    this.supervisor.watch(this.opts.staleAfterMs, () => this.tick());
    this.connect();
  }

  resync(reason: string): void {
    if (!this.running || !this.session.active) return;
    // without a subscribed WebSocket there is nothing to sync: the next poll replaces the book anyway
    if (this.poller.active && !this.session.isSubscribed()) return;
    this.restartSync(`resync requested: ${reason}`);
  }

  async stop(): Promise<void> {
    if (!this.supervisor.stop()) return;
    this.poller.stop();
    this.dropSyncState();
    this.session.drop('stopped');
    this.setState('down', 'stopped');
  }

  stats(): BookStreamStats {
    return {...this.stats_, probes: this.freshness.probes, restPolls: this.poller.polls, malformedFrames: this.supervisor.malformedFrames};
  }

  private get running(): boolean {
    return this.supervisor.running;
  }

  private get state(): StreamState | null {
    return this.supervisor.health('mexc.book')?.state ?? null;
  }

  private setState(state: StreamState, reason: string | null): void {
    this.supervisor.setState('mexc.book', state, reason);
  }

  // ---- connection -----------------------------------------------------------------------------------

  private connect(): void {
    this.stats_.connects += 1;
    this.dropSyncState();
    // while polling, the polled book stays usable during the attempt: no 'connecting' until it succeeds
    if (this.state !== 'polling') this.setState('connecting', null);
    this.session.open(this.opts.wsUrl, [this.topic], {
      onSubscribed: () => {
        this.setState('syncing', 'subscribed; fetching snapshot');
        this.beginSync();
      },
      onPush: (wrapper) => this.onPush(wrapper),
      onText: (text) => this.malformed(`unexpected text frame: ${text}`),
      onMalformed: (reason) => this.malformed(reason),
      onEnd: (end) => this.onSessionEnd(end),
    });
  }

  private onSessionEnd(end: SessionEnd): void {
    this.dropSyncState();
    if (!this.running) return;
    if (this.state !== 'polling') this.setState('down', end.reason);
    // a planned close at the lifetime limit reconnects at once: polling starts only if that fails
    if (end.kind !== 'lifetime') this.poller.start(end.reason);
    this.supervisor.reconnectAfter(end, () => this.connect());
  }

  // ---- pushes ---------------------------------------------------------------------------------------

  private onPush(wrapper: PushWrapper): void {
    if (wrapper.channel !== this.topic) return this.malformed(`push on unexpected channel ${wrapper.channel}`);
    const decoded = depthPushFromWrapper(wrapper);
    if (!decoded.ok) return this.malformed(decoded.reason);
    this.stats_.pushes += 1;
    this.freshness.fresh(this.now());
    this.checkPrecision(decoded.value);
    const result = this.sync.push(decoded.value);
    switch (result.kind) {
      case 'buffered':
        if (!this.syncStarted) this.beginSync(); // pushes may arrive before the ack
        return;
      case 'old':
        return;
      case 'apply':
        this.emitDelta(result.delta);
        this.freshness.applied(result.delta.toVersion);
        if (this.state === 'stale') this.setState('live', null);
        return;
      case 'gap':
        this.stats_.gaps += 1;
        this.restartSync(`version gap: expected fromVersion ${result.expectedFrom}, got ${result.gotFrom}`);
        return;
      case 'overflow':
        this.restartSync('too many pushes buffered while waiting for a snapshot');
        return;
    }
  }

  /** A frame we cannot read may have been a depth update: the book can no longer be trusted. */
  private malformed(reason: string): void {
    this.supervisor.malformed(reason);
    if (this.session.isSubscribed() && (this.sync.isSynced() || this.syncStarted)) this.restartSync(`malformed frame: ${reason}`);
  }

  // ---- snapshot sync --------------------------------------------------------------------------------

  private beginSync(): void {
    if (this.syncStarted) return;
    this.stopPolling('WebSocket subscribed');
    this.syncStarted = true;
    this.fetchSnapshot();
  }

  private restartSync(reason: string): void {
    this.stats_.resyncs += 1;
    this.stopPolling('WebSocket resync');
    this.dropSyncState();
    this.syncStarted = true;
    this.log('warn', `mexc.book: resync (${reason})`);
    this.setState('syncing', reason);
    this.fetchSnapshot();
  }

  /** Forget the local book and any snapshot request or retry belonging to it. */
  private dropSyncState(): void {
    this.generation += 1;
    this.sync.reset();
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    this.snapshotInFlight = false;
    this.syncStarted = false;
    this.freshness.reset();
  }

  private fetchSnapshot(): void {
    this.snapshotTimer = null;
    if (!this.running || !this.session.active || this.snapshotInFlight) return;
    const generation = this.generation;
    this.snapshotInFlight = true;
    this.opts.rest
      .depth(this.opts.symbol, this.opts.snapshotLimit ?? 5000)
      .then(
        (snapshot) => {
          if (generation !== this.generation || !this.running) return;
          this.snapshotInFlight = false;
          this.applySnapshot(snapshot);
        },
        (error: unknown) => {
          if (generation !== this.generation || !this.running) return;
          this.snapshotInFlight = false;
          const failure = summarizeFailure(error);
          const wait = Math.max(this.snapshotBackoff.next(), (failure.rateLimitedUntil ?? 0) - this.now());
          this.setState('syncing', `depth snapshot failed (${failure.message}); retry in ${wait} ms`);
          this.scheduleSnapshot(wait);
        },
      );
  }

  private scheduleSnapshot(delayMs: number): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => this.fetchSnapshot(), delayMs);
  }

  private applySnapshot(snapshot: DepthSnapshot): void {
    this.stats_.snapshots += 1;
    const result = this.sync.applySnapshot(snapshot.lastUpdateId);
    switch (result.kind) {
      case 'tooOld': {
        const wait = this.snapshotBackoff.next();
        this.setState('syncing', `snapshot ${result.snapshotVersion} older than stream (${result.firstFrom}); refetch in ${wait} ms`);
        this.scheduleSnapshot(wait);
        return;
      }
      case 'gap':
        this.stats_.gaps += 1;
        this.restartSync(`version gap in buffered pushes: expected ${result.expectedFrom}, got ${result.gotFrom}`);
        return;
      case 'synced': {
        const at = this.now();
        this.supervisor.emit({type: 'book.snapshot', venue: 'mexc', version: result.version, bids: snapshot.bids, asks: snapshot.asks, at});
        for (const delta of result.deltas) this.emitDelta(delta);
        this.freshness.fresh(at);
        this.supervisor.backoff.reset();
        this.snapshotBackoff.reset();
        this.setState('live', null);
        return;
      }
    }
  }

  private emitDelta(delta: DepthPush): void {
    this.supervisor.emit({type: 'book.delta', venue: 'mexc', fromVersion: delta.fromVersion, toVersion: delta.toVersion, bids: delta.bids, asks: delta.asks, at: this.now()});
  }

  private stopPolling(note: string): void {
    if (this.poller.stop()) this.log('info', `mexc.book: ${note}; REST polling stopped`);
  }

  // ---- health ---------------------------------------------------------------------------------------

  private tick(): void {
    if (!this.running || !this.session.active) return;
    this.freshness.tick();
  }

  private checkPrecision(push: DepthPush): void {
    const price = this.precisionWarned ? null : priceFinerThan(push, this.opts.priceDecimals);
    if (price === null) return;
    this.precisionWarned = true;
    this.log('warn', `mexc.book: price ${price} has more than ${this.opts.priceDecimals} decimals; symbol rules may be out of date`);
  }
}
