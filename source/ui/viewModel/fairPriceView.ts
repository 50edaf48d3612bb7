// What the fair-price line shows: the fair price and its model (or, while the reference is stale, the
// fallback step with its start and the outage timer), both venues' spreads; the band and the model inputs
// when there is room.
import type {EngineSnapshot, PricingStep} from '../../engine/view/snapshot.js';
import {formatClock, formatFraction, formatPrice, formatUsdt} from './format.js';

/** What prices us when it is not the reference (docs/strategy.md §4.1). */
const FALLBACK_LABEL: Record<Exclude<PricingStep, 'reference'>, string> = {
  mexcOthers: "MEXC others' mid",
  heldLast: 'HELD last fair',
  holdingQuotes: 'stale reference, holding',
  none: 'no usable price',
};

export interface FairPriceView {
  /** null: no fair price */
  price: string | null;
  /** the model while the reference prices us, else the fallback step (a warning) */
  pricing: {fallback: boolean; text: string};
  spreads: string;
  /** band and model inputs (wide terminals only) */
  inputs: string | null;
}

export function fairPriceView(snapshot: EngineSnapshot, decimals: number, wide: boolean): FairPriceView {
  const {fair, spread, pricing} = snapshot;
  return {
    price: fair.price === null ? null : formatPrice(fair.price, Math.min(decimals + 1, 10)),
    pricing:
      pricing.step === 'reference'
        ? {fallback: false, text: fair.model}
        : {
            fallback: true,
            text: `${FALLBACK_LABEL[pricing.step]}${pricing.widenLevel > 0 ? ` (widened ${pricing.widenLevel})` : ''} since ${formatClock(pricing.since)}, ${pricing.outage}`,
          },
    spreads: `spread MEXC ${formatFraction(spread.mexc)} KuCoin ${formatFraction(spread.kucoin)}`,
    inputs: wide
      ? `band ±${formatFraction(snapshot.bandPct, 1)}  inputs MEXC mid ${formatPrice(fair.mexcMid, decimals)} depth ${formatUsdt(fair.mexcDepth)}` +
        ` · KuCoin mid ${formatPrice(fair.kucoinMid, decimals)} depth ${formatUsdt(fair.kucoinDepth)}`
      : null,
  };
}
