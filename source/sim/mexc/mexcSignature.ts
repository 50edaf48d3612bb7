// MEXC SIGNED-endpoint verification (docs/protocols/mexc.md §1.3): HMAC-SHA256 keyed by the secret over the raw query
// string concatenated directly with the raw body, both without the `signature` parameter; lower-case hex.
import {createHmac, timingSafeEqual} from 'node:crypto';

export const DEFAULT_RECV_WINDOW_MS = 5000;
export const MAX_RECV_WINDOW_MS = 60000;

/** Removes the `signature=...` pair from a raw parameter string, keeping every other byte as sent. */
export function stripSignature(raw: string): {rest: string; signature: string | null} {
  const parts = raw === '' ? [] : raw.split('&');
  let signature: string | null = null;
  const kept: string[] = [];
  for (const part of parts) {
    if (part.startsWith('signature=')) signature = part.slice('signature='.length);
    else kept.push(part);
  }
  return {rest: kept.join('&'), signature};
}

export function computeSignature(secret: string, totalParams: string): string {
  return createHmac('sha256', secret).update(totalParams, 'utf8').digest('hex');
}

export type SignatureCheck = {ok: true} | {ok: false; reason: 'missing' | 'mismatch'};

/** Verifies `signature` found in the raw query or raw body. Upper-case hex is rejected (docs: lower-case only). */
export function verifySignature(secret: string, rawQuery: string, rawBody: string): SignatureCheck {
  const query = stripSignature(rawQuery);
  const body = stripSignature(rawBody);
  const given = query.signature ?? body.signature;
  if (given === null || given === '') return {ok: false, reason: 'missing'};
  const expected = computeSignature(secret, query.rest + body.rest);
  if (!/^[0-9a-f]{64}$/.test(given)) return {ok: false, reason: 'mismatch'};
  const same = timingSafeEqual(Buffer.from(given, 'utf8'), Buffer.from(expected, 'utf8'));
  return same ? {ok: true} : {ok: false, reason: 'mismatch'};
}

export type TimestampCheck = {ok: true} | {ok: false; reason: 'missing' | 'outsideWindow' | 'recvWindowTooLarge'};

/** Accept iff timestamp < serverTime + 1000 and serverTime − timestamp ≤ recvWindow (recvWindow ≤ 60000). */
export function checkTimestamp(timestamp: string | undefined, recvWindow: string | undefined, serverTime: number): TimestampCheck {
  if (timestamp === undefined || !/^\d{1,16}$/.test(timestamp)) return {ok: false, reason: 'missing'};
  let window = DEFAULT_RECV_WINDOW_MS;
  if (recvWindow !== undefined) {
    if (!/^\d{1,16}$/.test(recvWindow)) return {ok: false, reason: 'outsideWindow'};
    window = Number(recvWindow);
    if (window > MAX_RECV_WINDOW_MS) return {ok: false, reason: 'recvWindowTooLarge'};
  }
  const ts = Number(timestamp);
  if (ts < serverTime + 1000 && serverTime - ts <= window) return {ok: true};
  return {ok: false, reason: 'outsideWindow'};
}
