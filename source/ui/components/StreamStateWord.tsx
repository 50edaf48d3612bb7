import React from 'react';
import {Text} from 'ink';
import type {StreamState} from '../../engine/view/snapshot.js';
import type {StreamHealth} from '../../engine/view/snapshot.js';
import type {Tone} from '../viewModel/theme.js';
import {useTheme} from '../hooks/use-theme.js';

/** Healthy states in lower case, trouble in capitals: readable without colour. */
export function streamWord(state: StreamState, synced: boolean): {word: string; tone: Tone} {
  switch (state) {
    case 'live':
      return synced ? {word: 'live', tone: 'ok'} : {word: 'UNSYNCED', tone: 'warn'};
    case 'connecting':
      return {word: 'CONNECTING', tone: 'warn'};
    case 'syncing':
      return {word: 'SYNCING', tone: 'warn'};
    case 'stale':
      return {word: 'STALE', tone: 'bad'};
    // WebSocket down, book from REST snapshots: usable but degraded, in a colour of its own
    case 'polling':
      return {word: 'POLLING', tone: 'accent'};
    case 'down':
      return {word: 'DOWN', tone: 'bad'};
  }
}

export function StreamStateWord(props: {health: StreamHealth; synced?: boolean}): React.JSX.Element {
  const theme = useTheme();
  const {word, tone} = streamWord(props.health.state, props.synced ?? true);
  return (
    <Text bold={tone !== 'ok'} color={theme.tone[tone]}>
      {word}
    </Text>
  );
}
