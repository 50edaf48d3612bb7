// The engine's clocks: owned intervals that only push events on the queue. Cleared on stop. The snapshot
// tick also carries the trading port's request counters, so the engine (the only writer of what readers
// see) knows them without anyone reaching into the client.
import type {Config} from '../config/configSchema.js';
import type {EngineEvent, TimerName} from '../engine/events.js';
import type {RequestCounters} from '../engine/ports.js';

/** how often the engine publishes a snapshot for the console and the headless log */
export const SNAPSHOT_MS = 200;

export class EngineTimers {
  private readonly handles: NodeJS.Timeout[] = [];

  constructor(
    private readonly config: Config,
    private readonly push: (event: EngineEvent) => void,
    private readonly now: () => number,
    private readonly requestCounters: () => RequestCounters,
  ) {}

  start(): void {
    const {timers} = this.config;
    this.every('complianceSample', timers.complianceSampleSec * 1000);
    this.every('reconcile', timers.reconcileIntervalSec * 1000);
    this.every('depthCheck', timers.depthCheckIntervalSec * 1000);
    this.every('staleCheck', 1000);
    this.every('stateFlush', timers.stateFlushSec * 1000);
    // the reset timer only wakes the engine; the engine compares against its own nextResetAt
    this.every('reset', Math.min(5000, timers.resetIntervalSec * 1000));
    this.handles.push(
      setInterval(() => {
        this.push(requestCountersEvent(this.requestCounters(), this.now()));
        this.push({type: 'timer', timer: 'snapshot', at: this.now()});
      }, SNAPSHOT_MS),
    );
  }

  stop(): void {
    for (const handle of this.handles.splice(0)) clearInterval(handle);
  }

  private every(timer: TimerName, ms: number): void {
    this.handles.push(setInterval(() => this.push({type: 'timer', timer, at: this.now()}), ms));
  }
}

export const requestCountersEvent = (counters: RequestCounters, at: number): EngineEvent => ({
  type: 'request.counters',
  requests: counters.requests,
  throttled: counters.throttled,
  rateLimited: counters.rateLimited,
  at,
});
