import React from 'react';
import {Box, Text} from 'ink';
import type {EngineCounters} from '../../engine/view/snapshot.js';
import {useTheme} from '../hooks/use-theme.js';

/** Engine counters in two lines: our orders; then requests and their limits, data problems, queue pressure. */
export function CountersPanel(props: {counters: EngineCounters}): React.JSX.Element {
  const c = props.counters;
  const theme = useTheme();
  const count = (label: string, value: number, trouble = false): React.JSX.Element => (
    <Text color={trouble && value > 0 ? theme.tone.warn : undefined}>{`${label} ${value.toLocaleString('en-US')}  `}</Text>
  );
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text dimColor>{'orders    '}</Text>
        {count('placed', c.ordersPlaced)}
        {count('cancelled', c.ordersCancelled)}
        {count('fills', c.fills)}
        {count('rejected', c.ordersRejected, true)}
        {count('unknown outcome', c.unknownOutcomes, true)}
      </Text>
      <Text wrap="truncate-end">
        <Text dimColor>{'requests  '}</Text>
        {count('sent', c.requests)}
        {count('throttled', c.throttled, true)}
        {count('429', c.rateLimited, true)}
        <Text dimColor>{'data '}</Text>
        {count('resyncs', c.resyncs)}
        {count('malformed', c.malformed, true)}
        {count('errors', c.errors, true)}
        <Text>{`queue ${c.queueDepth}/${c.queueHighWater}`}</Text>
      </Text>
    </Box>
  );
}
