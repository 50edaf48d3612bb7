// One period of the ledger (an UTC hour, an UTC day, or since the ledger began): the sums over its fills
// and its P&L. P&L versus holding and mark-to-market are cumulative readings at a mark (ledgerMath.ts);
// a period stores them at its start and, once closed, at its end, so a period's figure is the change
// over it and consecutive periods add up to the whole (docs/strategy.md §19.2).
import type {MarkoutKey, PeriodBucket, PnlFigures} from '../view/ledgerView.js';

export type {PeriodBucket};

export function emptyFigures(from: number, to: number): PnlFigures {
  const zeroes = (): Record<MarkoutKey, number> => ({s1: 0, s10: 0, s60: 0});
  return {
    from,
    to,
    fills: 0,
    buys: 0,
    sells: 0,
    boughtBase: 0,
    soldBase: 0,
    boughtQuote: 0,
    soldQuote: 0,
    turnover: 0,
    fees: 0,
    baseChange: 0,
    quoteChange: 0,
    vsHold: 0,
    markToMarket: 0,
    realised: 0,
    markoutSums: zeroes(),
    markoutCounts: zeroes(),
    adverseSelection: 0,
  };
}

export function openBucket(key: number, from: number, until: number, startVsHold: number, startMarkToMarket: number): PeriodBucket {
  return {key, from, until, sums: emptyFigures(from, from), startVsHold, startMarkToMarket, end: null, journalled: false};
}

/** What one fill adds to a period's sums. */
export interface FillContribution {
  side: 'BUY' | 'SELL';
  qty: number;
  quote: number;
  feeQuote: number;
  baseChange: number;
  quoteChange: number;
  realised: number;
}

export function addFill(bucket: PeriodBucket, fill: FillContribution): void {
  const s = bucket.sums;
  s.fills++;
  if (fill.side === 'BUY') {
    s.buys++;
    s.boughtBase += fill.qty;
    s.boughtQuote += fill.quote;
  } else {
    s.sells++;
    s.soldBase += fill.qty;
    s.soldQuote += fill.quote;
  }
  s.turnover += fill.quote;
  s.fees += fill.feeQuote;
  s.baseChange += fill.baseChange;
  s.quoteChange += fill.quoteChange;
  s.realised += fill.realised;
}

export function addMarkout(bucket: PeriodBucket, key: MarkoutKey, value: number): void {
  bucket.sums.markoutSums[key] += value;
  bucket.sums.markoutCounts[key]++;
  if (key === 's60') bucket.sums.adverseSelection = -bucket.sums.markoutSums.s60;
}

/** The period's figures: its sums, and its P&L up to its end (closed) or up to `now` at the current readings. */
export function periodFigures(bucket: PeriodBucket, now: {at: number; vsHold: number; markToMarket: number}): PnlFigures {
  const end = bucket.end ?? now;
  return {
    ...bucket.sums,
    markoutSums: {...bucket.sums.markoutSums},
    markoutCounts: {...bucket.sums.markoutCounts},
    from: bucket.from,
    to: end.at,
    vsHold: end.vsHold - bucket.startVsHold,
    markToMarket: end.markToMarket - bucket.startMarkToMarket,
  };
}
