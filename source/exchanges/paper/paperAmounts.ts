// Exact amounts for the paper account: balances are bigint units of a fixed decimal scale, so locking,
// unlocking and settling never drift (no float sums on money).

/** Decimal string of `units` at `decimals` ("4000", "0.0005"); minimal, no exponent. */
export function formatUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = decimals > 0 ? digits.slice(digits.length - decimals).replace(/0+$/, '') : '';
  return (negative ? '-' : '') + whole + (frac ? '.' + frac : '');
}

/**
 * A non-negative decimal (config number or exchange string) as units of 10^-decimals, truncating digits
 * beyond `decimals`. Throws on anything that is not such a number.
 */
export function decimalToUnits(value: number | string, decimals: number): bigint {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || value >= 1e21) throw new RangeError(`not a usable amount: ${value}`);
    text = value.toFixed(Math.min(decimals, 100));
  } else {
    text = value.trim();
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) throw new RangeError(`not a non-negative decimal: ${JSON.stringify(value)}`);
  const whole = match[1] || '0';
  const frac = (match[2] ?? '').slice(0, decimals).padEnd(decimals, '0');
  return BigInt(whole + frac);
}

/** units / 10^decimals as a float, for display and for the engine's Balance numbers. */
export function unitsToNumber(units: bigint, decimals: number): number {
  return Number(formatUnits(units, decimals));
}

/** A fee rate as an exact fraction (e.g. "0.0005" → 5/10000). */
export interface FeeRate {
  numerator: bigint;
  denominator: bigint;
}

export const ZERO_FEE: FeeRate = {numerator: 0n, denominator: 1n};

export function feeRateFromDecimal(text: string): FeeRate {
  const match = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) throw new RangeError(`not a fee rate: ${JSON.stringify(text)}`);
  const frac = match[2] ?? '';
  const numerator = BigInt((match[1] || '0') + frac);
  const denominator = 10n ** BigInt(frac.length);
  if (numerator > denominator) throw new RangeError(`fee rate above 100 %: ${text}`);
  return {numerator, denominator};
}

/** Fee on `amount` units, rounded up: the paper account never pays less than the venue would charge. */
export function feeOf(amount: bigint, rate: FeeRate): bigint {
  if (rate.numerator === 0n || amount <= 0n) return 0n;
  return (amount * rate.numerator + rate.denominator - 1n) / rate.denominator;
}
