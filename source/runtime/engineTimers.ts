// The engine's clocks: one owned interval that only pushes events on the queue, cleared on stop. Every
// engine timer (compliance sample, reconcile, depth check, stale check, state flush, reset, snapshot) is
// due on that one tick, so a quiet market wakes the process once per tick rather than once per timer,
// and the timers due together reach the engine as one batch (docs/architecture.md §7). The
// snapshot tick also carries the trading port's request counters, so the engine (the only writer of
// what readers see) knows them without anyone reaching into the client.
import type {Config} from '../config/configSchema.js';
import type {EngineEvent, TimerName} from '../engine/events.js';
import type {RequestCounters} from '../engine/ports.js';

/** how often the engine publishes a snapshot while the console draws it (≤ 2 frames a second use it) */
export const CONSOLE_SNAPSHOT_MS = 200;
/** headless readers (the minute log line, /metrics, the alerter) need no more than one a second */
export const HEADLESS_SNAPSHOT_MS = 1000;

export interface TimerPeriod {
  timer: TimerName;
  ms: number;
}

/** The engine's timers and their periods, in the order they reach the engine when due together. */
export function timerPeriods(config: Config, snapshotMs: number): TimerPeriod[] {
  const {timers} = config;
  return [
    {timer: 'complianceSample', ms: timers.complianceSampleSec * 1000},
    {timer: 'reconcile', ms: timers.reconcileIntervalSec * 1000},
    {timer: 'depthCheck', ms: timers.depthCheckIntervalSec * 1000},
    {timer: 'staleCheck', ms: 1000},
    {timer: 'stateFlush', ms: timers.stateFlushSec * 1000},
    // the reset timer only wakes the engine; the engine compares against its own nextResetAt
    {timer: 'reset', ms: Math.min(5000, timers.resetIntervalSec * 1000)},
    {timer: 'snapshot', ms: snapshotMs},
  ];
}

/**
 * Which timers are due at a tick. Pure bookkeeping: each timer is due once its period has passed since
 * it was last due; a late tick fires a timer once (missed periods are skipped, never replayed in a burst).
 * A timer within half a tick of its time counts as due, so a tick a millisecond early skips nothing.
 */
export class TimerSchedule {
  readonly tickMs: number;
  private readonly next: number[];

  constructor(
    private readonly periods: readonly TimerPeriod[],
    startedAt: number,
  ) {
    if (periods.length === 0 || periods.some((p) => !(p.ms > 0))) throw new Error('every timer needs a positive period');
    this.tickMs = Math.min(...periods.map((p) => p.ms));
    this.next = periods.map((p) => startedAt + p.ms);
  }

  due(now: number): TimerName[] {
    const slack = this.tickMs / 2;
    const due: TimerName[] = [];
    this.periods.forEach((period, i) => {
      if (now + slack < this.next[i]!) return;
      due.push(period.timer);
      while (this.next[i]! <= now + slack) this.next[i]! += period.ms;
    });
    return due;
  }
}

export class EngineTimers {
  private handle: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: Config,
    private readonly push: (event: EngineEvent) => void,
    private readonly now: () => number,
    private readonly requestCounters: () => RequestCounters,
    private readonly snapshotMs: number,
  ) {}

  start(): void {
    if (this.handle) return;
    const schedule = new TimerSchedule(timerPeriods(this.config, this.snapshotMs), this.now());
    this.handle = setInterval(() => {
      const at = this.now();
      const due = schedule.due(at);
      if (due.includes('snapshot')) this.push(requestCountersEvent(this.requestCounters(), at));
      for (const timer of due) this.push({type: 'timer', timer, at});
    }, schedule.tickMs);
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
  }
}

export const requestCountersEvent = (counters: RequestCounters, at: number): EngineEvent => ({
  type: 'request.counters',
  requests: counters.requests,
  throttled: counters.throttled,
  rateLimited: counters.rateLimited,
  at,
});
