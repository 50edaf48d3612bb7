// MEXC's business codes (and, for post-only refusals, its message texts) → the engine's RejectReason.
// The engine sees only the reason and the detail text; MEXC's vocabulary stays in this client.
// Codes: docs/protocols/mexc.md §1.6. Only codes with a clear meaning are mapped; the rest are 'other'.
import type {RejectReason} from '../../engine/events.js';
import {ORDER_NOT_FOUND_CODES} from './errors.js';

const BY_CODE: ReadonlyMap<number, RejectReason> = new Map<number, RejectReason>([
  [10101, 'insufficientFunds'], // Insufficient balance
  [30004, 'insufficientFunds'], // Insufficient position
  [30005, 'insufficientFunds'], // Oversold
  ...[...ORDER_NOT_FOUND_CODES].map((code): [number, RejectReason] => [code, 'orderNotFound']), // -2011 unknown order, -2013 order does not exist
  [30000, 'notNow'], // suspended transaction for the symbol
  [30001, 'notNow'], // this order direction is not allowed: a side closed by tradeSideType (§2.3)
  [30016, 'notNow'], // trading disabled
  [30029, 'notNow'], // cannot exceed the maximum order limit
  [10007, 'notNow'], // symbol not support api
  [30002, 'invalid'], // minimum transaction volume
  [700004, 'invalid'], // parameter error
  [700007, 'invalid'], // no permission to access the endpoint
]);

/**
 * MEXC does not document what a LIMIT_MAKER that would cross returns (docs/protocols/mexc.md §2.5); connectors report
 * texts like these. 30041 ("current order type can not place order") may be that answer too, but it is
 * unverified, so it stays 'other' (and counts toward the kill switch) until seen.
 */
const POST_ONLY_REJECT = /post.?only|limit_maker|would (immediately )?(match|cross|take)/i;

export function rejectReasonOf(code: number | null, message: string): RejectReason {
  if (POST_ONLY_REJECT.test(message)) return 'wouldCross';
  return (code === null ? undefined : BY_CODE.get(code)) ?? 'other';
}

/** The venue's words for the journal: its message, prefixed with the code when the message lacks it. */
export function rejectDetail(code: number | null, message: string): string {
  return code === null || new RegExp(`(^|[^\\d-])${code}(\\D|$)`).test(message) ? message : `${code} ${message}`;
}
