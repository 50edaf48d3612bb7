// The read-only picture of the engine that the UI and the store consume. Built by the consumer at a fixed
// cadence; plain data (numbers in display units), safe to serialise as JSON. Never contains a secret.
import type {LogLevel, Side, StreamName, StreamState} from '../events.js';
import type {PricingStep} from '../market/pricingChain.js';
import type {SuspensionCause} from '../risk/suspension.js';
import type {EngineTallies} from '../engineTallies.js';
import type {HistoryMinute, LedgerView, MinutePoint, PersistedLedger} from './ledgerView.js';

export type {LedgerView, MinutePoint};

// the console reads these through the snapshot, not from the engine's event types
export type {Side, StreamName, StreamState, PricingStep, SuspensionCause};

/** Where the fair price comes from: the fallback chain's step (docs/strategy.md §4.1). */
export interface PricingView {
  step: PricingStep;
  since: number;
  detail: string;
  /** heldLast: widening steps applied so far */
  widenLevel: number;
  /** when the reference went stale (null while fresh) */
  referenceStaleSince: number | null;
  /** e.g. "KuCoin down 4m12s" */
  outage: string;
}

/** The automatic suspension (clears by itself when its cause clears; never persisted as a halt). */
export interface SuspensionView {
  cause: SuspensionCause;
  since: number;
  reason: string;
}

export type Mode = 'sim' | 'paper' | 'live';

/** How the console and the state file show one of our orders. */
export type OwnOrderStatus = 'PENDING_NEW' | 'NEW' | 'PARTIALLY_FILLED' | 'PENDING_CANCEL' | 'UNKNOWN';

export interface ViewLevel {
  price: number;
  size: number;
  /** cumulative quote value from the top of the book down to and including this level */
  cumulativeQuote: number;
  /** size of our own orders resting at this price (0 when none) */
  ownSize: number;
}

export interface BookView {
  bids: ViewLevel[];
  asks: ViewLevel[];
  synced: boolean;
  lastUpdateAt: number | null;
  version: number | null;
}

export interface DepthReading {
  bid: number;
  ask: number;
  combined: number;
}

export interface ComplianceSample {
  at: number;
  pass: boolean;
  passCombined: boolean;
  spread: number | null;
  bidDepth: number;
  askDepth: number;
  combinedDepth: number;
  ownBidDepth: number;
  ownAskDepth: number;
  /** why the sample failed; null when it passed */
  reason: string | null;
  /** which criteria held (a book that cannot be trusted fails all three) */
  checks: {bid: boolean; ask: boolean; spread: boolean};
}

export interface PassRates {
  /** % of samples where both sides ≥ minimum and spread < max */
  perSide: number | null;
  /** % of samples passing under the combined-depth reading */
  combined: number | null;
  bid: number | null;
  ask: number | null;
  spread: number | null;
  samples: number;
}

export interface ComplianceGauges {
  now: ComplianceSample | null;
  lastHour: PassRates;
  lastDay: PassRates;
  /** seconds the current pass (positive) or fail (negative) streak has lasted */
  streakSec: number;
  longestGapSec: number;
  lastFailure: {at: number; reason: string} | null;
}

export interface OwnOrderView {
  clientOrderId: string;
  orderId: string | null;
  side: Side;
  price: number;
  qty: number;
  filled: number;
  status: OwnOrderStatus;
  createdAt: number;
}

export interface SideStatus {
  quoting: boolean;
  /** why this side is not quoting or not fully funded, null when all is well */
  reason: string | null;
  /** USDT value of our resting orders within the band */
  ownDepth: number;
  target: number;
  /** USDT of the target this side's asset cannot fund (0 when funded or not quoting for another reason) */
  shortfall: number;
}

export interface StreamHealth {
  state: StreamState;
  reason: string | null;
  lastMessageAt: number | null;
}

export interface EngineCounters {
  events: number;
  decisions: number;
  coalescedBookEvents: number;
  queueDepth: number;
  queueHighWater: number;
  requests: number;
  throttled: number;
  rateLimited: number;
  ordersPlaced: number;
  ordersCancelled: number;
  ordersRejected: number;
  unknownOutcomes: number;
  fills: number;
  resyncs: number;
  malformed: number;
  /** order events the order state machine refused (a contradiction between two answers; each is logged) */
  invalidTransitions: number;
  errors: number;
}

export interface RecentEvent {
  at: number;
  level: LogLevel;
  text: string;
}

export interface EngineSnapshot {
  mode: Mode;
  symbol: string;
  referenceSymbol: string;
  baseAsset: string;
  quoteAsset: string;
  pid: number;
  startedAt: number;
  updatedAt: number;
  paused: boolean;
  halted: {since: number; reason: string} | null;
  suspension: SuspensionView | null;
  pricing: PricingView;
  books: {mexc: BookView; kucoin: BookView};
  fair: {
    price: number | null;
    model: string;
    mexcMid: number | null;
    kucoinMid: number | null;
    mexcDepth: number | null;
    kucoinDepth: number | null;
  };
  spread: {mexc: number | null; kucoin: number | null};
  /** depth within the band on MEXC (all participants, ours included) */
  depth: DepthReading;
  depthTarget: number;
  bandPct: number;
  compliance: ComplianceGauges;
  orders: OwnOrderView[];
  balances: {
    base: {asset: string; free: number; locked: number};
    quote: {asset: string; free: number; locked: number};
    /** base value / (base value + quote value), at fair price; null before both are known */
    baseRatio: number | null;
  };
  sides: {bid: SideStatus; ask: SideStatus};
  streams: Record<StreamName, StreamHealth>;
  counters: EngineCounters;
  /** rejections by reason, fills per side, decision latency (docs/monitoring.md §1) */
  tallies: EngineTallies;
  lastError: {at: number; message: string} | null;
  nextResetAt: number | null;
  /** when the exchange last listed our open orders (null before the first reconcile) */
  reconciledAt: number | null;
  recentEvents: RecentEvent[];
  /** the fill ledger's P&L, markouts and inventory drift (docs/strategy.md §19); null until it began */
  ledger: LedgerView | null;
  /** per-minute compliance, depth and base ratio for the sparklines, the last 6 hours, oldest first */
  history: MinutePoint[];
}

/** How many compliance samples passed, per reading (per side, combined) and per criterion. */
export interface PassCounts {
  samples: number;
  pass: number;
  passCombined: number;
  bidPass: number;
  askPass: number;
  spreadPass: number;
}

/** Per-minute compliance aggregates kept for the 24 h gauge; survives restarts through the state file. */
export interface ComplianceMinute extends PassCounts {
  /** epoch minute (Math.floor(ms / 60000)) */
  minute: number;
}

export interface PersistedCompliance {
  version: 1;
  minutes: ComplianceMinute[];
  longestGapSec: number;
  lastFailure: {at: number; reason: string} | null;
  /** start of the current streak and whether it is a passing one */
  streakStartAt: number | null;
  streakPass: boolean | null;
}

/** The state file's content: the snapshot plus what must survive a restart. */
export interface PersistedState extends EngineSnapshot {
  schemaVersion: 1;
  complianceHistory: PersistedCompliance;
  /** the fill ledger itself (restored in live mode: docs/strategy.md §19.3); null in a file from before it */
  ledgerState: PersistedLedger | null;
  /** the last 24 hours of minutes behind `history` */
  minuteHistory: HistoryMinute[];
}
