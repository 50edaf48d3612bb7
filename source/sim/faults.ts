// Fault injection. Each fault is switched on alone (setFault / --faults, optionally for a window of time:
// faultSpec.ts) or, the stress faults, all together (scenario `stress`). The outage faults are windows
// in which a venue or feed is unreachable; stress leaves them out (an outage of a whole venue is its own
// test, not noise). Periodic faults are timed in model steps from the moment they were switched on and fire at
// once when switched on, so a test sees the effect immediately; request-counted faults hit the first
// matching request after being switched on, then every Nth. Everything is deterministic (no randomness).

/** The faults scenario `stress` switches on together. */
export const stressFaultNames = [
  'wsDrop',
  'stall',
  'sequenceGap',
  'rateLimitBurst',
  'serverError',
  'timeoutAfterAccept',
  'listenKeyExpiry',
  'delayedAck',
] as const;
export type StressFaultName = (typeof stressFaultNames)[number];

/**
 * Level-triggered outages, on for a window: referenceOutage = the KuCoin venue refuses connections and drops
 * its open ones while its book keeps moving; mexcPublicOutage = MEXC's public WebSocket refuses upgrades and
 * drops its public sockets while REST and the private (listen-key) WebSocket keep working.
 */
export const outageFaultNames = ['referenceOutage', 'mexcPublicOutage'] as const;
export type OutageFaultName = (typeof outageFaultNames)[number];
export const isOutageFault = (name: string): name is OutageFaultName => (outageFaultNames as readonly string[]).includes(name);

/** Every fault the simulator can inject, by the name that switches it on. */
export const faultNames = [...stressFaultNames, ...outageFaultNames] as const;
export type FaultName = StressFaultName | OutageFaultName;

export interface FaultTiming {
  /** wsDrop: drop every MEXC and KuCoin socket every this many steps */
  wsDropPeriodSteps: number;
  /** stall: public feeds go silent for `stallSteps` at the start of every period */
  stallPeriodSteps: number;
  stallSteps: number;
  /** sequenceGap: one depth push is lost every this many steps */
  gapPeriodSteps: number;
  /** rateLimitBurst: every REST request gets 429 during `burstSteps` at the start of every period */
  burstPeriodSteps: number;
  burstSteps: number;
  /** serverError: every Nth REST request answers 5xx */
  serverErrorEvery: number;
  /** timeoutAfterAccept: every Nth order placement executes but gets no answer for `timeoutHoldMs` */
  timeoutEvery: number;
  timeoutHoldMs: number;
  /** serverError on the KuCoin venue (whose faults are level-triggered): on for `kucoinErrorSteps` per period */
  kucoinErrorPeriodSteps: number;
  kucoinErrorSteps: number;
  /** listenKeyExpiry: all listen keys die every this many steps */
  listenKeyExpiryPeriodSteps: number;
  /** delayedAck: every Nth order write executes at once but is answered `delayedAckMs` later */
  delayedAckEvery: number;
  delayedAckMs: number;
}

export const DEFAULT_FAULT_TIMING: FaultTiming = {
  wsDropPeriodSteps: 450,
  stallPeriodSteps: 900,
  stallSteps: 150,
  gapPeriodSteps: 300,
  burstPeriodSteps: 600,
  burstSteps: 30,
  serverErrorEvery: 25,
  timeoutEvery: 20,
  timeoutHoldMs: 30_000,
  kucoinErrorPeriodSteps: 600,
  kucoinErrorSteps: 10,
  listenKeyExpiryPeriodSteps: 3000,
  delayedAckEvery: 4,
  delayedAckMs: 1500,
};

/** What the model clock must do this step because of periodic faults. */
export type FaultAction = {kind: 'dropConnections'} | {kind: 'expireListenKeys'} | {kind: 'referenceGap'};

/** Level-triggered KuCoin faults for the current step (the KuCoin venue applies them while on). */
export interface KucoinFaultLevels {
  stall: boolean;
  rateLimitBurst: boolean;
  serverError: boolean;
}

