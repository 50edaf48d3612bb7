// A decoded `publicAggreDepths` push (docs/protocols/mexc.md §6.2) → DepthPush, validated: versions are decimal strings
// that must be safe integers with from ≤ to; levels are (price, absolute quantity) decimal strings.
import type {WireLevel} from '../../engine/events.js';
import type {DepthPush} from './depthSync.js';
import type {PushWrapper} from './wsFrames.js';

export type Decoded<T> = {ok: true; value: T} | {ok: false; reason: string};

// plain decimals; an exponent form (e.g. a Java BigDecimal "0E-8") is accepted too, parseScaled reads it
const DECIMAL = /^\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function depthPushFromWrapper(wrapper: PushWrapper): Decoded<DepthPush> {
  if (wrapper.body !== 'publicAggreDepths') return {ok: false, reason: `expected publicAggreDepths, got ${String(wrapper.body)}`};
  const body = wrapper.publicAggreDepths as {asks?: unknown; bids?: unknown; fromVersion?: unknown; toVersion?: unknown} | undefined;
  if (!body) return {ok: false, reason: 'publicAggreDepths body missing'};
  const fromVersion = versionOf(body.fromVersion);
  const toVersion = versionOf(body.toVersion);
  if (fromVersion === null || toVersion === null || fromVersion > toVersion) {
    return {ok: false, reason: `bad versions ${String(body.fromVersion)}..${String(body.toVersion)}`};
  }
  const bids = levelsOf(body.bids);
  const asks = levelsOf(body.asks);
  if (!bids || !asks) return {ok: false, reason: 'bad depth levels'};
  return {ok: true, value: {fromVersion, toVersion, bids, asks}};
}

function versionOf(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

function levelsOf(value: unknown): WireLevel[] | null {
  if (!Array.isArray(value)) return null;
  const levels: WireLevel[] = [];
  for (const item of value) {
    const {price, quantity} = (item ?? {}) as {price?: unknown; quantity?: unknown};
    if (typeof price !== 'string' || typeof quantity !== 'string' || !DECIMAL.test(price) || !DECIMAL.test(quantity)) return null;
    levels.push([price, quantity]);
  }
  return levels;
}

/**
 * The first price (bids, then asks) with more significant decimals than the symbol rules allow, or null (rules
 * out of date). It runs on every push until it finds one, so it reads the strings in place: no copies, splits or
 * regular expressions.
 */
export function priceFinerThan(push: DepthPush, priceDecimals: number): string | null {
  return finerIn(push.bids, priceDecimals) ?? finerIn(push.asks, priceDecimals);
}

function finerIn(levels: readonly WireLevel[], priceDecimals: number): string | null {
  for (let i = 0; i < levels.length; i++) {
    const price = levels[i]![0];
    if (significantDecimals(price) > priceDecimals) return price;
  }
  return null;
}

/** digits after the first '.' (up to a second one, if any), trailing zeros not counted */
function significantDecimals(price: string): number {
  const dot = price.indexOf('.');
  if (dot < 0) return 0;
  const next = price.indexOf('.', dot + 1);
  let end = next < 0 ? price.length : next;
  while (end > dot + 1 && price.charCodeAt(end - 1) === 48 /* '0' */) end--;
  return end - dot - 1;
}
