// The arbitrageur (docs/simulator.md §6): it takes MEXC quotes — anyone's, ours included — that cross
// KuCoin's book by more than its fees, the way arbitrageurs trade against a thin MEXC pair whose quotes
// lag KuCoin. An opportunity must have been visible for `reactionSteps` model steps; each take is an IOC
// limited to the profitable levels and to a USDT size, with a USDT budget over a window of steps. It
// draws no random numbers: what it does follows from the two books alone.
import type {Side} from '../mexc/matchingEngine.js';
import type {MexcVenue} from '../mexc/mexcVenue.js';

export interface ArbitrageParams {
  /** model steps an opportunity must have been visible before it is taken (0 = the step it appears) */
  reactionSteps: number;
  /** the arbitrageur's round-trip cost (MEXC taker + KuCoin taker), parts per million of price */
  feePpm: number;
  /** the most one take may trade, USDT */
  maxTakeUsdt: number;
  /** the most all takes within any `budgetSteps` consecutive steps may trade, USDT */
  budgetUsdt: number;
  budgetSteps: number;
}

/** KuCoin's best bid and ask in KuCoin's own ticks. */
export interface ReferenceTop {
  bidTicks: number;
  askTicks: number;
  priceDecimals: number;
}

export interface ArbitrageStats {
  /** IOC orders sent (one per side and step at most) */
  takes: number;
  fills: number;
  lotsFilled: number;
  /** fills and lots against the test account's orders */
  accountFills: number;
  accountLotsFilled: number;
  /** quote traded, USDT (all fills / against the test account) */
  quoteUsdt: number;
  accountQuoteUsdt: number;
}

export const emptyArbitrageStats = (): ArbitrageStats => ({takes: 0, fills: 0, lotsFilled: 0, accountFills: 0, accountLotsFilled: 0, quoteUsdt: 0, accountQuoteUsdt: 0});

const PPM = 1_000_000n;

/**
 * The worst MEXC price (MEXC ticks) at which taking on `side` still beats the fees against KuCoin's top,
 * exactly: a buy needs ask < KuCoin bid × (1 − fee), a sell needs bid > KuCoin ask × (1 + fee).
 */
export function profitableLimit(side: Side, top: ReferenceTop, mexcPriceDecimals: number, feePpm: number): number {
  const mexcScale = 10n ** BigInt(mexcPriceDecimals);
  const kucoinScale = 10n ** BigInt(top.priceDecimals);
  const fee = BigInt(feePpm);
  if (side === 'BUY') {
    const bound = BigInt(top.bidTicks) * mexcScale * (PPM - fee);
    return Number((bound - 1n) / (kucoinScale * PPM));
  }
  const bound = BigInt(top.askTicks) * mexcScale * (PPM + fee);
  return Number(bound / (kucoinScale * PPM)) + 1;
}

export class Arbitrageur {
  readonly stats = emptyArbitrageStats();
  private readonly visibleSince: Record<Side, number | null> = {BUY: null, SELL: null};
  private readonly spent: Array<{step: number; tickLots: number}> = [];

  constructor(
    private readonly params: ArbitrageParams,
    private readonly venue: MexcVenue,
    private readonly referenceTop: () => ReferenceTop | null,
  ) {}

  /** Looks at both books after the step's KuCoin move; takes what has been open long enough. */
  step(step: number): void {
    const top = this.referenceTop();
    const rules = this.venue.rules;
    const tickLotsPerUsdt = 10 ** (rules.priceDecimals + rules.qtyDecimals);
    while (this.spent.length > 0 && this.spent[0]!.step <= step - this.params.budgetSteps) this.spent.shift();
    for (const side of ['BUY', 'SELL'] as const) {
      const limit = top === null ? null : profitableLimit(side, top, rules.priceDecimals, this.params.feePpm);
      const best = this.venue.book.best(side === 'BUY' ? 'SELL' : 'BUY');
      const open = limit !== null && limit > 0 && best !== null && (side === 'BUY' ? best <= limit : best >= limit);
      if (!open) {
        this.visibleSince[side] = null;
        continue;
      }
      const since = (this.visibleSince[side] ??= step);
      if (step - since < this.params.reactionSteps) continue;
      const spentTickLots = this.spent.reduce((sum, take) => sum + take.tickLots, 0);
      const budget = Math.floor(Math.min(this.params.maxTakeUsdt * tickLotsPerUsdt, this.params.budgetUsdt * tickLotsPerUsdt - spentTickLots));
      if (budget < best!) continue; // not even one lot left in this window
      const fills = this.venue.takeWithin(side, limit!, {kind: 'quote', tickLots: budget});
      this.stats.takes++;
      let traded = 0;
      for (const fill of fills) {
        const tickLots = fill.priceTicks * fill.lots;
        traded += tickLots;
        this.stats.fills++;
        this.stats.lotsFilled += fill.lots;
        this.stats.quoteUsdt += tickLots / tickLotsPerUsdt;
        if (fill.maker.owner === 'account') {
          this.stats.accountFills++;
          this.stats.accountLotsFilled += fill.lots;
          this.stats.accountQuoteUsdt += tickLots / tickLotsPerUsdt;
        }
      }
      if (traded > 0) this.spent.push({step, tickLots: traded});
    }
  }
}
