// What start-up is doing, step by step, for the console's start-up screen and the headless log: each
// step's state, its result once done, and the reason while it retries. Start-up happens before the engine
// exists, so this is the runtime's own small store; the last steps (balances, books, open orders, listen key) are
// finished from the engine's snapshots once it runs. Readers subscribe and read; only the runtime writes.
import type {EngineSnapshot} from '../engine/view/snapshot.js';
import {startupStepIds, startupStepLabels, type StartupPhase, type StartupStep, type StartupStepId, type StartupStepState, type StartupView} from '../engine/view/startupView.js';

export {startupStepIds, startupStepLabels} from '../engine/view/startupView.js';
export type {StartupPhase, StartupStep, StartupStepId, StartupStepState, StartupView} from '../engine/view/startupView.js';

/** After the engine has run this long, the console shows its normal view even if a stream is still connecting. */
export const STARTUP_SCREEN_MAX_ENGINE_MS = 20_000;

export class StartupProgress {
  private readonly steps = new Map<StartupStepId, StartupStep>();
  private phase: StartupPhase = 'starting';
  private failure: string | null = null;
  private engineStartedAt: number | null = null;
  private view: StartupView;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {
    for (const id of startupStepIds) this.steps.set(id, {id, label: startupStepLabels[id], state: {kind: 'pending'}});
    this.view = this.build(now());
  }

  get(): StartupView {
    return this.view;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  begin(id: StartupStepId): void {
    this.set(id, {kind: 'running', since: this.now()});
  }

  retrying(id: StartupStepId, reason: string, attempt: number, waitMs: number): void {
    const current = this.steps.get(id)!.state;
    const since = current.kind === 'running' || current.kind === 'retrying' ? current.since : this.now();
    this.set(id, {kind: 'retrying', since, reason: shortReason(reason), attempt, nextAt: this.now() + waitMs});
  }

  done(id: StartupStepId, result: string): void {
    this.set(id, {kind: 'done', result});
  }

  skip(id: StartupStepId, why: string): void {
    this.set(id, {kind: 'skipped', why});
  }

  /** The step that was running (or retrying) fails, and start-up with it. */
  fail(reason: string): void {
    const active = [...this.steps.values()].find((step) => step.state.kind === 'running' || step.state.kind === 'retrying');
    if (active) active.state = {kind: 'failed', reason};
    this.phase = 'failed';
    this.failure = reason;
    this.publish();
  }

  /** The engine runs: the remaining steps are finished from its snapshots. */
  engineStarted(): void {
    this.engineStartedAt = this.now();
    for (const id of ['balances', 'books', 'openOrders', 'listenKey'] as const) if (this.steps.get(id)!.state.kind === 'pending') this.begin(id);
  }

  /** Books, first reconcile and user stream from an engine snapshot; start-up is done when all are. */
  observe(snapshot: EngineSnapshot): void {
    if (this.phase !== 'starting' || this.engineStartedAt === null) return;
    const {streams} = snapshot;
    const books = [streams['kucoin.book'], streams['mexc.book']];
    let changed = false;
    if (books.every((book) => book.state === 'live' || book.state === 'polling')) changed = this.finishStep('books', `KuCoin ${books[0]!.state}, MEXC ${books[1]!.state}`) || changed;
    const {base, quote} = snapshot.balances;
    if (snapshot.balances.baseRatio !== null)
      changed = this.finishStep('balances', `${base.free + base.locked} ${base.asset}, ${(quote.free + quote.locked).toFixed(2)} ${quote.asset}`) || changed;
    if (snapshot.reconciledAt !== null) changed = this.finishStep('openOrders', `${snapshot.orders.length} of ours open`) || changed;
    if (streams['mexc.user'].state === 'live') changed = this.finishStep('listenKey', 'user stream live') || changed;
    const settled = [...this.steps.values()].every((step) => step.state.kind === 'done' || step.state.kind === 'skipped');
    if (settled || this.now() - this.engineStartedAt >= STARTUP_SCREEN_MAX_ENGINE_MS) {
      this.phase = 'done';
      changed = true;
    }
    // The engine publishes many snapshots a second: readers hear only of real changes.
    if (changed) this.publish();
  }

  /** Marks an unfinished step done (a skipped or failed one stays as it is); true if it changed. */
  private finishStep(id: StartupStepId, result: string): boolean {
    const step = this.steps.get(id)!;
    if (step.state.kind !== 'running' && step.state.kind !== 'retrying' && step.state.kind !== 'pending') return false;
    step.state = {kind: 'done', result};
    return true;
  }

  private set(id: StartupStepId, state: StartupStepState): void {
    this.steps.get(id)!.state = state;
    this.publish();
  }

  private publish(): void {
    this.view = this.build(this.view?.startedAt ?? this.now());
    for (const listener of this.listeners) listener();
  }

  private build(startedAt: number): StartupView {
    return {phase: this.phase, startedAt, steps: [...this.steps.values()].map((step) => ({...step})), failure: this.failure};
  }
}

/**
 * A retry reason without the request line in front ("GET /api/v2/symbols/X: connect ECONNREFUSED …" →
 * "connect ECONNREFUSED …"): the step's label already says what was asked, and the screen has one line.
 */
export function shortReason(reason: string): string {
  return reason.replace(/^(MEXC )?(GET|POST|PUT|DELETE) \S+: /, '').replace(/^MEXC HTTP /, 'HTTP ');
}
