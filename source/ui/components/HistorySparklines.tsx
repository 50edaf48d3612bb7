import React from 'react';
import {Box, Text} from 'ink';
import type {MinutePoint} from '../../engine/view/snapshot.js';
import {formatFraction, formatRate, formatSpan} from '../viewModel/format.js';
import {
  BASE_RATIO_MIN_HEIGHT,
  baseRatioOf,
  DEPTH_SCALE,
  depthRatioOf,
  historySeries,
  historyWindow,
  PASS_SCALE,
  passRateOf,
  type HistoryWindow,
} from '../viewModel/history.js';
import {SPARKLINE_LINES} from '../viewModel/layout.js';
import {blockFor, rangeOf, sparkline, withMinHeight, type SparkScale, type SparkValue} from '../viewModel/sparkline.js';
import type {Tone} from '../viewModel/theme.js';
import {rateGrade} from './ComplianceGauge.js';
import {useTheme} from '../hooks/use-theme.js';

const LABEL_WIDTH = 6;
/** room after the blocks for the line's reading ("  low 92.3%", "  now 1.12×", "  48.1–52.3%") */
const TAIL_WIDTH = 13;

/** Columns left for the blocks in a panel `width` columns wide. */
export function sparkWidth(width: number): number {
  return Math.max(0, width - LABEL_WIDTH - TAIL_WIDTH);
}

/**
 * The last hours as sparklines (docs/strategy.md §19.4), exactly SPARKLINE_LINES lines: the span and how many
 * minutes a column holds; the per-minute pass rate (coloured by the gauge's grades); bid and ask depth over
 * the target (▅ and up: at target); the base ratio between its own lowest and highest (over at least one
 * percentage point). A blank column is a stretch without samples (the bot was down).
 */
export function HistorySparklines(props: {history: readonly MinutePoint[]; nowMinute: number; width: number}): React.JSX.Element {
  const {history, nowMinute} = props;
  const theme = useTheme();
  const columns = sparkWidth(props.width);
  const window = historyWindow(history, nowMinute, columns);
  if (window === null) {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end">
          <Text bold>history</Text>
          <Text dimColor>{'  no minutes recorded yet'}</Text>
        </Text>
        {Array.from({length: SPARKLINE_LINES - 1}, (_, index) => (
          <Text key={index}> </Text>
        ))}
      </Box>
    );
  }
  const pass = historySeries(history, window, passRateOf);
  const bid = historySeries(history, window, depthRatioOf('bid'));
  const ask = historySeries(history, window, depthRatioOf('ask'));
  const base = historySeries(history, window, baseRatioOf);
  const lowestPass = rangeOf(pass)?.min ?? null;
  const baseRange = rangeOf(base);
  const last = history[history.length - 1]!;
  const nowRatio = (depth: number): string => (last.target > 0 ? `now ${(depth / last.target).toFixed(2)}×` : 'now —');
  return (
    <Box flexDirection="column">
      <SpanLine window={window} />
      <Text wrap="truncate-end">
        <Text>{'pass'.padEnd(LABEL_WIDTH)}</Text>
        <PassBlocks values={pass} width={columns} />
        <Text dimColor>{tail(`low ${formatRate(lowestPass === null ? null : lowestPass * 100)}`)}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text>{'bid'.padEnd(LABEL_WIDTH)}</Text>
        <Text color={theme.tone.bid}>{sparkline(bid, columns, DEPTH_SCALE).padEnd(columns)}</Text>
        <Text dimColor>{tail(nowRatio(last.bidDepth))}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text>{'ask'.padEnd(LABEL_WIDTH)}</Text>
        <Text color={theme.tone.ask}>{sparkline(ask, columns, DEPTH_SCALE).padEnd(columns)}</Text>
        <Text dimColor>{tail(nowRatio(last.askDepth))}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text>{'base'.padEnd(LABEL_WIDTH)}</Text>
        <Text>{sparkline(base, columns, baseRange === null ? undefined : withMinHeight(baseRange, BASE_RATIO_MIN_HEIGHT)).padEnd(columns)}</Text>
        <Text dimColor>{tail(rangeText(baseRange))}</Text>
      </Text>
    </Box>
  );
}

const tail = (text: string): string => `  ${text}`;

/** "48.0–49.7%", or one figure when both ends read the same. */
function rangeText(range: SparkScale | null): string {
  if (range === null) return '—';
  const [low, high] = [formatFraction(range.min, 1), formatFraction(range.max, 1)];
  return low === high ? high : `${low.replace('%', '')}–${high}`;
}

function SpanLine({window}: {window: HistoryWindow}): React.JSX.Element {
  const perColumn = window.minutesPerColumn === 1 ? 'a minute' : `${window.minutesPerColumn} min`;
  return (
    <Text wrap="truncate-end">
      <Text bold>history</Text>
      <Text>{`  last ${formatSpan(window.spanMinutes)}, ${perColumn} a column`}</Text>
      <Text dimColor>{'  pass █ ≥99%  depth ▅ = target'}</Text>
    </Text>
  );
}

/** The pass-rate blocks, each run of one grade in the grade's colour (the height says the same without it). */
function PassBlocks(props: {values: readonly SparkValue[]; width: number}): React.JSX.Element {
  const theme = useTheme();
  const runs: Array<{tone: Tone | null; text: string}> = [];
  for (const value of props.values) {
    const tone = value === null ? null : rateGrade(value * 100).tone;
    const block = blockFor(value, PASS_SCALE);
    const previous = runs[runs.length - 1];
    if (previous !== undefined && previous.tone === tone) previous.text += block;
    else runs.push({tone, text: block});
  }
  return (
    <Text>
      {runs.map((run, index) => (
        <Text key={index} color={run.tone === null ? undefined : theme.tone[run.tone]}>
          {run.text}
        </Text>
      ))}
      {' '.repeat(Math.max(0, props.width - props.values.length))}
    </Text>
  );
}
