// The MEXC book as paper mode sees it: the real public book, minus the real liquidity our paper orders
// are deemed to have traded against ("consumed"), plus our resting paper orders. This is what MEXC would
// show if our orders were really there, so the compliance gauge and the post-only check read it.
// Changed levels are remembered ("dirty") so the book stream can emit them as one delta.
import type {BookSide, WireLevel} from '../../engine/events.js';
import {type SymbolRules} from '../../engine/symbolRules.js';
import {formatScaled, parseScaled} from '../../wire/scaledDecimal.js';
import {PriceLevels} from './priceLevels.js';

export const bookSides: readonly BookSide[] = ['bids', 'asks'];

export interface LevelRef {
  side: BookSide;
  ticks: number;
}

type PerSide<T> = Record<BookSide, T>;

export class OverlaidBook {
  /** false before the first real snapshot and whenever the real feed lost sync */
  synced = false;
  /** real wire levels skipped because the price was off tick or a number did not parse */
  malformedLevels = 0;
  private readonly real: PerSide<PriceLevels> = {bids: new PriceLevels(true), asks: new PriceLevels(false)};
  private readonly consumed: PerSide<Map<number, number>> = {bids: new Map(), asks: new Map()};
  private readonly paper: PerSide<Map<number, number>> = {bids: new Map(), asks: new Map()};
  private readonly dirty: PerSide<Set<number>> = {bids: new Set(), asks: new Set()};

  constructor(private readonly rules: Pick<SymbolRules, 'priceDecimals' | 'qtyDecimals'>) {}

  // ---- the real feed ----------------------------------------------------------------------------------

  /** Replaces the real book. Consumed liquidity is kept only where the level still exists (capped to it). */
  applySnapshot(bids: readonly WireLevel[], asks: readonly WireLevel[]): void {
    const incoming: PerSide<readonly WireLevel[]> = {bids, asks};
    for (const side of bookSides) {
      this.real[side].clear();
      for (const level of incoming[side]) {
        const parsed = this.parse(level);
        if (parsed) this.real[side].set(parsed.ticks, parsed.lots);
      }
      for (const ticks of [...this.consumed[side].keys()]) this.capConsumed(side, ticks);
      this.dirty[side].clear(); // a snapshot is sent whole
    }
    this.synced = true;
  }

  /** Applies absolute level sizes; returns the levels whose real size changed. */
  applyDelta(bids: readonly WireLevel[], asks: readonly WireLevel[]): LevelRef[] {
    const changed: LevelRef[] = [];
    const incoming: PerSide<readonly WireLevel[]> = {bids, asks};
    for (const side of bookSides) {
      for (const level of incoming[side]) {
        const parsed = this.parse(level);
        if (!parsed) continue;
        if (this.real[side].get(parsed.ticks) === parsed.lots) continue;
        this.real[side].set(parsed.ticks, parsed.lots);
        this.capConsumed(side, parsed.ticks);
        this.dirty[side].add(parsed.ticks);
        changed.push({side, ticks: parsed.ticks});
      }
    }
    return changed;
  }

  markUnsynced(): void {
    this.synced = false;
  }

  // ---- reading ----------------------------------------------------------------------------------------

  realSize(side: BookSide, ticks: number): number {
    return this.real[side].get(ticks);
  }

  /** Real lots at a level that our paper orders have not traded against. */
  available(side: BookSide, ticks: number): number {
    return this.real[side].get(ticks) - (this.consumed[side].get(ticks) ?? 0);
  }

  paperSize(side: BookSide, ticks: number): number {
    return this.paper[side].get(ticks) ?? 0;
  }

  overlaySize(side: BookSide, ticks: number): number {
    return this.available(side, ticks) + this.paperSize(side, ticks);
  }

  /** Real price levels best first (including fully consumed ones). */
  realBestFirst(side: BookSide): readonly number[] {
    return this.real[side].bestFirst();
  }

