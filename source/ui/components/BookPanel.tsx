import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {OWN_MARKER, type BookLine, type BookPanelView} from '../viewModel/bookView.js';
import {useTheme} from '../hooks/use-theme.js';
import {StreamStateWord} from './StreamStateWord.js';

export {OWN_MARKER} from '../viewModel/bookView.js';

/**
 * One venue's book as a ladder: asks above (best ask lowest), bids below (best bid highest), each with
 * price, size and cumulative USDT from the top. Levels holding our orders carry OWN_MARKER and the own colour.
 * Always exactly 2 + 2·levels lines, padded with blanks, so the frame never jumps (viewModel/bookView.ts).
 */
export const BookPanel = memo(function BookPanel({view}: {view: BookPanelView}): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <BookTitle title={view.title} />
      <Text dimColor wrap="truncate-end">{view.header}</Text>
      {view.lines.map((line, index) => (
        <BookRow key={index} line={line} />
      ))}
    </Box>
  );
});

function BookRow({line}: {line: BookLine}): React.JSX.Element {
  const theme = useTheme();
  if (line.kind === 'blank') {
    return (
      <Text dimColor wrap="truncate-end">
        {line.text}
      </Text>
    );
  }
  const sideColour = line.side === 'a' ? theme.tone.ask : theme.tone.bid;
  return (
    <Text wrap="truncate-end">
      <Text bold={line.own} color={line.own ? theme.tone.own : undefined}>{line.own ? OWN_MARKER : ' '}</Text>
      <Text color={sideColour}>{line.side}</Text>
      <Text bold={line.own} color={line.own ? theme.tone.own : sideColour}>{` ${line.cells}`}</Text>
    </Text>
  );
}

function BookTitle({title}: {title: BookPanelView['title']}): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Text bold>{title.name}</Text>
      {title.role === null ? null : <Text dimColor>{` ${title.role}`}</Text>}
      <Text>{'  '}</Text>
      <StreamStateWord state={title.state} />
      {title.age === null ? null : <Text dimColor>{` ${title.age} ago`}</Text>}
      {title.ours ? <Text color={theme.tone.own}>{`  ${OWN_MARKER} ours`}</Text> : null}
    </Text>
  );
}