/**
 * When every fault starts together (scenario `stress`), their first hits are spread out instead of all
 * landing on the first step and the first requests: steps for periodic faults, requests for counted ones.
 */
const STRESS_STAGGER: Record<StressFaultName, number> = {
  wsDrop: 200,
  stall: 400,
  sequenceGap: 100,
  rateLimitBurst: 300,
  serverError: 12,
  timeoutAfterAccept: 9,
  listenKeyExpiry: 1500,
  delayedAck: 3,
};

export type ServerErrorHit = 'beforeExecution' | 'afterExecution';

/** A timed window: the fault goes on at `fromStep` (if not on already) and off at `untilStep`. */
interface FaultWindow {
  fromStep: number;
  untilStep: number | null;
  started: boolean;
}

export class FaultController {
  private readonly enabledAt = new Map<FaultName, number>();
  private readonly windows = new Map<FaultName, FaultWindow>();
  private readonly requestCounts = new Map<FaultName, number>();
  private serverErrorHits = 0;
  private currentStep = 0;
  private pendingGap = false;
  readonly injected: Record<FaultName, number> = Object.fromEntries(faultNames.map((name) => [name, 0])) as Record<FaultName, number>;

  constructor(initial: readonly FaultName[], readonly timing: FaultTiming = DEFAULT_FAULT_TIMING, staggered = false) {
    for (const name of initial) {
      this.set(name, true);
      if (!staggered) continue;
      const stagger = (STRESS_STAGGER as Partial<Record<FaultName, number>>)[name] ?? 0;
      this.enabledAt.set(name, 1 + stagger);
      this.requestCounts.set(name, -stagger);
    }
  }

  isOn(name: FaultName): boolean {
    return this.enabledAt.has(name);
  }

  active(): FaultName[] {
    return [...this.enabledAt.keys()];
  }

  set(name: FaultName, on: boolean): void {
    if (on && !this.enabledAt.has(name)) {
      // counted from the next step, which therefore fires the periodic ones at once
      this.enabledAt.set(name, this.currentStep + 1);
      this.requestCounts.set(name, 0);
      if (isOutageFault(name)) this.injected[name]++;
    } else if (!on) {
      this.enabledAt.delete(name);
      this.windows.delete(name);
      if (name === 'sequenceGap') this.pendingGap = false;
    }
  }

  /**
   * Switches a fault on for a window of model steps: from `afterSteps` steps from now, for `forSteps`
   * steps (null = until switched off). Replaces any window the fault had.
   */
  schedule(name: FaultName, afterSteps: number, forSteps: number | null): void {
    const fromStep = this.currentStep + Math.max(0, Math.round(afterSteps));
    const untilStep = forSteps === null ? null : fromStep + Math.max(1, Math.round(forSteps));
    this.windows.set(name, {fromStep, untilStep, started: false});
    if (afterSteps <= 0) this.openWindow(name);
  }

  private openWindow(name: FaultName): void {
    const window = this.windows.get(name);
    if (!window || window.started) return;
    window.started = true;
    this.set(name, true);
  }

  private runWindows(step: number): void {
    for (const [name, window] of [...this.windows]) {
      if (!window.started && step >= window.fromStep) this.openWindow(name);
      if (window.started && window.untilStep !== null && step >= window.untilStep) this.set(name, false);
    }
  }

  /** Called by the model clock before each step's market activity; returns the periodic faults due now. */
  onStep(step: number): FaultAction[] {
    this.currentStep = step;
    this.runWindows(step);
    const actions: FaultAction[] = [];
    if (this.due('wsDrop', this.timing.wsDropPeriodSteps)) actions.push({kind: 'dropConnections'});
    if (this.due('listenKeyExpiry', this.timing.listenKeyExpiryPeriodSteps)) actions.push({kind: 'expireListenKeys'});
    if (this.due('sequenceGap', this.timing.gapPeriodSteps)) {
      this.pendingGap = true;
      actions.push({kind: 'referenceGap'});
    }
    for (const action of actions) {
      if (action.kind === 'dropConnections') this.injected.wsDrop++;
      if (action.kind === 'expireListenKeys') this.injected.listenKeyExpiry++;
    }
    return actions;
  }

