// What the engine hands to the journals (the original bot's database: docs/strategy.md §15). Plain JSON-able
// records; the store decides files, rotation and buffering. One NDJSON stream per `stream` value.
import type {LogLevel, Side} from '../events.js';
import type {ComplianceSample, Mode} from './snapshot.js';
import type {InventoryReading, PerHorizon, PnlFigures} from './ledgerView.js';

export type JournalRecord =
  | {stream: 'book.mexc' | 'book.kucoin'; at: number; version: number | null; bids: [number, number][]; asks: [number, number][]}
  | {
      stream: 'orders';
      at: number;
      action: 'place' | 'placed' | 'rejected' | 'throttled' | 'unknown' | 'cancel' | 'cancelled' | 'cancel-rejected' | 'cancel-throttled' | 'adopted' | 'closed';
      clientOrderId: string;
      orderId: string | null;
      side: Side;
      price: number;
      qty: number;
      reason: string;
    }
  | {
      stream: 'fills';
      at: number;
      clientOrderId: string;
      orderId: string;
      tradeId: string;
      side: Side;
      price: number;
      qty: number;
      fee: string;
      feeAsset: string;
      /** the fee's USDT value; the reference (KuCoin) and MEXC mids when the fill was applied (docs/strategy.md §19) */
      feeQuote: number;
      refMid: number | null;
      mexcMid: number | null;
      /** the ledger's base and USDT change since it began, after this fill (fees included) */
      baseChange: number;
      quoteChange: number;
    }
  /** a fill's markouts, once its last horizon (60 s) has passed: the reference mid τ later and the USDT markout */
  | {stream: 'markouts'; at: number; tradeId: string; side: Side; price: number; qty: number; refMid: number | null; markoutMids: PerHorizon; markouts: PerHorizon}
  /** one closed hour of the ledger (an UTC hour, journalled when the next one begins), with the inventory at its end */
  | ({stream: 'pnl'; at: number; inventory: InventoryReading} & PnlFigures)
  | ({stream: 'compliance'} & ComplianceSample)
  | {stream: 'events'; at: number; mode: Mode; level: LogLevel; text: string};

export type JournalStream = JournalRecord['stream'];
