import React, {memo} from 'react';
import {Text} from 'ink';
import type {StreamEntryView} from '../viewModel/streamHealthView.js';
import {StreamStateWord} from './StreamStateWord.js';

/** Health of every stream on one line; the age of the last message and the reason when one is unhealthy. */
export const StreamHealthPanel = memo(function StreamHealthPanel({view}: {view: readonly StreamEntryView[]}): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      <Text dimColor>streams</Text>
      {view.map((stream) => (
        <Text key={stream.label}>
          <Text>{`  ${stream.label} `}</Text>
          <StreamStateWord state={stream.state} />
          {stream.age === null ? null : <Text dimColor>{` ${stream.age}`}</Text>}
          {stream.reason === null ? null : <Text dimColor>{` (${stream.reason})`}</Text>}
        </Text>
      ))}
    </Text>
  );
});
