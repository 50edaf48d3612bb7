// The per-minute history (snapshot `history`, docs/strategy.md §19.4) laid out in sparkline columns: one
// column per minute, or per N minutes when there is more history than columns. Columns are aligned to epoch
// minutes (a column holds minutes k·N … k·N + N − 1), so a column's content does not slide as time passes.
// A minute without samples (the bot was down) is absent from the history and shows as a gap.
import type {MinutePoint} from '../../engine/view/snapshot.js';
import {chunkMeans, type SparkScale, type SparkValue} from './sparkline.js';

export interface HistoryWindow {
  /** minutes per column (1 when every minute has a column of its own) */
  minutesPerColumn: number;
  /** the first minute of the first column (epoch minute) */
  firstMinute: number;
  columns: number;
  /** minutes from the oldest point shown to the current minute, both included */
  spanMinutes: number;
}

/**
 * The columns for `points` up to `nowMinute` in at most `width` columns; null when there is nothing to show
 * (no points, no room). The current minute, still filling, is the last column.
 */
export function historyWindow(points: readonly MinutePoint[], nowMinute: number, width: number): HistoryWindow | null {
  const columnsMax = Math.floor(width);
  const oldest = points[0];
  if (oldest === undefined || columnsMax <= 0) return null;
  const lastMinute = Math.max(nowMinute, points[points.length - 1]!.minute);
  const extent = lastMinute - oldest.minute + 1;
  const minutesPerColumn = Math.max(1, Math.ceil(extent / columnsMax));
  const lastColumn = Math.floor(lastMinute / minutesPerColumn);
  // the oldest column may start before the oldest point (alignment); when that makes one column too many,
  // the oldest, partial one is left out
  const firstColumn = Math.max(Math.floor(oldest.minute / minutesPerColumn), lastColumn - columnsMax + 1);
  const firstMinute = firstColumn * minutesPerColumn;
  const shownOldest = Math.max(firstMinute, oldest.minute);
  return {minutesPerColumn, firstMinute, columns: lastColumn - firstColumn + 1, spanMinutes: lastMinute - shownOldest + 1};
}

/** One value per column: the mean of `pick` over the column's minutes that have a point (null: a gap). */
export function historySeries(points: readonly MinutePoint[], window: HistoryWindow, pick: (point: MinutePoint) => SparkValue): SparkValue[] {
  const minutes = window.columns * window.minutesPerColumn;
  const perMinute: SparkValue[] = Array.from({length: minutes}, () => null);
  for (const point of points) {
    const index = point.minute - window.firstMinute;
    if (index >= 0 && index < minutes) perMinute[index] = pick(point);
  }
  return chunkMeans(perMinute, window.minutesPerColumn);
}

/** The minute's per-side pass rate (0..1); null for a minute without samples. */
export const passRateOf = (point: MinutePoint): SparkValue => (point.samples > 0 ? point.pass / point.samples : null);

/** Depth over the target, capped at DEPTH_SCALE.max so one deep minute does not flatten the rest. */
export const depthRatioOf =
  (side: 'bid' | 'ask') =>
  (point: MinutePoint): SparkValue => {
    if (!(point.target > 0)) return null;
    const depth = side === 'bid' ? point.bidDepth : point.askDepth;
    return Math.min(DEPTH_SCALE.max, depth / point.target);
  };

export const baseRatioOf = (point: MinutePoint): SparkValue => point.baseRatio;

/** The base ratio is scaled between its own lowest and highest, over at least one percentage point. */
export const BASE_RATIO_MIN_HEIGHT = 0.01;

/**
 * Pass rate from 90 % to 100 %: a minute at 99 % or more (the gauge's OK, components/ComplianceGauge.tsx)
 * is a full block, 95 % (the floor of LOW) the fifth (▅), 90 % and anything below the lowest.
 */
export const PASS_SCALE: SparkScale = {min: 0.9, max: 1};

/**
 * Depth / target from 0.5 to 1.5, an eighth of the target a block: the target falls on the fifth block (▅),
 * so ▅ and up is a side at target; half the target or less is the lowest block, 1.5× or more the highest.
 */
export const DEPTH_SCALE: SparkScale = {min: 0.5, max: 1.5};
