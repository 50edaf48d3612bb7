import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {ComplianceView, NowLineView, StreakLineView, WindowLineView} from '../viewModel/complianceView.js';
import {useTheme} from '../hooks/use-theme.js';

export {RATE_LOW, RATE_OK, rateGrade} from '../viewModel/complianceView.js';

/**
 * The compliance gauges in four lines: the current sample (PASS/FAIL and why), the 1 h and 24 h pass rates
 * per criterion, and the streak / longest gap / last failure. Colour doubles the words, never replaces them.
 */
export const ComplianceGauge = memo(function ComplianceGauge({view}: {view: ComplianceView}): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <NowLine line={view.now} />
      <WindowLine line={view.lastHour} />
      <WindowLine line={view.lastDay} />
      <StreakLine line={view.streak} />
    </Box>
  );
});

function NowLine({line}: {line: NowLineView}): React.JSX.Element {
  const theme = useTheme();
  if (!line.sample) {
    return (
      <Text wrap="truncate-end">
        <Text>{'now  '}</Text>
        <Text bold color={theme.tone.warn}>{'----'}</Text>
        <Text dimColor>{'  no sample yet'}</Text>
      </Text>
    );
  }
  const sideTone = (atTarget: boolean): string | undefined => (atTarget ? theme.tone.ok : theme.tone.warn);
  return (
    <Text wrap="truncate-end">
      <Text>{'now  '}</Text>
      <Text bold color={line.pass ? theme.tone.ok : theme.tone.bad}>{line.pass ? 'PASS' : 'FAIL'}</Text>
      <Text>{`  spread ${line.spread}  bid `}</Text>
      <Text color={sideTone(line.bid.atTarget)}>{line.bid.text}</Text>
      <Text>{'  ask '}</Text>
      <Text color={sideTone(line.ask.atTarget)}>{line.ask.text}</Text>
      <Text>{`  comb ${line.combined} `}</Text>
      <Text color={line.passCombined ? theme.tone.ok : theme.tone.bad}>{line.passCombined ? 'PASS' : 'FAIL'}</Text>
      {line.reason === null ? <Text dimColor>{`  target ${line.target}`}</Text> : <Text color={theme.tone.bad}>{`  ${line.reason}`}</Text>}
    </Text>
  );
}

function WindowLine({line}: {line: WindowLineView}): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Text>{line.label}</Text>
      <Text bold color={line.tone === null ? undefined : theme.tone[line.tone]}>{line.rate}</Text>
      <Text>{line.criteria}</Text>
      <Text dimColor>{`  ${line.samples}`}</Text>
    </Text>
  );
}

function StreakLine({line}: {line: StreakLineView}): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Text>{'streak '}</Text>
      <Text bold color={line.passing ? theme.tone.ok : theme.tone.bad}>{line.streak}</Text>
      <Text>{`  longest gap ${line.longestGap}`}</Text>
      {line.lastFailure === null ? (
        <Text dimColor>{'  no failure recorded'}</Text>
      ) : (
        <Text>
          <Text>{`  last fail ${line.lastFailure.clock} `}</Text>
          <Text color={theme.tone.warn}>{line.lastFailure.reason}</Text>
        </Text>
      )}
    </Text>
  );
}
