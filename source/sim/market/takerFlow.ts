// Taker flow of other participants: limit IOC orders generated from the reference path and a dedicated
// random stream only, so the same seed yields the same taker orders whatever the book holds (what they
// fill does depend on the book, ours included).
import {SeededRandom} from '../seededRandom.js';
import type {ScenarioParams} from './scenarios.js';

export interface TakerOrder {
  step: number;
  side: 'BUY' | 'SELL';
  /** limit price in ticks: the taker never pays more (buy) / sells for less (sell) */
  limitTicks: number;
  lots: number;
}

export interface TakerScale {
  priceDecimals: number;
  qtyDecimals: number;
}

export class TakerFlow {
  private readonly random: SeededRandom;
  private readonly recent: number[] = [];

  constructor(seed: number, private readonly params: ScenarioParams, private readonly scale: TakerScale) {
    this.random = SeededRandom.stream(seed, 'taker-flow');
  }

  /** Taker orders for one step given the reference price of that step. Fixed draws per step. */
  next(step: number, reference: number): TakerOrder[] {
    this.recent.push(reference);
    if (this.recent.length > 50) this.recent.shift();
    const arrive = this.random.next();
    const sideDraw = this.random.next();
    const notional = this.random.logNormal(this.params.takerMedianUsdt, this.params.takerSigma);
    const sweep = this.random.next() < this.params.sweepShare;
    const reach = this.random.uniform(0.001, 0.012);
    if (arrive >= this.params.takerProbability) return [];
    const oldest = this.recent[0] ?? reference;
    const momentum = Math.tanh(((reference - oldest) / oldest) * this.params.momentumBias * 10);
    const buyProbability = 0.5 + 0.35 * momentum;
    const side = sideDraw < buyProbability ? 'BUY' : 'SELL';
    const distance = sweep ? 0.05 : reach;
    const tickSize = 10 ** -this.scale.priceDecimals;
    const limitPrice = side === 'BUY' ? reference * (1 + distance) : reference * (1 - distance);
    const limitTicks = side === 'BUY' ? Math.floor(limitPrice / tickSize) : Math.ceil(limitPrice / tickSize);
    const lots = Math.max(1, Math.round((notional / reference) * 10 ** this.scale.qtyDecimals));
    return [{step, side, limitTicks, lots}];
  }
}
