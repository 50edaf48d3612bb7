// Rebuilds the engine snapshot at a fixed cadence for readers (UI, state file). Readers never touch
// engine state; a busy market cannot force more than one rebuild per period.
import type {EngineSnapshot, RecentEvent} from '../engine/view/snapshot.js';

export class SnapshotFeed {
  private current: EngineSnapshot;
  private readonly listeners = new Set<() => void>();
  private handle: NodeJS.Timeout | null = null;
  /** client-side notices (connection problems, malformed frames) shown alongside the engine's own */
  private readonly extra: RecentEvent[] = [];

  constructor(private readonly build: () => EngineSnapshot) {
    this.current = this.compose();
  }

  start(periodMs: number): void {
    this.handle = setInterval(() => this.refresh(), periodMs);
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
  }

  addNotice(event: RecentEvent): void {
    this.extra.push(event);
    if (this.extra.length > 50) this.extra.splice(0, this.extra.length - 50);
  }

  refresh(): EngineSnapshot {
    this.current = this.compose();
    for (const listener of this.listeners) listener();
    return this.current;
  }

  get(): EngineSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private compose(): EngineSnapshot {
    const snapshot = this.build();
    if (this.extra.length === 0) return snapshot;
    const merged = [...snapshot.recentEvents, ...this.extra].sort((a, b) => a.at - b.at).slice(-20);
    return {...snapshot, recentEvents: merged};
  }
}
