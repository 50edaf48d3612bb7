import React, {memo} from 'react';
import {Text} from 'ink';
import type {SideStatusView} from '../viewModel/sideStatusView.js';
import {useTheme} from '../hooks/use-theme.js';

/**
 * One side's quoting state on one line: QUOTING / HELD, our depth in the band against the target, and the
 * reason when it is not quoting or not fully funded.
 */
export const SideStatusPanel = memo(function SideStatusPanel({view}: {view: SideStatusView}): React.JSX.Element {
  const theme = useTheme();
  const wordTone = theme.tone[view.tone];
  return (
    <Text wrap="truncate-end">
      <Text color={view.side === 'bid' ? theme.tone.bid : theme.tone.ask}>{view.side.toUpperCase()}</Text>
      <Text bold color={wordTone}>{` ${view.word}`}</Text>
      <Text color={view.funded ? theme.tone.ok : theme.tone.warn}>{` ${view.ownDepth}`}</Text>
      <Text dimColor>{`/${view.target}`}</Text>
      {view.reason === null ? null : <Text color={wordTone}>{` ${view.reason}`}</Text>}
    </Text>
  );
});
