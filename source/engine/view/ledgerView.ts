// What the fill ledger shows (docs/strategy.md §19): each fill of ours with the reference and MEXC mids at
// the fill and its markouts, and the P&L figures per hour, per UTC day and since the ledger began. Plain
// JSON-able data in display units (USDT for every value); the snapshot, the state file, `status`,
// `report` and the console read these, never the ledger itself.
import type {Side} from '../events.js';

/** Seconds after a fill at which the reference mid is read again (the markout horizons). */
export const MARKOUT_HORIZONS_SEC = [1, 10, 60] as const;
export type MarkoutHorizon = (typeof MARKOUT_HORIZONS_SEC)[number];
export type MarkoutKey = `s${MarkoutHorizon}`;
export const MARKOUT_KEYS: readonly MarkoutKey[] = ['s1', 's10', 's60'];

/** One value per horizon; null while not yet measured, or when no reference was known then. */
export type PerHorizon = Record<MarkoutKey, number | null>;

export interface LedgerFill {
  at: number;
  tradeId: string;
  clientOrderId: string;
  orderId: string;
  /** our side: BUY = our bid was taken */
  side: Side;
  price: number;
  qty: number;
  /** price × qty, USDT */
  quote: number;
  /** the fee as the exchange charged it, and its USDT value (a base fee valued at the fill price) */
  fee: number;
  feeAsset: string;
  feeQuote: number;
  /** the reference (KuCoin) mid and the MEXC mid (our orders included) when the fill was applied */
  refMid: number | null;
  mexcMid: number | null;
  /** the reference mid 1 s, 10 s and 60 s after the fill (the first reading at or after) */
  markoutMids: PerHorizon;
  /**
   * The markout in USDT: side × (mid τ later − price) × qty, + for BUY, − for SELL. Positive: the fill
   * was worth more than we traded it for τ later; negative: adverse selection (we were picked off).
   */
  markouts: PerHorizon;
}

/** Sums over a set of fills and the P&L over a period (an hour, a UTC day, since the ledger began). */
export interface PnlFigures {
  /** period start and end (epoch ms); the end is the mark's time for an open period */
  from: number;
  to: number;
  fills: number;
  buys: number;
  sells: number;
  boughtBase: number;
  soldBase: number;
  boughtQuote: number;
  soldQuote: number;
  /** boughtQuote + soldQuote */
  turnover: number;
  /** fees in USDT */
  fees: number;
  /** base and USDT the fills moved in this period (fees included) */
  baseChange: number;
  quoteChange: number;
  /**
   * P&L versus simply holding the inventory the ledger started with, in USDT at the reference mid: the
   * cost of compliance when negative. A period's figure is the change over it, so periods add up.
   */
  vsHold: number;
  /** the change in the whole inventory's value at the reference mid (includes the market's own move) */
  markToMarket: number;
  /** average-cost realised P&L of the round trips closed in this period (fees not deducted) */
  realised: number;
  /** markout sums per horizon over this period's fills that have one, and how many have one */
  markoutSums: Record<'s1' | 's10' | 's60', number>;
  markoutCounts: Record<'s1' | 's10' | 's60', number>;
  /** − the 60 s markout sum: what being picked off cost (positive = a cost) */
  adverseSelection: number;
}

/** The inventory at one moment and its value at the reference mid. */
export interface InventoryReading {
  at: number;
  base: number;
  quote: number;
  /** the reference mid it is valued at */
  mark: number;
  /** base value / total value at the mark */
  baseRatio: number;
}

export interface LedgerView {
  /** when the ledger began (the first start with balances and a reference mid), with the inventory then */
  start: InventoryReading;
  /** the starting inventory moved by every fill since, valued at the latest reference mid */
  now: InventoryReading;
  /** position relative to the start (base), and its average cost (USDT per base; null when flat) */
  position: number;
  averageCost: number | null;
  /** realised + unrealised (position × (mark − average cost)) */
  unrealised: number;
  sinceStart: PnlFigures;
  today: PnlFigures;
  /** the last 48 hours that had fills or a mark, oldest first (the current hour last) */
  hours: PnlFigures[];
  /** the last 30 UTC days, oldest first (today last) */
  days: PnlFigures[];
  /** the newest fills, newest last (at most 50), with their markouts as measured so far */
  recentFills: LedgerFill[];
  /** fills whose 60 s markout is still to come */
  pendingMarkouts: number;
  /** fills seen twice (e.g. pushed and caught up after a restart) and not counted again */
  duplicateFills: number;
}

/** One minute of history for the console's sparklines (docs/strategy.md §19.4). */
export interface MinutePoint {
  /** epoch minute (Math.floor(ms / 60000)) */
  minute: number;
  /** compliance samples in the minute and how many passed (per side reading) */
  samples: number;
  pass: number;
  /** mean depth per side within the band (all participants), USDT */
  bidDepth: number;
  askDepth: number;
  /** the per-side depth target in force at the minute's last sample */
  target: number;
  /** base ratio at the minute's last sample (null while balances or a price were unknown) */
  baseRatio: number | null;
}

// What the state file keeps of the ledger and the minute history, so a restart goes on where it stopped
// (engine/ledger/fillLedger.ts and engine/market/minuteHistory.ts own them; the store validates them).

/** The position our fills built relative to the starting inventory, at its average cost (ledger/averageCost.ts). */
export interface Position {
  /** base units above (+) or below (−) the starting inventory, fills only (fees are not position) */
  qty: number;
  /** USDT per base unit of the open position; null when flat */
  averageCost: number | null;
}

/** The inventory the ledger started from (before any of its fills). */
export interface LedgerStart {
  at: number;
  base: number;
  quote: number;
  mark: number;
}

/** One period (hour, day, since start) as it accumulates (ledger/pnlPeriod.ts). */
export interface PeriodBucket {
  /** hour or day index (Math.floor(ms / 3_600_000) or / 86_400_000); 0 for since-start */
  key: number;
  from: number;
  /** end of the period (epoch ms); Number.MAX_SAFE_INTEGER for since-start */
  until: number;
  /** sums over the period's fills (vsHold, markToMarket filled in by the view) */
  sums: PnlFigures;
  /** cumulative vsHold / markToMarket at the period's start, and at its end once closed */
  startVsHold: number;
  startMarkToMarket: number;
  end: {at: number; vsHold: number; markToMarket: number} | null;
  /** journalled as a `pnl` record (hours only) */
  journalled: boolean;
}

export interface PersistedLedger {
  version: 1;
  start: LedgerStart | null;
  mark: {at: number; price: number} | null;
  baseChange: number;
  quoteChange: number;
  position: Position;
  lastFillAt: number | null;
  sinceStart: PeriodBucket;
  hours: PeriodBucket[];
  days: PeriodBucket[];
  recentFills: LedgerFill[];
  pending: LedgerFill[];
  tradeIds: string[];
  duplicateFills: number;
}

/** A minute of history as it accumulates: depth sums instead of means (market/minuteHistory.ts). */
export interface HistoryMinute {
  minute: number;
  samples: number;
  pass: number;
  bidDepthSum: number;
  askDepthSum: number;
  target: number;
  baseRatio: number | null;
}
