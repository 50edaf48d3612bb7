import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {SPARKLINE_LINES} from '../viewModel/layout.js';
import {SPARK_LABEL_WIDTH, type SparkLineView, type SparklinesView} from '../viewModel/sparklinesView.js';
import {useTheme} from '../hooks/use-theme.js';

export {sparkWidth} from '../viewModel/sparklinesView.js';

/**
 * The last hours as sparklines (docs/strategy.md §19.4), exactly SPARKLINE_LINES lines: the span and how many
 * minutes a column holds; the per-minute pass rate (coloured by the gauge's grades); bid and ask depth over
 * the target (▅ and up: at target); the base ratio between its own lowest and highest (over at least one
 * percentage point). A blank column is a stretch without samples (the bot was down).
 */
export const HistorySparklines = memo(function HistorySparklines({view}: {view: SparklinesView}): React.JSX.Element {
  const theme = useTheme();
  if (view.kind === 'empty') {
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
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>history</Text>
        <Text>{`  ${view.span}`}</Text>
        <Text dimColor>{'  pass █ ≥99%  depth ▅ = target'}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text>{'pass'.padEnd(SPARK_LABEL_WIDTH)}</Text>
        <Text>
          {view.pass.runs.map((run, index) => (
            <Text key={index} color={run.tone === null ? undefined : theme.tone[run.tone]}>
              {run.text}
            </Text>
          ))}
          {view.pass.padding}
        </Text>
        <Text dimColor>{view.pass.tail}</Text>
      </Text>
      <SparkLine label="bid" line={view.bid} colour={theme.tone.bid} />
      <SparkLine label="ask" line={view.ask} colour={theme.tone.ask} />
      <SparkLine label="base" line={view.base} colour={undefined} />
    </Box>
  );
});

function SparkLine(props: {label: string; line: SparkLineView; colour: string | undefined}): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      <Text>{props.label.padEnd(SPARK_LABEL_WIDTH)}</Text>
      <Text color={props.colour}>{props.line.blocks}</Text>
      <Text dimColor>{props.line.tail}</Text>
    </Text>
  );
}
