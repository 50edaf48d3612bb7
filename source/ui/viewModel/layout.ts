// How many lines each part of the console gets for a terminal size. Every panel renders exactly the lines it
// is given (padding with blanks), so the frame height depends only on the terminal, never on the data: the
// screen does not jump when a book thins out, an order disappears or the ledger begins.
//
// Priority, highest first; what is lower gets only the lines left over:
//   1. the must-haves (FIXED_LINES): status, fair price, the compliance gauge, book titles, the sides, the
//      balances, the P&L line, the streams, the key bar; at least one book level and MIN_EVENTS events;
//   2. on a tall terminal (TALL_ROWS): the order table and the engine counters;
//   3. the books at COMFORT_LEVELS per side, with MIN_EVENTS events (the 80×24 picture before the ledger);
//   4. the markouts panel (MARKOUT_LINES);
//   5. the sparklines (SPARKLINE_LINES); on a wide terminal they sit beside the markouts, so 4 and 5
//      come and go together there;
//   6. whatever is left: more book levels (up to MAX_LEVELS), then more events (up to MAX_EVENTS).
// Short of room, the sparklines drop first, then the markouts panel, then book levels down to one.

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
  /** the markouts panel: today's sums and the last fills (MARKOUT_LINES lines) */
  showMarkouts: boolean;
  /** the history sparklines (SPARKLINE_LINES lines) */
  showSparklines: boolean;
  /** markouts and sparklines side by side (wide terminals) rather than one above the other */
  historyBesideMarkouts: boolean;
  /** room for extra columns (own size in books, stream reasons, longer texts) */
  wide: boolean;
  /** width of the left half (KuCoin book, side status, markouts); the right half gets the rest */
  leftWidth: number;
}

/** Lines every layout has: status 1, fair 1, compliance 4, book title+header 2, sides 2, balances 1,
 *  P&L 1, streams 1, key bar 1. */
export const FIXED_LINES = 14;
const MIN_EVENTS = 2;
const COMFORT_LEVELS = 4;
const MAX_LEVELS = 12;
const MAX_EVENTS = 15;
const TABLE_ROWS = 12;
const TALL_ROWS = 40;
export const COUNTER_LINES = 2;
/** markouts panel: the horizons' header, today's sums, three fills */
export const MARKOUT_LINES = 5;
/** sparklines: the span, pass rate, bid depth, ask depth, base ratio */
export const SPARKLINE_LINES = 5;
const WIDE_COLUMNS = 120;

export function planLayout(columnsIn: number | undefined, rowsIn: number | undefined): ConsoleLayout {
  const columns = columnsIn !== undefined && columnsIn > 0 ? columnsIn : 80;
  const rows = rowsIn !== undefined && rowsIn > 0 ? rowsIn : 24;
  const wide = columns >= WIDE_COLUMNS;
  // One line stays free: Ink clears the whole screen on every frame that fills the terminal (flicker).
  const budget = rows - 1;
  const tall = rows >= TALL_ROWS;
  const orderRows = tall ? TABLE_ROWS : 0;
  const extra = tall ? COUNTER_LINES + 1 /* table header */ + orderRows : 0;
  let free = Math.max(0, budget - FIXED_LINES - extra);
  const spare = (): number => free - (2 * COMFORT_LEVELS + MIN_EVENTS);
  let showMarkouts = false;
  let showSparklines = false;
  if (wide) {
    if (spare() >= Math.max(MARKOUT_LINES, SPARKLINE_LINES)) {
      showMarkouts = showSparklines = true;
      free -= Math.max(MARKOUT_LINES, SPARKLINE_LINES);
    }
  } else {
    if (spare() >= MARKOUT_LINES) {
      showMarkouts = true;
      free -= MARKOUT_LINES;
    }
    if (showMarkouts && spare() >= SPARKLINE_LINES) {
      showSparklines = true;
      free -= SPARKLINE_LINES;
    }
  }
  const bookLevels = clamp(Math.floor((free - MIN_EVENTS) / 2), 1, MAX_LEVELS);
  const eventLines = clamp(free - 2 * bookLevels, 0, MAX_EVENTS);
  return {
    columns,
    rows,
    bookLevels,
    eventLines,
    orderRows,
    showCounters: tall,
    showMarkouts,
    showSparklines,
    historyBesideMarkouts: wide,
    wide,
    leftWidth: Math.floor(columns / 2),
  };
}

/** Lines the markouts and sparklines take together in a layout. */
export function historyLines(layout: ConsoleLayout): number {
  const markouts = layout.showMarkouts ? MARKOUT_LINES : 0;
  const sparklines = layout.showSparklines ? SPARKLINE_LINES : 0;
  return layout.historyBesideMarkouts ? Math.max(markouts, sparklines) : markouts + sparklines;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
