// A TradingPort that answers at once and records nothing but counts, so engine benchmarks measure the
// engine and not a network. Every place is acknowledged, every cancel confirmed.
import type {Balance, ExchangeOrder} from '../source/engine/events.js';
import type {CancelIntent, CancelOutcome, PlaceIntent, PlaceOutcome, RequestCounters, TradingPort} from '../source/engine/ports.js';
import type {SymbolRules} from '../source/engine/symbolRules.js';

export class InstantTradingPort implements TradingPort {
  placeRequests = 0;
  cancelRequests = 0;
  placedOrders = 0;
  cancelledOrders = 0;
  /** intents seen since the last take(), for latency probes */
  private lastIntents = 0;

  constructor(
    private readonly symbolRules: SymbolRules,
    private readonly funds: Record<string, Balance>,
  ) {}

  async rules(): Promise<SymbolRules> {
    return this.symbolRules;
  }

  placeOrders(orders: readonly PlaceIntent[]): Promise<PlaceOutcome[]> {
    this.placeRequests++;
    this.placedOrders += orders.length;
    this.lastIntents += orders.length;
    return Promise.resolve(orders.map((o) => ({kind: 'placed' as const, clientOrderId: o.clientOrderId, orderId: `X${o.clientOrderId}`})));
  }

  cancelOrders(orders: readonly CancelIntent[]): Promise<CancelOutcome[]> {
    this.cancelRequests++;
    this.cancelledOrders += orders.length;
    this.lastIntents += orders.length;
    return Promise.resolve(orders.map((o) => ({kind: 'cancelled' as const, clientOrderId: o.clientOrderId})));
  }

  async openOrders(): Promise<ExchangeOrder[]> {
    return [];
  }

  async queryOrder(): Promise<ExchangeOrder | null> {
    return null;
  }

  async balances(): Promise<Record<string, Balance>> {
    return {...this.funds};
  }

  counters(): RequestCounters {
    return {requests: this.placeRequests + this.cancelRequests, throttled: 0, rateLimited: 0, blockedUntil: null};
  }

  /** intents that reached the port since the last call */
  takeIntentCount(): number {
    const n = this.lastIntents;
    this.lastIntents = 0;
    return n;
  }
}
