// What a simulator record says the test account earned (docs/simulator.md §10), computed from the record
// alone: balance changes (fees included) and turnover exactly, P&L against holding the starting inventory
// at a mark price, and per-trade markouts on the recorded reference path. Pure: no I/O, no clock.
import {formatAtoms, parseAtoms} from '../fixedPoint.js';
import type {RecordedTrade, SimRecord} from './simRecord.js';

export const MARKOUT_HORIZONS = [
  {label: '1s', ms: 1_000},
  {label: '10s', ms: 10_000},
  {label: '60s', ms: 60_000},
] as const;
export type MarkoutLabel = (typeof MARKOUT_HORIZONS)[number]['label'];

export type AuditInput = Pick<SimRecord, 'baseAsset' | 'quoteAsset' | 'startedAt' | 'endedAt' | 'startBalances' | 'finalBalances' | 'trades'> & {
  reference: Pick<SimRecord['reference'], 'path' | 'final'>;
};

export interface TradeMarkouts {
  tradeId: string;
  time: number;
  side: 'BUY' | 'SELL';
  /** side × (mid τ later − price) × qty in quote units; null when the path does not reach τ later */
  markouts: Record<MarkoutLabel, number | null>;
}

export interface AccountAudit {
  baseAsset: string;
  quoteAsset: string;
  durationSec: number;
  /** final − start implied by the trades, fees included, exact decimal text */
  baseChange: string;
  quoteChange: string;
  /** fees paid per asset, exact decimal text */
  fees: Record<string, string>;
  fills: {buy: number; sell: number; maker: number; taker: number};
  /** Σ quote quantity of every trade, exact decimal text */
  turnoverQuote: string;
  /** the price the inventory is valued at (the record's final reference unless given); null without one */
  mark: number | null;
  /** baseChange × mark + quoteChange: what trading earned against holding the starting inventory */
  pnlVsHold: number | null;
  markoutSums: Record<MarkoutLabel, {sum: number; counted: number}>;
  /** − the 60 s markout sum: what the trades lost to the price moving against them afterwards */
  adverseSelection: number;
  trades: TradeMarkouts[];
  /** start + the trades' changes = final, for base and quote: the trades account for every balance movement */
  balancesReconcile: boolean;
}

function atoms(text: string | undefined, what: string): bigint {
  const value = text === undefined ? 0n : parseAtoms(text);
  if (value === null) throw new Error(`not an exact decimal: ${what} ${JSON.stringify(text)}`);
  return value;
}

const asNumber = (value: bigint): number => Number(formatAtoms(value));

/** Index of the first point at or after `time` in a path sorted by time; path.length when none. */
export function firstPointAtOrAfter(path: ReadonlyArray<readonly [number, number]>, time: number): number {
  let lo = 0;
  let hi = path.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (path[mid]![0] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function tradeMarkouts(trade: RecordedTrade, path: ReadonlyArray<readonly [number, number]>): TradeMarkouts {
  const sign = trade.side === 'BUY' ? 1 : -1;
  const price = Number(trade.price);
  const qty = Number(trade.qty);
  const markouts = {} as Record<MarkoutLabel, number | null>;
  for (const horizon of MARKOUT_HORIZONS) {
    const later = path[firstPointAtOrAfter(path, trade.time + horizon.ms)];
    markouts[horizon.label] = later === undefined ? null : sign * (later[1] - price) * qty;
  }
  return {tradeId: trade.tradeId, time: trade.time, side: trade.side, markouts};
}

export function auditAccount(record: AuditInput, opts: {mark?: number} = {}): AccountAudit {
  const {baseAsset, quoteAsset} = record;
  let base = 0n;
  let quote = 0n;
  let turnover = 0n;
  const fees = new Map<string, bigint>();
  const fills = {buy: 0, sell: 0, maker: 0, taker: 0};
  for (const trade of record.trades) {
    const qty = atoms(trade.qty, `trade ${trade.tradeId} qty`);
    const quoteQty = atoms(trade.quoteQty, `trade ${trade.tradeId} quoteQty`);
    const fee = atoms(trade.fee, `trade ${trade.tradeId} fee`);
    const sign = trade.side === 'BUY' ? 1n : -1n;
    base += sign * qty;
    quote -= sign * quoteQty;
    if (trade.feeAsset === baseAsset) base -= fee;
    else if (trade.feeAsset === quoteAsset) quote -= fee;
    fees.set(trade.feeAsset, (fees.get(trade.feeAsset) ?? 0n) + fee);
    turnover += quoteQty;
    if (trade.side === 'BUY') fills.buy++;
    else fills.sell++;
    if (trade.isMaker) fills.maker++;
    else fills.taker++;
  }
  const reconciles = (asset: string, change: bigint) =>
    atoms(record.startBalances[asset], `start ${asset}`) + change === atoms(record.finalBalances[asset], `final ${asset}`);
  const mark = opts.mark ?? record.reference.final?.[1] ?? null;
  const perTrade = record.trades.map((trade) => tradeMarkouts(trade, record.reference.path));
  const markoutSums = {} as AccountAudit['markoutSums'];
  for (const {label} of MARKOUT_HORIZONS) {
    const values = perTrade.map((t) => t.markouts[label]).filter((v): v is number => v !== null);
    markoutSums[label] = {sum: values.reduce((a, b) => a + b, 0), counted: values.length};
  }
  return {
    baseAsset,
    quoteAsset,
    durationSec: (record.endedAt - record.startedAt) / 1000,
    baseChange: formatAtoms(base),
    quoteChange: formatAtoms(quote),
    fees: Object.fromEntries([...fees].map(([asset, value]) => [asset, formatAtoms(value)])),
    fills,
    turnoverQuote: formatAtoms(turnover),
    mark,
    pnlVsHold: mark === null ? null : asNumber(base) * mark + asNumber(quote),
    markoutSums,
    adverseSelection: markoutSums['60s'].sum === 0 ? 0 : -markoutSums['60s'].sum,
    trades: perTrade,
    balancesReconcile: reconciles(baseAsset, base) && reconciles(quoteAsset, quote),
  };
}
