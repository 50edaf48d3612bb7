import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {MARKOUTS_TITLE, type FillRowView, type MarkoutsView} from '../viewModel/markoutsView.js';
import {useTheme} from '../hooks/use-theme.js';

/**
 * Markouts (docs/strategy.md §19), exactly MARKOUT_LINES lines: the horizons and today's adverse selection;
 * today's sums per horizon and how many 60 s markouts are still to come; the newest fills, newest first,
 * each with its markouts (USDT; negative = we were picked off) or "pending" while its horizon has not passed.
 * Fits 60 columns (half a wide terminal).
 */
export const MarkoutsPanel = memo(function MarkoutsPanel({view}: {view: MarkoutsView}): React.JSX.Element {
  const theme = useTheme();
  const pad = Array.from({length: view.pad}, (_, index) => <Text key={`pad${index}`}> </Text>);
  if (view.kind === 'none') {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end">
          <Text bold>markouts</Text>
          <Text dimColor>{'  the ledger has not begun (balances and a reference price first)'}</Text>
        </Text>
        <Text> </Text>
        <Text> </Text>
        {pad}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{MARKOUTS_TITLE}</Text>
        <Text dimColor>{view.horizons}</Text>
        <Text>{'  adverse '}</Text>
        <Text color={view.adverseWarn ? theme.tone.warn : undefined}>{view.adverse}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text>{view.todayLabel}</Text>
        {view.sums.map((sum, index) => (
          <Text key={index} bold color={sum.negative ? theme.tone.warn : undefined}>
            {sum.text}
          </Text>
        ))}
        {view.pending === null ? null : <Text dimColor>{view.pending}</Text>}
      </Text>
      {view.fills.map((fill) => (
        <FillRow key={fill.tradeId} fill={fill} />
      ))}
      {view.fills.length === 0 ? <Text dimColor>no fills yet</Text> : null}
      {pad}
    </Box>
  );
});

function FillRow({fill}: {fill: FillRowView}): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Text dimColor>{`${fill.clock} `}</Text>
      <Text color={fill.buy ? theme.tone.bid : theme.tone.ask}>{fill.buy ? 'buy ' : 'sell'}</Text>
      <Text>{` ${fill.qty}`}</Text>
      {fill.markouts.map((markout, index) => (
        <Text key={index} color={markout.negative ? theme.tone.warn : undefined} dimColor={!markout.measured}>
          {markout.text}
        </Text>
      ))}
      <Text dimColor>{`  @ ${fill.price}`}</Text>
    </Text>
  );
}
