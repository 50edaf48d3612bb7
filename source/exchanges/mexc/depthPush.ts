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

/** The first price with more significant decimals than the symbol rules allow, or null (rules out of date). */
export function priceFinerThan(push: DepthPush, priceDecimals: number): string | null {
  for (const [price] of [...push.bids, ...push.asks]) {
    const decimals = price.split('.')[1]?.replace(/0+$/, '').length ?? 0;
    if (decimals > priceDecimals) return price;
  }
  return null;
}
