// Version bookkeeping of the MEXC aggregated depth stream against a REST snapshot — the documented procedure
// (docs/protocols/mexc.md §4.5): buffer pushes, take a snapshot, drop pushes with toVersion ≤ lastUpdateId,
// the first remaining push must start at or before lastUpdateId + 1, then every push must start exactly at
// previous toVersion + 1. Pure state machine: no I/O, no clock, so gap detection is unit-testable.
import type {WireLevel} from '../../engine/events.js';

export interface DepthPush {
  fromVersion: number;
  toVersion: number;
  bids: readonly WireLevel[];
  asks: readonly WireLevel[];
}

export type PushResult =
  /** no snapshot yet: kept for later */
  | {kind: 'buffered'}
  /** apply it: `fromVersion` is clamped to the local version + 1, so emitted deltas are strictly continuous */
  | {kind: 'apply'; delta: DepthPush}
  /** already covered by the snapshot */
  | {kind: 'old'}
  /** continuity broken: local state is void, resync */
  | {kind: 'gap'; expectedFrom: number; gotFrom: number}
  /** too many pushes waiting for a snapshot: buffer dropped, resync */
  | {kind: 'overflow'};

export type SnapshotResult =
  /** in sync at `version`; apply `deltas` after the snapshot, in order */
  | {kind: 'synced'; version: number; deltas: DepthPush[]}
  /** the stream is already past the snapshot with a hole between them: fetch a newer snapshot */
  | {kind: 'tooOld'; snapshotVersion: number; firstFrom: number}
  /** the buffered pushes themselves have a hole: state reset, start over */
  | {kind: 'gap'; expectedFrom: number; gotFrom: number};

export class DepthSync {
  private buffer: DepthPush[] = [];
  /** local book version once synced, else null */
  private version: number | null = null;
  /** the first push after a snapshot may overlap it (fromVersion ≤ version + 1) */
  private firstAfterSnapshot = false;

  constructor(private readonly maxBuffered = 10_000) {}

  isSynced(): boolean {
    return this.version !== null;
  }

  currentVersion(): number | null {
    return this.version;
  }

  bufferedCount(): number {
    return this.buffer.length;
  }

  /** Forget everything: the next pushes are buffered until a snapshot arrives. */
  reset(): void {
    this.buffer = [];
    this.version = null;
    this.firstAfterSnapshot = false;
  }

  push(push: DepthPush): PushResult {
    if (this.version === null) {
      if (this.buffer.length >= this.maxBuffered) {
        this.reset();
        return {kind: 'overflow'};
      }
      this.buffer.push(push);
      return {kind: 'buffered'};
    }
    return this.next(push);
  }

  applySnapshot(snapshotVersion: number): SnapshotResult {
    const remaining = this.buffer.filter((p) => p.toVersion > snapshotVersion);
    const first = remaining[0];
    if (first && first.fromVersion > snapshotVersion + 1) {
      // keep the buffer: a newer snapshot may bridge to it
      this.buffer = remaining;
      return {kind: 'tooOld', snapshotVersion, firstFrom: first.fromVersion};
    }
    this.buffer = [];
    this.version = snapshotVersion;
    this.firstAfterSnapshot = true;
    const deltas: DepthPush[] = [];
    for (const push of remaining) {
      const result = this.next(push);
      if (result.kind === 'gap') return result;
      if (result.kind === 'apply') deltas.push(result.delta);
    }
    return {kind: 'synced', version: snapshotVersion, deltas};
  }

  private next(push: DepthPush): PushResult {
    const version = this.version!;
    if (this.firstAfterSnapshot) {
      if (push.toVersion <= version) return {kind: 'old'};
      if (push.fromVersion > version + 1) return this.gap(version + 1, push.fromVersion);
      this.firstAfterSnapshot = false;
      this.version = push.toVersion;
      return {kind: 'apply', delta: {...push, fromVersion: version + 1}};
    }
    if (push.fromVersion !== version + 1) return this.gap(version + 1, push.fromVersion);
    this.version = push.toVersion;
    return {kind: 'apply', delta: push};
  }

  private gap(expectedFrom: number, gotFrom: number): {kind: 'gap'; expectedFrom: number; gotFrom: number} {
    this.reset();
    return {kind: 'gap', expectedFrom, gotFrom};
  }
}
