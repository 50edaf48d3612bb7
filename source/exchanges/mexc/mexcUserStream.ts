// MEXC user-data stream as a StreamPort: a listen key (listenKeyLease.ts), one WebSocket on
// `wsUrl?listenKey=…` subscribed to the private orders/deals/account protobuf channels, reconnected with
// jittered backoff. Emits order.update / fill / balance (complete: false) and the health of 'mexc.user'
// and 'mexc.listenKey'. Pushes missed while down are not replayed: the engine reconciles over REST when it
// sees the stream come back 'live'. Nothing here throws into the engine.
import type {StreamName, StreamState} from '../../engine/events.js';
import type {EventSink, StreamPort} from '../../engine/ports.js';
import type {SymbolRules} from '../../engine/symbolRules.js';
import type {SessionEnd} from '../shared/sessionEnd.js';
import {StreamSupervisor} from '../shared/streamSupervisor.js';
import {silentLogger, type Logger} from '../shared/logger.js';
import {summarizeFailure} from './errors.js';
import {ListenKeyLease} from './listenKeyLease.js';
import type {MexcRestClient} from './mexcRestClient.js';
import {privateEventFromWrapper, privateTopics} from './privatePushes.js';
import {CurrentWsSession} from './currentWsSession.js';
import type {WsSessionTiming} from './wsSession.js';
import type {PushWrapper} from './wsFrames.js';

export interface MexcUserStreamOptions {
  wsUrl: string;
  rest: MexcRestClient;
  rules: SymbolRules;
  /** no frame at all (pushes or PONGs) for this long while live → 'stale'; off when absent */
  staleAfterMs?: number;
  log?: Logger;
  now?: () => number;
  keepAliveEveryMs?: number;
  keepAliveRetryMs?: number;
  listenKeyValidMs?: number;
  timing?: Partial<WsSessionTiming>;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
}

export interface UserStreamStats {
  pushes: number;
  malformedFrames: number;
  connects: number;
}

const TOPICS = [privateTopics.orders, privateTopics.deals, privateTopics.account];

export class MexcUserStream implements StreamPort {
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly supervisor: StreamSupervisor;
  private readonly lease: ListenKeyLease;
  private readonly session: CurrentWsSession;
  private connecting = false;
  /** verify (extend) the key before reusing it after a connection loss */
  private verifyKey = false;
  /** connections with the current key that ended before subscribing */
  private failedWithKey = 0;
  private readonly stats_: Omit<UserStreamStats, 'malformedFrames'> = {pushes: 0, connects: 0};

  constructor(private readonly opts: MexcUserStreamOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? silentLogger;
    this.session = new CurrentWsSession(opts.timing, this.now);
    const {reconnectBaseMs, reconnectMaxMs} = opts;
    this.supervisor = new StreamSupervisor({label: 'mexc.user', stream: 'mexc.user', log: this.log, now: this.now, reconnectBaseMs, reconnectMaxMs});
    this.lease = new ListenKeyLease({
      rest: opts.rest,
      now: this.now,
      log: this.log,
      keepAliveEveryMs: opts.keepAliveEveryMs ?? 30 * 60_000,
      keepAliveRetryMs: opts.keepAliveRetryMs ?? 60_000,
      validForMs: opts.listenKeyValidMs ?? 60 * 60_000,
      onState: (state, reason) => this.setState('mexc.listenKey', state, reason),
      onLost: (reason) => this.session.close(reason),
    });
  }

  async start(sink: EventSink): Promise<void> {
    if (!this.supervisor.start(sink)) return;
    if (this.opts.staleAfterMs !== undefined) this.supervisor.watch(this.opts.staleAfterMs, () => this.tick());
    void this.connect();
  }

  /** The user stream has no local state to rebuild: reconnect (the engine reconciles on 'live'). */
  resync(reason: string): void {
    if (!this.supervisor.running) return;
    this.verifyKey = true;
    this.session.close(`resync requested: ${reason}`);
  }

  async stop(): Promise<void> {
    if (!this.supervisor.stop()) return;
    this.session.drop('stopped');
    this.setState('mexc.user', 'down', 'stopped');
    await this.lease.release();
    this.setState('mexc.listenKey', 'down', 'stopped');
  }

