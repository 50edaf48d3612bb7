// The simulated KuCoin book: a deep two-sided book around the reference mid, kept in integer ticks
// (price) and lots (size). Every modification takes the next number of one sequence shared by both
// sides, exactly like KuCoin's level2 sequence (docs/protocols/kucoin.md §3.5). step() is the only mutator and the only
// consumer of the PRNG, so the same seed and the same mids give the same book path and the same ops.

import {SeededRandom} from '../seededRandom.js';

export type BookSide = 'bids' | 'asks';

/** One modification: new absolute size at a price (0 = delete); price 0 marks a sequence-only entry. */
export interface BookOp {
  side: BookSide;
  priceTicks: number;
  sizeLots: number;
  sequence: number;
}

export interface BookLevel {
  priceTicks: number;
  sizeLots: number;
}

export interface BookModelParams {
  seed: number;
  priceDecimals: number;
  sizeDecimals: number;
  /** best ask − best bid as a fraction of mid (default 0.001 = 0.1 %) */
  spreadFraction?: number;
  /** distance between resting grid levels as a fraction of mid (default 0.0003) */
  levelSpacingFraction?: number;
  /** the book extends this far from mid on each side (default 0.05) */
  bandFraction?: number;
  /** quote notional of a level: uniform in [min, max] (default 200..1200 USDT) */
  levelNotionalMin?: number;
  levelNotionalMax?: number;
  /** probability per step of a price-0 sequence marker (docs/protocols/kucoin.md §3.5; default 0.02) */
  markerProbability?: number;
}

const MAX_OFF_GRID_PER_SIDE = 40;

export class KucoinBookModel {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  private readonly rng: SeededRandom;
  private readonly p: Required<Omit<BookModelParams, 'seed'>>;
  private seq: number;
  private spacingTicks = 0;
  private anchorMidTicks = 0;

  constructor(params: BookModelParams) {
    this.p = {
      priceDecimals: params.priceDecimals,
      sizeDecimals: params.sizeDecimals,
      spreadFraction: params.spreadFraction ?? 0.001,
      levelSpacingFraction: params.levelSpacingFraction ?? 0.0003,
      bandFraction: params.bandFraction ?? 0.05,
      levelNotionalMin: params.levelNotionalMin ?? 200,
      levelNotionalMax: params.levelNotionalMax ?? 1200,
      markerProbability: params.markerProbability ?? 0.02,
    };
    this.rng = SeededRandom.stream(params.seed, 'kucoin-book');
    // Real sequences are large integers (e.g. 14610502970); start somewhere seeded in that range.
    this.seq = 1_000_000_000 + Math.floor(this.rng.next() * 1_000_000_000);
  }

  /** The PRNG, for consumers that must stay deterministic with the book (message chunking). */
  get random(): SeededRandom {
    return this.rng;
  }

  /** Sequence of the last modification applied (what a REST snapshot reports). */
  get sequence(): number {
    return this.seq;
  }

