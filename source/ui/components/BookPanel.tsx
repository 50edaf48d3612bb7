import React from 'react';
import {Box, Text} from 'ink';
import type {BookView, StreamHealth, ViewLevel} from '../../engine/view/snapshot.js';
import {formatDuration, formatPrice, formatQty, formatUsdt} from '../viewModel/format.js';
import {useTheme} from '../hooks/use-theme.js';
import {StreamStateWord} from './StreamStateWord.js';

/** Marker in front of a level where our own orders rest; the text twin of the highlight colour. */
export const OWN_MARKER = '*';

export interface BookPanelProps {
  venue: string;
  symbol: string;
  /** shown after the symbol, e.g. "ref" for the reference venue */
  role: string | null;
  book: BookView;
  health: StreamHealth;
  /** levels per side */
  levels: number;
  decimals: number;
  /** extra column with our own size at each level */
  showOwnColumn: boolean;
  now: number;
}

interface Row {
  side: 'a' | 'b';
  level: ViewLevel;
}

/**
 * One venue's book as a ladder: asks above (best ask lowest), bids below (best bid highest), each with
 * price, size and cumulative USDT from the top. Levels holding our orders carry OWN_MARKER and the own colour.
 * Always exactly 2 + 2·levels lines, padded with blanks, so the frame never jumps.
 */
export function BookPanel(props: BookPanelProps): React.JSX.Element {
  const {book, levels, decimals, showOwnColumn} = props;
  const theme = useTheme();
  const asks: Row[] = book.asks.slice(0, levels).map((level) => ({side: 'a' as const, level})).reverse();
  const bids: Row[] = book.bids.slice(0, levels).map((level) => ({side: 'b' as const, level}));
  const visible = [...asks, ...bids];
  const priceWidth = Math.max(5, ...visible.map((row) => formatPrice(row.level.price, decimals).length));
  const sizeWidth = Math.max(4, ...visible.map((row) => formatQty(row.level.size).length));
  const cumWidth = Math.max(8, ...visible.map((row) => formatUsdt(row.level.cumulativeQuote).length));
  const ownWidth = Math.max(3, ...visible.map((row) => formatQty(row.level.ownSize).length));
  const header =
    `  ${'price'.padStart(priceWidth)} ${'size'.padStart(sizeWidth)} ${'cum USDT'.padStart(cumWidth)}` +
    (showOwnColumn ? ` ${'own'.padStart(ownWidth)}` : '');
  const renderRow = (row: Row, key: string): React.JSX.Element => {
    const own = row.level.ownSize > 0;
    const sideColour = row.side === 'a' ? theme.tone.ask : theme.tone.bid;
    const cells =
      `${formatPrice(row.level.price, decimals).padStart(priceWidth)} ${formatQty(row.level.size).padStart(sizeWidth)} ` +
      `${formatUsdt(row.level.cumulativeQuote).padStart(cumWidth)}` +
      (showOwnColumn ? ` ${(own ? formatQty(row.level.ownSize) : '').padStart(ownWidth)}` : '');
    return (
      <Text key={key} wrap="truncate-end">
        <Text bold={own} color={own ? theme.tone.own : undefined}>{own ? OWN_MARKER : ' '}</Text>
        <Text color={sideColour}>{row.side}</Text>
        <Text bold={own} color={own ? theme.tone.own : sideColour}>{` ${cells}`}</Text>
      </Text>
    );
  };
  const blank = (key: string, text = ' '): React.JSX.Element => (
    <Text key={key} dimColor wrap="truncate-end">
      {text}
    </Text>
  );
  const padded = (rows: Row[], prefix: string, padTop: boolean): React.JSX.Element[] => {
    const lines = rows.map((row, index) => renderRow(row, `${prefix}${index}`));
    const fill = Array.from({length: levels - rows.length}, (_, index) =>
      blank(`${prefix}pad${index}`, index === 0 && rows.length === 0 ? `   no ${prefix === 'a' ? 'asks' : 'bids'}` : ' '),
    );
    return padTop ? [...fill.reverse(), ...lines] : [...lines, ...fill];
  };
  return (
    <Box flexDirection="column">
      <BookTitle {...props} />
      <Text dimColor wrap="truncate-end">{header}</Text>
      {padded(asks, 'a', true)}
      {padded(bids, 'b', false)}
    </Box>
  );
}

function BookTitle(props: BookPanelProps): React.JSX.Element {
  const {venue, symbol, role, book, health, now} = props;
  const theme = useTheme();
  const age = book.lastUpdateAt === null ? null : (now - book.lastUpdateAt) / 1000;
  const ownLevels = [...book.bids, ...book.asks].filter((level) => level.ownSize > 0).length;
  return (
    <Text wrap="truncate-end">
      <Text bold>{`${venue} ${symbol}`}</Text>
      {role === null ? null : <Text dimColor>{` ${role}`}</Text>}
      <Text>{'  '}</Text>
      <StreamStateWord health={health} synced={book.synced} />
      {age !== null && age >= 2 ? <Text dimColor>{` ${formatDuration(age)} ago`}</Text> : null}
      {ownLevels > 0 ? <Text color={theme.tone.own}>{`  ${OWN_MARKER} ours`}</Text> : null}
    </Text>
  );
}
