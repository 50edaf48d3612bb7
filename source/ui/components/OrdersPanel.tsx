import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {OrderSummaryView, OrdersView} from '../viewModel/ordersView.js';
import {useTheme} from '../hooks/use-theme.js';

export {sortOrders} from '../viewModel/ordersView.js';

/**
 * Our resting orders. On a small terminal: one summary line per side (count, USDT resting, unsettled count,
 * price range). Otherwise a table of exactly its rows plus a header (viewModel/ordersView.ts).
 */
export const OrdersPanel = memo(function OrdersPanel({view}: {view: OrdersView}): React.JSX.Element {
  const theme = useTheme();
  if (view.kind === 'summary') {
    return (
      <Box flexDirection="column">
        <OrderSummary view={view.buy} />
        <OrderSummary view={view.sell} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {view.header}
      </Text>
      {view.rows.map((row) => (
        <Text key={row.clientOrderId} wrap="truncate-end">
          <Text color={row.side === 'BUY' ? theme.tone.bid : theme.tone.ask}>{row.side === 'BUY' ? 'buy ' : 'sell'}</Text>
          <Text color={row.unsettled ? theme.tone.warn : undefined}>{row.cells}</Text>
        </Text>
      ))}
      {view.more === null ? null : <Text dimColor>{view.more}</Text>}
      {Array.from({length: view.pad}, (_, index) => (
        <Text key={`pad${index}`}> </Text>
      ))}
    </Box>
  );
});

function OrderSummary({view}: {view: OrderSummaryView}): React.JSX.Element {
  const theme = useTheme();
  const label = view.side === 'BUY' ? 'buy ' : 'sell';
  const colour = view.side === 'BUY' ? theme.tone.bid : theme.tone.ask;
  if (view.summary === null) {
    return (
      <Text wrap="truncate-end">
        <Text color={colour}>{label}</Text>
        <Text dimColor>{'  no orders'}</Text>
      </Text>
    );
  }
  const {totals, unsettled, range} = view.summary;
  return (
    <Text wrap="truncate-end">
      <Text color={colour}>{label}</Text>
      <Text>{totals}</Text>
      {unsettled > 0 ? <Text bold color={theme.tone.warn}>{` ${unsettled} unsettled`}</Text> : null}
      <Text dimColor>{` ${range}`}</Text>
    </Text>
  );
}
