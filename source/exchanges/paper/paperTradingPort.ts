// TradingPort of paper mode: the engine's intents go to the local matcher, never to MEXC. Answers have the
// same shapes (and MEXC's codes for rejections) as the real port's, so the engine cannot tell the difference.
import type {Balance, ExchangeOrder} from '../../engine/events.js';
import type {CancelIntent, CancelOutcome, PlaceIntent, PlaceOutcome, RequestCounters, TradingPort} from '../../engine/ports.js';
import type {SymbolRules} from '../../engine/symbolRules.js';
import type {PaperAccount} from './paperAccount.js';
import type {PaperMatcher} from './paperMatcher.js';

export interface PaperTradingPortOptions {
  rules: SymbolRules;
  matcher: PaperMatcher;
  account: PaperAccount;
  /** called after every change to our orders so the overlaid book goes out */
  afterChange: () => void;
  /** the public REST requests made for paper mode (exchangeInfo, depth snapshots) */
  counters: () => RequestCounters;
}

export class PaperTradingPort implements TradingPort {
  constructor(private readonly opts: PaperTradingPortOptions) {}

  async rules(): Promise<SymbolRules> {
    return {...this.opts.rules};
  }

  async placeOrders(orders: readonly PlaceIntent[]): Promise<PlaceOutcome[]> {
    try {
      return orders.map((intent) => this.opts.matcher.place(intent));
    } finally {
      this.opts.afterChange();
    }
  }

  async cancelOrders(orders: readonly CancelIntent[]): Promise<CancelOutcome[]> {
    try {
      return orders.map((intent) => this.opts.matcher.cancel(intent));
    } finally {
      this.opts.afterChange();
    }
  }

  async openOrders(): Promise<ExchangeOrder[]> {
    return this.opts.matcher.openOrders();
  }

  async queryOrder(clientOrderId: string): Promise<ExchangeOrder | null> {
    return this.opts.matcher.query(clientOrderId);
  }

  async balances(): Promise<Record<string, Balance>> {
    return this.opts.account.balances();
  }

  counters(): RequestCounters {
    return this.opts.counters();
  }
}
