// Test helper: rebuilds a book from the engine events a book stream emits (as the engine would), checking
// on the way that every delta continues exactly where the previous version ended.
import assert from 'node:assert/strict';
import type {EngineEvent, StreamState} from '../../../source/engine/events.js';

const norm = (price: string): string => String(Number(price));

export class BookReplica {
  bids = new Map<string, string>();
  asks = new Map<string, string>();
  version: number | null = null;
  snapshots = 0;
  deltas = 0;
  readonly states: {state: StreamState; reason: string | null}[] = [];
  readonly events: EngineEvent[] = [];
  /** book by version (only versions at push boundaries are observable), last `keepHistory` of them */
  readonly history = new Map<number, string>();

  constructor(private readonly keepHistory = 0) {}

  private remember(): void {
    if (this.keepHistory === 0 || this.version === null) return;
    this.history.set(this.version, JSON.stringify(this.sides()));
    if (this.history.size > this.keepHistory) this.history.delete(this.history.keys().next().value!);
  }

  readonly sink = (event: EngineEvent): void => {
    this.events.push(event);
    switch (event.type) {
      case 'book.snapshot':
        this.snapshots += 1;
        this.bids = new Map(event.bids.map(([p, s]) => [norm(p), s]));
        this.asks = new Map(event.asks.map(([p, s]) => [norm(p), s]));
        for (const side of [this.bids, this.asks]) for (const [p, s] of side) if (Number(s) === 0) side.delete(p);
        this.version = event.version;
        this.remember();
        return;
      case 'book.delta':
        assert.notEqual(this.version, null, 'delta before snapshot');
        assert.equal(event.fromVersion, this.version! + 1, 'deltas are continuous');
        assert.ok(event.toVersion >= event.fromVersion);
        this.deltas += 1;
        for (const [side, levels] of [
          [this.bids, event.bids],
          [this.asks, event.asks],
        ] as const) {
          for (const [p, s] of levels) Number(s) === 0 ? side.delete(norm(p)) : side.set(norm(p), s);
        }
        this.version = event.toVersion;
        this.remember();
        return;
      case 'connection':
        this.states.push({state: event.state, reason: event.reason});
        if (event.state !== 'live' && event.state !== 'stale') this.version = null; // no deltas until a new snapshot
        return;
      default:
        return;
    }
  };

  lastState(): StreamState | undefined {
    return this.states.at(-1)?.state;
  }

  /** [price, size] lists sorted best-first, sizes compared numerically */
  sides(): {bids: [string, number][]; asks: [string, number][]} {
    const sorted = (m: Map<string, string>, dir: number) =>
      [...m.entries()].map(([p, s]) => [p, Number(s)] as [string, number]).sort((a, b) => dir * (Number(a[0]) - Number(b[0])));
    return {bids: sorted(this.bids, -1), asks: sorted(this.asks, 1)};
  }
}

/** Polls `condition` until it holds or the deadline passes (no fixed sleeps in tests). */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
