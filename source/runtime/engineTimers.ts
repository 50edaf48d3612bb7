// The engine's clocks: owned intervals that only push timer events on the queue. Cleared on stop.
import type {Config} from '../config/configSchema.js';
import type {EngineEvent, TimerName} from '../engine/events.js';

export class EngineTimers {
  private readonly handles: NodeJS.Timeout[] = [];

  constructor(
    private readonly config: Config,
    private readonly push: (event: EngineEvent) => void,
    private readonly now: () => number,
  ) {}

  start(): void {
    const {timers} = this.config;
    this.every('complianceSample', timers.complianceSampleSec * 1000);
    this.every('reconcile', timers.reconcileIntervalSec * 1000);
    this.every('depthCheck', timers.depthCheckIntervalSec * 1000);
    this.every('staleCheck', 1000);
    // the reset timer only wakes the engine; the engine compares against its own nextResetAt
    this.every('reset', Math.min(5000, timers.resetIntervalSec * 1000));
  }

  stop(): void {
    for (const handle of this.handles.splice(0)) clearInterval(handle);
  }

  private every(timer: TimerName, ms: number): void {
    this.handles.push(setInterval(() => this.push({type: 'timer', timer, at: this.now()}), ms));
  }
}
