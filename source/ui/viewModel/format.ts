// Display formatting for the console: fixed, predictable widths so columns line up and frames do not jitter.
// Display only — nothing here feeds back into pricing, so float arithmetic is acceptable at this edge.

const MAX_PRICE_DECIMALS = 10;

/** Smallest number of decimals that shows `price` exactly (prices come from ticks, so this is finite). */
export function decimalsOf(price: number): number {
  if (!Number.isFinite(price)) return 0;
  for (let d = 0; d < MAX_PRICE_DECIMALS; d += 1) {
    if (Math.abs(Number(price.toFixed(d)) - price) <= 1e-12 * Math.max(1, Math.abs(price))) return d;
  }
  return MAX_PRICE_DECIMALS;
}

/** One decimals count for a set of prices, so a ladder's column is aligned on the decimal point. */
export function sharedDecimals(prices: Iterable<number>, fallback = 6): number {
  let max = -1;
  for (const price of prices) max = Math.max(max, decimalsOf(price));
  return max < 0 ? fallback : max;
}

export function formatPrice(price: number | null, decimals: number): string {
  if (price === null || !Number.isFinite(price)) return '—';
  return price.toFixed(decimals);
}

const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Base-asset quantities: grouped integers for large sizes, a few significant digits for small ones. */
export function formatQty(qty: number): string {
  if (!Number.isFinite(qty)) return '—';
  const abs = Math.abs(qty);
  if (abs >= 1e9) return `${(qty / 1e9).toFixed(2)}B`;
  if (abs >= 1e7) return `${(qty / 1e6).toFixed(2)}M`;
  if (abs >= 1000) return grouped(qty);
  if (abs >= 1) return trimZeros(qty.toFixed(2));
  if (abs === 0) return '0';
  return trimZeros(qty.toPrecision(4));
}

/** Quote (USDT) values: grouped integers; cents only when small. */
export function formatUsdt(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 1e8) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 100) return grouped(value);
  return value.toFixed(2);
}

/** A fraction (0.0081) as a percentage ("0.81%"). */
export function formatFraction(fraction: number | null, decimals = 2): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/**
 * A pass rate already in percent (0..100), truncated rather than rounded: 99.96 % must not read as 100.0,
 * which an operator would take for "never failed".
 */
export function formatRate(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '—';
  // the epsilon absorbs binary noise (99.6 + 0.3 = 99.8999…) without rounding real values up
  return `${(Math.floor(percent * 10 + 1e-6) / 10).toFixed(1)}%`;
}

/** A duration in seconds as the two most significant units: 42s, 4m10s, 1h02m, 2d03h. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(Math.abs(seconds)));
  if (s < 60) return `${s}s`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d${pad(Math.floor((s % 86_400) / 3600))}h`;
}

/** Wall-clock time in UTC (servers and logs run in UTC; the help overlay says so). */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 19);
}

/** Time left until `target` as m:ss or h:mm:ss; "due" once it has passed. */
export function formatCountdown(targetMs: number, nowMs: number): string {
  const left = Math.ceil((targetMs - nowMs) / 1000);
  if (left <= 0) return 'due';
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * A signed USDT amount (P&L, markouts): always a sign, so a gain never reads as a loss at a glance; small
 * amounts keep two significant digits (one fill's markout is often a fraction of a cent).
 */
export function formatSignedUsdt(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const sign = value > 0 ? '+' : '-';
  const abs = Math.abs(value);
  if (abs >= 100) return `${sign}${grouped(abs)}`;
  if (abs >= 1) return `${sign}${abs.toFixed(2)}`;
  const significant = abs.toPrecision(2);
  return `${sign}${significant.includes('e') ? abs.toFixed(6) : significant}`;
}

/** A change in a base quantity with its sign ("+12,400", "-500", "0"). */
export function formatSignedQty(qty: number): string {
  if (!Number.isFinite(qty)) return '—';
  if (qty === 0) return '0';
  return `${qty > 0 ? '+' : '-'}${formatQty(Math.abs(qty))}`;
}

/** A span of minutes as the history's label: "14 min", "2h10m", "6h". */
export function formatSpan(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const rest = m % 60;
  return rest === 0 ? `${Math.floor(m / 60)}h` : `${Math.floor(m / 60)}h${String(rest).padStart(2, '0')}m`;
}
