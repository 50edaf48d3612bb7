// Decimal text as the exchanges send it ↔ integers scaled by 10^decimals, exactly (no float on the way).
// Shared by the clients, the paper matcher and the simulator: the one place decimal strings are parsed
// and formatted. Imports nothing.

/** Larger exponents are settled without shifting digits (any non-zero digit shifted this far is out of range). */
const MAX_EXPONENT_SHIFT = 1000;

/** Parses a decimal string into an integer scaled by 10^decimals, exactly (rounds half away from zero past `decimals`). */
export function parseScaled(text: string, decimals: number): number {
  const trimmed = text.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(trimmed);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`not a decimal number: ${JSON.stringify(text)}`);
  const sign = match[1] === '-' ? -1 : 1;
  let intPart = match[2] || '0';
  let fracPart = match[3] ?? '';
  const exponent = match[4] ? Number(match[4]) : 0;
  // A wire exponent is untrusted: shifting digits by it would build strings as long as the exponent
  // (1e400000000 = 400 MB, a second of CPU). Beyond any safe integer the answer is known without that:
  // zero digits are zero whatever the exponent, a huge positive one is out of range, a huge negative one
  // leaves nothing within `decimals`.
  if (Math.abs(exponent) > MAX_EXPONENT_SHIFT) {
    if (exponent < 0 || /^0*$/.test(intPart + fracPart)) return sign * 0;
    throw new Error(`decimal out of range: ${text.slice(0, 40)}`);
  }
  if (exponent > 0) {
    const moved = fracPart.slice(0, exponent).padEnd(exponent, '0');
    intPart += moved;
    fracPart = fracPart.slice(exponent);
  } else if (exponent < 0) {
    const shift = -exponent;
    const padded = intPart.padStart(shift + 1, '0');
    fracPart = padded.slice(padded.length - shift) + fracPart;
    intPart = padded.slice(0, padded.length - shift);
  }
  const kept = fracPart.slice(0, decimals).padEnd(decimals, '0');
  const roundUp = (fracPart[decimals] ?? '0') >= '5';
  const value = Number(intPart + kept) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(value)) throw new Error(`decimal out of range: ${text}`);
  return sign * value;
}

/**
 * Formats an integer scaled by 10^decimals as a plain decimal string (no exponent, no trailing zeros needed
 * by MEXC). A number must be a safe integer (beyond that its digits are already lost); a bigint has no limit.
 */
export function formatScaled(value: number | bigint, decimals: number): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  const negative = value < 0;
  const magnitude = typeof value === 'bigint' ? (negative ? -value : value) : Math.abs(value);
  const digits = String(magnitude).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = decimals > 0 ? digits.slice(digits.length - decimals).replace(/0+$/, '') : '';
  return (negative ? '-' : '') + whole + (frac ? '.' + frac : '');
}
