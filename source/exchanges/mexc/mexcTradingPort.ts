// TradingPort over the MEXC REST client: engine intents (ticks/lots) → LIMIT_MAKER orders, and answers →
// one outcome per intent. The rule that prevents duplicated orders lives here: an order request without a
// definite answer is reported `unknown` and never resent; the engine reconciles it by clientOrderId.
import type {Balance, ExchangeOrder} from '../../engine/events.js';
import {PortError, type CancelIntent, type CancelOutcome, type PlaceIntent, type PlaceOutcome, type RejectedOutcome, type RequestCounters, type TradingPort} from '../../engine/ports.js';
import {rejectDetail, rejectReasonOf} from './rejectReasons.js';
import {type SymbolRules} from '../../engine/symbolRules.js';
import {formatScaled} from '../../wire/scaledDecimal.js';
import {silentLogger, type Logger} from '../shared/logger.js';
import type {BatchOrderItem} from './endpoints.js';
import {ORDER_NOT_FOUND_CODES, summarizeFailure, type FailureSummary} from './errors.js';
import type {MexcRestClient, NewOrder} from './mexcRestClient.js';
import {exchangeOrderFromRest} from './orderMapping.js';
import {tradesSince, type TradeHistoryResult} from './tradeHistory.js';
import {symbolRulesFromExchange} from './symbolRulesFromExchange.js';

export interface MexcTradingPortOptions {
  rest: MexcRestClient;
  symbol: string;
  clientOrderIdPrefix: string;
  log?: Logger;
}

const MAX_BATCH = 20;
export class MexcTradingPort implements TradingPort {
  private readonly rest: MexcRestClient;
  private readonly symbol: string;
  private readonly prefix: string;
  private readonly log: Logger;
  private cachedRules: SymbolRules | null = null;

  constructor(opts: MexcTradingPortOptions) {
    this.rest = opts.rest;
    this.symbol = opts.symbol;
    this.prefix = opts.clientOrderIdPrefix;
    this.log = opts.log ?? silentLogger;
  }

  async rules(): Promise<SymbolRules> {
    let info;
    try {
      info = await this.rest.exchangeInfo(this.symbol);
    } catch (error) {
      throw portError('exchangeInfo', summarizeFailure(error));
    }
    if (info === null) throw new PortError(`${this.symbol} is not listed in MEXC exchangeInfo`, null);
    try {
      const {rules, warnings} = symbolRulesFromExchange(info);
      for (const warning of warnings) this.log('warn', warning);
      this.cachedRules = rules;
      return rules;
    } catch (error) {
      throw new PortError(`exchangeInfo: ${error instanceof Error ? error.message : String(error)}`, null);
    }
  }

  async placeOrders(intents: readonly PlaceIntent[]): Promise<PlaceOutcome[]> {
    if (intents.length === 0) return [];
    let rules: SymbolRules;
    try {
      rules = await this.currentRules();
    } catch (error) {
      // nothing was sent: a definite no for every intent
      return intents.map((i) => ({kind: 'rejected', clientOrderId: i.clientOrderId, reason: 'other', detail: errorText(error)}));
    }
    const outcomes = new Map<string, PlaceOutcome>();
    const sendable: {intent: PlaceIntent; order: NewOrder}[] = [];
    for (const intent of intents) {
      const problem = this.checkIntent(intent);
      if (problem) outcomes.set(intent.clientOrderId, {kind: 'rejected', clientOrderId: intent.clientOrderId, reason: 'invalid', detail: problem});
      else sendable.push({intent, order: this.toNewOrder(intent, rules)});
    }
    for (let i = 0; i < sendable.length; i += MAX_BATCH) {
      const chunk = sendable.slice(i, i + MAX_BATCH);
      const results =
        chunk.length === 1
          ? [await this.placeOne(chunk[0]!.intent, chunk[0]!.order)]
          : this.singlesBeatBatch(chunk.length)
            ? await Promise.all(chunk.map((c) => this.placeOne(c.intent, c.order)))
            : await this.placeBatch(chunk);
      for (const outcome of results) outcomes.set(outcome.clientOrderId, outcome);
    }
    return intents.map(
      (i) => outcomes.get(i.clientOrderId) ?? {kind: 'unknown', clientOrderId: i.clientOrderId, message: 'no outcome recorded'},
    );
  }