  /** The KuCoin venue's level-triggered faults for this step. */
  kucoinLevels(): KucoinFaultLevels {
    return {
      stall: this.stalled(),
      rateLimitBurst: this.inBurst(),
      serverError: this.inWindow('serverError', this.timing.kucoinErrorPeriodSteps, this.timing.kucoinErrorSteps),
    };
  }

  /** Whether public market-data pushes are silently withheld right now. */
  stalled(): boolean {
    return this.inWindow('stall', this.timing.stallPeriodSteps, this.timing.stallSteps);
  }

  /** Called when a depth push is about to go out: true = drop it (a version gap for every subscriber). */
  takeDepthGap(): boolean {
    if (!this.pendingGap || !this.isOn('sequenceGap')) return false;
    this.pendingGap = false;
    this.injected.sequenceGap++;
    return true;
  }

  /** Seconds a client must wait when a 429 burst is under way, else null. */
  rateLimitBurst(): number | null {
    if (!this.inBurst()) return null;
    const into = Math.max(0, this.sinceOn('rateLimitBurst')) % this.timing.burstPeriodSteps;
    this.injected.rateLimitBurst++;
    return Math.max(1, Math.ceil(((this.timing.burstSteps - into) * this.stepMsHint) / 1000));
  }

  private inBurst(): boolean {
    return this.inWindow('rateLimitBurst', this.timing.burstPeriodSteps, this.timing.burstSteps);
  }

  /** Used only to turn step counts into Retry-After seconds. */
  stepMsHint = 100;

  /** For each REST request: whether it gets a 5xx, and whether it runs first (5xx on a write = outcome unknown). */
  takeServerError(isOrderWrite: boolean): ServerErrorHit | null {
    if (!this.countHit('serverError', this.timing.serverErrorEvery)) return null;
    this.injected.serverError++;
    this.serverErrorHits++;
    return isOrderWrite && this.serverErrorHits % 2 === 0 ? 'afterExecution' : 'beforeExecution';
  }

  /** For each order placement: whether its answer is withheld after it was executed. */
  takeTimeoutAfterAccept(): boolean {
    if (!this.countHit('timeoutAfterAccept', this.timing.timeoutEvery)) return false;
    this.injected.timeoutAfterAccept++;
    return true;
  }

  /** For each order write: the delay of its answer in ms (0 = none). */
  takeDelayedAck(): number {
    if (!this.countHit('delayedAck', this.timing.delayedAckEvery)) return 0;
    this.injected.delayedAck++;
    return this.timing.delayedAckMs;
  }

  /** Records a stall step (counted once per step while stalled). */
  countStallStep(): void {
    this.injected.stall++;
  }

  private due(name: FaultName, period: number): boolean {
    const since = this.sinceOn(name);
    return this.isOn(name) && since >= 0 && since % period === 0;
  }

  /**
   * Whether a windowed fault is inside its active window. Just switched on (its first step not yet run,
   * since = -1) counts as inside, so the effect is immediate; a staggered start (since < -1) does not.
   */
  private inWindow(name: FaultName, period: number, length: number): boolean {
    const since = this.sinceOn(name);
    if (!this.isOn(name) || since < -1) return false;
    return since === -1 || since % period < length;
  }

  private sinceOn(name: FaultName): number {
    return this.currentStep - (this.enabledAt.get(name) ?? this.currentStep);
  }

  private countHit(name: FaultName, every: number): boolean {
    if (!this.isOn(name)) return false;
    const count = (this.requestCounts.get(name) ?? 0) + 1;
    this.requestCounts.set(name, count);
    return count >= 1 && (count - 1) % every === 0;
  }
}
