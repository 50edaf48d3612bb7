// Whether a quiet MEXC book is current. MEXC pushes aggregated depth only when the book changes, so
// silence alone is not staleness: after `staleAfterMs` without a push the book version is asked of REST.
// Unchanged → still live; ahead and not caught up within a grace period → re-sync; no answer → 'stale';
// stale for `reconnectWhenStaleMs` → reconnect. It only asks and decides; the book stream
// (mexcBookStream.ts) owns the state, the sync and the connection, and acts through the callbacks.
import type {StreamState} from '../../engine/events.js';
import {summarizeFailure} from './errors.js';
import type {MexcRestClient} from './mexcRestClient.js';

export interface BookFreshnessOptions {
  rest: MexcRestClient;
  symbol: string;
  staleAfterMs: number;
  reconnectWhenStaleMs: number;
  /** after a probe found the exchange ahead, the pushes must catch up within this */
  catchUpGraceMs: number;
  now: () => number;
  /** whether the stream still runs (answers after a stop are dropped) */
  running: () => boolean;
  /** the local book's version, null while not synced */
  localVersion: () => number | null;
  state: () => StreamState | null;
  setState: (state: StreamState, reason: string | null) => void;
  resync: (reason: string) => void;
  reconnect: (reason: string) => void;
}

export class BookFreshness {
  /** REST freshness probes sent */
  probes = 0;
  /** last depth push, or the last REST probe that proved the local book current */
  private freshAt = 0;
  private probeInFlight = false;
  private lastProbeAt = Number.NEGATIVE_INFINITY;
  /** a probe saw this exchange version ahead of ours; pushes must reach it by `deadline` */
  private catchUp: {version: number; deadline: number} | null = null;
  /** bumps on reset, so a probe answer about a book since dropped is ignored */
  private generation = 0;

  constructor(private readonly opts: BookFreshnessOptions) {}

  /** A push (or a synced snapshot) arrived at `at`. */
  fresh(at: number): void {
    this.freshAt = at;
  }

  /** A delta up to `toVersion` was applied: a pending catch-up it reaches is met. */
  applied(toVersion: number): void {
    if (this.catchUp && toVersion >= this.catchUp.version) this.catchUp = null;
  }

  /** The local book was dropped: forget any probe or catch-up about it. */
  reset(): void {
    this.generation += 1;
    this.probeInFlight = false;
    this.catchUp = null;
  }

  /** The periodic check, while a WebSocket session is active. */
  tick(): void {
    const now = this.opts.now();
    if (this.catchUp && now >= this.catchUp.deadline) {
      const local = this.opts.localVersion();
      const {version} = this.catchUp;
      this.catchUp = null;
      if (local === null || local < version) {
        this.opts.resync(`missed depth updates: exchange at version ${version}, local book at ${local}`);
        return;
      }
    }
    const state = this.opts.state();
    if (state !== 'live' && state !== 'stale') return;
    const quietFor = now - this.freshAt;
    if (state === 'stale' && quietFor >= this.opts.reconnectWhenStaleMs) {
      this.opts.reconnect(`stale for ${quietFor} ms; reconnecting`);
      return;
    }
    const probeDue = now - this.lastProbeAt >= this.opts.staleAfterMs;
    if (quietFor >= this.opts.staleAfterMs && probeDue && !this.probeInFlight && !this.catchUp) this.probe(quietFor);
  }

  /** Asks REST for the exchange's current book version: equal to ours means the book is simply quiet. */
  private probe(quietFor: number): void {
    const generation = this.generation;
    this.probeInFlight = true;
    this.lastProbeAt = this.opts.now();
    this.probes += 1;
    this.opts.rest.depth(this.opts.symbol, 5).then(
      (snapshot) => {
        if (generation !== this.generation || !this.opts.running()) return;
        this.probeInFlight = false;
        const local = this.opts.localVersion();
        if (local !== null && snapshot.lastUpdateId <= local) {
          this.freshAt = this.opts.now();
          if (this.opts.state() === 'stale') this.opts.setState('live', null);
        } else {
          this.catchUp = {version: snapshot.lastUpdateId, deadline: this.opts.now() + this.opts.catchUpGraceMs};
        }
      },
      (error: unknown) => {
        if (generation !== this.generation || !this.opts.running()) return;
        this.probeInFlight = false;
        this.opts.setState('stale', `no depth push for ${quietFor} ms and the freshness probe failed: ${summarizeFailure(error).message}`);
      },
    );
  }
}