  async cancelOrders(intents: readonly CancelIntent[]): Promise<CancelOutcome[]> {
    return Promise.all(intents.map((intent) => this.cancelOne(intent)));
  }

  async openOrders(): Promise<ExchangeOrder[]> {
    const rules = await this.currentRules();
    let orders;
    try {
      orders = await this.rest.openOrders(this.symbol);
    } catch (error) {
      throw portError('openOrders', summarizeFailure(error));
    }
    try {
      return orders.filter((o) => o.symbol === this.symbol).map((o) => exchangeOrderFromRest(o, rules));
    } catch (error) {
      throw new PortError(`openOrders: ${errorText(error)}`, null);
    }
  }

  async tradesSince(since: number): Promise<TradeHistoryResult> {
    const rules = await this.currentRules();
    try {
      return await tradesSince({rest: this.rest, symbol: this.symbol, prefix: this.prefix, rules, since});
    } catch (error) {
      throw portError('myTrades', summarizeFailure(error));
    }
  }

  async queryOrder(clientOrderId: string): Promise<ExchangeOrder | null> {
    const rules = await this.currentRules();
    let order;
    try {
      order = await this.rest.queryOrder({symbol: this.symbol, origClientOrderId: clientOrderId});
    } catch (error) {
      const failure = summarizeFailure(error);
      // -2013 right after placement can be transient (docs/protocols/mexc.md §8.8); the engine treats null as
      // "not known yet"
      if (failure.failure === 'rejected' && failure.code !== null && ORDER_NOT_FOUND_CODES.has(failure.code)) return null;
      throw portError('queryOrder', failure);
    }
    try {
      return exchangeOrderFromRest(order, rules);
    } catch (error) {
      throw new PortError(`queryOrder: ${errorText(error)}`, null);
    }
  }

  async balances(): Promise<Record<string, Balance>> {
    let account;
    try {
      account = await this.rest.account();
    } catch (error) {
      throw portError('account', summarizeFailure(error));
    }
    const result: Record<string, Balance> = {};
    for (const b of account.balances) {
      const free = Number(b.free);
      const locked = Number(b.locked);
      if (!Number.isFinite(free) || !Number.isFinite(locked)) throw new PortError(`account: unreadable balance for ${b.asset}`, null);
      result[b.asset] = {free, locked};
    }
    return result;
  }

  counters(): RequestCounters {
    return this.rest.counters();
  }

  // ---- placement ----------------------------------------------------------------------------------------

  private checkIntent(intent: PlaceIntent): string | null {
    if (!intent.clientOrderId.startsWith(this.prefix)) return `clientOrderId ${intent.clientOrderId} lacks the prefix ${this.prefix}`;
    if (!Number.isSafeInteger(intent.priceTicks) || intent.priceTicks <= 0) return `bad price ${intent.priceTicks} ticks`;
    if (!Number.isSafeInteger(intent.qtyLots) || intent.qtyLots <= 0) return `bad quantity ${intent.qtyLots} lots`;
    return null;
  }

  private toNewOrder(intent: PlaceIntent, rules: SymbolRules): NewOrder {
    return {
      symbol: this.symbol,
      side: intent.side,
      type: 'LIMIT_MAKER', // post-only, always: we provide liquidity, never take it (docs/strategy.md)
      quantity: formatScaled(intent.qtyLots, rules.qtyDecimals),
      price: formatScaled(intent.priceTicks, rules.priceDecimals),
      newClientOrderId: intent.clientOrderId,
    };
  }

  /**
   * batchOrders has a budget of its own, 2 requests a second (docs/protocols/mexc.md §2.6). When its token is
   * not there now but single orders have room for the whole chunk, sending them one by one at once beats
   * waiting up to a second (or being refused) while the book runs away: it costs requests only then.
   */
  private singlesBeatBatch(count: number): boolean {
    return this.rest.budgetWaitMs('batchOrders') > 0 && this.rest.budgetWaitMs('order', count) === 0;
  }

  private async placeOne(intent: PlaceIntent, order: NewOrder): Promise<PlaceOutcome> {
    try {
      const {orderId} = await this.rest.order(order);
      return {kind: 'placed', clientOrderId: intent.clientOrderId, orderId};
    } catch (error) {
      return placeFailure(intent.clientOrderId, summarizeFailure(error));
    }
  }

