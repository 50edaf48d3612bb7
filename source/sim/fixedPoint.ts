// Exact decimal arithmetic for the simulator's own books and ledger. Prices are integer ticks, sizes
// integer lots, balances bigint "atoms" of 10^-AMOUNT_DECIMALS.
//
// The simulator parses decimal text with its own parseUnits, deliberately independent of the clients'
// parseScaled: were both sides to share one parser, a bug in it would be invisible to every test that runs
// a client against the simulator. Formatting is shared (wire/scaledDecimal.ts formatScaled): whatever it
// writes is read back on the other side by a parser that shares no code with it.
import {formatScaled} from '../wire/scaledDecimal.js';

export const AMOUNT_DECIMALS = 12;

/**
 * The digits of a plain non-negative decimal ("0.25", "10", "1.500", ".5") as integer units of
 * 10^-decimals, exactly; null when the text is not such a number or has non-zero digits beyond `decimals`.
 */
function unitsOf(text: string, decimals: number): bigint | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text) ?? /^()\.(\d+)$/.exec(text);
  if (!match) return null;
  const frac = match[2] ?? '';
  if (/[1-9]/.test(frac.slice(decimals))) return null;
  return BigInt((match[1] || '0') + frac.slice(0, decimals).padEnd(decimals, '0'));
}

/**
 * Parses a plain non-negative decimal ("0.25", "10", "1.500") into integer units of 10^-decimals.
 * Returns null when the text is not such a number or has non-zero digits beyond `decimals`.
 */
export function parseUnits(text: string, decimals: number): number | null {
  const units = unitsOf(text, decimals);
  if (units === null) return null;
  const value = Number(units);
  return Number.isSafeInteger(value) ? value : null;
}

/** Integer units of 10^-decimals as atoms (10^-AMOUNT_DECIMALS), exactly. */
export function unitsToAtoms(units: number, decimals: number): bigint {
  return BigInt(units) * 10n ** BigInt(AMOUNT_DECIMALS - decimals);
}

export const formatAtoms = (atoms: bigint): string => formatScaled(atoms, AMOUNT_DECIMALS);

/** A float balance from options (e.g. 4000) to atoms, exact to 1e-6. */
export function amountToAtoms(amount: number): bigint {
  return BigInt(Math.round(amount * 1e6)) * 10n ** BigInt(AMOUNT_DECIMALS - 6);
}

/**
 * Parses a plain decimal ("16000", "0.25", "-3.5") into atoms exactly, as a bigint (a base balance in
 * atoms passes Number's safe range). Returns null when the text is not such a number or has non-zero
 * digits beyond AMOUNT_DECIMALS.
 */
export function parseAtoms(text: string): bigint | null {
  const negative = text.startsWith('-');
  const units = unitsOf(negative ? text.slice(1) : text, AMOUNT_DECIMALS);
  return units === null ? null : negative ? -units : units;
}
