// Market scenarios (docs/simulator.md §8). All rates are per model step (not per second), so the same
// seed gives the same path whatever the tick length; at the default 100 ms tick, 10 steps = 1 s.
import type {ArbitrageParams} from './arbitrageur.js';

/** The market scenarios, by the name that selects one. */
export const scenarioNames = ['calm', 'volatile', 'stress'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface ScenarioParams {
  /** per-step sigma of the log reference price */
  stepSigma: number;
  /** per-step pull of the log price back toward the start price (keeps multi-hour runs bounded) */
  meanReversion: number;
  /** probability of a jump per step, and the sigma of its log size */
  jumpProbability: number;
  jumpSigma: number;
  /** probability that a taker order arrives in a step */
  takerProbability: number;
  /** median and log-sigma of a taker order's USDT notional */
  takerMedianUsdt: number;
  takerSigma: number;
  /** share of takers that sweep the book (limit far away) instead of a near limit */
  sweepShare: number;
  /** how strongly recent reference returns bias taker side (informed flow) */
  momentumBias: number;
  /** the arbitrageur against KuCoin's book (docs/simulator.md §6); null: none */
  arbitrage: ArbitrageParams | null;
  /** whether the scenario switches every fault on */
  allFaults: boolean;
}

export function scenarioParams(name: ScenarioName): ScenarioParams {
  switch (name) {
    case 'calm':
      return {
        stepSigma: 3e-5,
        meanReversion: 2e-5,
        jumpProbability: 0,
        jumpSigma: 0,
        takerProbability: 0.05,
        takerMedianUsdt: 8,
        takerSigma: 0.8,
        sweepShare: 0.15,
        momentumBias: 20,
        arbitrage: null,
        allFaults: false,
      };
    case 'volatile':
      return {
        stepSigma: 1.5e-4,
        meanReversion: 5e-5,
        jumpProbability: 1 / 2000,
        jumpSigma: 0.012,
        takerProbability: 0.1,
        takerMedianUsdt: 15,
        takerSigma: 1,
        sweepShare: 0.25,
        momentumBias: 40,
        arbitrage: {reactionSteps: 0, feePpm: 1500, maxTakeUsdt: 300, budgetUsdt: 600, budgetSteps: 10},
        allFaults: false,
      };
    case 'stress':
      return {
        stepSigma: 1.5e-4,
        meanReversion: 5e-5,
        jumpProbability: 1 / 1200,
        jumpSigma: 0.015,
        takerProbability: 0.12,
        takerMedianUsdt: 15,
        takerSigma: 1,
        sweepShare: 0.3,
        momentumBias: 40,
        arbitrage: {reactionSteps: 0, feePpm: 1500, maxTakeUsdt: 300, budgetUsdt: 600, budgetSteps: 10},
        allFaults: true,
      };
  }
}
