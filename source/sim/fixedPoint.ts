// Exact decimal arithmetic for the simulator's own books and ledger (deliberately not shared with the
// clients, so a parsing bug on one side cannot hide one on the other). Prices are integer ticks, sizes
// integer lots, balances bigint "atoms" of 10^-AMOUNT_DECIMALS.

export const AMOUNT_DECIMALS = 12;

/**
 * Parses a plain non-negative decimal ("0.25", "10", "1.500") into integer units of 10^-decimals.
 * Returns null when the text is not such a number or has non-zero digits beyond `decimals`.
 */
export function parseUnits(text: string, decimals: number): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text) ?? /^()\.(\d+)$/.exec(text);
  if (!match) return null;
  const whole = match[1] || '0';
  const frac = match[2] ?? '';
  if (/[1-9]/.test(frac.slice(decimals))) return null;
  const value = Number(whole + frac.slice(0, decimals).padEnd(decimals, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

/** Formats integer units of 10^-decimals as a minimal decimal string ("0.25", "10"). */
export function formatUnits(units: number | bigint, decimals: number): string {
  const value = BigInt(units);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = decimals > 0 ? digits.slice(digits.length - decimals).replace(/0+$/, '') : '';
  return (negative ? '-' : '') + whole + (frac ? '.' + frac : '');
}

/** Converts between unit scales for amounts (bigint atoms). */
export function unitsToAtoms(units: number, decimals: number): bigint {
  return BigInt(units) * 10n ** BigInt(AMOUNT_DECIMALS - decimals);
}

export const formatAtoms = (atoms: bigint): string => formatUnits(atoms, AMOUNT_DECIMALS);

/** A float balance from options (e.g. 4000) to atoms, exact to 1e-6. */
export function amountToAtoms(amount: number): bigint {
  return BigInt(Math.round(amount * 1e6)) * 10n ** BigInt(AMOUNT_DECIMALS - 6);
}
