// What is left of a book level once our own resting size is taken out of it: the one rule shared by the
// book's depth walk (orderbook.ts) and the depth and spread readings (depth.ts).

// Own sizes come from lots, book sizes from wire strings: the same quantity may differ by an ulp.
const RESIDUE = 1e-9;

/** Size left at a level once our own size is taken out (0 when we are the whole level). */
export function othersSize(size: number, own: number | undefined): number {
  if (own === undefined || own <= 0) return size;
  const rest = size - own;
  return rest > size * RESIDUE ? rest : 0;
}
