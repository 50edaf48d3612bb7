import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {CountView, CountersView} from '../viewModel/countersView.js';
import {useTheme} from '../hooks/use-theme.js';

/** Engine counters in two lines: our orders; then requests and their limits, data problems, queue pressure. */
export const CountersPanel = memo(function CountersPanel({view}: {view: CountersView}): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text dimColor>{'orders    '}</Text>
        <Counts counts={view.orders} />
      </Text>
      <Text wrap="truncate-end">
        <Text dimColor>{'requests  '}</Text>
        <Counts counts={view.requests} />
        <Text dimColor>{'data '}</Text>
        <Counts counts={view.data} />
        <Text>{view.queue}</Text>
      </Text>
    </Box>
  );
});

function Counts({counts}: {counts: readonly CountView[]}): React.JSX.Element {
  const theme = useTheme();
  return (
    <>
      {counts.map((count, index) => (
        <Text key={index} color={count.warn ? theme.tone.warn : undefined}>
          {count.text}
        </Text>
      ))}
    </>
  );
}
