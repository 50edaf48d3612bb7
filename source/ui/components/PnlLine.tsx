import React from 'react';
import {Text} from 'ink';
import type {LedgerView} from '../../engine/view/snapshot.js';
import {formatFraction, formatSignedQty, formatSignedUsdt, formatUsdt} from '../viewModel/format.js';
import {useTheme} from '../hooks/use-theme.js';

/**
 * Today's P&L in one line (docs/strategy.md §19): P&L versus holding the starting inventory (negative: the
 * cost of compliance), fees and fills, then the inventory now against the ledger's start (base change, base
 * ratio start→now). Fits 80 columns; a wide terminal adds turnover, mark-to-market and the since-start
 * figure. Before the ledger began the line is blank (it keeps its place, so the frame does not jump).
 */
export function PnlLine(props: {ledger: LedgerView | null; baseAsset: string; wide: boolean}): React.JSX.Element {
  const {ledger, baseAsset, wide} = props;
  const theme = useTheme();
  if (ledger === null) return <Text> </Text>;
  if (ledger.sinceStart.fills === 0) {
    return (
      <Text wrap="truncate-end">
        <Text bold>P&L</Text>
        <Text dimColor>: no fills yet</Text>
      </Text>
    );
  }
  const {today, sinceStart} = ledger;
  const signTone = (value: number): string | undefined => (value < 0 ? theme.tone.warn : theme.tone.ok);
  return (
    <Text wrap="truncate-end">
      <Text bold>P&L today</Text>
      <Text>{'  vs hold '}</Text>
      <Text bold color={signTone(today.vsHold)}>{formatSignedUsdt(today.vsHold)}</Text>
      <Text>{`  fees ${formatUsdt(today.fees)}  ${today.fills.toLocaleString('en-US')} fills`}</Text>
      <Text>{`  ${baseAsset} ${formatSignedQty(ledger.now.base - ledger.start.base)}`}</Text>
      <Text>{`  base ${formatFraction(ledger.start.baseRatio, 1).replace('%', '')}→${formatFraction(ledger.now.baseRatio, 1)}`}</Text>
      {wide ? (
        <Text dimColor>
          {`  turnover ${formatUsdt(today.turnover)}  mtm ${formatSignedUsdt(today.markToMarket)}` +
            `  since start vs hold ${formatSignedUsdt(sinceStart.vsHold)} over ${sinceStart.fills.toLocaleString('en-US')} fills`}
        </Text>
      ) : null}
    </Text>
  );
}
