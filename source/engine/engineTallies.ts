// What the engine counts beyond its flat counters, for the metrics endpoint (docs/monitoring.md §1):
// rejections by reason, fills per side in base and quote, and how long the consumer takes over a batch
// that ends in a decision. Written only by the consumer; the snapshot carries a copy.
import type {RejectReason} from './events.js';

export interface FillTally {
  count: number;
  /** base units filled */
  base: number;
  /** quote value filled (price × quantity) */
  quote: number;
}

/** Fixed buckets, so the snapshot can carry the histogram and Prometheus can aggregate it. */
export interface LatencyHistogram {
  /** bucket upper bounds in seconds, ascending; an implicit +Inf bucket follows */
  bounds: readonly number[];
  /** observations per bucket (not cumulative): bounds.length + 1 entries, the last for +Inf */
  counts: number[];
  sumSec: number;
  count: number;
}

export interface EngineTallies {
  rejectedByReason: Partial<Record<RejectReason, number>>;
  fills: {bid: FillTally; ask: FillTally};
  decisionLatency: LatencyHistogram;
}

/** 50 µs to 250 ms: a decision pass normally takes well under a millisecond (docs/monitoring.md §1). */
export const DECISION_LATENCY_BOUNDS_SEC: readonly number[] = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

export function createTallies(): EngineTallies {
  const fill = (): FillTally => ({count: 0, base: 0, quote: 0});
  return {
    rejectedByReason: {},
    fills: {bid: fill(), ask: fill()},
    decisionLatency: {bounds: DECISION_LATENCY_BOUNDS_SEC, counts: new Array<number>(DECISION_LATENCY_BOUNDS_SEC.length + 1).fill(0), sumSec: 0, count: 0},
  };
}

export function observeLatency(histogram: LatencyHistogram, seconds: number): void {
  let bucket = histogram.bounds.findIndex((bound) => seconds <= bound);
  if (bucket === -1) bucket = histogram.bounds.length;
  histogram.counts[bucket]!++;
  histogram.sumSec += seconds;
  histogram.count++;
}

export function copyTallies(tallies: EngineTallies): EngineTallies {
  return {
    rejectedByReason: {...tallies.rejectedByReason},
    fills: {bid: {...tallies.fills.bid}, ask: {...tallies.fills.ask}},
    decisionLatency: {...tallies.decisionLatency, counts: [...tallies.decisionLatency.counts]},
  };
}
