// How `report` reads a journal line's fields: the journals outlive the code that wrote them (older files
// lack fields newer ones have), so every field is checked and a missing or malformed one reads as null.
import type {Side} from '../../engine/view/snapshot.js';

export const finiteNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export const tradeSide = (value: unknown): Side | null => (value === 'BUY' || value === 'SELL' ? value : null);

export const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const plainObject = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** What every `fills` record must have for `report` to count it: the side, price and size; null when one is unusable. */
export function fillBasics(record: Record<string, unknown>): {side: Side; price: number; qty: number} | null {
  const side = tradeSide(record.side);
  const price = finiteNumber(record.price);
  const qty = finiteNumber(record.qty);
  return side === null || price === null || qty === null ? null : {side, price, qty};
}
