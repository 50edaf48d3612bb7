// The user-data listen key (docs/protocols/mexc.md §3): created by POST, valid 60 min after creation or the
// last PUT, extended every 30 min, deleted on shutdown. Exactly one key is current at a time; a replaced key
// is deleted (best effort) so keys do not pile up against the 60-per-account limit, and the keep-alive always
// targets the current key (a reconnect that silently swaps keys broke keep-alive elsewhere,
// docs/protocols/mexc.md §8.11).
import type {StreamState} from '../../engine/events.js';
import type {Logger} from '../shared/logger.js';
import {summarizeFailure, type FailureSummary} from './errors.js';
import type {MexcRestClient} from './mexcRestClient.js';

export interface ListenKeyLeaseOptions {
  rest: MexcRestClient;
  now: () => number;
  log: Logger;
  /** extend this often (default 30 min, as the docs recommend) */
  keepAliveEveryMs: number;
  /** after a keep-alive without a definite answer, retry this soon (default 60 s) */
  keepAliveRetryMs: number;
  /** the key's validity after creation / last extension (default 60 min) */
  validForMs: number;
  onState(state: StreamState, reason: string | null): void;
  /** the key is gone or untrusted: the stream must reconnect with a fresh one */
  onLost(reason: string): void;
}

export class ListenKeyLease {
  private key: string | null = null;
  private extendedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private active = false;

  constructor(private readonly opts: ListenKeyLeaseOptions) {}

  current(): string | null {
    return this.key;
  }

  /**
   * A key to connect with. With `verify`, an existing key is first extended (which also proves it still
   * exists); a definite refusal replaces it. Throws the request failure if no key could be obtained.
   */
  async acquire(verify: boolean): Promise<string> {
    this.active = true;
    const existing = this.key;
    if (existing !== null && this.opts.now() - this.extendedAt < this.opts.validForMs) {
      if (!verify) return existing;
      const failure = await this.extend(existing);
      if (failure === null || this.key !== existing) return this.key ?? this.acquire(false);
      if (failure.failure !== 'rejected') return existing; // no definite answer: the key may well be fine
    }
    if (this.key !== null) this.drop(this.key, 'replaced');
    this.opts.onState('connecting', 'creating listen key');
    let created: string;
    try {
      created = await this.opts.rest.createListenKey();
    } catch (error) {
      const failure = summarizeFailure(error);
      this.opts.onState('down', `listen key creation failed: ${failure.message}`);
      throw error;
    }
    this.key = created;
    this.extendedAt = this.opts.now();
    this.opts.onState('live', 'listen key created');
    this.schedule(this.opts.keepAliveEveryMs);
    return created;
  }

  /** Forget the current key (server said it is invalid); it is deleted best effort. */
  invalidate(reason: string): void {
    if (this.key === null) return;
    this.drop(this.key, reason);
    this.opts.onState('down', reason);
  }

  /** Stop extending and delete the key (on shutdown). Never throws. */
  async release(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const key = this.key;
    this.key = null;
    if (key === null) return;
    try {
      await this.opts.rest.deleteListenKey(key);
    } catch (error) {
      this.opts.log('warn', `mexc.listenKey: delete on shutdown failed: ${summarizeFailure(error).message}`);
    }
    this.opts.onState('down', 'stopped');
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.active ? setTimeout(() => void this.keepAlive(), delayMs) : null;
  }

  private async keepAlive(): Promise<void> {
    this.timer = null;
    const key = this.key;
    if (key === null || !this.active) return;
    const failure = await this.extend(key);
    if (failure === null || this.key !== key || !this.active) return;
    const expired = this.opts.now() - this.extendedAt >= this.opts.validForMs;
    if (failure.failure === 'rejected' || expired) {
      this.invalidate(`listen key keep-alive ${expired ? 'failed past expiry' : 'refused'}: ${failure.message}`);
      this.opts.onLost('listen key lost');
      return;
    }
    this.opts.onState('stale', `keep-alive without answer (${failure.message}); retrying`);
    const wait = Math.max(this.opts.keepAliveRetryMs, (failure.rateLimitedUntil ?? 0) - this.opts.now());
    this.schedule(wait);
  }

  /** PUT the key; null on success (and the next keep-alive is scheduled), else the failure. */
  private async extend(key: string): Promise<FailureSummary | null> {
    try {
      await this.opts.rest.keepAliveListenKey(key);
    } catch (error) {
      const failure = summarizeFailure(error);
      this.opts.log('warn', `mexc.listenKey: keep-alive failed: ${failure.message}`);
      return failure;
    }
    if (this.key === key) {
      this.extendedAt = this.opts.now();
      this.opts.onState('live', 'listen key extended');
      this.schedule(this.opts.keepAliveEveryMs);
    }
    return null;
  }

  private drop(key: string, reason: string): void {
    if (this.key === key) this.key = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.opts.log('info', `mexc.listenKey: dropping key (${reason})`);
    this.opts.rest.deleteListenKey(key).catch((error: unknown) => {
      // expected when the key already expired
      this.opts.log('info', `mexc.listenKey: delete of old key failed: ${summarizeFailure(error).message}`);
    });
  }
}
