import React, {memo} from 'react';
import {Text} from 'ink';
import type {BalanceView} from '../viewModel/sideStatusView.js';

/** Balances (free / locked in orders) and the base ratio, on one line. */
export const BalancePanel = memo(function BalancePanel({view}: {view: BalanceView}): React.JSX.Element {
  return (
    <Text wrap="truncate-end">
      <Text bold>{view.base.asset}</Text>
      <Text>{` ${view.base.amounts}`}</Text>
      <Text dimColor>{'  ·  '}</Text>
      <Text bold>{view.quote.asset}</Text>
      <Text>{` ${view.quote.amounts}`}</Text>
      <Text dimColor>{'  ·  '}</Text>
      <Text>{view.baseRatio}</Text>
    </Text>
  );
});
