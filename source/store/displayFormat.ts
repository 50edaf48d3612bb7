// Number, percentage, time and duration formatting for the `status` and `report` text output.

/** 1234.5 → "1,234.5" (at most `decimals` decimals) */
export function formatAmount(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', {maximumFractionDigits: decimals, minimumFractionDigits: 0});
}

/** Prices come in display units with no tick size at hand: 8 significant digits, no exponent. */
export function formatPrice(value: number | null): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return String(value);
  const integerDigits = value === 0 ? 1 : Math.floor(Math.log10(Math.abs(value))) + 1;
  const decimals = Math.min(12, Math.max(0, 8 - integerDigits));
  return value.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** a fraction (0.0123) as a percentage ("1.23 %") */
export function formatFraction(value: number | null, decimals = 2): string {
  return value === null ? '—' : `${(value * 100).toFixed(decimals)} %`;
}

/** a percentage already in 0..100 */
export function formatPercent(value: number | null, decimals = 1): string {
  return value === null ? '—' : `${value.toFixed(decimals)} %`;
}

/** 3725 s → "1h 02m", 75 s → "1m 15s", 4 s → "4s" */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let s = Math.round(Math.abs(seconds));
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  s -= minutes * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${sign}${days}d ${pad(hours)}h`;
  if (hours > 0) return `${sign}${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${sign}${minutes}m ${pad(s)}s`;
  return `${sign}${s}s`;
}

/** epoch ms → "2024-05-01 12:34:56Z" */
export function formatTime(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** a change or a P&L figure with its sign: "+1,234.5", "-0.25", "0" */
export function formatSignedAmount(value: number, decimals = 2): string {
  const text = formatAmount(value, decimals);
  if (text === '-0') return '0';
  return value > 0 && text !== '0' ? `+${text}` : text;
}

/** epoch ms → "2024-05-01T12:34:56.000Z" (machine-readable output) */
export const isoTime = (at: number): string => new Date(at).toISOString();