  /** Best price of the overlaid side (what MEXC would show), or null when empty. */
  bestOverlay(side: BookSide): number | null {
    let best: number | null = null;
    for (const ticks of this.real[side].bestFirst()) {
      if (this.available(side, ticks) > 0) {
        best = ticks;
        break;
      }
    }
    for (const ticks of this.paper[side].keys()) {
      if (best === null || (side === 'bids' ? ticks > best : ticks < best)) best = ticks;
    }
    return best;
  }

  // ---- our side of it ---------------------------------------------------------------------------------

  /** Our paper order traded `lots` against the real level (which stays in the feed but not in the overlay). */
  consume(side: BookSide, ticks: number, lots: number): void {
    if (lots <= 0) return;
    const total = Math.min(this.real[side].get(ticks), (this.consumed[side].get(ticks) ?? 0) + lots);
    this.consumed[side].set(ticks, total);
    this.dirty[side].add(ticks);
  }

  addPaper(side: BookSide, ticks: number, lots: number): void {
    if (lots <= 0) return;
    this.paper[side].set(ticks, this.paperSize(side, ticks) + lots);
    this.dirty[side].add(ticks);
  }

  removePaper(side: BookSide, ticks: number, lots: number): void {
    if (lots <= 0) return;
    const left = this.paperSize(side, ticks) - lots;
    if (left > 0) this.paper[side].set(ticks, left);
    else this.paper[side].delete(ticks);
    this.dirty[side].add(ticks);
  }

  // ---- output -----------------------------------------------------------------------------------------

  /** The whole overlaid book as wire levels, best first. */
  snapshotLevels(): {bids: WireLevel[]; asks: WireLevel[]} {
    const out = {bids: [] as WireLevel[], asks: [] as WireLevel[]};
    for (const side of bookSides) {
      const prices = new Set<number>(this.real[side].bestFirst());
      for (const ticks of this.paper[side].keys()) prices.add(ticks);
      const sorted = [...prices].sort(side === 'bids' ? (a, b) => b - a : (a, b) => a - b);
      for (const ticks of sorted) {
        const lots = this.overlaySize(side, ticks);
        if (lots > 0) out[side].push(this.wire(ticks, lots));
      }
    }
    return out;
  }

  /** Overlaid sizes of every level changed since the last call (size "0" deletes), or null if none. */
  takeDirty(): {bids: WireLevel[]; asks: WireLevel[]} | null {
    if (this.dirty.bids.size === 0 && this.dirty.asks.size === 0) return null;
    const out = {bids: [] as WireLevel[], asks: [] as WireLevel[]};
    for (const side of bookSides) {
      for (const ticks of this.dirty[side]) out[side].push(this.wire(ticks, this.overlaySize(side, ticks)));
      this.dirty[side].clear();
    }
    return out;
  }

  /** Forget pending changes (they will reach the engine inside the next snapshot). */
  dropDirty(): void {
    this.dirty.bids.clear();
    this.dirty.asks.clear();
  }

  // ---- helpers ----------------------------------------------------------------------------------------

  private capConsumed(side: BookSide, ticks: number): void {
    const consumed = this.consumed[side].get(ticks);
    if (consumed === undefined) return;
    const real = this.real[side].get(ticks);
    if (real <= 0) this.consumed[side].delete(ticks);
    else if (consumed > real) this.consumed[side].set(ticks, real);
  }

  private parse([price, size]: WireLevel): {ticks: number; lots: number} | null {
    try {
      const ticks = parseScaled(price, this.rules.priceDecimals);
      // a price finer than our tick cannot be represented: skip it rather than merge it into a neighbour
      const decimals = /^\d*\.(\d*?)0*$/.exec(price.trim())?.[1]?.length ?? 0;
      if (decimals > this.rules.priceDecimals || ticks <= 0) {
        this.malformedLevels += 1;
        return null;
      }
      const lots = parseScaled(size, this.rules.qtyDecimals);
      if (lots < 0) throw new Error('negative size');
      return {ticks, lots};
    } catch {
      this.malformedLevels += 1;
      return null;
    }
  }

  private wire(ticks: number, lots: number): WireLevel {
    return [formatScaled(ticks, this.rules.priceDecimals), formatScaled(Math.max(0, lots), this.rules.qtyDecimals)];
  }
}
