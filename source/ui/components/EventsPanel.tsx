import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {EventsView} from '../viewModel/eventsView.js';
import {useTheme} from '../hooks/use-theme.js';

export {eventsToShow} from '../viewModel/eventsView.js';

/** The most recent events, exactly `view.lines` lines (blank-padded); nothing when that is 0. */
export const EventsPanel = memo(function EventsPanel({view}: {view: EventsView}): React.JSX.Element | null {
  const theme = useTheme();
  if (view.lines === 0) return null;
  return (
    <Box flexDirection="column">
      {/* keyed by position: a new event updates the lines in place rather than replacing them all */}
      {view.events.map((event, index) => (
        <Text key={index} wrap="truncate-end">
          <Text dimColor>{`${event.clock} `}</Text>
          <Text bold={event.tone !== null} color={event.tone === null ? undefined : theme.tone[event.tone]}>
            {event.level}
          </Text>
          <Text>{` ${event.text}`}</Text>
        </Text>
      ))}
      {view.events.length === 0 ? <Text dimColor>no events yet</Text> : null}
      {Array.from({length: view.lines - Math.max(1, view.events.length)}, (_, index) => (
        <Text key={`pad${index}`}> </Text>
      ))}
    </Box>
  );
});
