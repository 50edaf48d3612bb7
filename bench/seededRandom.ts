// A small seeded PRNG (mulberry32) so every benchmark input is the same stream on every run and machine.

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export const pick = (random: Random, n: number): number => Math.floor(random() * n);

/** Geometric distance (1, 2, 3, ...) with the given mean: most activity near the touch, as on a live feed. */
export function geometric(random: Random, mean: number, cap: number): number {
  const p = 1 / mean;
  const k = 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - p));
  return Math.min(k, cap);
}
