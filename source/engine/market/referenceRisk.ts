// How far the reference may have moved without our quotes following: how much it moved lately, and how
// long ago it last told us anything. The cost-aware quoting widens its margins on both
// (docs/strategy.md §5.1). A pure reading of the engine state.
import type {EngineState} from '../engineState.js';
import type {ReferencePath} from './referencePath.js';

export interface ReferenceRisk {
  /** (high − low) / latest of the reference mid over the window, as a fraction; 0 with fewer than two points */
  rangePct: number;
  /** seconds since the last KuCoin book message; Infinity when none ever arrived */
  ageSec: number;
}

/** The later of the stream's last message and the book's last update (as the snapshot shows it). */
export function lastReferenceMessageAt(state: Pick<EngineState, 'streams' | 'kucoinBook'>): number | null {
  const stream = state.streams['kucoin.book'].lastMessageAt;
  const book = state.kucoinBook.lastUpdateAt;
  if (stream === null) return book;
  if (book === null) return stream;
  return Math.max(stream, book);
}

export function referenceRisk(input: {path: Pick<ReferencePath, 'rangeSince'>; now: number; windowSec: number; lastMessageAt: number | null}): ReferenceRisk {
  const range = input.path.rangeSince(input.now - input.windowSec * 1000);
  const ageSec = input.lastMessageAt === null ? Infinity : Math.max(0, input.now - input.lastMessageAt) / 1000;
  return {rangePct: Number.isFinite(range) && range > 0 ? range : 0, ageSec};
}
