// The engine's journal records, in display units, built from engine state. The book journal is sampled
// (at most one record per venue per `journal.bookIntervalMs`, except snapshots).
import type {EngineState} from '../engineState.js';
import type {EventOf, Venue} from '../events.js';
import type {LocalOrder} from '../orders/localOrder.js';
import {lotsToQty, ticksToPrice} from '../symbolRules.js';
import type {JournalRecord} from './records.js';
import type {LedgerFillInput} from '../ledger/fillLedger.js';

export type OrderAction = Extract<JournalRecord, {stream: 'orders'}>['action'];

export function orderRecord(state: EngineState, action: OrderAction, order: LocalOrder, reason: string): JournalRecord {
  return {
    stream: 'orders',
    at: state.now,
    action,
    clientOrderId: order.clientOrderId,
    orderId: order.orderId,
    side: order.side,
    price: ticksToPrice(order.priceTicks, state.rules),
    qty: lotsToQty(order.qtyLots, state.rules),
    reason,
  };
}

/** A fill as journalled, with the ledger's reading of it (mids, fee value, the change so far: docs/strategy.md §19). */
export function fillRecord(state: EngineState, event: EventOf<'fill'>, entry: LedgerFillInput): Extract<JournalRecord, {stream: 'fills'}> {
  return {
    stream: 'fills',
    at: event.at,
    clientOrderId: event.clientOrderId,
    orderId: event.orderId,
    tradeId: event.tradeId,
    side: event.side,
    price: ticksToPrice(event.priceTicks, state.rules),
    qty: lotsToQty(event.qtyLots, state.rules),
    fee: event.fee,
    feeAsset: event.feeAsset,
    feeQuote: entry.feeQuote,
    refMid: entry.refMid,
    mexcMid: entry.mexcMid,
    ...state.ledger.changeSoFar(),
  };
}

/** Top-of-book records, sampled per venue. */
export class BookJournal {
  private last: Record<Venue, number> = {mexc: 0, kucoin: 0};

  constructor(private readonly state: EngineState) {}

  /** The record to journal now, or null when the last one of this venue is recent enough. */
  record(venue: Venue, force: boolean): JournalRecord | null {
    const state = this.state;
    if (!force && state.now - this.last[venue] < state.config.journal.bookIntervalMs) return null;
    this.last[venue] = state.now;
    const book = venue === 'mexc' ? state.mexcBook : state.kucoinBook;
    const n = state.config.journal.bookLevels;
    const levels = (side: 'bids' | 'asks'): [number, number][] => book.levels(side, n).map((l) => [book.ticksToPrice(l.priceTicks), l.size]);
    return {stream: venue === 'mexc' ? 'book.mexc' : 'book.kucoin', at: state.now, version: book.version, bids: levels('bids'), asks: levels('asks')};
  }
}
