// One side of a local level-2 book (orderbook.ts): four parallel plain arrays sorted worst-first (bids by
// +ticks, asks by −ticks, so the top of the book sits at the arrays' end, where most activity is and where
// inserts and deletes shift least): the sort key, the size, the price as a float (ticks / 10^decimals,
// computed once when the level appears) and price × size. Queries (top N, depth within a band) are then a
// plain walk from the end with no lookups or callbacks, as cheap as walking a sorted list of rows; an
// update finds its level by a search that gallops from the touch, so a change near the top costs a few
// comparisons.
import {othersSize} from './othersSize.js';

export class SideLevels {
  /** sort keys ascending, best last: bids use +ticks, asks use -ticks */
  readonly keys: number[] = [];
  /** base size at keys[i] (> 0) */
  readonly sizes: number[] = [];
  /** price in quote units at keys[i], ticks / scale */
  readonly prices: number[] = [];
  /** quote value at keys[i], prices[i] × sizes[i], kept so a depth walk only adds */
  readonly values: number[] = [];
  /** snapshot levels before sorting (last one wins, size 0 drops), reused */
  private readonly pending = new Map<number, number>();

  constructor(
    readonly sign: 1 | -1,
    private readonly scale: number,
  ) {}

  clear(): void {
    this.keys.length = 0;
    this.sizes.length = 0;
    this.prices.length = 0;
    this.values.length = 0;
    this.pending.clear();
  }

  set(ticks: number, size: number): void {
    const key = ticks * this.sign;
    const keys = this.keys;
    const n = keys.length;
    // fast path: a new best level (top of book)
    if (n === 0 || key > keys[n - 1]!) {
      if (size === 0) return;
      const price = ticks / this.scale;
      keys.push(key);
      this.sizes.push(size);
      this.prices.push(price);
      this.values.push(price * size);
      return;
    }
    const index = this.find(key);
    const sizes = this.sizes;
    const prices = this.prices;
    const values = this.values;
    if (keys[index] === key) {
      if (size !== 0) {
        sizes[index] = size;
        values[index] = prices[index]! * size;
        return;
      }
      // shift by hand instead of splice: no garbage array
      const last = n - 1;
      for (let i = index; i < last; i++) {
        keys[i] = keys[i + 1]!;
        sizes[i] = sizes[i + 1]!;
        prices[i] = prices[i + 1]!;
        values[i] = values[i + 1]!;
      }
      keys.pop();
      sizes.pop();
      prices.pop();
      values.pop();
      return;
    }
    if (size === 0) return;
    keys.push(keys[n - 1]!);
    sizes.push(sizes[n - 1]!);
    prices.push(prices[n - 1]!);
    values.push(values[n - 1]!);
    for (let i = n - 1; i > index; i--) {
      keys[i] = keys[i - 1]!;
      sizes[i] = sizes[i - 1]!;
      prices[i] = prices[i - 1]!;
      values[i] = values[i - 1]!;
    }
    const price = ticks / this.scale;
    keys[index] = key;
    sizes[index] = size;
    prices[index] = price;
    values[index] = price * size;
  }

  /**
   * Index of the first key >= `key` (lower bound). Gallops down from the end (the touch) in doubling steps,
   * then bisects the last step, so a level k places from the top is found in ~2·log2(k) comparisons.
   */
  find(key: number): number {
    const keys = this.keys;
    const n = keys.length;
    let high = n; // keys[high..n) are all >= key
    let probe = n - 1;
    let step = 1;
    while (probe >= 0 && keys[probe]! >= key) {
      high = probe;
      probe -= step;
      step *= 2;
    }
    let low = probe < 0 ? 0 : probe + 1; // keys[probe] < key, or the gallop ran past the start
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (keys[mid]! < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** a snapshot level, before resort(); the wire's order is arbitrary */
  stage(ticks: number, size: number): void {
    if (size === 0) this.pending.delete(ticks);
    else this.pending.set(ticks, size);
  }

  /** build the sorted arrays from the staged snapshot levels in one sort */
  resort(): void {
    const sign = this.sign;
    const order: number[] = [];
    for (const ticks of this.pending.keys()) order.push(ticks * sign);
    order.sort((a, b) => a - b);
    const keys = this.keys;
    const sizes = this.sizes;
    const prices = this.prices;
    const values = this.values;
    keys.length = 0;
    sizes.length = 0;
    prices.length = 0;
    values.length = 0;
    for (let i = 0; i < order.length; i++) {
      const key = order[i]!;
      const ticks = key * sign;
      const size = this.pending.get(ticks)!;
      const price = ticks / this.scale;
      keys.push(key);
      sizes.push(size);
      prices.push(price);
      values.push(price * size);
    }
    this.pending.clear();
  }

  best(): number | null {
    const keys = this.keys;
    return keys.length === 0 ? null : keys[keys.length - 1]! * this.sign;
  }

  sizeAt(ticks: number): number {
    const key = ticks * this.sign;
    const index = this.find(key);
    return this.keys[index] === key ? this.sizes[index]! : 0;
  }

  forEach(fn: (ticks: number, size: number) => boolean | void): void {
    const keys = this.keys;
    const sizes = this.sizes;
    const sign = this.sign;
    for (let i = keys.length - 1; i >= 0; i--) {
      if (fn(keys[i]! * sign, sizes[i]!) === false) return;
    }
  }

  /**
   * Σ price × size from the touch out to `limitTicks` inclusive (a float tick limit; bids at or above it,
   * asks at or below it), with `own` sizes taken out of their levels.
   */
  valueWithin(limitTicks: number, own: ReadonlyMap<number, number> | undefined): number {
    const keys = this.keys;
    const limitKey = limitTicks * this.sign;
    let total = 0;
    let i = keys.length - 1;
    if (own === undefined || own.size === 0) {
      const values = this.values;
      for (; i >= 0 && keys[i]! >= limitKey; i--) total += values[i]!;
      return total;
    }
    const sizes = this.sizes;
    const prices = this.prices;
    const sign = this.sign;
    for (; i >= 0 && keys[i]! >= limitKey; i--) total += prices[i]! * othersSize(sizes[i]!, own.get(keys[i]! * sign));
    return total;
  }
}
