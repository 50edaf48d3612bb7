// Market depth and spread of one book, optionally with our own resting orders taken out (so the
// engine can see what *others* provide, and price from a market we do not move ourselves).
import type {OrderBook} from './orderbook.js';
import type {DepthReading} from '../view/snapshot.js';
import type {BookSide} from '../events.js';
import {othersSize} from './othersSize.js';

export {othersSize};

/** Our own resting size per price level, ticks -> base size to exclude from the book. */
export interface OwnLevels {
  bids: ReadonlyMap<number, number>;
  asks: ReadonlyMap<number, number>;
}

export const NO_OWN_LEVELS: OwnLevels = {bids: new Map(), asks: new Map()};

// A level exactly on the band edge counts; this absorbs the float error of mid·(1±pct)·10^decimals.
const EDGE = 1e-12;

/** Best price (ticks) on a side after exclusion, or null when nothing is left. */
export function bestAfterExclusion(book: OrderBook, side: BookSide, exclude?: OwnLevels): number | null {
  if (!exclude) return side === 'bids' ? book.bestBid() : book.bestAsk();
  const own = exclude[side];
  if (own.size === 0) return side === 'bids' ? book.bestBid() : book.bestAsk();
  let best: number | null = null;
  book.forEachLevel(side, (ticks, size) => {
    if (othersSize(size, own.get(ticks)) > 0) {
      best = ticks;
      return false;
    }
    return true;
  });
  return best;
}

/** Mid in quote units after exclusion; null without a two-sided market. */
export function midAfterExclusion(book: OrderBook, exclude?: OwnLevels): number | null {
  const bid = bestAfterExclusion(book, 'bids', exclude);
  const ask = bestAfterExclusion(book, 'asks', exclude);
  if (bid === null || ask === null) return null;
  return book.ticksToPrice(bid + ask) / 2;
}

/**
 * USDT value of bids priced >= mid·(1−pct) and asks priced <= mid·(1+pct). `mid` defaults to the book's
 * mid after exclusion; without a mid (one-sided or empty book) the reading is all zeros.
 */
export function marketDepth(book: OrderBook, pct: number, opts: {exclude?: OwnLevels; mid?: number} = {}): DepthReading {
  const mid = opts.mid ?? midAfterExclusion(book, opts.exclude);
  if (mid === null || !Number.isFinite(mid) || mid <= 0 || !(pct >= 0)) return {bid: 0, ask: 0, combined: 0};
  const scale = 10 ** book.priceDecimals;
  const bid = book.valueWithin('bids', mid * (1 - pct) * scale * (1 - EDGE), opts.exclude?.bids);
  const ask = book.valueWithin('asks', mid * (1 + pct) * scale * (1 + EDGE), opts.exclude?.asks);
  return {bid, ask, combined: bid + ask};
}

/** (bestAsk − bestBid) / mid after exclusion; null without a two-sided market. */
export function marketSpread(book: OrderBook, exclude?: OwnLevels): number | null {
  const bid = bestAfterExclusion(book, 'bids', exclude);
  const ask = bestAfterExclusion(book, 'asks', exclude);
  if (bid === null || ask === null) return null;
  return (ask - bid) / ((ask + bid) / 2);
}

/** Quote value of our own levels inside the band around `mid` (capped by what the book shows there). */
export function ownDepth(book: OrderBook, own: OwnLevels, pct: number, mid: number | null): DepthReading {
  if (mid === null || !Number.isFinite(mid) || mid <= 0) return {bid: 0, ask: 0, combined: 0};
  const scale = 10 ** book.priceDecimals;
  const low = mid * (1 - pct) * scale * (1 - EDGE);
  const high = mid * (1 + pct) * scale * (1 + EDGE);
  let bid = 0;
  for (const [ticks, size] of own.bids) {
    if (ticks >= low) bid += book.ticksToPrice(ticks) * Math.min(size, book.sizeAt('bids', ticks));
  }
  let ask = 0;
  for (const [ticks, size] of own.asks) {
    if (ticks <= high) ask += book.ticksToPrice(ticks) * Math.min(size, book.sizeAt('asks', ticks));
  }
  return {bid, ask, combined: bid + ask};
}
