// While the data-dir lock is held, its file is rewritten every few seconds with the next heartbeat, so a
// contender that cannot check our pid (another pid namespace or host) sees that we are alive. Before each
// rewrite the file is read back: when it no longer carries our token (removed, or taken over by a
// contender that judged us stale) the lock is lost, the heartbeat stops (it must not overwrite the new
// holder's file) and `onLost` is told once. A timer that cannot write for longer than the stale window is
// reported the same way: by then a contender may take the lock.
import {replaceLockFile, readLockFile} from './lockFile.js';
import {describeHolder} from './lockJudgement.js';
import {formatLockRecord, tokenOf, type LockRecord} from './lockRecord.js';
import type {ProcessIdentity} from './processIdentity.js';

export interface LockHeartbeatOptions {
  intervalMs: number;
  staleAfterMs: number;
  now: () => number;
  self: ProcessIdentity;
  onLost?: (reason: string) => void;
}

export class LockHeartbeat {
  #record: LockRecord;
  #timer: NodeJS.Timeout | null = null;
  #inFlight: Promise<void> | null = null;
  #stopped = false;
  #lost = false;
  #lastWrittenAt: number;

  constructor(
    private readonly lockPath: string,
    record: LockRecord,
    private readonly options: LockHeartbeatOptions,
  ) {
    this.#record = record;
    this.#lastWrittenAt = record.heartbeat.at;
  }

  /** the record as last written */
  get record(): LockRecord {
    return this.#record;
  }

  start(): void {
    this.#schedule();
  }

  /** Stops the timer and waits for a rewrite in progress (so none lands after the caller removes the file). */
  /** Stops beating without waiting for a write in flight (the process is about to exit). */
  stopSync(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#inFlight;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#inFlight = this.#beat().finally(() => {
        this.#inFlight = null;
        this.#schedule();
      });
    }, this.options.intervalMs);
    // the heartbeat never keeps a finished process alive
    this.#timer.unref();
  }

  #reportLost(reason: string): void {
    if (this.#lost) return;
    this.#lost = true;
    this.options.onLost?.(reason);
  }

  async #beat(): Promise<void> {
    const {now} = this.options;
    try {
      const current = await readLockFile(this.lockPath);
      if (this.#stopped) return;
      if (tokenOf(current?.content ?? null) !== this.#record.token) {
        this.#stopped = true;
        this.#reportLost(
          current === null
            ? `lock lost: ${this.lockPath} was removed`
            : `lock lost: ${this.lockPath} is now held by ${describeHolder(current.content, this.options.self, now())}`,
        );
        return;
      }
      const next: LockRecord = {...this.#record, heartbeat: {count: this.#record.heartbeat.count + 1, at: now()}};
      await replaceLockFile(this.lockPath, formatLockRecord(next), next.token);
      this.#record = next;
      this.#lastWrittenAt = next.heartbeat.at;
    } catch (error) {
      const silentMs = now() - this.#lastWrittenAt;
      if (silentMs > this.options.staleAfterMs)
        this.#reportLost(`lock heartbeat not written for ${Math.round(silentMs / 1000)} s (${(error as Error).message}): another mexc-mm may take the lock`);
    }
  }
}
