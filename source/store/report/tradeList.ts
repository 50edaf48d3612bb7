// `mexc-mm report --fills`: our trades from the `fills` journal, each trade id once, joined by trade id
// with its `markouts` record (written once the fill's 60 s horizon passed). Fills journalled before the
// ledger existed lack the fee's USDT value and the mids: those read as null.
import {MARKOUT_KEYS, type PerHorizon} from '../../engine/view/ledgerView.js';
import type {Side} from '../../engine/view/snapshot.js';
import type {JournalLine} from '../journalReader.js';
import {FillDeduplicator} from './fillDeduplicator.js';
import {fillBasics, finiteNumber, plainObject, text} from './journalFields.js';

export interface Trade {
  at: number;
  tradeId: string | null;
  orderId: string | null;
  clientOrderId: string | null;
  side: Side;
  price: number;
  qty: number;
  /** price × qty, USDT */
  quote: number;
  /** the fee as the exchange charged it, and its USDT value */
  fee: string | null;
  feeAsset: string | null;
  feeQuote: number | null;
  /** the reference (KuCoin) and MEXC mids when the fill was applied */
  refMid: number | null;
  mexcMid: number | null;
  /** the reference mid τ after the fill and the markout in USDT (null: not measured, or no record yet) */
  markoutMids: PerHorizon;
  markouts: PerHorizon;
  /** the markouts journal has this trade's record */
  measured: boolean;
}

export interface TradeList {
  trades: Trade[];
  /** fills and markouts records of a trade id already taken */
  repeatedFills: number;
  repeatedMarkouts: number;
  /** trades without a markouts record (the last minute's, or fills from before the ledger) */
  unmeasured: number;
}

interface Markout {
  markoutMids: PerHorizon;
  markouts: PerHorizon;
}

const unmeasured = (): PerHorizon => ({s1: null, s10: null, s60: null});

const perHorizon = (value: unknown): PerHorizon => {
  const o = plainObject(value);
  return Object.fromEntries(MARKOUT_KEYS.map((key) => [key, finiteNumber(o?.[key])])) as PerHorizon;
};

export class TradeListBuilder {
  readonly #trades: Trade[] = [];
  readonly #markouts = new Map<string, Markout>();
  readonly #fillIds = new FillDeduplicator();
  readonly #markoutIds = new FillDeduplicator();
  /** records whose fields are unusable */
  invalidFills = 0;
  invalidMarkouts = 0;

  addFill(record: JournalLine): boolean {
    const fill = fillBasics(record);
    if (!fill) {
      this.invalidFills++;
      return false;
    }
    if (!this.#fillIds.admit(record.tradeId)) return true;
    const {side, price, qty} = fill;
    this.#trades.push({
      at: record.at,
      tradeId: text(record.tradeId),
      orderId: text(record.orderId),
      clientOrderId: text(record.clientOrderId),
      side,
      price,
      qty,
      quote: price * qty,
      fee: text(record.fee),
      feeAsset: text(record.feeAsset),
      feeQuote: finiteNumber(record.feeQuote),
      refMid: finiteNumber(record.refMid),
      mexcMid: finiteNumber(record.mexcMid),
      markoutMids: unmeasured(),
      markouts: unmeasured(),
      measured: false,
    });
    return true;
  }

  addMarkout(record: JournalLine): boolean {
    const tradeId = text(record.tradeId);
    if (tradeId === null) {
      this.invalidMarkouts++;
      return false;
    }
    if (!this.#markoutIds.admit(tradeId)) return true;
    this.#markouts.set(tradeId, {markoutMids: perHorizon(record.markoutMids), markouts: perHorizon(record.markouts)});
    return true;
  }

  build(): TradeList {
    let missing = 0;
    const trades = this.#trades
      .map((trade) => {
        const markout = trade.tradeId === null ? undefined : this.#markouts.get(trade.tradeId);
        if (!markout) {
          missing++;
          return trade;
        }
        return {...trade, ...markout, measured: true};
      })
      .sort((a, b) => a.at - b.at);
    return {trades, repeatedFills: this.#fillIds.repeats, repeatedMarkouts: this.#markoutIds.repeats, unmeasured: missing};
  }
}