  /** Moves the book to the new reference mid and applies random churn; returns the ops in sequence order. */
  step(referenceMid: number): BookOp[] {
    const midTicks = referenceMid * 10 ** this.p.priceDecimals;
    if (!Number.isFinite(midTicks) || midTicks < 2) return [];
    if (this.spacingTicks === 0 || midTicks > this.anchorMidTicks * 2 || midTicks < this.anchorMidTicks / 2) {
      // Grid spacing follows the mid only on big moves, so ordinary moves do not re-grid the whole book.
      this.anchorMidTicks = midTicks;
      this.spacingTicks = Math.max(1, Math.round(midTicks * this.p.levelSpacingFraction));
    }
    const ops: BookOp[] = [];
    const set = (side: BookSide, priceTicks: number, sizeLots: number): void => {
      const levels = this[side];
      if (sizeLots === 0) levels.delete(priceTicks);
      else levels.set(priceTicks, sizeLots);
      this.seq += 1;
      ops.push({side, priceTicks, sizeLots, sequence: this.seq});
    };

    const halfSpread = Math.max(0.5, (midTicks * this.p.spreadFraction) / 2);
    const bestBid = Math.max(1, Math.floor(midTicks - halfSpread));
    const bestAsk = Math.max(bestBid + 1, Math.ceil(midTicks + halfSpread));
    // Clamped so a coarse tick (mid of a few ticks) still leaves the inside quote inside the band.
    const outerBid = Math.min(bestBid, Math.max(1, Math.ceil(midTicks * (1 - this.p.bandFraction))));
    const outerAsk = Math.max(bestAsk, Math.floor(midTicks * (1 + this.p.bandFraction)));

    // 1. Levels that the new mid put on the wrong side of the spread or outside the band go away.
    for (const price of sortedKeys(this.bids, 'bids')) if (price > bestBid || price < outerBid) set('bids', price, 0);
    for (const price of sortedKeys(this.asks, 'asks')) if (price < bestAsk || price > outerAsk) set('asks', price, 0);

    // 2. Inside quote and the resting grid out to the band edge.
    if (!this.bids.has(bestBid)) set('bids', bestBid, this.randomSize(bestBid));
    if (!this.asks.has(bestAsk)) set('asks', bestAsk, this.randomSize(bestAsk));
    const s = this.spacingTicks;
    for (let price = Math.floor(bestBid / s) * s; price >= outerBid; price -= s) {
      if (price > 0 && !this.bids.has(price)) set('bids', price, this.randomSize(price));
    }
    for (let price = Math.ceil(bestAsk / s) * s; price <= outerAsk; price += s) {
      if (!this.asks.has(price)) set('asks', price, this.randomSize(price));
    }

    // 3. Random churn, biased towards the top of the book where real books move most.
    const churn = this.rng.int(2, 8);
    for (let i = 0; i < churn; i++) {
      const side: BookSide = this.rng.next() < 0.5 ? 'bids' : 'asks';
      const keys = sortedKeys(this[side], side);
      if (keys.length === 0) continue;
      const pick = keys[Math.floor(this.rng.next() ** 2 * keys.length)]!;
      const action = this.rng.next();
      if (action < 0.7) {
        set(side, pick, this.randomSize(pick));
      } else if (action < 0.85) {
        const lo = side === 'bids' ? outerBid : bestAsk;
        const hi = side === 'bids' ? bestBid : outerAsk;
        const price = this.rng.int(lo, hi);
        if (price > 0 && !this[side].has(price)) set(side, price, this.randomSize(price));
      } else {
        const best = side === 'bids' ? bestBid : bestAsk;
        if (pick !== best && pick % s !== 0) set(side, pick, 0);
      }
    }

    // 4. Bound the leftovers of mid moves (off-grid levels) so the book stays a fixed size.
    for (const side of ['bids', 'asks'] as const) {
      const best = side === 'bids' ? bestBid : bestAsk;
      const offGrid = sortedKeys(this[side], side).filter((price) => price % s !== 0 && price !== best);
      while (offGrid.length > MAX_OFF_GRID_PER_SIDE) {
        const [victim] = offGrid.splice(this.rng.int(0, offGrid.length - 1), 1);
        set(side, victim!, 0);
      }
    }

    // 5. Occasionally a price-0 calibration entry, as KuCoin historically pushed (docs/protocols/kucoin.md
    // §3.5, pitfall 7).
    if (this.rng.next() < this.p.markerProbability) {
      this.seq += 1;
      ops.push({side: this.rng.next() < 0.5 ? 'bids' : 'asks', priceTicks: 0, sizeLots: 0, sequence: this.seq});
    }
    return ops;
  }

  /** Best `depth` levels of a side, best first. */
  top(side: BookSide, depth: number): BookLevel[] {
    return sortedKeys(this[side], side)
      .slice(0, depth)
      .map((priceTicks) => ({priceTicks, sizeLots: this[side].get(priceTicks)!}));
  }

  bestBidAsk(): {bidTicks: number; askTicks: number} | null {
    if (this.bids.size === 0 || this.asks.size === 0) return null;
    let bidTicks = -Infinity;
    for (const price of this.bids.keys()) if (price > bidTicks) bidTicks = price;
    let askTicks = Infinity;
    for (const price of this.asks.keys()) if (price < askTicks) askTicks = price;
    return {bidTicks, askTicks};
  }

  private randomSize(priceTicks: number): number {
    const price = priceTicks / 10 ** this.p.priceDecimals;
    const notional = this.p.levelNotionalMin + this.rng.next() * (this.p.levelNotionalMax - this.p.levelNotionalMin);
    return Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Math.round((notional / price) * 10 ** this.p.sizeDecimals)));
  }
}

/** Prices of a side, best first (bids high→low, asks low→high). */
export function sortedKeys(levels: Map<number, number>, side: BookSide): number[] {
  const keys = [...levels.keys()];
  return side === 'bids' ? keys.sort((a, b) => b - a) : keys.sort((a, b) => a - b);
}
