import React from 'react';
import {Box, Text} from 'ink';
import type {LedgerView} from '../../engine/view/snapshot.js';
import {formatClock, formatPrice, formatQty, formatSignedUsdt, formatUsdt} from '../viewModel/format.js';
import {MARKOUT_LINES} from '../viewModel/layout.js';
import {HORIZONS, markoutCell, markoutText, newestFills, type LedgerFill, type MarkoutCell} from '../viewModel/markouts.js';
import {useTheme} from '../hooks/use-theme.js';

/** Columns of the label before the horizons: "11:59:40 sell 215,400" */
const LABEL_WIDTH = 22;
const CELL_WIDTH = 8;
/** the header and today's sums take two lines; the rest of the panel lists fills */
const FILL_LINES = MARKOUT_LINES - 2;

const cell = (text: string): string => text.padStart(CELL_WIDTH);

/**
 * Markouts (docs/strategy.md §19), exactly MARKOUT_LINES lines: the horizons and today's adverse selection;
 * today's sums per horizon and how many 60 s markouts are still to come; the newest fills, newest first,
 * each with its markouts (USDT; negative = we were picked off) or "pending" while its horizon has not passed.
 * Fits 60 columns (half a wide terminal).
 */
export function MarkoutsPanel(props: {ledger: LedgerView | null; now: number; decimals: number}): React.JSX.Element {
  const {ledger, now, decimals} = props;
  const theme = useTheme();
  const fills = ledger === null ? [] : newestFills(ledger.recentFills, FILL_LINES);
  const pad = Array.from({length: FILL_LINES - Math.max(1, fills.length)}, (_, index) => <Text key={`pad${index}`}> </Text>);
  if (ledger === null) {
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
  const {today} = ledger;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{'markouts USDT'.padEnd(LABEL_WIDTH)}</Text>
        <Text dimColor>{HORIZONS.map((horizon) => cell(horizon.label)).join('')}</Text>
        <Text>{'  adverse '}</Text>
        <Text color={today.adverseSelection > 0 ? theme.tone.warn : undefined}>{formatUsdt(today.adverseSelection)}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text>{`today, ${today.fills.toLocaleString('en-US')} fills`.padEnd(LABEL_WIDTH)}</Text>
        {HORIZONS.map((horizon) => {
          const sum = today.markoutCounts[horizon.key] === 0 ? null : today.markoutSums[horizon.key];
          return (
            <Text key={horizon.key} bold color={sum !== null && sum < 0 ? theme.tone.warn : undefined}>
              {cell(formatSignedUsdt(sum))}
            </Text>
          );
        })}
        {ledger.pendingMarkouts > 0 ? <Text dimColor>{`  ${ledger.pendingMarkouts} pending`}</Text> : null}
      </Text>
      {fills.map((fill) => (
        <FillRow key={fill.tradeId} fill={fill} now={now} decimals={decimals} />
      ))}
      {fills.length === 0 ? <Text dimColor>no fills yet</Text> : null}
      {pad}
    </Box>
  );
}

function FillRow(props: {fill: LedgerFill; now: number; decimals: number}): React.JSX.Element {
  const {fill, now, decimals} = props;
  const theme = useTheme();
  const buy = fill.side === 'BUY';
  const tone = (markout: MarkoutCell): string | undefined => (markout.kind === 'value' && markout.value < 0 ? theme.tone.warn : undefined);
  return (
    <Text wrap="truncate-end">
      <Text dimColor>{`${formatClock(fill.at)} `}</Text>
      <Text color={buy ? theme.tone.bid : theme.tone.ask}>{buy ? 'buy ' : 'sell'}</Text>
      <Text>{` ${formatQty(fill.qty).padStart(LABEL_WIDTH - 14)}`}</Text>
      {HORIZONS.map((horizon) => {
        const markout = markoutCell(fill, horizon, now);
        return (
          <Text key={horizon.key} color={tone(markout)} dimColor={markout.kind !== 'value'}>
            {cell(markoutText(markout))}
          </Text>
        );
      })}
      <Text dimColor>{`  @ ${formatPrice(fill.price, decimals)}`}</Text>
    </Text>
  );
}