  stats(): UserStreamStats {
    return {...this.stats_, malformedFrames: this.supervisor.malformedFrames};
  }

  private get running(): boolean {
    return this.supervisor.running;
  }

  private get userState(): StreamState | undefined {
    return this.supervisor.health('mexc.user')?.state;
  }

  private setState(stream: StreamName, state: StreamState, reason: string | null): void {
    this.supervisor.setState(stream, state, reason);
  }

  // ---- connection -----------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (!this.running || this.connecting) return;
    this.connecting = true;
    this.setState('mexc.user', 'connecting', null);
    let key: string;
    try {
      if (this.failedWithKey >= 2 && this.lease.current() !== null) {
        this.lease.invalidate('connections with this listen key keep failing');
      }
      const hadKey = this.lease.current();
      key = await this.lease.acquire(this.verifyKey);
      if (key !== hadKey) this.failedWithKey = 0;
      this.verifyKey = false;
    } catch (error) {
      this.connecting = false;
      const failure = summarizeFailure(error);
      if (!this.running) return;
      const delay = Math.max(this.supervisor.backoff.next(), (failure.rateLimitedUntil ?? 0) - this.now());
      this.setState('mexc.user', 'down', `no listen key: ${failure.message}`);
      this.supervisor.reconnectIn(delay, () => void this.connect());
      return;
    }
    this.connecting = false;
    if (!this.running) {
      await this.lease.release(); // stopped while the key was being created: do not leave it behind
      return;
    }
    this.stats_.connects += 1;
    const url = new URL(this.opts.wsUrl);
    url.searchParams.set('listenKey', key);
    this.session.open(url.toString(), TOPICS, {
      onOpen: () => this.setState('mexc.user', 'syncing', 'subscribing'),
      onSubscribed: () => {
        this.failedWithKey = 0;
        this.supervisor.backoff.reset();
        this.setState('mexc.user', 'live', null);
      },
      onPush: (wrapper) => this.onPush(wrapper),
      onText: (text) => {
        if (/listen ?key/i.test(text)) {
          this.lease.invalidate(`server: ${text}`);
          this.session.close(`server: ${text}`);
        } else this.supervisor.malformed(`unexpected text frame: ${text}`);
      },
      onMalformed: (reason) => this.supervisor.malformed(reason),
      onEnd: (end) => this.onSessionEnd(end),
    });
  }

  private onSessionEnd(end: SessionEnd): void {
    const wasLive = this.userState === 'live' || this.userState === 'stale';
    if (!this.running) return;
    if (!wasLive) this.failedWithKey += 1;
    this.verifyKey = true;
    this.setState('mexc.user', 'down', end.reason);
    this.supervisor.reconnectAfter(end, () => void this.connect());
  }

  // ---- pushes ---------------------------------------------------------------------------------------

  private onPush(wrapper: PushWrapper): void {
    if (!(TOPICS as string[]).includes(wrapper.channel)) {
      this.supervisor.malformed(`push on unexpected channel ${wrapper.channel}`);
      return;
    }
    const decoded = privateEventFromWrapper(wrapper, this.opts.rules, this.now());
    if (!decoded.ok) {
      this.supervisor.malformed(decoded.reason);
      return;
    }
    this.stats_.pushes += 1;
    if (this.userState === 'stale') this.setState('mexc.user', 'live', null);
    if (decoded.value) this.supervisor.emit(decoded.value);
  }

  private tick(): void {
    const staleAfterMs = this.opts.staleAfterMs;
    const lastFrameAt = this.session.lastFrameTime();
    if (!this.running || lastFrameAt === null || staleAfterMs === undefined) return;
    const state = this.userState;
    const silentFor = this.now() - lastFrameAt;
    if (state === 'live' && silentFor >= staleAfterMs) this.setState('mexc.user', 'stale', `no frame for ${silentFor} ms`);
    else if (state === 'stale' && silentFor < staleAfterMs) this.setState('mexc.user', 'live', null);
  }
}
