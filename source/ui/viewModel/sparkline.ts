// Sparklines: a row of values as a row of Unicode blocks, one column each. Pure, so scaling, gaps and
// downsampling are tested without a terminal (components/HistorySparklines.tsx draws them). A gap (null,
// NaN, ±Infinity: no samples then) is a space; nothing is interpolated over it.

/** The eight block heights, lowest first. */
export const SPARK_BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
export const SPARK_GAP = ' ';

/** A value of a sparkline; null where there is none. */
export type SparkValue = number | null;

/** The value range mapped onto the blocks: `min` is the lowest block, `max` the highest. */
export interface SparkScale {
  min: number;
  max: number;
}

const isValue = (value: SparkValue | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

/** The mean of the finite values; null when there is none. */
export function meanOf(values: readonly SparkValue[]): SparkValue {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (!isValue(value)) continue;
    sum += value;
    count += 1;
  }
  return count === 0 ? null : sum / count;
}

/** Means of consecutive chunks of `size` values from the first (the last chunk may be shorter). */
export function chunkMeans(values: readonly SparkValue[], size: number): SparkValue[] {
  const step = Math.max(1, Math.floor(size));
  const out: SparkValue[] = [];
  for (let start = 0; start < values.length; start += step) out.push(meanOf(values.slice(start, start + step)));
  return out;
}

/**
 * At most `width` values: unchanged (non-finite ones made null) when they fit, else the means of chunks of
 * ⌈length / width⌉ values. A chunk without any value stays a gap.
 */
export function downsampleMean(values: readonly SparkValue[], width: number): SparkValue[] {
  const columns = Math.max(0, Math.floor(width));
  if (columns === 0) return [];
  if (values.length <= columns) return values.map((value) => (isValue(value) ? value : null));
  return chunkMeans(values, Math.ceil(values.length / columns));
}

/** The lowest and highest finite values; null when there is none. */
export function rangeOf(values: readonly SparkValue[]): SparkScale | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!isValue(value)) continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return min === Infinity ? null : {min, max};
}

/**
 * The block for one value: the scale cut into eight equal bands, values outside clamped to the ends. A
 * scale without height (every value equal) puts the value on the middle block: a flat line, neither
 * "highest" nor "lowest".
 */
export function blockFor(value: SparkValue, scale: SparkScale): string {
  if (!isValue(value)) return SPARK_GAP;
  const height = scale.max - scale.min;
  if (!(height > 0)) return SPARK_BLOCKS[3];
  // the epsilon absorbs binary noise ((0.95 − 0.9) / 0.1 = 0.4999…) without moving real values up a band
  const band = Math.floor(((value - scale.min) / height) * SPARK_BLOCKS.length + 1e-9);
  return SPARK_BLOCKS[Math.min(SPARK_BLOCKS.length - 1, Math.max(0, band))] ?? SPARK_GAP;
}

/**
 * `values` as at most `width` blocks (downsampled by mean when there are more), scaled to `scale` or, without
 * one, to the values' own min and max. Empty when there are no values; never padded.
 */
export function sparkline(values: readonly SparkValue[], width: number, scale?: SparkScale): string {
  const columns = downsampleMean(values, width);
  const range = scale ?? rangeOf(columns);
  if (range === null) return columns.map(() => SPARK_GAP).join('');
  return columns.map((value) => blockFor(value, range)).join('');
}

/**
 * `range` grown about its middle to at least `height`: min/max scaling alone blows a wobble up to the full
 * eight blocks, so a line whose changes are too small to matter is kept near the middle.
 */
export function withMinHeight(range: SparkScale, height: number): SparkScale {
  if (range.max - range.min >= height) return range;
  const middle = (range.min + range.max) / 2;
  return {min: middle - height / 2, max: middle + height / 2};
}
