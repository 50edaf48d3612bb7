// What a venue's book panel shows: a title (venue, stream state, age, whether our orders rest in it) and a
// ladder of asks above bids, each level with price, size and cumulative USDT (and our size when wide).
// Always exactly 2 + 2·levels lines, padded with blanks, so the frame never jumps.
import type {BookView, StreamHealth, ViewLevel} from '../../engine/view/snapshot.js';
import {formatDuration, formatPrice, formatQty, formatUsdt} from './format.js';
import {streamWord, type StreamWord} from './streamWord.js';

/** Marker in front of a level where our own orders rest; the text twin of the highlight colour. */
export const OWN_MARKER = '*';

/** A book's age is shown from this many seconds on (a live book is younger). */
const SHOW_AGE_SEC = 2;

export interface BookPanelInput {
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

export type BookLine =
  /** a level: 'a' ask or 'b' bid, whether our orders rest there, and its columns */
  | {kind: 'level'; side: 'a' | 'b'; own: boolean; cells: string}
  /** padding (a blank, or "no asks" / "no bids") */
  | {kind: 'blank'; text: string};

export interface BookPanelView {
  title: {
    /** "MEXC RMVUSDT" */
    name: string;
    role: string | null;
    state: StreamWord;
    /** "14s" when the book is SHOW_AGE_SEC old or more */
    age: string | null;
    /** our orders rest at some level of this book */
    ours: boolean;
  };
  header: string;
  /** exactly 2·levels: asks (best lowest), then bids (best highest) */
  lines: BookLine[];
}

interface Row {
  side: 'a' | 'b';
  level: ViewLevel;
}

export function bookPanelView(input: BookPanelInput): BookPanelView {
  const {book, levels, decimals, showOwnColumn, now} = input;
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
  const line = (row: Row): BookLine => {
    const own = row.level.ownSize > 0;
    const cells =
      `${formatPrice(row.level.price, decimals).padStart(priceWidth)} ${formatQty(row.level.size).padStart(sizeWidth)} ` +
      `${formatUsdt(row.level.cumulativeQuote).padStart(cumWidth)}` +
      (showOwnColumn ? ` ${(own ? formatQty(row.level.ownSize) : '').padStart(ownWidth)}` : '');
    return {kind: 'level', side: row.side, own, cells};
  };
  const padded = (rows: Row[], what: 'asks' | 'bids', padTop: boolean): BookLine[] => {
    const lines = rows.map(line);
    const fill = Array.from({length: levels - rows.length}, (_, index): BookLine => ({
      kind: 'blank',
      text: index === 0 && rows.length === 0 ? `   no ${what}` : ' ',
    }));
    return padTop ? [...fill.reverse(), ...lines] : [...lines, ...fill];
  };
  const age = book.lastUpdateAt === null ? null : (now - book.lastUpdateAt) / 1000;
  return {
    title: {
      name: `${input.venue} ${input.symbol}`,
      role: input.role,
      state: streamWord(input.health.state, book.synced),
      age: age !== null && age >= SHOW_AGE_SEC ? formatDuration(age) : null,
      ours: book.bids.some((level) => level.ownSize > 0) || book.asks.some((level) => level.ownSize > 0),
    },
    header,
    lines: [...padded(asks, 'asks', true), ...padded(bids, 'bids', false)],
  };
}
