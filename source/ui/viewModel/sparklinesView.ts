// What the history sparklines show (docs/strategy.md §19.4), exactly SPARKLINE_LINES lines: the span and
// how many minutes a column holds; the per-minute pass rate (in runs of the gauge's grades); bid and ask
// depth over the target (▅ and up: at target); the base ratio between its own lowest and highest (over at
// least one percentage point). A blank column is a stretch without samples (the bot was down).
import type {MinutePoint} from '../../engine/view/snapshot.js';
import {rateGrade} from './complianceView.js';
import {formatFraction, formatRate, formatSpan} from './format.js';
import {BASE_RATIO_MIN_HEIGHT, baseRatioOf, DEPTH_SCALE, depthRatioOf, historySeries, historyWindow, PASS_SCALE, passRateOf} from './history.js';
import {blockFor, rangeOf, sparkline, withMinHeight, type SparkScale, type SparkValue} from './sparkline.js';
import type {Tone} from './theme.js';

export const SPARK_LABEL_WIDTH = 6;
/** room after the blocks for the line's reading ("  low 92.3%", "  now 1.12×", "  48.1–52.3%") */
const TAIL_WIDTH = 13;

/** Columns left for the blocks in a panel `width` columns wide. */
export function sparkWidth(width: number): number {
  return Math.max(0, width - SPARK_LABEL_WIDTH - TAIL_WIDTH);
}

/** A run of pass-rate blocks of one grade (null: no grade, e.g. the blank of a gap). */
export interface PassRun {
  tone: Tone | null;
  text: string;
}

export interface SparkLineView {
  /** the blocks, padded to the panel's columns */
  blocks: string;
  /** the line's reading after the blocks */
  tail: string;
}

export type SparklinesView =
  | {kind: 'empty'}
  | {
      kind: 'lines';
      /** "last 6h, 6 min a column" */
      span: string;
      pass: {runs: PassRun[]; padding: string; tail: string};
      bid: SparkLineView;
      ask: SparkLineView;
      base: SparkLineView;
    };

export function sparklinesView(history: readonly MinutePoint[], nowMinute: number, width: number): SparklinesView {
  const columns = sparkWidth(width);
  const window = historyWindow(history, nowMinute, columns);
  if (window === null) return {kind: 'empty'};
  const pass = historySeries(history, window, passRateOf);
  const bid = historySeries(history, window, depthRatioOf('bid'));
  const ask = historySeries(history, window, depthRatioOf('ask'));
  const base = historySeries(history, window, baseRatioOf);
  const lowestPass = rangeOf(pass)?.min ?? null;
  const baseRange = rangeOf(base);
  const last = history[history.length - 1]!;
  const nowRatio = (depth: number): string => (last.target > 0 ? `now ${(depth / last.target).toFixed(2)}×` : 'now —');
  const perColumn = window.minutesPerColumn === 1 ? 'a minute' : `${window.minutesPerColumn} min`;
  return {
    kind: 'lines',
    span: `last ${formatSpan(window.spanMinutes)}, ${perColumn} a column`,
    pass: {
      runs: passRuns(pass),
      padding: ' '.repeat(Math.max(0, columns - pass.length)),
      tail: tail(`low ${formatRate(lowestPass === null ? null : lowestPass * 100)}`),
    },
    bid: {blocks: sparkline(bid, columns, DEPTH_SCALE).padEnd(columns), tail: tail(nowRatio(last.bidDepth))},
    ask: {blocks: sparkline(ask, columns, DEPTH_SCALE).padEnd(columns), tail: tail(nowRatio(last.askDepth))},
    base: {
      blocks: sparkline(base, columns, baseRange === null ? undefined : withMinHeight(baseRange, BASE_RATIO_MIN_HEIGHT)).padEnd(columns),
      tail: tail(rangeText(baseRange)),
    },
  };
}

const tail = (text: string): string => `  ${text}`;

/** "48.0–49.7%", or one figure when both ends read the same. */
function rangeText(range: SparkScale | null): string {
  if (range === null) return '—';
  const [low, high] = [formatFraction(range.min, 1), formatFraction(range.max, 1)];
  return low === high ? high : `${low.replace('%', '')}–${high}`;
}

/** The pass-rate blocks, each run of one grade together (the height says the same as the grade's colour). */
function passRuns(values: readonly SparkValue[]): PassRun[] {
  const runs: PassRun[] = [];
  for (const value of values) {
    const tone = value === null ? null : rateGrade(value * 100).tone;
    const block = blockFor(value, PASS_SCALE);
    const previous = runs[runs.length - 1];
    if (previous !== undefined && previous.tone === tone) previous.text += block;
    else runs.push({tone, text: block});
  }
  return runs;
}
