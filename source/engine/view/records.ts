// What the engine hands to the journals (the original bot's database: docs/strategy.md §15). Plain JSON-able
// records; the store decides files, rotation and buffering. One NDJSON stream per `stream` value.
import type {LogLevel, Side} from '../events.js';
import type {ComplianceSample, Mode} from './snapshot.js';

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
    }
  | ({stream: 'compliance'} & ComplianceSample)
  | {stream: 'events'; at: number; mode: Mode; level: LogLevel; text: string};

export type JournalStream = JournalRecord['stream'];
