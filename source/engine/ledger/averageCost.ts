// The position our fills built relative to the starting inventory, at its average cost: a fill in the
// position's direction adds to it at a new average; a fill against it closes part of it and realises
// (price − average cost) per unit closed; a fill larger than the position closes it and opens the other
// way at the fill's price (docs/strategy.md §19.2).

import type {Position} from '../view/ledgerView.js';

export type {Position};

export const FLAT: Position = {qty: 0, averageCost: null};

/** The position after one fill, and the P&L the fill realised. */
export function applyToPosition(position: Position, side: 'BUY' | 'SELL', qty: number, price: number): {position: Position; realised: number} {
  const signed = side === 'BUY' ? qty : -qty;
  const held = position.qty;
  const average = position.averageCost ?? price;
  if (held === 0 || Math.sign(held) === Math.sign(signed)) {
    const total = held + signed;
    return {position: {qty: total, averageCost: (Math.abs(held) * average + qty * price) / Math.abs(total)}, realised: 0};
  }
  const closed = Math.min(Math.abs(held), qty);
  // a long position closes by selling above its cost; a short one by buying below it
  const realised = held > 0 ? closed * (price - average) : closed * (average - price);
  const total = held + signed;
  if (Math.abs(total) < 1e-12) return {position: FLAT, realised};
  return {position: {qty: total, averageCost: Math.sign(total) === Math.sign(held) ? average : price}, realised};
}

/** What the open position would realise at `mark`. */
export function unrealisedAt(position: Position, mark: number): number {
  return position.averageCost === null ? 0 : position.qty * (mark - position.averageCost);
}
