import React from 'react';
import {Text} from 'ink';
import type {EngineSnapshot} from '../../engine/view/snapshot.js';
import {formatFraction, formatQty, formatUsdt} from '../viewModel/format.js';

/** Balances (free / locked in orders) and the base ratio, on one line. */
export function BalancePanel(props: {balances: EngineSnapshot['balances']}): React.JSX.Element {
  const {base, quote, baseRatio} = props.balances;
  return (
    <Text wrap="truncate-end">
      <Text bold>{base.asset}</Text>
      <Text>{` free ${formatQty(base.free)} lock ${formatQty(base.locked)}`}</Text>
      <Text dimColor>{'  ·  '}</Text>
      <Text bold>{quote.asset}</Text>
      <Text>{` free ${formatUsdt(quote.free)} lock ${formatUsdt(quote.locked)}`}</Text>
      <Text dimColor>{'  ·  '}</Text>
      <Text>{`base ratio ${formatFraction(baseRatio, 1)}`}</Text>
    </Text>
  );
}
