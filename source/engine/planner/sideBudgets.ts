// How much quote value to commit on each side (the original bot's check_market_depth plus its balance
// split: docs/strategy.md §7, §9).
//
// The original bot added volume where depth is short and split "how much base vs how much quote" by the
// balance ratio. Here the split falls out of what funds each side: bids are funded only by quote, asks only by
// base (valued at fair). So each side commits min(need, what its own asset can fund): an account that is
// 70 % base can fund a large ask side and a smaller bid side, exactly the ratio in its balances, and a
// side whose asset runs out reports the shortfall instead of borrowing from the other. When both sides
// together exceed maxTotalNotional they are scaled down in the same proportion, which keeps that
// balance-driven split. Outside the inventory band the heavy side stops growing: base-heavy accounts stop
// bidding (buying more base), quote-heavy accounts stop offering. A side the exchange refuses gets nothing,
// before the cap is shared out, so it does not take the other side's share.

export interface SideBudget {
  /** quote value our orders on this side should hold */
  budgetQuote: number;
  /** how much of the need this budget leaves unmet */
  shortfallQuote: number;
  reason: string | null;
}

export interface SideBudgetsInput {
  /** depth target per side (USDT within the band) */
  target: number;
  /** depth others provide within the band (our own orders excluded) */
  othersDepth: {bid: number; ask: number};
  /** free + locked in our own orders: quote units for bids, base units for asks */
  available: {quote: number; base: number};
  fair: number;
  maxTotalNotional: number;
  baseRatio: number | null;
  inventoryBand: {minBaseRatio: number; maxBaseRatio: number};
  /** why the exchange takes no orders on a side (symbolRules.ts sideRefusal); absent: it takes both */
  refusedByExchange?: {bid: string | null; ask: string | null};
}

// below this a difference is rounding, not a shortfall worth reporting
const DUST = 1e-6;

export function sideBudgets(input: SideBudgetsInput): {bid: SideBudget; ask: SideBudget} {
  const {target, othersDepth, available, fair, baseRatio, inventoryBand} = input;
  const needBid = nonNegative(target - othersDepth.bid);
  const needAsk = nonNegative(target - othersDepth.ask);
  const fundBid = nonNegative(available.quote);
  const fundAsk = nonNegative(available.base) * (fair > 0 && Number.isFinite(fair) ? fair : 0);

  let bid = Math.min(needBid, fundBid);
  let ask = Math.min(needAsk, fundAsk);
  let bidReason = needBid - bid > DUST ? `no balance: short ${Math.ceil(needBid - bid)} USDT` : null;
  let askReason = needAsk - ask > DUST ? `no balance: short ${Math.ceil(needAsk - ask)} USDT` : null;

  if (baseRatio !== null && baseRatio > inventoryBand.maxBaseRatio) {
    bid = 0;
    bidReason = 'inventory: base-heavy';
  } else if (baseRatio !== null && baseRatio < inventoryBand.minBaseRatio) {
    ask = 0;
    askReason = 'inventory: quote-heavy';
  }
  const refused = input.refusedByExchange;
  if (refused?.bid) {
    bid = 0;
    bidReason = refused.bid;
  }
  if (refused?.ask) {
    ask = 0;
    askReason = refused.ask;
  }

  const total = bid + ask;
  if (total > input.maxTotalNotional && total > 0) {
    const factor = nonNegative(input.maxTotalNotional) / total;
    bid *= factor;
    ask *= factor;
    bidReason ??= bid < needBid - DUST ? 'capped by maxTotalNotional' : null;
    askReason ??= ask < needAsk - DUST ? 'capped by maxTotalNotional' : null;
  }
  return {
    bid: {budgetQuote: bid, shortfallQuote: nonNegative(needBid - bid), reason: bidReason},
    ask: {budgetQuote: ask, shortfallQuote: nonNegative(needAsk - ask), reason: askReason},
  };
}

const nonNegative = (x: number): number => (Number.isFinite(x) && x > 0 ? x : 0);
