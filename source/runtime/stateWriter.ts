// Writes the state file from what the engine publishes: one save at a time, and while one is running
// only the newest state waits (a slow disk never queues up stale states).
import type {PersistedState} from '../engine/view/snapshot.js';

export class StateWriter {
  private pending: PersistedState | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly save: (state: PersistedState) => Promise<void>,
    private readonly onError: (error: Error) => void,
  ) {}

  write(state: PersistedState): void {
    this.pending = state;
    this.running ??= this.drain();
  }

  /** Resolves once every state handed over so far is on disk (or failed and was reported). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const state = this.pending;
      this.pending = null;
      try {
        await this.save(state);
      } catch (error) {
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.running = null;
  }
}
