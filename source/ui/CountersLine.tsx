import React from 'react';
import {Text} from 'ink';
import type {EngineCounters} from '../engine/snapshot.js';
import {useTheme} from './use-theme.js';

/** Engine counters: orders, requests and their limits, data problems, queue pressure. */
export function CountersLine(props: {counters: EngineCounters}): React.JSX.Element {
  const c = props.counters;
  const theme = useTheme();
  const trouble = (value: number): string | undefined => (value > 0 ? theme.tone.warn : undefined);
  return (
    <Text wrap="truncate-end">
      <Text dimColor>counters</Text>
      <Text>{`  placed ${c.ordersPlaced} cancelled ${c.ordersCancelled} fills ${c.fills}`}</Text>
      <Text color={trouble(c.ordersRejected)}>{` rejected ${c.ordersRejected}`}</Text>
      <Text color={trouble(c.unknownOutcomes)}>{` unknown ${c.unknownOutcomes}`}</Text>
      <Text>{`  requests ${c.requests}`}</Text>
      <Text color={trouble(c.throttled)}>{` throttled ${c.throttled}`}</Text>
      <Text color={trouble(c.rateLimited)}>{` 429 ${c.rateLimited}`}</Text>
      <Text>{`  resyncs ${c.resyncs}`}</Text>
      <Text color={trouble(c.malformed)}>{` malformed ${c.malformed}`}</Text>
      <Text color={trouble(c.errors)}>{` errors ${c.errors}`}</Text>
      <Text>{`  queue ${c.queueDepth}/${c.queueHighWater}`}</Text>
    </Text>
  );
}
