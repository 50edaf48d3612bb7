import React from 'react';
import {Text} from 'ink';
import type {SideStatus} from '../../engine/view/snapshot.js';
import {formatUsdt} from '../viewModel/format.js';
import {useTheme} from '../hooks/use-theme.js';

/**
 * One side's quoting state on one line: QUOTING / HELD, our depth in the band against the target, and the
 * reason when it is not quoting or not fully funded.
 */
export function SideStatusPanel(props: {side: 'bid' | 'ask'; status: SideStatus}): React.JSX.Element {
  const {side, status} = props;
  const theme = useTheme();
  const word = status.quoting ? 'QUOTING' : 'HELD';
  const wordTone = !status.quoting ? theme.tone.bad : status.reason === null ? theme.tone.ok : theme.tone.warn;
  const funded = status.ownDepth >= status.target;
  return (
    <Text wrap="truncate-end">
      <Text color={side === 'bid' ? theme.tone.bid : theme.tone.ask}>{side.toUpperCase()}</Text>
      <Text bold color={wordTone}>{` ${word.padEnd(7)}`}</Text>
      <Text color={funded ? theme.tone.ok : theme.tone.warn}>{` ${formatUsdt(status.ownDepth)}`}</Text>
      <Text dimColor>{`/${formatUsdt(status.target)}`}</Text>
      {status.reason === null ? null : <Text color={wordTone}>{` ${status.reason}`}</Text>}
    </Text>
  );
}
