// The engine's mutable state. Only the queue consumer (kernel.ts and the handlers it calls) writes it; deciders read it.
import type {Config} from '../config/configSchema.js';
import type {Balance, StreamName} from './events.js';
import {OrderBook} from './market/orderbook.js';
import {ComplianceTracker} from './market/compliance.js';
import type {EngineCounters, Mode, PersistedCompliance, RecentEvent, StreamHealth} from './view/snapshot.js';
import type {SymbolRules} from './symbolRules.js';
import type {LocalOrder} from './orders/localOrder.js';
import {initialTradingState, type Halt, type TradingState} from './risk/tradingState.js';
import type {PricePoint, PricingStep} from './market/pricingChain.js';
import type {Suspension} from './risk/suspension.js';
import {createTallies, type EngineTallies} from './engineTallies.js';
import {ReferencePath} from './market/referencePath.js';
import {MinuteHistory, type HistoryMinute} from './market/minuteHistory.js';
import {FillLedger, type PersistedLedger} from './ledger/fillLedger.js';

export interface PricingState {
  step: PricingStep;
  since: number;
  price: number | null;
  widenLevel: number;
  detail: string;
  /** when the chain last left the reference (null while pricing from it): the whole outage, across steps */
  awaySince: number | null;
}

export interface EngineState {
  config: Config;
  mode: Mode;
  rules: SymbolRules;
  startedAt: number;
  now: number;
  /** active, paused, cancelling all, halted (kill switch) or stopping: see risk/tradingState.ts */
  trading: TradingState;
  mexcBook: OrderBook;
  kucoinBook: OrderBook;
  /** the reference mid over the last minutes: markouts and the volatility reading (market/referencePath.ts) */
  referencePath: ReferencePath;
  orders: Map<string, LocalOrder>;
  balances: Record<string, Balance>;
  balancesKnown: boolean;
  streams: Record<StreamName, StreamHealth>;
  /** epoch ms until which MEXC asked us to back off (429); 0 when free */
  rateLimitedUntil: number;
  consecutiveOrderErrors: number;
  /** the request whose failure was last counted toward the kill switch (one failed batch = one error) */
  lastFailedRequestId: number;
  /** when the reference feed went stale (null while fresh) */
  referenceStaleSince: number | null;
  /** the last fair price from the reference, and the last one from the reference or MEXC (fallback chain) */
  lastReferenceFair: PricePoint | null;
  lastFair: PricePoint | null;
  /** the fallback chain's current step and since when (docs/strategy.md §4.1) */
  pricing: PricingState;
  /** the automatic suspension in force (never persisted: it clears with its cause), or null */
  suspension: Suspension | null;
  /** whether the suspension in force has been told of (a brief MEXC book resync is not: suspensionControl.ts) */
  suspensionAnnounced: boolean;
  /** MEXC's last "not now" refusal of an order (symbol paused, trading disabled) */
  venueRefusal: {at: number; detail: string} | null;
  nextResetAt: number;
  reconcileInFlight: boolean;
  /** a reconcile whose reads failed is started again at this time (epoch ms), not at the next interval */
  reconcileRetryAt: number | null;
  lastReconcileAt: number | null;
  /** when balances were last asked for over REST (they also arrive on the private stream) */
  lastBalanceRefreshAt: number;
  /** 429 answers the trading port counted (request.counters events); shown beside our own holds */
  portRateLimited: number;
  compliance: ComplianceTracker;
  /** per-minute compliance, depth and base ratio for the sparklines (market/minuteHistory.ts) */
  minuteHistory: MinuteHistory;
  /** our fills, their markouts and the P&L they made (ledger/fillLedger.ts, docs/strategy.md §19) */
  ledger: FillLedger;
  counters: EngineCounters;
  tallies: EngineTallies;
  lastError: {at: number; message: string} | null;
  recentEvents: RecentEvent[];
  /** last decision's per-side explanation (shown in UI/state) */
  sideReasons: {bid: string | null; ask: string | null};
  sideShortfall: {bid: number; ask: number};
  /** the per-side depth target of the last decision (its pricing step's), for the minute history */
  lastDepthTarget: number;
}

const streamNames: StreamName[] = ['kucoin.book', 'mexc.book', 'mexc.user', 'mexc.listenKey', 'mexc.rest'];

export function createEngineState(input: {
  config: Config;
  mode: Mode;
  rules: SymbolRules;
  kucoinPriceDecimals: number;
  now: number;
  halted: Halt | null;
  complianceHistory: PersistedCompliance | null;
  /** restored only where the account outlives the process (live): runtime/restoredLedger.ts */
  ledger?: PersistedLedger | null;
  minuteHistory?: readonly HistoryMinute[] | null;
}): EngineState {
  const streams = {} as Record<StreamName, StreamHealth>;
  for (const name of streamNames) streams[name] = {state: 'connecting', reason: null, lastMessageAt: null};
  return {
    config: input.config,
    mode: input.mode,
    rules: input.rules,
    startedAt: input.now,
    now: input.now,
    trading: initialTradingState(input.halted),
    mexcBook: new OrderBook(input.rules.priceDecimals),
    kucoinBook: new OrderBook(input.kucoinPriceDecimals),
    referencePath: new ReferencePath(),
    orders: new Map(),
    balances: {},
    balancesKnown: false,
    streams,
    rateLimitedUntil: 0,
    consecutiveOrderErrors: 0,
    lastFailedRequestId: -1,
    referenceStaleSince: null,
    lastReferenceFair: null,
    lastFair: null,
    pricing: {step: 'reference', since: input.now, price: null, widenLevel: 0, detail: 'pricing from the reference', awaySince: null},
    suspension: null,
    suspensionAnnounced: false,
    venueRefusal: null,
    nextResetAt: input.now + input.config.timers.resetIntervalSec * 1000,
    reconcileInFlight: false,
    reconcileRetryAt: null,
    lastReconcileAt: null,
    lastBalanceRefreshAt: -Infinity,
    portRateLimited: 0,
    compliance: new ComplianceTracker(input.complianceHistory ?? undefined, input.now),
    minuteHistory: new MinuteHistory(input.minuteHistory ?? []),
    ledger: new FillLedger(input.ledger ?? null),
    counters: {
      events: 0,
      decisions: 0,
      coalescedBookEvents: 0,
      queueDepth: 0,
      queueHighWater: 0,
      requests: 0,
      throttled: 0,
      rateLimited: 0,
      ordersPlaced: 0,
      ordersCancelled: 0,
      ordersRejected: 0,
      unknownOutcomes: 0,
      fills: 0,
      resyncs: 0,
      malformed: 0,
      invalidTransitions: 0,
      errors: 0,
    },
    tallies: createTallies(),
    lastError: null,
    recentEvents: [],
    sideReasons: {bid: null, ask: null},
    sideShortfall: {bid: 0, ask: 0},
    lastDepthTarget: input.config.depthTargetUsdt,
  };
}
