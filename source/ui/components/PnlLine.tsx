import React, {memo} from 'react';
import {Text} from 'ink';
import type {PnlView} from '../viewModel/pnlView.js';
import {useTheme} from '../hooks/use-theme.js';

/**
 * Today's P&L in one line (docs/strategy.md §19): P&L versus holding the starting inventory (negative: the
 * cost of compliance), fees and fills, then the inventory now against the ledger's start (base change, base
 * ratio start→now). Fits 80 columns; a wide terminal adds turnover, mark-to-market and the since-start
 * figure. Before the ledger began the line is blank (it keeps its place, so the frame does not jump).
 */
export const PnlLine = memo(function PnlLine({view}: {view: PnlView}): React.JSX.Element {
  const theme = useTheme();
  if (view.kind === 'none') return <Text> </Text>;
  if (view.kind === 'noFills') {
    return (
      <Text wrap="truncate-end">
        <Text bold>P&L</Text>
        <Text dimColor>: no fills yet</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      <Text bold>P&L today</Text>
      <Text>{'  vs hold '}</Text>
      <Text bold color={view.vsHoldNegative ? theme.tone.warn : theme.tone.ok}>{view.vsHold}</Text>
      <Text>{view.rest}</Text>
      {view.extra === null ? null : <Text dimColor>{view.extra}</Text>}
    </Text>
  );
});
