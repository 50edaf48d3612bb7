// A local level-2 book for one venue, keyed by integer ticks parsed exactly from the wire strings. Each
// side is a SideLevels (sideLevels.ts: sorted parallel arrays, so queries are plain walks from the touch);
// this file keeps the versions and continuity, the exact parsing of wire prices and sizes, and the queries.
import type {BookSide, WireLevel} from '../events.js';
import {parseScaled} from '../../wire/scaledDecimal.js';
import {SideLevels} from './sideLevels.js';

export type ApplyResult = 'applied' | 'stale' | 'gap';

const CODE_0 = 48;
const CODE_9 = 57;
const CODE_DOT = 46;
const POWERS_OF_TEN = Array.from({length: 16}, (_, i) => 10 ** i);

export class OrderBook {
  readonly priceDecimals: number;
  /** null until a snapshot */
  version: number | null = null;
  /** false before the first snapshot and after a gap / markUnsynced() */
  synced = false;
  lastUpdateAt: number | null = null;
  /** wire levels skipped because their price or size did not parse (or the price was off this book's tick) */
  malformedLevels = 0;

  private readonly bidSide: SideLevels;
  private readonly askSide: SideLevels;
  private readonly scale: number;

  constructor(priceDecimals: number) {
    if (!Number.isInteger(priceDecimals) || priceDecimals < 0 || priceDecimals > 15) {
      throw new Error(`priceDecimals must be an integer in [0, 15], got ${priceDecimals}`);
    }
    this.priceDecimals = priceDecimals;
    this.scale = 10 ** priceDecimals;
    this.bidSide = new SideLevels(1, this.scale);
    this.askSide = new SideLevels(-1, this.scale);
  }

  applySnapshot(version: number, bids: readonly WireLevel[], asks: readonly WireLevel[], at: number): void {
    this.bidSide.clear();
    this.askSide.clear();
    this.storeAll(this.bidSide, bids, false);
    this.storeAll(this.askSide, asks, false);
    this.bidSide.resort();
    this.askSide.resort();
    this.version = version;
    this.synced = true;
    this.lastUpdateAt = at;
  }

  /**
   * Continuity (MEXC fromVersion/toVersion, KuCoin sequenceStart/sequenceEnd): a delta entirely at or
   * before the book's version is stale and ignored; one that starts after version+1 means updates were
   * lost, so nothing is applied and the book needs a new snapshot. An overlapping delta is applied whole:
   * sizes are absolute, so re-applying a change the snapshot already holds is harmless. (KuCoin's
   * per-change sequence filtering, docs/protocols/kucoin.md §3.7, is the client's job before it builds the event.)
   */
  applyDelta(fromVersion: number, toVersion: number, bids: readonly WireLevel[], asks: readonly WireLevel[], at: number): ApplyResult {
    if (!this.synced || this.version === null) return 'gap';
    if (toVersion <= this.version) return 'stale';
    if (fromVersion > this.version + 1) {
      this.synced = false;
      return 'gap';
    }
    this.storeAll(this.bidSide, bids, true);
    this.storeAll(this.askSide, asks, true);
    this.version = toVersion;
    this.lastUpdateAt = at;
    return 'applied';
  }

  /** Keeps the levels (for display) but refuses deltas until the next snapshot. */
  markUnsynced(): void {
    this.synced = false;
  }

  bestBid(): number | null {
    return this.bidSide.best();
  }

  bestAsk(): number | null {
    return this.askSide.best();
  }

  /** True when best bid >= best ask, which a healthy book never shows (a sign to resync). */
  isCrossed(): boolean {
    const bid = this.bidSide.best();
    const ask = this.askSide.best();
    return bid !== null && ask !== null && bid >= ask;
  }

  /** Mid price in quote units (float, for display and ratios). */
  mid(): number | null {
    const bid = this.bidSide.best();
    const ask = this.askSide.best();
    if (bid === null || ask === null) return null;
    return (bid + ask) / 2 / this.scale;
  }

  sizeAt(side: BookSide, ticks: number): number {
    return this.sideOf(side).sizeAt(ticks);
  }

  /** Up to n levels, best first. */
  levels(side: BookSide, n: number): Array<{priceTicks: number; size: number}> {
    const levels = this.sideOf(side);
    const keys = levels.keys;
    const sizes = levels.sizes;
    const sign = levels.sign;
    const top = keys.length - 1;
    const count = n > 0 ? Math.min(Math.floor(n), keys.length) : 0;
    const out = new Array<{priceTicks: number; size: number}>(count);
    for (let j = 0; j < count; j++) out[j] = {priceTicks: keys[top - j]! * sign, size: sizes[top - j]!};
    return out;
  }

