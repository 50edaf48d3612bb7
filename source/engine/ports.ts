// What the engine needs from the outside world, as interfaces. Concrete clients (MEXC, KuCoin, the paper
// matcher) implement these; the engine never imports a concrete client.
import type {Balance, EngineEvent, ExchangeOrder, RejectReason, Side} from './events.js';
import type {SymbolRules} from './symbolRules.js';

export type EventSink = (event: EngineEvent) => void;

/** An order the engine wants on the book. Always post-only (LIMIT_MAKER). */
export interface PlaceIntent {
  kind: 'place';
  clientOrderId: string;
  side: Side;
  priceTicks: number;
  qtyLots: number;
  reason: string;
}

export interface CancelIntent {
  kind: 'cancel';
  clientOrderId: string;
  orderId: string | null;
  reason: string;
}

export type OrderIntent = PlaceIntent | CancelIntent;

/**
 * One result per intent, in the same order. `unknown` = no definite answer: maybe placed / maybe cancelled.
 * `throttled` = not executed because of rate limiting (our own request budget refused to send it, or the
 * exchange answered 429): nothing happened, and nothing is wrong with the order itself.
 */
export type PlaceOutcome =
  | {kind: 'placed'; clientOrderId: string; orderId: string}
  | RejectedOutcome
  | ThrottledOutcome
  | {kind: 'unknown'; clientOrderId: string; message: string};

export type CancelOutcome =
  | {kind: 'cancelled'; clientOrderId: string}
  | RejectedOutcome
  | ThrottledOutcome
  | {kind: 'unknown'; clientOrderId: string; message: string};

/** `detail`: the venue's own text (with its code, when it has one), for the journal and the operator. */
export type RejectedOutcome = {kind: 'rejected'; clientOrderId: string; reason: RejectReason; detail: string};

/** `retryAt`: epoch ms when requests may flow again (budget refill or Retry-After), null when not said. */
export type ThrottledOutcome = {kind: 'throttled'; clientOrderId: string; retryAt: number | null; message: string};

/** Raised by port methods that have no per-item outcome (openOrders, balances, ...) when the call failed. */
export class PortError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    /** epoch ms until which the venue asked us to stop (429 Retry-After), else null */
    readonly rateLimitedUntil: number | null = null,
    /** the venue was unreachable, overloaded or rate-limiting: the same call may well succeed later */
    readonly transient: boolean = rateLimitedUntil !== null,
    /** refused before it was sent (our own request budget): says nothing about the venue's health */
    readonly unsent = false,
  ) {
    super(message);
    this.name = 'PortError';
  }
}

export interface RequestCounters {
  /** REST requests sent since start */
  requests: number;
  /** requests refused locally because the budget was empty */
  throttled: number;
  /** 429 answers received */
  rateLimited: number;
  /** epoch ms until which requests are held back (Retry-After), or null */
  blockedUntil: number | null;
}

/** Order entry on the MEXC spot pair (real MEXC, the simulator, or the paper matcher). */
export interface TradingPort {
  rules(): Promise<SymbolRules>;
  placeOrders(orders: readonly PlaceIntent[]): Promise<PlaceOutcome[]>;
  cancelOrders(orders: readonly CancelIntent[]): Promise<CancelOutcome[]>;
  /** our open orders on the symbol (all of them; the engine filters by clientOrderId prefix) */
  openOrders(): Promise<ExchangeOrder[]>;
  /** a single order by clientOrderId, null when the exchange does not know it */
  queryOrder(clientOrderId: string): Promise<ExchangeOrder | null>;
  balances(): Promise<Record<string, Balance>>;
  counters(): RequestCounters;
  /**
   * Our trades on the symbol since `since` (epoch ms), oldest first: the ledger's catch-up after a restart
   * (docs/strategy.md §19.3). Absent where the account does not outlive the process (the paper matcher).
   */
  tradesSince?(since: number): Promise<{trades: TradeReport[]; truncated: boolean}>;
}

/** A trade of ours as the exchange lists it: a fill event without its type. */
export type TradeReport = Omit<Extract<EngineEvent, {type: 'fill'}>, 'type'>;

/** A long-running stream (book feed, user-data stream) that pushes events into the sink until stopped. */
export interface StreamPort {
  start(sink: EventSink): Promise<void>;
  /** drop local sync state and rebuild from a fresh snapshot (the engine saw a gap) */
  resync(reason: string): void;
  stop(): Promise<void>;
}
