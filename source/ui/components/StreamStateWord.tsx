import React from 'react';
import {Text} from 'ink';
import type {StreamWord} from '../viewModel/streamWord.js';
import {useTheme} from '../hooks/use-theme.js';

export {streamWord} from '../viewModel/streamWord.js';

/** A stream's state word (viewModel/streamWord.ts), bold when it is trouble. */
export function StreamStateWord({state}: {state: StreamWord}): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text bold={state.tone !== 'ok'} color={theme.tone[state.tone]}>
      {state.word}
    </Text>
  );
}
