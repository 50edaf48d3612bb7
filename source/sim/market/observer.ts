// The independent compliance observer: samples the simulator's own MEXC book (every participant, ours
// included) at a fixed cadence and keeps the figures the listing rule is judged on — spread < 2 % and
// depth within ±2 % of mid per side (the strict reading) and combined. It reads the matching engine only,
// never the bot's state, so it is the ground truth for the bot's own gauge.
import type {MatchingEngine} from '../mexc/matchingEngine.js';
import type {SimSymbol} from '../mexc/simSymbol.js';

export const OBSERVER_BAND = 0.02;
export const OBSERVER_MAX_SPREAD = 0.02;
export const OBSERVER_MIN_DEPTH_USDT = 1000;

export interface ObserverSample {
  time: number;
  mid: number | null;
  spreadPct: number | null;
  bidDepthUsdt: number;
  askDepthUsdt: number;
  combinedDepthUsdt: number;
  passPerSide: boolean;
  passCombined: boolean;
  /** why the per-side reading failed, null when it passed */
  reason: string | null;
}

export interface ObserverSummary {
  samples: number;
  /** share of samples passing with each side ≥ 1,000 USDT, in percent */
  passPerSidePct: number;
  /** share of samples passing with bid + ask ≥ 1,000 USDT, in percent */
  passCombinedPct: number;
  longestGapSec: number;
  currentGapSec: number;
  current: ObserverSample | null;
  lastFailure: {time: number; reason: string} | null;
  rule: {maxSpreadPct: number; bandPct: number; minDepthUsdt: number};
}

/** One sample of a book given as best-first levels in ticks/lots. */
export function sampleBook(book: MatchingEngine, rules: SimSymbol, time: number): ObserverSample {
  const tick = 10 ** -rules.priceDecimals;
  const lot = 10 ** -rules.qtyDecimals;
  const bids = book.levels('BUY');
  const asks = book.levels('SELL');
  const bestBid = bids[0]?.[0];
  const bestAsk = asks[0]?.[0];
  if (bestBid === undefined || bestAsk === undefined) {
    const reason = bestBid === undefined ? 'no bids' : 'no asks';
    return {time, mid: null, spreadPct: null, bidDepthUsdt: 0, askDepthUsdt: 0, combinedDepthUsdt: 0, passPerSide: false, passCombined: false, reason};
  }
  const midTicks = (bestBid + bestAsk) / 2;
  const spread = (bestAsk - bestBid) / midTicks;
  let bidDepth = 0;
  for (const [price, lots] of bids) {
    if (price < midTicks * (1 - OBSERVER_BAND)) break;
    bidDepth += price * tick * lots * lot;
  }
  let askDepth = 0;
  for (const [price, lots] of asks) {
    if (price > midTicks * (1 + OBSERVER_BAND)) break;
    askDepth += price * tick * lots * lot;
  }
  const spreadOk = spread < OBSERVER_MAX_SPREAD;
  const reasons: string[] = [];
  if (!spreadOk) reasons.push(`spread ${(spread * 100).toFixed(2)}% ≥ 2%`);
  if (bidDepth < OBSERVER_MIN_DEPTH_USDT) reasons.push(`bid depth ${bidDepth.toFixed(0)} < 1000 USDT`);
  if (askDepth < OBSERVER_MIN_DEPTH_USDT) reasons.push(`ask depth ${askDepth.toFixed(0)} < 1000 USDT`);
  return {
    time,
    mid: midTicks * tick,
    spreadPct: spread * 100,
    bidDepthUsdt: bidDepth,
    askDepthUsdt: askDepth,
    combinedDepthUsdt: bidDepth + askDepth,
    passPerSide: reasons.length === 0,
    passCombined: spreadOk && bidDepth + askDepth >= OBSERVER_MIN_DEPTH_USDT,
    reason: reasons.length === 0 ? null : reasons.join('; '),
  };
}

export class ComplianceObserver {
  private samples = 0;
  private passPerSide = 0;
  private passCombined = 0;
  private gapSamples = 0;
  private longestGapSamples = 0;
  private current: ObserverSample | null = null;
  private lastFailure: {time: number; reason: string} | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly book: MatchingEngine,
    private readonly rules: SimSymbol,
    private readonly now: () => number,
    private readonly intervalMs = 1000,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): ObserverSample {
    const sample = sampleBook(this.book, this.rules, this.now());
    this.samples++;
    if (sample.passPerSide) {
      this.passPerSide++;
      this.gapSamples = 0;
    } else {
      this.gapSamples++;
      this.longestGapSamples = Math.max(this.longestGapSamples, this.gapSamples);
      this.lastFailure = {time: sample.time, reason: sample.reason ?? 'failed'};
    }
    if (sample.passCombined) this.passCombined++;
    this.current = sample;
    return sample;
  }

  summary(): ObserverSummary {
    const pct = (count: number) => (this.samples === 0 ? 0 : (count / this.samples) * 100);
    const seconds = this.intervalMs / 1000;
    return {
      samples: this.samples,
      passPerSidePct: pct(this.passPerSide),
      passCombinedPct: pct(this.passCombined),
      longestGapSec: this.longestGapSamples * seconds,
      currentGapSec: this.gapSamples * seconds,
      current: this.current,
      lastFailure: this.lastFailure,
      rule: {maxSpreadPct: OBSERVER_MAX_SPREAD * 100, bandPct: OBSERVER_BAND * 100, minDepthUsdt: OBSERVER_MIN_DEPTH_USDT},
    };
  }

  close(): void {
    clearInterval(this.timer);
  }
}
