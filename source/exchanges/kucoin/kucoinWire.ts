// Parsing of KuCoin's wire formats into typed values (docs/protocols/kucoin.md §3.2, §3.5, §3.6). Everything from the
// network is untrusted: a parse either yields a fully checked value or a reason, never a half-valid object.
import type {WireLevel} from '../../engine/events.js';

/** One `[price, size, sequence]` change of a `/market/level2` message. */
export interface Level2Change {
  price: string;
  size: string;
  sequence: number;
}

export interface Level2Update {
  symbol: string;
  sequenceStart: number;
  sequenceEnd: number;
  bids: Level2Change[];
  asks: Level2Change[];
  /** ms; optional on the wire (older servers omit it) */
  time: number | null;
}

export interface Level2Snapshot {
  sequence: number;
  bids: WireLevel[];
  asks: WireLevel[];
  time: number | null;
}

export type ServerFrame =
  | {kind: 'welcome'; id: string}
  | {kind: 'pong'; id: string}
  | {kind: 'ack'; id: string}
  | {kind: 'error'; id: string | null; code: number | null; data: string}
  | {kind: 'level2'; topic: string; update: Level2Update}
  /** a `message` on a topic/subject we do not consume */
  | {kind: 'otherMessage'; topic: string; subject: string}
  /** `notice`, `command` or a type we do not know: not an error, not acted upon */
  | {kind: 'otherType'; type: string};

export type Parsed<T> = {ok: true; value: T} | {ok: false; reason: string};

const DECIMAL = /^\d+(?:\.\d+)?$/;
const INTEGER = /^\d+$/;
const ZERO = /^0+(?:\.0+)?$/;

/** KuCoin decimal strings are plain (no sign, no exponent); "0", "0.000" are zero. */
export const isDecimalString = (value: unknown): value is string => typeof value === 'string' && DECIMAL.test(value);
export const isZeroDecimal = (value: string): boolean => ZERO.test(value);

/** A sequence given as a JSON number or a digit string; must fit a safe integer (we carry it as `number`). */
export function parseSequence(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value === 'string' && INTEGER.test(value)) {
    const parsed = Number(value);
    return Number.isSafeInteger(parsed) ? parsed : null;
  }
  return null;
}

const idOf = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;

function parseChanges(value: unknown, side: string): Parsed<Level2Change[]> {
  // a side with no changes may be an empty array or, tolerantly, absent
  if (value === undefined) return {ok: true, value: []};
  if (!Array.isArray(value)) return {ok: false, reason: `changes.${side} is not an array`};
  const changes: Level2Change[] = [];
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length < 3) return {ok: false, reason: `changes.${side} entry is not [price,size,sequence]`};
    const [price, size, rawSequence] = entry as unknown[];
    if (!isDecimalString(price) || !isDecimalString(size)) return {ok: false, reason: `changes.${side} has a non-decimal price or size`};
    const sequence = parseSequence(rawSequence);
    if (sequence === null) return {ok: false, reason: `changes.${side} has a bad sequence`};
    changes.push({price, size, sequence});
  }
  return {ok: true, value: changes};
}

export function parseLevel2Data(data: unknown): Parsed<Level2Update> {
  if (typeof data !== 'object' || data === null) return {ok: false, reason: 'level2 data is not an object'};
  const record = data as Record<string, unknown>;
  const sequenceStart = parseSequence(record.sequenceStart);
  const sequenceEnd = parseSequence(record.sequenceEnd);
  if (sequenceStart === null || sequenceEnd === null) return {ok: false, reason: 'level2 sequenceStart/sequenceEnd missing or not integers'};
  if (sequenceStart > sequenceEnd) return {ok: false, reason: `level2 sequenceStart ${sequenceStart} > sequenceEnd ${sequenceEnd}`};
  if (typeof record.symbol !== 'string') return {ok: false, reason: 'level2 symbol missing'};
  if (typeof record.changes !== 'object' || record.changes === null) return {ok: false, reason: 'level2 changes missing'};
  const changes = record.changes as Record<string, unknown>;
  const bids = parseChanges(changes.bids, 'bids');
  if (!bids.ok) return bids;
  const asks = parseChanges(changes.asks, 'asks');
  if (!asks.ok) return asks;
  const time = typeof record.time === 'number' && Number.isFinite(record.time) ? record.time : null;
  return {ok: true, value: {symbol: record.symbol, sequenceStart, sequenceEnd, bids: bids.value, asks: asks.value, time}};
}

