import React from 'react';
import {Box, Text} from 'ink';
import type {Side} from '../../engine/view/snapshot.js';
import type {OwnOrderView} from '../../engine/view/snapshot.js';
import {formatDuration, formatPrice, formatQty, formatUsdt} from '../viewModel/format.js';
import {useTheme} from '../hooks/use-theme.js';

/** Order states that mean "in flight or in doubt": worth the operator's eye. */
const UNSETTLED = new Set<OwnOrderView['status']>(['PENDING_NEW', 'PENDING_CANCEL', 'UNKNOWN']);

const remainingNotional = (order: OwnOrderView): number => order.price * Math.max(0, order.qty - order.filled);

/** Asks above bids, each by price descending, as in the book. */
export function sortOrders(orders: readonly OwnOrderView[]): OwnOrderView[] {
  return [...orders].sort((a, b) => (a.side === b.side ? b.price - a.price : a.side === 'SELL' ? -1 : 1));
}

/**
 * Our resting orders. With rows = 0 (small terminal): one summary line per side (count, USDT resting,
 * unsettled count, price range). Otherwise a table of exactly `rows` lines plus a header.
 */
export function OrdersPanel(props: {orders: readonly OwnOrderView[]; rows: number; decimals: number; now: number}): React.JSX.Element {
  if (props.rows === 0) {
    return (
      <Box flexDirection="column">
        <OrderSummary side="BUY" orders={props.orders} decimals={props.decimals} />
        <OrderSummary side="SELL" orders={props.orders} decimals={props.decimals} />
      </Box>
    );
  }
  return <OrderTable {...props} />;
}

function OrderSummary(props: {side: Side; orders: readonly OwnOrderView[]; decimals: number}): React.JSX.Element {
  const theme = useTheme();
  const mine = props.orders.filter((order) => order.side === props.side);
  const unsettled = mine.filter((order) => UNSETTLED.has(order.status)).length;
  const prices = mine.map((order) => order.price);
  const label = props.side === 'BUY' ? 'buy ' : 'sell';
  const colour = props.side === 'BUY' ? theme.tone.bid : theme.tone.ask;
  if (mine.length === 0) {
    return (
      <Text wrap="truncate-end">
        <Text color={colour}>{label}</Text>
        <Text dimColor>{'  no orders'}</Text>
      </Text>
    );
  }
  const notional = mine.reduce((sum, order) => sum + remainingNotional(order), 0);
  return (
    <Text wrap="truncate-end">
      <Text color={colour}>{label}</Text>
      <Text>{`${String(mine.length).padStart(3)}× ${formatUsdt(notional).padStart(6)} USDT`}</Text>
      {unsettled > 0 ? <Text bold color={theme.tone.warn}>{` ${unsettled} unsettled`}</Text> : null}
      <Text dimColor>
        {` ${formatPrice(Math.min(...prices), props.decimals)}–${formatPrice(Math.max(...prices), props.decimals)}`}
      </Text>
    </Text>
  );
}

function OrderTable(props: {orders: readonly OwnOrderView[]; rows: number; decimals: number; now: number}): React.JSX.Element {
  const theme = useTheme();
  const sorted = sortOrders(props.orders);
  const overflow = sorted.length > props.rows;
  const shown = overflow ? sorted.slice(0, props.rows - 1) : sorted;
  const priceWidth = Math.max(5, ...shown.map((order) => formatPrice(order.price, props.decimals).length));
  const qtyWidth = Math.max(3, ...shown.map((order) => formatQty(order.qty).length));
  const filledWidth = Math.max(6, ...shown.map((order) => formatQty(order.filled).length));
  const cells = (price: string, qty: string, filled: string, status: string, age: string, id: string): string =>
    ` ${price.padStart(priceWidth)} ${qty.padStart(qtyWidth)} ${filled.padStart(filledWidth)} ` +
    `${status.padEnd(18)} ${age.padStart(6)}  ${id}`;
  const pad = Array.from({length: props.rows - shown.length - (overflow ? 1 : 0)}, (_, index) => (
    <Text key={`pad${index}`}> </Text>
  ));
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">
        {'ours' + cells('price', 'qty', 'filled', 'status', 'age', 'client id')}
      </Text>
      {shown.map((order) => (
        <Text key={order.clientOrderId} wrap="truncate-end">
          <Text color={order.side === 'BUY' ? theme.tone.bid : theme.tone.ask}>{order.side === 'BUY' ? 'buy ' : 'sell'}</Text>
          <Text color={UNSETTLED.has(order.status) ? theme.tone.warn : undefined}>
            {cells(
              formatPrice(order.price, props.decimals),
              formatQty(order.qty),
              formatQty(order.filled),
              order.status,
              formatDuration((props.now - order.createdAt) / 1000),
              order.clientOrderId,
            )}
          </Text>
        </Text>
      ))}
      {overflow ? <Text dimColor>{`… ${sorted.length - shown.length} more`}</Text> : null}
      {pad}
    </Box>
  );
}
