// Order statistics for benchmark samples (machines are noisy: medians across rounds, percentiles of latencies).

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const nowNs = (): bigint => process.hrtime.bigint();
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** min / median / max of a figure's rounds (every report figure gives all three). */
export interface Spread {
  min: number;
  median: number;
  max: number;
  /** how many samples */
  n: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return {min: Number.NaN, median: Number.NaN, max: Number.NaN, n: 0};
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {min, median: median(values), max, n: values.length};
}
