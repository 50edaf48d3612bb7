// How many lines each part of the console gets for a terminal size. Every panel renders exactly the lines it
// is given (padding with blanks), so the frame height depends only on the terminal, never on the data: the
// screen does not jump when a book thins out or an order disappears.

export interface ConsoleLayout {
  columns: number;
  rows: number;
  /** levels shown per book side (asks and bids each) */
  bookLevels: number;
  eventLines: number;
  /** rows of the order table; 0 = compact per-side order summary instead of a table */
  orderRows: number;
  /** the two engine counter lines */
  showCounters: boolean;
  /** room for extra columns (own size in books, stream reasons, longer texts) */
  wide: boolean;
  /** width of the left half (KuCoin book, side status); the right half gets the rest */
  leftWidth: number;
}

/** Lines every layout has: status 1, fair 1, compliance 4, book title+header 2, sides 2, balances 1,
 *  streams 1, key bar 1. */
export const FIXED_LINES = 13;
const MIN_EVENTS = 2;
const MAX_LEVELS = 12;
const MAX_EVENTS = 15;
const TABLE_ROWS = 12;
const TALL_ROWS = 40;
export const COUNTER_LINES = 2;
const WIDE_COLUMNS = 120;

export function planLayout(columnsIn: number | undefined, rowsIn: number | undefined): ConsoleLayout {
  const columns = columnsIn !== undefined && columnsIn > 0 ? columnsIn : 80;
  const rows = rowsIn !== undefined && rowsIn > 0 ? rowsIn : 24;
  // One line stays free: Ink clears the whole screen on every frame that fills the terminal (flicker).
  const budget = rows - 1;
  const tall = rows >= TALL_ROWS;
  const orderRows = tall ? TABLE_ROWS : 0;
  const extra = tall ? COUNTER_LINES + 1 /* table header */ + orderRows : 0;
  const free = Math.max(0, budget - FIXED_LINES - extra);
  const bookLevels = clamp(Math.floor((free - MIN_EVENTS) / 2), 1, MAX_LEVELS);
  const eventLines = clamp(free - 2 * bookLevels, 0, MAX_EVENTS);
  return {
    columns,
    rows,
    bookLevels,
    eventLines,
    orderRows,
    showCounters: tall,
    wide: columns >= WIDE_COLUMNS,
    leftWidth: Math.floor(columns / 2),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
