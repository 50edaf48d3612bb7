import React, {memo} from 'react';
import {Text} from 'ink';
import {confirmQuestion, type KeyState} from '../viewModel/commandKeys.js';
import {useTheme} from '../hooks/use-theme.js';

/** Bottom line: the keys, or the pending confirmation, or the stopping notice; plus what the last key did. */
export const KeyBar = memo(function KeyBar(props: {keys: KeyState; paused: boolean; halted: boolean}): React.JSX.Element {
  const {keys, paused, halted} = props;
  const theme = useTheme();
  if (keys.stopping) {
    return (
      <Text bold color={theme.tone.warn} wrap="truncate-end">
        stopping: cancelling orders…
      </Text>
    );
  }
  if (keys.confirming !== null) {
    return (
      <Text wrap="truncate-end">
        <Text bold inverse color={theme.tone.warn}>{` ${confirmQuestion(keys.confirming)} `}</Text>
        <Text bold>{'  y = yes, any other key = no'}</Text>
      </Text>
    );
  }
  const key = (letter: string, label: string): React.JSX.Element => (
    <Text>
      <Text bold color={theme.tone.accent}>{letter}</Text>
      <Text>{` ${label}  `}</Text>
    </Text>
  );
  return (
    <Text wrap="truncate-end">
      {key('p', paused ? 'resume' : 'pause')}
      {key('c', 'cancel all')}
      {key('r', 'reset')}
      {key('k', halted ? 'un-halt' : 'kill')}
      {key('q', 'quit')}
      {key('?', 'help')}
      {keys.note === null ? null : <Text dimColor>{`· ${keys.note}`}</Text>}
    </Text>
  );
});
