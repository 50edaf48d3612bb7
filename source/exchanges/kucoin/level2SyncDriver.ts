// Drives the level-2 calibration (level2Sync.ts) on one live subscription: when to take the REST
// snapshot (first buffered update, or after a quiet period since KuCoin pushes nothing while the book
// is unchanged), retrying a failed or too-old snapshot, restarting on a gap, and turning the results into
// book events. Late snapshot answers of an abandoned sync are recognised by an epoch and ignored.
import type {EngineEvent} from '../../engine/events.js';
import type {Logger} from '../shared/logger.js';
import type {Level2Snapshot, Level2Update} from './kucoinWire.js';
import {Level2Sync, type Level2Delta} from './level2Sync.js';

export interface SyncCounters {
  /** messages entirely at or before the book's sequence (duplicates, late) */
  oldMessages: number;
  /** sequence gaps seen (live or in the replayed buffer); each one triggers a resync */
  gaps: number;
  /** snapshots applied */
  snapshots: number;
  snapshotFailures: number;
  /** snapshots older than the buffered stream, fetched again */
  snapshotsBehind: number;
}

export interface SyncDriverHost {
  /** GET the REST snapshot (abortable by the host) */
  fetchSnapshot(): Promise<Level2Snapshot>;
  emit(event: EngineEvent): void;
  syncing(reason: string): void;
  live(reason: string): void;
  counters: SyncCounters;
  log: Logger;
  now(): number;
}

const SNAPSHOT_RETRY_BASE_MS = 250;
const SNAPSHOT_RETRY_MAX_MS = 5000;

export class Level2SyncDriver {
  private readonly sync: Level2Sync;
  private epoch = 0;
  private active = false;
  private inFlight = false;
  /** the pending timer is the quiet-market one (an update may pull it forward) */
  private waitingQuiet = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly host: SyncDriverHost,
    private readonly quietMs: number,
    maxBuffered: number,
  ) {
    this.sync = new Level2Sync(maxBuffered);
  }

  get lastSequence(): number | null {
    return this.sync.lastSequence;
  }

  get trimmed(): number {
    return this.sync.trimmed;
  }

  /** Drop the book and rebuild it: buffer updates, then snapshot. */
  begin(reason: string): void {
    this.halt();
    this.active = true;
    this.host.syncing(reason);
    this.waitingQuiet = true;
    this.timer = setTimeout(() => void this.requestSnapshot(), this.quietMs);
  }

  /** Forget all sync state and timers (connection lost or stream stopped). */
  halt(): void {
    this.epoch += 1;
    this.active = false;
    this.sync.reset();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = false;
    this.waitingQuiet = false;
    this.attempt = 0;
  }

  /** Feeds one message of our symbol; returns true when the book is synced after it. */
  onUpdate(update: Level2Update): boolean {
    if (!this.active) return false;
    const step = this.sync.onUpdate(update);
    switch (step.kind) {
      case 'buffered':
        this.pullSnapshotForward();
        return false;
      case 'old':
        this.host.counters.oldMessages += 1;
        return true;
      case 'delta':
        this.emitDelta(step.delta);
        return true;
      case 'gap': {
        this.host.counters.gaps += 1;
        const reason = `sequence gap: book at ${step.lastSequence}, message starts at ${step.sequenceStart}`;
        this.host.log('warn', `kucoin book ${reason}; resyncing`);
        this.begin(reason);
        // the message that revealed the gap is the first one of the new sync
        this.sync.onUpdate(update);
        this.pullSnapshotForward();
        return false;
      }
      default: {
        const unreachable: never = step;
        throw new Error(`unhandled step ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** The first buffered update ends the quiet-market wait; a retry wait (snapshot behind, failure) stands. */
  private pullSnapshotForward(): void {
    if (!this.waitingQuiet) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.requestSnapshot();
  }

  private async requestSnapshot(): Promise<void> {
    this.timer = null;
    this.waitingQuiet = false;
    if (!this.active || this.inFlight) return;
    const epoch = this.epoch;
    this.inFlight = true;
    let snapshot: Level2Snapshot;
    try {
      snapshot = await this.host.fetchSnapshot();
    } catch (error) {
      if (epoch !== this.epoch) return;
      this.inFlight = false;
      this.host.counters.snapshotFailures += 1;
      const message = error instanceof Error ? error.message : String(error);
      this.host.log('warn', `kucoin book snapshot failed: ${message}`);
      this.retry(`snapshot request failed: ${message}`);
      return;
    }
    if (epoch !== this.epoch) return;
    this.inFlight = false;
    const step = this.sync.onSnapshot(snapshot);
    switch (step.kind) {
      case 'synced':
        this.host.counters.snapshots += 1;
        this.attempt = 0;
        this.host.emit({type: 'book.snapshot', venue: 'kucoin', version: snapshot.sequence, bids: snapshot.bids, asks: snapshot.asks, at: this.host.now()});
        for (const delta of step.deltas) this.emitDelta(delta);
        this.host.live(`synced at sequence ${this.sync.lastSequence ?? snapshot.sequence} (snapshot ${snapshot.sequence}, ${step.deltas.length} buffered updates replayed)`);
        return;
      case 'behind':
        // REST answers can lag the stream (docs/protocols/kucoin.md §6 pitfall 5): keep the buffer, ask again
        // a little later
        this.host.counters.snapshotsBehind += 1;
        this.retry(`snapshot sequence ${step.snapshotSequence} is behind the stream (first buffered update starts at ${step.firstBufferedStart})`);
        return;
      case 'gap':
        this.host.counters.gaps += 1;
        this.begin(`sequence gap in buffered updates: book at ${step.lastSequence}, message starts at ${step.sequenceStart}`);
        return;
      default: {
        const unreachable: never = step;
        throw new Error(`unhandled step ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private retry(reason: string): void {
    const delay = Math.min(SNAPSHOT_RETRY_MAX_MS, SNAPSHOT_RETRY_BASE_MS * 2 ** Math.min(this.attempt, 10));
    this.attempt += 1;
    this.host.syncing(`${reason}; retry #${this.attempt} in ${delay} ms`);
    this.timer = setTimeout(() => void this.requestSnapshot(), delay);
  }

  private emitDelta(delta: Level2Delta): void {
    const {fromVersion, toVersion, bids, asks} = delta;
    this.host.emit({type: 'book.delta', venue: 'kucoin', fromVersion, toVersion, bids, asks, at: this.host.now()});
  }
}