  private async placeBatch(chunk: readonly {intent: PlaceIntent; order: NewOrder}[]): Promise<PlaceOutcome[]> {
    let items: BatchOrderItem[];
    try {
      items = await this.rest.batchOrders(chunk.map((c) => c.order));
    } catch (error) {
      const failure = summarizeFailure(error);
      return chunk.map((c) => placeFailure(c.intent.clientOrderId, failure));
    }
    return matchBatchAnswer(
      chunk.map((c) => c.intent.clientOrderId),
      items,
    );
  }

  // ---- cancels ------------------------------------------------------------------------------------------

  private async cancelOne(intent: CancelIntent): Promise<CancelOutcome> {
    const ref =
      intent.clientOrderId !== '' || intent.orderId === null
        ? {symbol: this.symbol, origClientOrderId: intent.clientOrderId}
        : {symbol: this.symbol, orderId: intent.orderId};
    try {
      await this.rest.cancelOrder(ref);
      return {kind: 'cancelled', clientOrderId: intent.clientOrderId};
    } catch (error) {
      const failure = summarizeFailure(error);
      switch (failure.failure) {
        case 'unknown':
          return {kind: 'unknown', clientOrderId: intent.clientOrderId, message: failure.message};
        case 'rejected':
          return rejected(intent.clientOrderId, failure.code, failure.message);
        case 'rateLimited':
          return {kind: 'throttled', clientOrderId: intent.clientOrderId, retryAt: failure.rateLimitedUntil, message: failure.message};
      }
    }
  }

  // ---- rules cache --------------------------------------------------------------------------------------

  private async currentRules(): Promise<SymbolRules> {
    return this.cachedRules ?? this.rules();
  }
}

/**
 * Pairs a batchOrders answer with the client ids sent. Elements that name a client id are matched by it;
 * the rest by position, but only when the answer has exactly one element per order. An order with no
 * matching element has no definite answer: `unknown`.
 */
export function matchBatchAnswer(clientOrderIds: readonly string[], items: readonly BatchOrderItem[]): PlaceOutcome[] {
  const byId = new Map<string, BatchOrderItem>();
  for (const item of items) {
    const id = item.newClientOrderId ?? item.clientOrderId;
    if (id !== null && id !== undefined && clientOrderIds.includes(id)) byId.set(id, item);
  }
  const positional = items.length === clientOrderIds.length;
  return clientOrderIds.map((clientOrderId, index) => {
    const item = byId.get(clientOrderId) ?? (positional ? items[index] : undefined);
    const itemId = item?.newClientOrderId ?? item?.clientOrderId;
    if (!item || (itemId != null && itemId !== clientOrderId)) {
      return {kind: 'unknown', clientOrderId, message: 'batchOrders answer has no element for this order'};
    }
    if (item.code !== undefined && item.code !== 0 && item.code !== 200) {
      return rejected(clientOrderId, item.code, item.msg ?? `code ${item.code}`);
    }
    if (item.orderId !== undefined && item.orderId !== '') return {kind: 'placed', clientOrderId, orderId: item.orderId};
    return {kind: 'unknown', clientOrderId, message: 'batchOrders element has neither orderId nor error code'};
  });
}

function placeFailure(clientOrderId: string, failure: FailureSummary): PlaceOutcome {
  switch (failure.failure) {
    case 'unknown':
      return {kind: 'unknown', clientOrderId, message: failure.message};
    case 'rejected':
      return rejected(clientOrderId, failure.code, failure.message);
    case 'rateLimited':
      return {kind: 'throttled', clientOrderId, retryAt: failure.rateLimitedUntil, message: failure.message};
  }
}

function rejected(clientOrderId: string, code: number | null, message: string): RejectedOutcome {
  return {kind: 'rejected', clientOrderId, reason: rejectReasonOf(code, message), detail: rejectDetail(code, message)};
}

function portError(what: string, failure: FailureSummary): PortError {
  // the REST client's own messages may already name the endpoint ("account: request budget exhausted")
  const message = failure.message.startsWith(`${what}: `) ? failure.message : `${what}: ${failure.message}`;
  return new PortError(message, failure.code, failure.rateLimitedUntil, failure.failure !== 'rejected', failure.unsent);
}

function errorText(error: unknown): string {
  if (error instanceof PortError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
