// The deterministic part of the market: for each step index, the reference price and the taker orders of
// other participants. It depends on the seed and scenario only (never on wall time or on the book), so
// the same seed always yields the same price path and taker flow.
import {ReferencePrice} from './referencePrice.js';
import type {ScenarioParams} from './scenarios.js';
import {TakerFlow, type TakerOrder} from './takerFlow.js';

export interface StepPlan {
  step: number;
  reference: number;
  takers: TakerOrder[];
}

export class MarketPlan {
  private readonly reference: ReferencePrice;
  private readonly takers: TakerFlow;

  constructor(seed: number, startPrice: number, params: ScenarioParams, scale: {priceDecimals: number; qtyDecimals: number}) {
    this.reference = new ReferencePrice(seed, startPrice, params);
    this.takers = new TakerFlow(seed, params, scale);
  }

  /** The reference price before any step. */
  get currentReference(): number {
    return this.reference.price;
  }

  next(): StepPlan {
    const reference = this.reference.advance();
    const step = this.reference.step;
    return {step, reference, takers: this.takers.next(step, reference)};
  }
}