  /**
   * Quote value (Σ price × size) from the touch out to `limitTicks` inclusive: bids priced at or above it,
   * asks at or below it. `limitTicks` may be fractional (a band edge); `own` sizes are taken out of their
   * levels (see othersSize).
   */
  valueWithin(side: BookSide, limitTicks: number, own?: ReadonlyMap<number, number>): number {
    return this.sideOf(side).valueWithin(limitTicks, own);
  }

  /** Walks levels best first; the callback returns false to stop. */
  forEachLevel(side: BookSide, fn: (ticks: number, size: number) => boolean | void): void {
    this.sideOf(side).forEach(fn);
  }

  levelCount(side: BookSide): number {
    return this.sideOf(side).keys.length;
  }

  ticksToPrice(ticks: number): number {
    return ticks / this.scale;
  }

  /** Exact parse of a decimal price into ticks; throws when malformed or not on this book's tick. */
  priceToTicks(text: string): number {
    const ticks = this.parseTicks(text);
    if (ticks < 0) throw new Error(`not a price on a ${this.priceDecimals}-decimal tick: ${JSON.stringify(text)}`);
    return ticks;
  }

  private sideOf(side: BookSide): SideLevels {
    return side === 'bids' ? this.bidSide : this.askSide;
  }

  private storeAll(target: SideLevels, levels: readonly WireLevel[], sorted: boolean): void {
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i]!;
      const ticks = this.parseTicks(level[0]);
      const size = parseSize(level[1]);
      if (ticks < 0 || size < 0) {
        this.malformedLevels++;
        continue;
      }
      // price "0" is KuCoin's sequence marker (docs/protocols/kucoin.md §3.5): ignore it, no level to touch
      if (ticks === 0) continue;
      if (sorted) target.set(ticks, size);
      else target.stage(ticks, size);
    }
  }

  /**
   * Plain decimals ("123.45") are parsed inline without allocation (the hot path); anything else goes
   * through parseScaled. Returns -1 for malformed text, a negative price, or digits beyond this book's
   * tick (rounding those would silently merge two levels).
   */
  private parseTicks(text: string): number {
    const decimals = this.priceDecimals;
    const length = text.length;
    let value = 0;
    let fraction = -1; // digits seen after the dot, -1 before it
    let digits = 0;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= CODE_0 && code <= CODE_9) {
        const digit = code - CODE_0;
        digits++;
        if (fraction >= 0) {
          if (fraction >= decimals) {
            if (digit !== 0) return -1;
            continue;
          }
          fraction++;
        }
        value = value * 10 + digit;
      } else if (code === CODE_DOT && fraction < 0) {
        fraction = 0;
      } else {
        return this.parseTicksSlow(text);
      }
    }
    if (digits === 0) return -1;
    const scaled = value * POWERS_OF_TEN[decimals - (fraction < 0 ? 0 : fraction)]!;
    return Number.isSafeInteger(scaled) ? scaled : -1;
  }

  private parseTicksSlow(text: string): number {
    try {
      const ticks = parseScaled(text, this.priceDecimals);
      // exact only if more decimals add nothing
      const finer = parseScaled(text, this.priceDecimals + 3);
      if (finer !== ticks * 1000 || ticks < 0) return -1;
      return ticks;
    } catch {
      return -1;
    }
  }
}

/**
 * Size as a float in base units; -1 when malformed (empty, not a number, negative, infinite).
 * Plain decimals of up to 15 digits are parsed inline: integer / 10^k of two exact doubles is correctly
 * rounded, so the result equals Number(text), at a fraction of the cost.
 */
function parseSize(text: string): number {
  const length = text.length;
  if (length === 0) return -1;
  let value = 0;
  let fraction = -1;
  let digits = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= CODE_0 && code <= CODE_9) {
      value = value * 10 + (code - CODE_0);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (code === CODE_DOT && fraction < 0) {
      fraction = 0;
    } else {
      return parseSizeSlow(text);
    }
  }
  if (digits === 0) return -1;
  if (digits > 15) return parseSizeSlow(text);
  return fraction <= 0 ? value : value / POWERS_OF_TEN[fraction]!;
}

function parseSizeSlow(text: string): number {
  const first = text.charCodeAt(0);
  if (!((first >= CODE_0 && first <= CODE_9) || first === CODE_DOT)) return -1;
  const size = Number(text);
  return Number.isFinite(size) && size >= 0 ? size : -1;
}
