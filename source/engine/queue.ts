// The engine's single-consumer event queue. Producers (stream clients, timers, keys, signals) push and
// return at once; the one consumer takes everything queued so far as a batch, which is what lets a
// burst of book updates become a single decision. The queue is unbounded on purpose (dropping an
// order update would be worse than using memory); `overloadCount` makes a consumer that falls behind
// visible instead.
import type {EngineEvent} from './events.js';

export class EventQueue {
  readonly highWater: number;
  private buffer: EngineEvent[] = [];
  private waiter: ((batch: EngineEvent[]) => void) | null = null;
  private flushScheduled = false;
  private closed = false;
  private pushedCount = 0;
  private overloads = 0;
  private droppedCount = 0;
  private maxDepthSeen = 0;

  constructor(opts: {highWater?: number} = {}) {
    const highWater = opts.highWater ?? 10_000;
    if (!Number.isInteger(highWater) || highWater < 1) throw new Error(`highWater must be a positive integer, got ${highWater}`);
    this.highWater = highWater;
  }

  get depth(): number {
    return this.buffer.length;
  }

  /** the deepest the queue has been: how far the consumer ever fell behind */
  get maxDepth(): number {
    return this.maxDepthSeen;
  }

  get pushed(): number {
    return this.pushedCount;
  }

  /** times the depth went above highWater (counted on each crossing, not per event) */
  get overloadCount(): number {
    return this.overloads;
  }

  /** events pushed after close(), which nobody will consume */
  get dropped(): number {
    return this.droppedCount;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Never blocks or throws. After close() the event is dropped (and counted). */
  push(event: EngineEvent): void {
    if (this.closed) {
      this.droppedCount++;
      return;
    }
    this.buffer.push(event);
    this.pushedCount++;
    if (this.buffer.length > this.maxDepthSeen) this.maxDepthSeen = this.buffer.length;
    if (this.buffer.length === this.highWater + 1) this.overloads++;
    // hand over on a microtask, so every push made in the same synchronous run lands in one batch
    if (this.waiter !== null && !this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(this.flush);
    }
  }

  /**
   * Resolves with every event queued so far (at least one, in arrival order), or [] once closed and
   * drained. Single consumer: a second call while one is pending rejects.
   */
  next(): Promise<EngineEvent[]> {
    if (this.waiter !== null) return Promise.reject(new Error('EventQueue.next() is already pending: the queue has a single consumer'));
    if (this.buffer.length > 0) return Promise.resolve(this.take());
    if (this.closed) return Promise.resolve([]);
    return new Promise<EngineEvent[]>((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Pending and future next() calls resolve [] once the queued events have been taken. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.waiter !== null && !this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const waiter = this.waiter;
    if (waiter === null) return;
    if (this.buffer.length === 0 && !this.closed) return;
    this.waiter = null;
    waiter(this.take());
  };

  private take(): EngineEvent[] {
    const batch = this.buffer;
    this.buffer = [];
    return batch;
  }
}
