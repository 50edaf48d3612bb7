// Holds the latest engine snapshot for readers (the console, the headless log). The engine publishes a
// new one on its `snapshot` timer; readers never touch engine state and never build a snapshot.
import type {EngineSnapshot} from '../engine/view/snapshot.js';

export class SnapshotFeed {
  private current: EngineSnapshot | null = null;
  private readonly listeners = new Set<() => void>();

  publish(snapshot: EngineSnapshot): void {
    this.current = snapshot;
    for (const listener of this.listeners) listener();
  }

  get(): EngineSnapshot {
    if (!this.current) throw new Error('no snapshot published yet (the engine publishes one as it starts)');
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
