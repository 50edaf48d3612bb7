// What the markouts panel shows (docs/strategy.md §19), exactly MARKOUT_LINES lines: the horizons and
// today's adverse selection; today's sums per horizon and how many 60 s markouts are still to come; the
// newest fills, newest first, each with its markouts or "pending" while its horizon has not passed.
import type {LedgerView} from '../../engine/view/snapshot.js';
import {formatClock, formatPrice, formatQty, formatSignedUsdt, formatUsdt} from './format.js';
import {MARKOUT_LINES} from './layout.js';
import {HORIZONS, markoutCell, markoutText, newestFills} from './markouts.js';

/** Columns of the label before the horizons: "11:59:40 sell 215,400" */
const LABEL_WIDTH = 22;
const CELL_WIDTH = 8;
/** the header and today's sums take two lines; the rest of the panel lists fills */
const FILL_LINES = MARKOUT_LINES - 2;

const cell = (text: string): string => text.padStart(CELL_WIDTH);

/** The panel's title, in the label's column. */
export const MARKOUTS_TITLE = 'markouts USDT'.padEnd(LABEL_WIDTH);

/** A figure and whether it is a loss (shown as a warning). */
export interface MarkoutFigure {
  text: string;
  negative: boolean;
}

export interface FillRowView {
  tradeId: string;
  clock: string;
  buy: boolean;
  qty: string;
  /** one per horizon; `measured` false: pending or never measured (dim) */
  markouts: Array<MarkoutFigure & {measured: boolean}>;
  price: string;
}

export type MarkoutsView =
  | {kind: 'none'; pad: number}
  | {
      kind: 'ledger';
      /** the header's horizon labels, in their cells */
      horizons: string;
      adverse: string;
      adverseWarn: boolean;
      todayLabel: string;
      sums: MarkoutFigure[];
      /** "  2 pending", or null */
      pending: string | null;
      fills: FillRowView[];
      /** blank lines after the fills */
      pad: number;
    };

/** `now`: the snapshot's time, not the clock (a fill's markout is pending until the snapshot that carries it). */
export function markoutsView(ledger: LedgerView | null, now: number, decimals: number): MarkoutsView {
  const fills = ledger === null ? [] : newestFills(ledger.recentFills, FILL_LINES);
  const pad = FILL_LINES - Math.max(1, fills.length);
  if (ledger === null) return {kind: 'none', pad};
  const {today} = ledger;
  return {
    kind: 'ledger',
    horizons: HORIZONS.map((horizon) => cell(horizon.label)).join(''),
    adverse: formatUsdt(today.adverseSelection),
    adverseWarn: today.adverseSelection > 0,
    todayLabel: `today, ${today.fills.toLocaleString('en-US')} fills`.padEnd(LABEL_WIDTH),
    sums: HORIZONS.map((horizon) => {
      const sum = today.markoutCounts[horizon.key] === 0 ? null : today.markoutSums[horizon.key];
      return {text: cell(formatSignedUsdt(sum)), negative: sum !== null && sum < 0};
    }),
    pending: ledger.pendingMarkouts > 0 ? `  ${ledger.pendingMarkouts} pending` : null,
    fills: fills.map((fill) => ({
      tradeId: fill.tradeId,
      clock: formatClock(fill.at),
      buy: fill.side === 'BUY',
      qty: formatQty(fill.qty).padStart(LABEL_WIDTH - 14),
      markouts: HORIZONS.map((horizon) => {
        const markout = markoutCell(fill, horizon, now);
        return {text: cell(markoutText(markout)), negative: markout.kind === 'value' && markout.value < 0, measured: markout.kind === 'value'};
      }),
      price: formatPrice(fill.price, decimals),
    })),
    pad,
  };
}
