// Inner quotes from fair price, half-spread and inventory skew. Both quotes shift by the same skew, so
// when we hold too much base both move down: the ask gets more aggressive (sells the excess) and the bid
// backs off (buys less).

/**
 * Normalised inventory deviation in [−1, 1]; > 0 means too much base. Measured against the room on each
 * side of the target, so the all-base account is +1 and the all-quote account is −1 whatever the target.
 */
export function inventoryDeviation(baseRatio: number, targetBaseRatio: number): number {
  if (!Number.isFinite(baseRatio) || !Number.isFinite(targetBaseRatio)) return 0;
  const diff = baseRatio - targetBaseRatio;
  const room = diff > 0 ? 1 - targetBaseRatio : targetBaseRatio;
  if (diff === 0 || room <= 0) return 0;
  return Math.max(-1, Math.min(1, diff / room));
}

/** ask = FP·(1 + h − α·q), bid = FP·(1 − h − α·q); prices in quote units (snapping is the ladder's job). */
export function quotes(input: {fair: number; halfSpreadPct: number; skewPct: number; inventoryDeviation: number}): {bid: number; ask: number} {
  const {fair, halfSpreadPct: h, skewPct: alpha, inventoryDeviation: q} = input;
  const shift = alpha * q;
  return {bid: fair * (1 - h - shift), ask: fair * (1 + h - shift)};
}
