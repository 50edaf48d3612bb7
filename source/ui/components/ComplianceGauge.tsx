import React from 'react';
import {Box, Text} from 'ink';
import type {ComplianceGauges, PassRates} from '../../engine/view/snapshot.js';
import {formatClock, formatDuration, formatFraction, formatRate, formatUsdt} from '../viewModel/format.js';
import type {Tone} from '../viewModel/theme.js';
import {useTheme} from '../hooks/use-theme.js';

/** Grades for a pass rate over a window. MEXC publishes no threshold; these only steer the eye. */
export const RATE_OK = 99;
export const RATE_LOW = 95;

export function rateGrade(rate: number | null): {word: string; tone: Tone | null} {
  if (rate === null) return {word: 'n/a', tone: null};
  if (rate >= RATE_OK) return {word: 'OK', tone: 'ok'};
  if (rate >= RATE_LOW) return {word: 'LOW', tone: 'warn'};
  return {word: 'BAD', tone: 'bad'};
}

/**
 * The compliance gauges in four lines: the current sample (PASS/FAIL and why), the 1 h and 24 h pass rates
 * per criterion, and the streak / longest gap / last failure. Colour doubles the words, never replaces them.
 */
export function ComplianceGauge(props: {compliance: ComplianceGauges; depthTarget: number}): React.JSX.Element {
  const {compliance, depthTarget} = props;
  return (
    <Box flexDirection="column">
      <NowLine compliance={compliance} depthTarget={depthTarget} />
      <WindowLine label="1h" rates={compliance.lastHour} />
      <WindowLine label="24h" rates={compliance.lastDay} />
      <StreakLine compliance={compliance} />
    </Box>
  );
}

function NowLine(props: {compliance: ComplianceGauges; depthTarget: number}): React.JSX.Element {
  const theme = useTheme();
  const sample = props.compliance.now;
  if (sample === null) {
    return (
      <Text wrap="truncate-end">
        <Text>{'now  '}</Text>
        <Text bold color={theme.tone.warn}>{'----'}</Text>
        <Text dimColor>{'  no sample yet'}</Text>
      </Text>
    );
  }
  const sideTone = (depth: number): string | undefined => (depth >= props.depthTarget ? theme.tone.ok : theme.tone.warn);
  return (
    <Text wrap="truncate-end">
      <Text>{'now  '}</Text>
      <Text bold color={sample.pass ? theme.tone.ok : theme.tone.bad}>{sample.pass ? 'PASS' : 'FAIL'}</Text>
      <Text>{`  spread ${formatFraction(sample.spread)}  bid `}</Text>
      <Text color={sideTone(sample.bidDepth)}>{formatUsdt(sample.bidDepth)}</Text>
      <Text>{'  ask '}</Text>
      <Text color={sideTone(sample.askDepth)}>{formatUsdt(sample.askDepth)}</Text>
      <Text>{`  comb ${formatUsdt(sample.combinedDepth)} `}</Text>
      <Text color={sample.passCombined ? theme.tone.ok : theme.tone.bad}>{sample.passCombined ? 'PASS' : 'FAIL'}</Text>
      {sample.reason === null ? (
        <Text dimColor>{`  target ${formatUsdt(props.depthTarget)}`}</Text>
      ) : (
        <Text color={theme.tone.bad}>{`  ${sample.reason}`}</Text>
      )}
    </Text>
  );
}

function WindowLine(props: {label: string; rates: PassRates}): React.JSX.Element {
  const theme = useTheme();
  const {rates} = props;
  const grade = rateGrade(rates.samples === 0 ? null : rates.perSide);
  const colour = grade.tone === null ? undefined : theme.tone[grade.tone];
  const part = (name: string, value: number | null): string => `  ${name} ${formatRate(value).replace('%', '')}`;
  return (
    <Text wrap="truncate-end">
      <Text>{props.label.padEnd(5)}</Text>
      <Text bold color={colour}>{`${formatRate(rates.samples === 0 ? null : rates.perSide).padStart(6)} ${grade.word.padEnd(3)}`}</Text>
      <Text>{part('bid', rates.bid) + part('ask', rates.ask) + part('spr', rates.spread) + part('comb', rates.combined)}</Text>
      <Text dimColor>{`  ${rates.samples.toLocaleString('en-US')} samples`}</Text>
    </Text>
  );
}

function StreakLine(props: {compliance: ComplianceGauges}): React.JSX.Element {
  const theme = useTheme();
  const {streakSec, longestGapSec, lastFailure} = props.compliance;
  const passing = streakSec >= 0;
  return (
    <Text wrap="truncate-end">
      <Text>{'streak '}</Text>
      <Text bold color={passing ? theme.tone.ok : theme.tone.bad}>{`${passing ? 'PASS' : 'FAIL'} ${formatDuration(streakSec)}`}</Text>
      <Text>{`  longest gap ${longestGapSec > 0 ? formatDuration(longestGapSec) : 'none'}`}</Text>
      {lastFailure === null ? (
        <Text dimColor>{'  no failure recorded'}</Text>
      ) : (
        <Text>
          <Text>{`  last fail ${formatClock(lastFailure.at)} `}</Text>
          <Text color={theme.tone.warn}>{lastFailure.reason}</Text>
        </Text>
      )}
    </Text>
  );
}
