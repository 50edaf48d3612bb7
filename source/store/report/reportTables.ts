// The tables of `mexc-mm report`: compliance per period, the failing gaps, P&L per period and the trades
// (--fills). Each is defined once here; text, md and csv render the same columns (csv adds its detail).
import {MARKOUT_KEYS, type MarkoutKey} from '../../engine/view/ledgerView.js';
import type {FailingGap, PassBucket} from './complianceReport.js';
import {formatAmount, formatDuration, formatFraction, formatPercent, formatPrice, formatSignedAmount, formatTime, isoTime} from '../displayFormat.js';
import type {PnlPeriod} from './pnlReport.js';
import {toCells, type CellTable, type ReportColumn, type ReportTable} from './reportTable.js';
import type {Trade} from './tradeList.js';

/** the width of an hour's label ("2025-03-14 00:00Z"): every period table's first column is this wide */
const periodWidth = 17;
const unknown = '—';
const shown = <T>(value: T | null, format: (value: T) => string): string => (value === null ? unknown : format(value));
const horizonLabel = (key: MarkoutKey): string => key.slice(1) + 's';

const bucketColumns: ReportColumn<PassBucket>[] = [
  {key: 'period', header: 'period', align: 'left', minWidth: periodWidth, display: (b) => b.label, value: (b) => b.label},
  {key: 'start', header: 'start', align: 'left', csvOnly: true, display: (b) => formatTime(b.start), value: (b) => isoTime(b.start)},
  {key: 'samples', header: 'samples', align: 'right', minWidth: 8, display: (b) => formatAmount(b.samples, 0), value: (b) => b.samples},
  ...(
    [
      ['per_side', 'per-side', 'pass', 'perSidePct'],
      ['combined', 'combined', 'passCombined', 'combinedPct'],
      ['bid', 'bid', 'bidPass', 'bidPct'],
      ['ask', 'ask', 'askPass', 'askPct'],
      ['spread', 'spread', 'spreadPass', 'spreadPct'],
    ] as const
  ).flatMap(([key, header, count, pct]): ReportColumn<PassBucket>[] => [
    {key: `${key}_pass`, header: `${header} passes`, align: 'right', csvOnly: true, display: (b) => String(b[count]), value: (b) => b[count]},
    {key: `${key}_pct`, header, align: 'right', minWidth: 8, display: (b) => formatPercent(b[pct]), value: (b) => b[pct]},
  ]),
];

export const complianceTable = (section: string, title: string, buckets: readonly PassBucket[]): CellTable =>
  toCells<PassBucket>({section, title, columns: bucketColumns, rows: buckets});

const reasonsText = (gap: FailingGap): string => gap.reasons.map((x) => `${x.reason} ×${x.count}`).join(', ');

const gapColumns: ReportColumn<FailingGap>[] = [
  {key: 'start', header: 'from', align: 'left', display: (g) => formatTime(g.start), value: (g) => isoTime(g.start)},
  {key: 'end', header: 'to', align: 'left', display: (g) => formatTime(g.end), value: (g) => isoTime(g.end)},
  {key: 'duration_sec', header: 'lasted', align: 'right', display: (g) => formatDuration(g.durationSec), value: (g) => g.durationSec},
  {key: 'failing_samples', header: 'failing samples', align: 'right', display: (g) => formatAmount(g.samples, 0), value: (g) => g.samples},
  {key: 'ongoing', header: 'at the end', align: 'left', display: (g) => (g.ongoing ? 'still failing' : ''), value: (g) => g.ongoing},
  {key: 'reasons', header: 'reasons', align: 'left', display: reasonsText, value: reasonsText},
];

export const gapsTable = (gaps: readonly FailingGap[]): CellTable =>
  toCells<FailingGap>({section: 'gaps', title: 'longest failing gaps', columns: gapColumns, rows: gaps});

/** a USDT figure of the ledger: signed, to a hundredth of a cent */
const pnl = (value: number): string => formatSignedAmount(value, 4);
const csv = <Row>(key: string, value: (row: Row) => number | string | boolean | null): ReportColumn<Row> => ({
  key,
  header: key,
  align: 'right',
  csvOnly: true,
  display: (row) => String(value(row)),
  value,
});

