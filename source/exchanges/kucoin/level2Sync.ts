// KuCoin's official level-2 calibration procedure (docs/protocols/kucoin.md §3.5, §3.7) as a pure state machine:
// buffer `/market/level2` messages, take a REST snapshot, replay the buffer keeping only changes whose
// per-change sequence is newer than the book, then require continuity message by message.
// It turns wire updates into the engine's book events; it keeps no book itself (the engine does).
import type {WireLevel} from '../../engine/events.js';
import {isZeroDecimal, type Level2Change, type Level2Snapshot, type Level2Update} from './kucoinWire.js';

export interface Level2Delta {
  fromVersion: number;
  toVersion: number;
  bids: WireLevel[];
  asks: WireLevel[];
}

export type UpdateStep =
  /** not synced yet: the message waits for the snapshot */
  | {kind: 'buffered'; buffered: number}
  | {kind: 'delta'; delta: Level2Delta}
  /** entirely at or before the book's sequence (a duplicate or a late message): nothing to do */
  | {kind: 'old'; sequenceEnd: number; lastSequence: number}
  /** a hole between the book's sequence and this message: the book can no longer be trusted */
  | {kind: 'gap'; lastSequence: number; sequenceStart: number};

export type SnapshotStep =
  /** book = snapshot, then the replayed buffered messages as deltas, in order */
  | {kind: 'synced'; snapshot: Level2Snapshot; deltas: Level2Delta[]; droppedOld: number}
  /** the snapshot is older than the first buffered message (docs/protocols/kucoin.md §6 pitfall 5): keep buffering, fetch again */
  | {kind: 'behind'; snapshotSequence: number; firstBufferedStart: number}
  /** the buffer itself has a hole after the snapshot; the buffer was cleared, start over */
  | {kind: 'gap'; lastSequence: number; sequenceStart: number};

const byChangeSequence = (a: Level2Change, b: Level2Change): number => a.sequence - b.sequence;

/** Changes newer than `after`, in sequence order; price-0 entries are sequence markers and size 0 deletes. */
function levelsAfter(changes: readonly Level2Change[], after: number): WireLevel[] {
  const kept = changes.filter((change) => change.sequence > after && !isZeroDecimal(change.price));
  kept.sort(byChangeSequence);
  return kept.map((change) => [change.price, isZeroDecimal(change.size) ? '0' : change.size] as const);
}

/**
 * Applies one message on top of a book at `last` (official rule: sequenceStart <= last+1 and sequenceEnd > last).
 * A message straddling `last` contributes only its changes with sequence > last, and its delta starts at last+1.
 */
export function stepFrom(last: number, update: Level2Update): Exclude<UpdateStep, {kind: 'buffered'}> {
  if (update.sequenceEnd <= last) return {kind: 'old', sequenceEnd: update.sequenceEnd, lastSequence: last};
  if (update.sequenceStart > last + 1) return {kind: 'gap', lastSequence: last, sequenceStart: update.sequenceStart};
  return {
    kind: 'delta',
    delta: {fromVersion: last + 1, toVersion: update.sequenceEnd, bids: levelsAfter(update.bids, last), asks: levelsAfter(update.asks, last)},
  };
}

export class Level2Sync {
  private buffer: Level2Update[] = [];
  private last: number | null = null;
  /** buffered messages dropped because the buffer was full (oldest first) */
  trimmed = 0;

  constructor(private readonly maxBuffered = 10_000) {}

  /** Forget everything: back to buffering with an empty buffer. */
  reset(): void {
    this.buffer = [];
    this.last = null;
  }

  get synced(): boolean {
    return this.last !== null;
  }

  /** the sequence the emitted book is at, or null while buffering */
  get lastSequence(): number | null {
    return this.last;
  }

  get bufferedCount(): number {
    return this.buffer.length;
  }

  onUpdate(update: Level2Update): UpdateStep {
    if (this.last === null) {
      this.buffer.push(update);
      // a snapshot that never comes must not grow memory without bound; dropping the oldest only makes
      // the snapshot requirement (sequence >= first buffered start - 1) stricter, never wrong
      if (this.buffer.length > this.maxBuffered) {
        this.buffer.shift();
        this.trimmed += 1;
      }
      return {kind: 'buffered', buffered: this.buffer.length};
    }
    const step = stepFrom(this.last, update);
    if (step.kind === 'delta') this.last = step.delta.toVersion;
    else if (step.kind === 'gap') this.reset();
    return step;
  }

  onSnapshot(snapshot: Level2Snapshot): SnapshotStep {
    if (this.last !== null) throw new Error('Level2Sync.onSnapshot while already synced; reset() first');
    const first = this.buffer[0];
    if (first !== undefined && first.sequenceStart > snapshot.sequence + 1) {
      return {kind: 'behind', snapshotSequence: snapshot.sequence, firstBufferedStart: first.sequenceStart};
    }
    let last = snapshot.sequence;
    const deltas: Level2Delta[] = [];
    let droppedOld = 0;
    for (const update of this.buffer) {
      const step = stepFrom(last, update);
      switch (step.kind) {
        case 'old':
          droppedOld += 1;
          break;
        case 'gap':
          this.reset();
          return step;
        case 'delta':
          deltas.push(step.delta);
          last = step.delta.toVersion;
          break;
        default: {
          const unreachable: never = step;
          throw new Error(`unhandled step ${JSON.stringify(unreachable)}`);
        }
      }
    }
    this.buffer = [];
    this.last = last;
    return {kind: 'synced', snapshot, deltas, droppedOld};
  }
}
