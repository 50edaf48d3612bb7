import React from 'react';
import {Text} from 'ink';
import type {StreamName} from '../../engine/view/snapshot.js';
import type {StreamHealth} from '../../engine/view/snapshot.js';
import {formatDuration} from '../viewModel/format.js';
import {StreamStateWord} from './StreamStateWord.js';

const STREAMS: ReadonlyArray<{name: StreamName; label: string}> = [
  {name: 'kucoin.book', label: 'kucoin'},
  {name: 'mexc.book', label: 'mexc'},
  {name: 'mexc.user', label: 'user'},
  {name: 'mexc.listenKey', label: 'key'},
  {name: 'mexc.rest', label: 'rest'},
];

/** Health of every stream on one line; the age of the last message and the reason when one is unhealthy. */
export function StreamHealthPanel(props: {streams: Record<StreamName, StreamHealth>; now: number; wide: boolean}): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      <Text dimColor>streams</Text>
      {STREAMS.map(({name, label}) => {
        const health = props.streams[name];
        const troubled = health.state !== 'live';
        const age = health.lastMessageAt === null ? null : (props.now - health.lastMessageAt) / 1000;
        return (
          <Text key={name}>
            <Text>{`  ${label} `}</Text>
            <StreamStateWord health={health} />
            {troubled && age !== null ? <Text dimColor>{` ${formatDuration(age)}`}</Text> : null}
            {troubled && props.wide && health.reason !== null ? <Text dimColor>{` (${health.reason})`}</Text> : null}
          </Text>
        );
      })}
    </Text>
  );
}
