// The reference price process: a mean-reverting log random walk with optional jumps, advanced one
// model step at a time from its own random stream (so nothing else can perturb the path).
import {SeededRandom} from '../seededRandom.js';
import type {ScenarioParams} from './scenarios.js';

export class ReferencePrice {
  private readonly random: SeededRandom;
  private readonly logStart: number;
  private logPrice: number;
  private stepIndex = 0;

  constructor(seed: number, startPrice: number, private readonly params: ScenarioParams) {
    this.random = SeededRandom.stream(seed, 'reference-price');
    this.logStart = Math.log(startPrice);
    this.logPrice = this.logStart;
  }

  get price(): number {
    return Math.exp(this.logPrice);
  }

  get step(): number {
    return this.stepIndex;
  }

  /** Advances one step and returns the new price. Draws a fixed number of variates per step. */
  advance(): number {
    const diffusion = this.params.stepSigma * this.random.normal();
    const jumpDraw = this.random.next();
    const jumpSize = this.random.normal();
    const jump = jumpDraw < this.params.jumpProbability ? this.params.jumpSigma * jumpSize : 0;
    const pull = this.params.meanReversion * (this.logStart - this.logPrice);
    this.logPrice += diffusion + jump + pull;
    this.stepIndex++;
    return this.price;
  }
}