const periodColumns: ReportColumn<PnlPeriod>[] = [
  {key: 'period', header: 'period', align: 'left', minWidth: periodWidth, display: (p) => p.label, value: (p) => p.label},
  {key: 'start', header: 'start', align: 'left', csvOnly: true, display: (p) => formatTime(p.from), value: (p) => isoTime(p.from)},
  {key: 'end', header: 'end', align: 'left', csvOnly: true, display: (p) => formatTime(p.to), value: (p) => isoTime(p.to)},
  csv('open', (p) => p.open),
  {key: 'fills', header: 'fills', align: 'right', display: (p) => formatAmount(p.fills, 0), value: (p) => p.fills},
  csv('buys', (p) => p.buys),
  csv('sells', (p) => p.sells),
  csv('bought_base', (p) => p.boughtBase),
  csv('sold_base', (p) => p.soldBase),
  csv('bought_quote', (p) => p.boughtQuote),
  csv('sold_quote', (p) => p.soldQuote),
  {key: 'turnover', header: 'turnover', align: 'right', display: (p) => formatAmount(p.turnover), value: (p) => p.turnover},
  {key: 'fees', header: 'fees', align: 'right', display: (p) => formatAmount(p.fees, 4), value: (p) => p.fees},
  {key: 'vs_hold', header: 'vs hold', align: 'right', display: (p) => pnl(p.vsHold), value: (p) => p.vsHold},
  {key: 'mark_to_market', header: 'MtM', align: 'right', display: (p) => pnl(p.markToMarket), value: (p) => p.markToMarket},
  {key: 'realised', header: 'realised', align: 'right', display: (p) => pnl(p.realised), value: (p) => p.realised},
  {key: 'adverse_selection', header: 'adverse', align: 'right', display: (p) => (p.markoutCounts.s60 === 0 ? unknown : formatAmount(p.adverseSelection, 4)), value: (p) => p.adverseSelection},
  {key: 'base_change', header: 'Δ base', align: 'right', display: (p) => formatSignedAmount(p.baseChange, 8), value: (p) => p.baseChange},
  {key: 'quote_change', header: 'Δ USDT', align: 'right', display: (p) => pnl(p.quoteChange), value: (p) => p.quoteChange},
  {
    key: 'base_ratio_end',
    header: 'base ratio',
    align: 'right',
    display: (p) => formatFraction(p.inventory?.baseRatio ?? null, 1),
    value: (p) => p.inventory?.baseRatio ?? null,
  },
  csv('base_end', (p) => p.inventory?.base ?? null),
  csv('quote_end', (p) => p.inventory?.quote ?? null),
  csv('mark_end', (p) => p.inventory?.mark ?? null),
  ...MARKOUT_KEYS.map(
    (key): ReportColumn<PnlPeriod> => ({
      key: `markout_sum_${key}`,
      header: `mo ${horizonLabel(key)}`,
      align: 'right',
      // no fill old enough for the horizon yet: nothing measured, not a zero
      display: (p) => (p.markoutCounts[key] === 0 ? unknown : pnl(p.markoutSums[key])),
      value: (p) => p.markoutSums[key],
    }),
  ),
  ...MARKOUT_KEYS.map((key) => csv<PnlPeriod>(`markout_count_${key}`, (p) => p.markoutCounts[key])),
];

export const pnlTable = (section: string, title: string, periods: readonly PnlPeriod[]): CellTable =>
  toCells<PnlPeriod>({section, title, columns: periodColumns, rows: periods});

const tradeColumns: ReportColumn<Trade>[] = [
  {key: 'time', header: 'time', align: 'left', display: (t) => formatTime(t.at), value: (t) => isoTime(t.at)},
  csv('trade_id', (t) => t.tradeId),
  csv('order_id', (t) => t.orderId),
  csv('client_order_id', (t) => t.clientOrderId),
  {key: 'side', header: 'side', align: 'left', display: (t) => t.side, value: (t) => t.side},
  {key: 'price', header: 'price', align: 'right', display: (t) => formatPrice(t.price), value: (t) => t.price},
  {key: 'qty', header: 'qty', align: 'right', display: (t) => formatAmount(t.qty, 8), value: (t) => t.qty},
  {key: 'quote', header: 'USDT', align: 'right', display: (t) => formatAmount(t.quote, 4), value: (t) => t.quote},
  {key: 'fee_usdt', header: 'fee', align: 'right', display: (t) => shown(t.feeQuote, (v) => formatAmount(v, 6)), value: (t) => t.feeQuote},
  csv('fee', (t) => t.fee),
  csv('fee_asset', (t) => t.feeAsset),
  {key: 'ref_mid', header: 'ref mid', align: 'right', display: (t) => formatPrice(t.refMid), value: (t) => t.refMid},
  {key: 'mexc_mid', header: 'MEXC mid', align: 'right', display: (t) => formatPrice(t.mexcMid), value: (t) => t.mexcMid},
  ...MARKOUT_KEYS.map((key) => csv<Trade>(`markout_mid_${key}`, (t) => t.markoutMids[key])),
  ...MARKOUT_KEYS.map(
    (key): ReportColumn<Trade> => ({
      key: `markout_${key}`,
      header: `mo ${horizonLabel(key)}`,
      align: 'right',
      display: (t) => shown(t.markouts[key], pnl),
      value: (t) => t.markouts[key],
    }),
  ),
];

export const tradesTable = (trades: readonly Trade[]): CellTable =>
  toCells<Trade>({section: 'trades', title: 'trades (UTC)', columns: tradeColumns, rows: trades});
