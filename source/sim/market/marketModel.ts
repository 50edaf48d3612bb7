// The simulator's clock: every tick advances the plan one step, fires periodic faults, lets the other
// participants re-quote, runs the step's taker orders against the MEXC book (ours included, price-time
// priority), moves the KuCoin book to the new reference and then lets the arbitrageur (when the scenario
// has one) take MEXC quotes that cross KuCoin's new book (docs/simulator.md §2).
import {emptyArbitrageStats, type ArbitrageStats, type Arbitrageur} from './arbitrageur.js';
import type {FaultAction, FaultController} from '../faults.js';
import type {MarketPlan} from './marketPlan.js';
import type {MexcVenue} from '../mexc/mexcVenue.js';
import type {OtherParticipants} from './otherParticipants.js';

export interface MarketModelStats {
  steps: number;
  takerOrders: number;
  takerLotsFilled: number;
  /** the arbitrageur's takes and fills (zeros when the scenario has none) */
  arbitrage: ArbitrageStats;
  reference: number;
  /** exceptions caught in a step (a simulator bug): counted, the clock keeps running */
  stepErrors: number;
  lastStepError: string | null;
}

export interface MarketModelDeps {
  plan: MarketPlan;
  venue: MexcVenue;
  others: OtherParticipants;
  arbitrageur: Arbitrageur | null;
  faults: FaultController;
  /** the KuCoin venue follows the same reference */
  stepReference(now: number, reference: number): void;
  applyFault(action: FaultAction): void;
  now(): number;
}

export class MarketModel {
  readonly stats: MarketModelStats;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: MarketModelDeps) {
    this.stats = {
      steps: 0,
      takerOrders: 0,
      takerLotsFilled: 0,
      arbitrage: deps.arbitrageur?.stats ?? emptyArbitrageStats(),
      reference: deps.plan.currentReference,
      stepErrors: 0,
      lastStepError: null,
    };
  }

  /** Seeds the books before the first tick so clients never see an empty MEXC or KuCoin book. */
  prime(): void {
    this.deps.others.step(this.stats.reference);
    this.deps.stepReference(this.deps.now(), this.stats.reference);
  }

  step(): void {
    const plan = this.deps.plan.next();
    this.stats.steps = plan.step;
    this.stats.reference = plan.reference;
    for (const action of this.deps.faults.onStep(plan.step)) this.deps.applyFault(action);
    if (this.deps.faults.stalled()) this.deps.faults.countStallStep();
    this.deps.others.step(plan.reference);
    for (const taker of plan.takers) {
      this.stats.takerOrders++;
      this.stats.takerLotsFilled += this.deps.venue.take(taker.side, taker.limitTicks, taker.lots);
    }
    this.deps.stepReference(this.deps.now(), plan.reference);
    this.deps.arbitrageur?.step(plan.step);
  }

  start(tickMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.step();
      } catch (error) {
        this.stats.stepErrors++;
        this.stats.lastStepError = error instanceof Error ? error.message : String(error);
      }
    }, tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
