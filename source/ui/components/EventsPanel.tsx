import React from 'react';
import {Box, Text} from 'ink';
import type {RecentEvent} from '../../engine/view/snapshot.js';
import {formatClock} from '../viewModel/format.js';
import type {Tone} from '../viewModel/theme.js';
import {useTheme} from '../hooks/use-theme.js';

const LEVEL: Record<RecentEvent['level'], {word: string; tone: Tone | null}> = {
  info: {word: 'info', tone: null},
  warn: {word: 'WARN', tone: 'warn'},
  error: {word: 'ERR ', tone: 'bad'},
};

/** Newest first; the engine's last error joins the list when it is not already one of the events. */
export function eventsToShow(events: readonly RecentEvent[], lastError: {at: number; message: string} | null): RecentEvent[] {
  const list = [...events];
  if (lastError !== null && !list.some((event) => event.at === lastError.at && event.text === lastError.message)) {
    list.push({at: lastError.at, level: 'error', text: lastError.message});
  }
  return list.sort((a, b) => b.at - a.at);
}

/** The most recent events, exactly `lines` lines (blank-padded). */
export function EventsPanel(props: {
  events: readonly RecentEvent[];
  lastError: {at: number; message: string} | null;
  lines: number;
}): React.JSX.Element | null {
  const theme = useTheme();
  if (props.lines === 0) return null;
  const shown = eventsToShow(props.events, props.lastError).slice(0, props.lines);
  return (
    <Box flexDirection="column">
      {shown.map((event, index) => {
        const level = LEVEL[event.level];
        return (
          <Text key={`${event.at}-${index}`} wrap="truncate-end">
            <Text dimColor>{`${formatClock(event.at)} `}</Text>
            <Text bold={level.tone !== null} color={level.tone === null ? undefined : theme.tone[level.tone]}>
              {level.word}
            </Text>
            <Text>{` ${event.text}`}</Text>
          </Text>
        );
      })}
      {shown.length === 0 ? <Text dimColor>no events yet</Text> : null}
      {Array.from({length: props.lines - Math.max(1, shown.length)}, (_, index) => (
        <Text key={`pad${index}`}> </Text>
      ))}
    </Box>
  );
}
