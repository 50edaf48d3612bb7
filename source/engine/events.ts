// Every input to the engine is one of these events (a discriminated union). Producers (clients, timers,
// keys, signals) only construct events and push them on the queue; the single consumer applies them.

import type {CommandSource, OperatorCommand} from './operatorCommand.js';

export type Venue = 'mexc' | 'kucoin';
/** How serious an operator-facing line is: notices, journal events, client log lines. */
export type LogLevel = 'info' | 'warn' | 'error';

export type Side = 'BUY' | 'SELL';
/** One side of an order book. */
export type BookSide = 'bids' | 'asks';

/** A price level as it came off the wire: decimal strings, size "0" deletes the level. */
export type WireLevel = readonly [price: string, size: string];

/** Streams whose health the engine tracks. */
export type StreamName = 'kucoin.book' | 'mexc.book' | 'mexc.user' | 'mexc.listenKey' | 'mexc.rest';
export type StreamState = 'connecting' | 'syncing' | 'live' | 'stale' | 'down' | 'polling';

/**
 * Why a venue said a definite no, in the engine's words. Each client maps its venue's codes (the MEXC
 * client: exchanges/mexc/rejectReasons.ts; the paper matcher says it directly):
 * - insufficientFunds: the account cannot fund it now (nothing wrong with the bot);
 * - wouldCross: a post-only order would have taken liquidity (the book moved under us);
 * - orderNotFound: the order is not (or no longer) on the exchange;
 * - notNow: the venue refuses for now (symbol paused, trading disabled, order limit reached);
 * - invalid: the request itself is wrong (parameters, precision, permission);
 * - other: anything else.
 */
export type RejectReason = 'insufficientFunds' | 'wouldCross' | 'orderNotFound' | 'notNow' | 'invalid' | 'other';

/**
 * Where an order of ours stands on the exchange, in the engine's words: resting (new or partly filled;
 * `filledLots` tells), filled, or cancelled (possibly after partial fills). Clients map their venue's
 * statuses (MEXC: exchanges/mexc/orderMapping.ts).
 */
export type OrderStatus = 'resting' | 'filled' | 'cancelled';

/** `snapshot` and `stateFlush` ask the engine to publish its snapshot / the state to persist (view/). */
export type TimerName = 'depthCheck' | 'reset' | 'reconcile' | 'complianceSample' | 'stateFlush' | 'staleCheck' | 'snapshot';

/** An order of ours as the exchange reports it (REST openOrders / query order). */
export interface ExchangeOrder {
  clientOrderId: string;
  orderId: string;
  side: Side;
  priceTicks: number;
  origQtyLots: number;
  filledLots: number;
  status: OrderStatus;
}

export interface Balance {
  free: number;
  locked: number;
}

export type EngineEvent =
  // market data — `version` is MEXC's lastUpdateId/toVersion or KuCoin's sequence
  | {type: 'book.snapshot'; venue: Venue; version: number; bids: readonly WireLevel[]; asks: readonly WireLevel[]; at: number}
  | {
      type: 'book.delta';
      venue: Venue;
      fromVersion: number;
      toVersion: number;
      bids: readonly WireLevel[];
      asks: readonly WireLevel[];
      at: number;
    }
  // results of our requests (from the trading port, via the executor)
  | {type: 'order.ack'; clientOrderId: string; orderId: string; at: number}
  // `requestId` groups the outcomes of one request: a failed batch of 10 is one error, not 10
  | {type: 'order.rejected'; clientOrderId: string; reason: RejectReason; detail: string; requestId: number; at: number}
  /** not sent or not executed because of rate limiting: the order never existed */
  | {type: 'order.throttled'; clientOrderId: string; retryAt: number | null; message: string; at: number}
  | {type: 'order.unknown'; clientOrderId: string; message: string; requestId: number; at: number}
  | {type: 'cancel.ack'; clientOrderId: string; at: number}
  | {type: 'cancel.rejected'; clientOrderId: string; reason: RejectReason; detail: string; requestId: number; at: number}
  /** the cancel was not sent or not executed because of rate limiting: the order still rests */
  | {type: 'cancel.throttled'; clientOrderId: string; retryAt: number | null; message: string; at: number}
  | {type: 'cancel.unknown'; clientOrderId: string; message: string; at: number}
  | {type: 'order.query'; clientOrderId: string; order: ExchangeOrder | null; at: number}
  | {type: 'openOrders'; orders: readonly ExchangeOrder[]; at: number}
  /** `unsent`: our own request budget refused it before sending (the venue never saw it) */
  | {type: 'request.failed'; what: string; code: number | null; message: string; rateLimitedUntil: number | null; unsent: boolean; at: number}
  // private stream (MEXC user data via listen key, or the paper matcher)
  | {
      type: 'order.update';
      clientOrderId: string;
      orderId: string;
      side: Side;
      status: OrderStatus;
      priceTicks: number;
      origQtyLots: number;
      filledLots: number;
      at: number;
    }
  | {
      type: 'fill';
      clientOrderId: string;
      orderId: string;
      tradeId: string;
      side: Side;
      priceTicks: number;
      qtyLots: number;
      fee: string;
      feeAsset: string;
      isMaker: boolean;
      at: number;
    }
  | {type: 'balance'; balances: Readonly<Record<string, Balance>>; complete: boolean; at: number}
  // health, timers, operator
  | {type: 'connection'; stream: StreamName; state: StreamState; reason: string | null; at: number}
  /** the trading port's own request counters (REST requests sent, refused by our budget, 429 answers) */
  | {type: 'request.counters'; requests: number; throttled: number; rateLimited: number; at: number}
  /** a client's log line (the runtime journals it): shown among the engine's recent events */
  | {type: 'notice'; level: LogLevel; text: string; at: number}
  /** a frame a stream could not read: counted here; the stream itself decides whether its book must resync */
  | {type: 'stream.malformed'; stream: StreamName; reason: string; at: number}
  | {type: 'timer'; timer: TimerName; at: number}
  | {type: 'command'; command: OperatorCommand; source: CommandSource; at: number};

export type EngineEventType = EngineEvent['type'];
export type EventOf<T extends EngineEventType> = Extract<EngineEvent, {type: T}>;

export const isBookEvent = (event: EngineEvent): event is EventOf<'book.snapshot'> | EventOf<'book.delta'> =>
  event.type === 'book.snapshot' || event.type === 'book.delta';
