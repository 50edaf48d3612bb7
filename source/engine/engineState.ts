// The engine's mutable state. Only the queue consumer (engine.ts) writes it; deciders read it.
import type {Config} from '../config/configSchema.js';
import type {Balance, Side, StreamName, StreamState} from './events.js';
import {OrderBook} from './market/orderbook.js';
import {ComplianceTracker} from './market/compliance.js';
import type {EngineCounters, Mode, PersistedCompliance, RecentEvent} from './view/snapshot.js';
import type {SymbolRules} from './symbolRules.js';

/**
 * Our view of one of our orders.
 * - pendingNew: sent, no answer yet; unknown: no definite answer (maybe on the book) until reconciled;
 * - open: acknowledged/seen on the exchange; pendingCancel: cancel sent; cancelUnknown: cancel outcome unknown.
 * A `retiring` order has been replaced by a newer one and is cancelled once its replacement rests
 * (place-before-cancel keeps depth on the book while orders move).
 */
export type LocalOrderState = 'pendingNew' | 'unknown' | 'open' | 'pendingCancel' | 'cancelUnknown';

export interface LocalOrder {
  clientOrderId: string;
  orderId: string | null;
  side: Side;
  priceTicks: number;
  qtyLots: number;
  filledLots: number;
  state: LocalOrderState;
  retiring: string | null;
  createdAt: number;
  /** when the last request about this order was sent or answered */
  changedAt: number;
  reason: string;
}

export interface StreamStatus {
  state: StreamState;
  reason: string | null;
  lastMessageAt: number | null;
}

export interface EngineState {
  config: Config;
  mode: Mode;
  rules: SymbolRules;
  startedAt: number;
  now: number;
  paused: boolean;
  /** operator cancel-all in progress: keep cancelling until none of ours is left (survives refused cancels) */
  cancellingAll: boolean;
  halted: {since: number; reason: string} | null;
  /** set by quit: cancel everything, place nothing, then stop */
  stopping: {since: number; reason: string} | null;
  mexcBook: OrderBook;
  kucoinBook: OrderBook;
  orders: Map<string, LocalOrder>;
  balances: Record<string, Balance>;
  balancesKnown: boolean;
  streams: Record<StreamName, StreamStatus>;
  /** epoch ms until which MEXC asked us to back off (429); 0 when free */
  rateLimitedUntil: number;
  consecutiveOrderErrors: number;
  /** when the reference feed went stale (null while fresh) */
  referenceStaleSince: number | null;
  /** when any feed went stale (for the kill-on-stale rule) */
  dataStaleSince: number | null;
  nextResetAt: number;
  resetRequested: boolean;
  reconcileInFlight: boolean;
  lastReconcileAt: number | null;
  compliance: ComplianceTracker;
  counters: EngineCounters;
  lastError: {at: number; message: string} | null;
  recentEvents: RecentEvent[];
  /** last decision's per-side explanation (shown in UI/state) */
  sideReasons: {bid: string | null; ask: string | null};
  sideShortfall: {bid: number; ask: number};
}

const streamNames: StreamName[] = ['kucoin.book', 'mexc.book', 'mexc.user', 'mexc.listenKey', 'mexc.rest'];

export function createEngineState(input: {
  config: Config;
  mode: Mode;
  rules: SymbolRules;
  kucoinPriceDecimals: number;
  now: number;
  halted: {since: number; reason: string} | null;
  complianceHistory: PersistedCompliance | null;
}): EngineState {
  const streams = {} as Record<StreamName, StreamStatus>;
  for (const name of streamNames) streams[name] = {state: 'connecting', reason: null, lastMessageAt: null};
  return {
    config: input.config,
    mode: input.mode,
    rules: input.rules,
    startedAt: input.now,
    now: input.now,
    paused: false,
    cancellingAll: false,
    halted: input.halted,
    stopping: null,
    mexcBook: new OrderBook(input.rules.priceDecimals),
    kucoinBook: new OrderBook(input.kucoinPriceDecimals),
    orders: new Map(),
    balances: {},
    balancesKnown: false,
    streams,
    rateLimitedUntil: 0,
    consecutiveOrderErrors: 0,
    referenceStaleSince: null,
    dataStaleSince: null,
    nextResetAt: input.now + input.config.timers.resetIntervalSec * 1000,
    resetRequested: false,
    reconcileInFlight: false,
    lastReconcileAt: null,
    compliance: new ComplianceTracker(input.complianceHistory ?? undefined, input.now),
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
      errors: 0,
    },
    lastError: null,
    recentEvents: [],
    sideReasons: {bid: null, ask: null},
    sideShortfall: {bid: 0, ask: 0},
  };
}

/** Orders that may still hold a level: not yet on their way out. */
export const isWorking = (order: LocalOrder): boolean =>
  order.state === 'open' || order.state === 'pendingNew' || order.state === 'unknown';

export const remainingLots = (order: LocalOrder): number => Math.max(0, order.qtyLots - order.filledLots);
