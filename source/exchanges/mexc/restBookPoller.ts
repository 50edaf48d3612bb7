// The MEXC book from REST snapshots while the WebSocket is not up (docs/protocols/mexc.md §4.7): at most
// one depth request per interval, across outages, backing off on failures and never before a 429's
// retry time. It only asks and reports; the book stream (mexcBookStream.ts) turns the answers into
// its state and events.
import {ReconnectBackoff} from '../shared/reconnectBackoff.js';
import type {DepthSnapshot} from './endpoints.js';
import {summarizeFailure} from './errors.js';
import type {MexcRestClient} from './mexcRestClient.js';

/** REST polling while the WebSocket is down (docs/protocols/mexc.md §4.7). */
export const restPollDefaults = {restPollMs: 2000, restPollLimit: 100} as const;
/** consecutive poll failures back off from restPollMs up to this */
const REST_POLL_MAX_BACKOFF_MS = 30_000;

export interface RestBookPollerOptions {
  rest: MexcRestClient;
  symbol: string;
  /** at most one snapshot per this interval */
  intervalMs: number;
  limit: number;
  now: () => number;
  /** whether the stream still runs (answers after a stop are dropped) */
  running: () => boolean;
  /** a snapshot arrived; `reason` says why the book comes from REST */
  onSnapshot: (snapshot: DepthSnapshot, reason: string) => void;
  /** a poll failed; `reason` names the failure and the next try */
  onFailure: (reason: string) => void;
}

export class RestBookPoller {
  private readonly backoff: ReconnectBackoff;
  /** since when and why the WebSocket is down while polling; null when not polling */
  private since: {at: number; why: string} | null = null;
  /** bumps whenever polling stops, so a poll answer from before (e.g. once the WS synced) is ignored */
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;
  /** when the last poll was sent: the next one never earlier than the interval after it, across outages */
  private lastPollAt = Number.NEGATIVE_INFINITY;
  /** no poll before this (a failure's backoff, a 429's Retry-After) */
  private notBefore = 0;
  polls = 0;

  constructor(private readonly opts: RestBookPollerOptions) {
    if (!(opts.intervalMs > 0) || !Number.isFinite(opts.intervalMs)) throw new RangeError(`restPollMs must be a positive number, got ${opts.intervalMs}`);
    this.backoff = new ReconnectBackoff(opts.intervalMs, Math.max(opts.intervalMs, REST_POLL_MAX_BACKOFF_MS));
  }

  get active(): boolean {
    return this.since !== null;
  }

  /** The WebSocket is not up: poll until stopped. Called again while polling, it only updates the reason. */
  start(why: string): void {
    if (this.since) {
      this.since.why = why; // the next poll's reason names the latest failure
      return;
    }
    this.since = {at: this.opts.now(), why};
    this.schedule();
  }

  /** Returns whether it was polling. */
  stop(): boolean {
    if (!this.since) return false;
    this.since = null;
    this.generation += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = false;
    return true;
  }

  /**
   * Next poll at the earliest allowed time: the interval after the last one and after any backoff. The
   * first waits the interval after the WebSocket went down, so a blip the reconnect repairs costs no request.
   */
  private schedule(): void {
    if (!this.opts.running() || !this.since || this.inFlight) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.poll(), this.delay(this.since));
  }

  private delay(polling: {at: number}): number {
    const now = this.opts.now();
    const earliest = Math.max(polling.at, this.lastPollAt) + this.opts.intervalMs;
    return Math.max(0, earliest - now, this.notBefore - now);
  }

  private poll(): void {
    this.timer = null;
    const polling = this.since;
    const {opts} = this;
    if (!opts.running() || !polling || this.inFlight) return;
    // timers run on the event loop's cached time and may fire a little before the clock allows
    if (this.delay(polling) > 0) return this.schedule();
    const generation = this.generation;
    this.inFlight = true;
    this.lastPollAt = opts.now();
    this.polls += 1;
    const every = `every ${opts.intervalMs / 1000}s`;
    opts.rest.depth(opts.symbol, opts.limit).then(
      (snapshot) => {
        if (generation !== this.generation || !opts.running()) return;
        this.inFlight = false;
        this.backoff.reset();
        opts.onSnapshot(snapshot, `WebSocket down (${polling.why}); REST snapshots ${every}`);
        this.schedule();
      },
      (error: unknown) => {
        if (generation !== this.generation || !opts.running()) return;
        this.inFlight = false;
        const failure = summarizeFailure(error);
        const now = opts.now();
        const wait = Math.max(opts.intervalMs, this.backoff.next(), (failure.rateLimitedUntil ?? 0) - now);
        this.notBefore = now + wait;
        opts.onFailure(`WebSocket down (${polling.why}); REST snapshot failed (${failure.message}); next poll in ${wait} ms`);
        this.schedule();
      },
    );
  }
}
