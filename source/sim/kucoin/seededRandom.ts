// mulberry32: a tiny seeded PRNG. The KuCoin book path must be a pure function of (seed, sequence of
// reference mids), so the generator is advanced only from step(), never from wall time or I/O.

export interface SeededRandom {
  /** uniform in [0, 1) */
  next(): number;
  /** integer uniform in [lo, hi] (inclusive) */
  int(lo: number, hi: number): number;
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}