/** Parses one text frame from the KuCoin WebSocket. Routing follows the docs: type, then topic, then subject. */
export function parseServerFrame(text: string): Parsed<ServerFrame> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {ok: false, reason: 'frame is not JSON'};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {ok: false, reason: 'frame is not a JSON object'};
  const frame = json as Record<string, unknown>;
  if (typeof frame.type !== 'string') return {ok: false, reason: 'frame has no type'};
  const id = idOf(frame.id);
  switch (frame.type) {
    case 'welcome':
    case 'pong':
    case 'ack':
      if (id === null) return {ok: false, reason: `${frame.type} frame has no id`};
      return {ok: true, value: {kind: frame.type, id}};
    case 'error': {
      // error frames may lack topic/subject entirely (docs/protocols/kucoin.md §6 pitfall 9); code is an int,
      // data a text
      const code = typeof frame.code === 'number' ? frame.code : typeof frame.code === 'string' && INTEGER.test(frame.code) ? Number(frame.code) : null;
      const data = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data ?? null);
      return {ok: true, value: {kind: 'error', id, code, data}};
    }
    case 'message': {
      if (typeof frame.topic !== 'string') return {ok: false, reason: 'message frame has no topic'};
      const subject = typeof frame.subject === 'string' ? frame.subject : '';
      if (frame.topic.startsWith('/market/level2:') && subject === 'trade.l2update') {
        const update = parseLevel2Data(frame.data);
        if (!update.ok) return update;
        return {ok: true, value: {kind: 'level2', topic: frame.topic, update: update.value}};
      }
      return {ok: true, value: {kind: 'otherMessage', topic: frame.topic, subject}};
    }
    default:
      return {ok: true, value: {kind: 'otherType', type: frame.type}};
  }
}

function parseLevels(value: unknown, side: string): Parsed<WireLevel[]> {
  if (!Array.isArray(value)) return {ok: false, reason: `snapshot ${side} is not an array`};
  const levels: WireLevel[] = [];
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length < 2) return {ok: false, reason: `snapshot ${side} entry is not [price,size]`};
    const [price, size] = entry as unknown[];
    if (!isDecimalString(price) || !isDecimalString(size)) return {ok: false, reason: `snapshot ${side} has a non-decimal price or size`};
    // price 0 never names a real level; size 0 in a snapshot would be a delete of nothing
    if (isZeroDecimal(price) || isZeroDecimal(size)) continue;
    levels.push([price, size]);
  }
  return {ok: true, value: levels};
}

/** Parses the `data` of GET /api/v1/market/orderbook/level2_{20,100} (or the v3 full book: same shape). */
export function parseLevel2Snapshot(data: unknown): Parsed<Level2Snapshot> {
  if (typeof data !== 'object' || data === null) return {ok: false, reason: 'snapshot data is not an object'};
  const record = data as Record<string, unknown>;
  const sequence = parseSequence(record.sequence);
  if (sequence === null) return {ok: false, reason: 'snapshot sequence missing or not an integer'};
  const bids = parseLevels(record.bids, 'bids');
  if (!bids.ok) return bids;
  const asks = parseLevels(record.asks, 'asks');
  if (!asks.ok) return asks;
  const time = typeof record.time === 'number' && Number.isFinite(record.time) ? record.time : null;
  return {ok: true, value: {sequence, bids: bids.value, asks: asks.value, time}};
}
