// Fair price: where our quotes centre. The default blends both venues' mids weighted by the liquidity each
// shows within the band (the original bot's cross-exchange formula, docs/strategy.md §4), then clamps the
// result into KuCoin's best bid/ask so a thin or stale-looking MEXC book can never pull our quotes outside
// the reference market. Every model is clamped the same way.
import type {FairPriceModel} from '../../config/configSchema.js';
import {marketDepth, midAfterExclusion, type OwnLevels} from './depth.js';
import type {OrderBook} from './orderbook.js';

export interface FairPriceResult {
  price: number;
  mexcMid: number | null;
  kucoinMid: number | null;
  mexcDepth: number | null;
  kucoinDepth: number | null;
}

export interface FairPriceInput {
  model: FairPriceModel;
  mexc: OrderBook;
  kucoin: OrderBook;
  /** band for the depth weights, as a fraction (0.02 = ±2 %) */
  pct: number;
  /** our resting MEXC orders; excluded from MEXC's mid and depth unless includeOwnOrders */
  mexcOwn?: OwnLevels;
  includeOwnOrders: boolean;
}

/**
 * Null when KuCoin has no two-sided book (no reference, no price). MEXC data is used only when its book
 * is synced and two-sided after exclusion; otherwise the models that need it fall back to KuCoin's mid.
 * Staleness is the caller's concern (it decides whether a reference this old may still be used).
 */
export function fairPrice(input: FairPriceInput): FairPriceResult | null {
  const {kucoin, mexc, pct} = input;
  const kBidTicks = kucoin.bestBid();
  const kAskTicks = kucoin.bestAsk();
  if (kBidTicks === null || kAskTicks === null) return null;
  const kBid = kucoin.ticksToPrice(kBidTicks);
  const kAsk = kucoin.ticksToPrice(kAskTicks);
  const kucoinMid = (kBid + kAsk) / 2;
  const kucoinDepth = marketDepth(kucoin, pct, {mid: kucoinMid}).combined;

  const exclude = input.includeOwnOrders ? undefined : input.mexcOwn;
  const mexcMid = mexc.synced ? midAfterExclusion(mexc, exclude) : null;
  const mexcDepth = mexcMid === null ? null : marketDepth(mexc, pct, {exclude, mid: mexcMid}).combined;

  let raw: number;
  switch (input.model) {
    case 'cross-venue-depth-weighted': {
      // (mid_M·D_M + mid_K·D_K) / (D_M + D_K)
      const dM = mexcDepth ?? 0;
      const total = dM + kucoinDepth;
      raw = mexcMid === null || total <= 0 ? kucoinMid : (mexcMid * dM + kucoinMid * kucoinDepth) / total;
      break;
    }
    case 'kucoin-mid':
      raw = kucoinMid;
      break;
    case 'kucoin-microprice': {
      // (b·A + a·B) / (A + B): leans toward the side with less size (the one more likely to be taken)
      const bidSize = kucoin.sizeAt('bids', kBidTicks);
      const askSize = kucoin.sizeAt('asks', kAskTicks);
      const total = bidSize + askSize;
      raw = total > 0 ? (kBid * askSize + kAsk * bidSize) / total : kucoinMid;
      break;
    }
    case 'mexc-mid':
      raw = mexcMid ?? kucoinMid;
      break;
    default: {
      const never: never = input.model;
      throw new Error(`unknown fair price model ${String(never)}`);
    }
  }
  // a crossed reference book (bid > ask) is clamped to its mid rather than inverted
  const low = Math.min(kBid, kAsk);
  const high = Math.max(kBid, kAsk);
  const price = Math.min(high, Math.max(low, Number.isFinite(raw) ? raw : kucoinMid));
  return {price, mexcMid, kucoinMid, mexcDepth, kucoinDepth};
}
