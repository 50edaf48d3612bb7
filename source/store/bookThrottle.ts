// Book journals record the top levels "on change, at most every N ms": an unchanged book writes nothing,
// and within one interval only the newest book is kept (held until the interval has passed).
import type {JournalRecord} from '../engine/view/records.js';

export type BookRecord = Extract<JournalRecord, {stream: 'book.mexc' | 'book.kucoin'}>;
type BookStream = BookRecord['stream'];

interface StreamThrottle {
  lastKey: string | null;
  lastEmitAt: number | null;
  pending: BookRecord | null;
}

export class BookThrottle {
  readonly #streams = new Map<BookStream, StreamThrottle>();
  /** records not written because unchanged or superseded within the interval */
  coalesced = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly levels: number,
  ) {}

  #state(stream: BookStream): StreamThrottle {
    let state = this.#streams.get(stream);
    if (!state) {
      state = {lastKey: null, lastEmitAt: null, pending: null};
      this.#streams.set(stream, state);
    }
    return state;
  }

  /** The record to write now (trimmed to `levels`), or null when it is unchanged or held back. */
  offer(record: BookRecord, now: number): BookRecord | null {
    const trimmed: BookRecord = {...record, bids: record.bids.slice(0, this.levels), asks: record.asks.slice(0, this.levels)};
    const key = JSON.stringify([trimmed.bids, trimmed.asks]);
    const state = this.#state(record.stream);
    if (key === state.lastKey) {
      this.coalesced++;
      return null;
    }
    state.lastKey = key;
    if (state.pending) this.coalesced++; // superseded by this newer book
    if (state.lastEmitAt === null || now - state.lastEmitAt >= this.intervalMs) {
      state.pending = null;
      state.lastEmitAt = now;
      return trimmed;
    }
    state.pending = trimmed;
    return null;
  }

  /** Held records whose interval has passed. */
  due(now: number): BookRecord[] {
    const out: BookRecord[] = [];
    for (const state of this.#streams.values()) {
      if (state.pending && (state.lastEmitAt === null || now - state.lastEmitAt >= this.intervalMs)) {
        out.push(state.pending);
        state.pending = null;
        state.lastEmitAt = now;
      }
    }
    return out;
  }

  /** Every held record (on close: the last book is not lost). */
  drain(): BookRecord[] {
    const out: BookRecord[] = [];
    for (const state of this.#streams.values()) {
      if (state.pending) out.push(state.pending);
      state.pending = null;
    }
    return out;
  }
}
