// A symbol's trading rules and the engine's integer units: a price is an integer number of ticks
// (10^-priceDecimals) and a size an integer number of lots (10^-qtyDecimals), so no price is ever
// compared as a float. MEXC gives precision only as decimal counts (docs/protocols/mexc.md §2.3). Decimal text on the
// wire ↔ integers lives in wire/scaledDecimal.ts.
import type {Side} from './events.js';

/**
 * The sides MEXC takes new orders on (exchangeInfo `tradeSideType`, docs/protocols/mexc.md §2.3): both, buys
 * only, sells only, or none (the pair is closed).
 */
export type AcceptedSides = 'both' | 'buysOnly' | 'sellsOnly' | 'none';

export interface SymbolRules {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  /** decimals of price: one tick = 10^-priceDecimals quote units */
  priceDecimals: number;
  /** decimals of quantity: one lot = 10^-qtyDecimals base units */
  qtyDecimals: number;
  /** minimum order quantity in lots (MEXC `baseSizePrecision`) */
  minQtyLots: number;
  /** minimum order notional in quote units (MEXC `quoteAmountPrecision`) */
  minNotional: number;
  /** symbol is online and API spot trading is allowed */
  tradable: boolean;
  /** the sides new orders may go on; a refused side is not quoted */
  acceptedSides: AcceptedSides;
  /**
   * MEXC's ST (special treatment) warning tag (exchangeInfo `st`): the token may be delisted; trading goes on
   * (docs/protocols/mexc.md §2.3)
   */
  specialTreatment: boolean;
}

/** Why MEXC takes no new orders on `side`, in the words the operator sees, or null when it takes them. */
export function sideRefusal(accepted: AcceptedSides, side: Side): string | null {
  switch (accepted) {
    case 'both':
      return null;
    case 'buysOnly':
      return side === 'SELL' ? 'exchange allows only buys' : null;
    case 'sellsOnly':
      return side === 'BUY' ? 'exchange allows only sells' : null;
    case 'none':
      return 'exchange allows no orders';
  }
}

/** The side restriction as one line for the operator (live readiness, start-up notice). */
export function acceptedSidesText(accepted: AcceptedSides): string {
  switch (accepted) {
    case 'both':
      return 'exchange allows buys and sells';
    case 'buysOnly':
      return 'exchange allows only buys: the ask side cannot be quoted';
    case 'sellsOnly':
      return 'exchange allows only sells: the bid side cannot be quoted';
    case 'none':
      return 'exchange allows no orders: neither side can be quoted';
  }
}

/** What the operator should know about the symbol's restrictions before trading it, one line each. */
export function symbolRestrictionNotes(rules: Pick<SymbolRules, 'symbol' | 'acceptedSides' | 'specialTreatment'>): string[] {
  const notes: string[] = [];
  if (rules.acceptedSides !== 'both') notes.push(`${rules.symbol}: ${acceptedSidesText(rules.acceptedSides)}`);
  if (rules.specialTreatment) notes.push(specialTreatmentText(rules.symbol));
  return notes;
}

/** MEXC's ST tag explained: a warning, not a stop (docs/protocols/mexc.md §2.3). */
export function specialTreatmentText(symbol: string): string {
  return `${symbol} carries MEXC's ST (special treatment) warning: deposits are closed and the pair may be suspended and delisted; trading goes on`;
}

export const ticksToPrice = (ticks: number, rules: Pick<SymbolRules, 'priceDecimals'>): number =>
  ticks / 10 ** rules.priceDecimals;
export const lotsToQty = (lots: number, rules: Pick<SymbolRules, 'qtyDecimals'>): number => lots / 10 ** rules.qtyDecimals;
export const priceToTicksFloor = (price: number, rules: Pick<SymbolRules, 'priceDecimals'>): number =>
  Math.floor(price * 10 ** rules.priceDecimals + 1e-9);
export const priceToTicksCeil = (price: number, rules: Pick<SymbolRules, 'priceDecimals'>): number =>
  Math.ceil(price * 10 ** rules.priceDecimals - 1e-9);
export const qtyToLotsFloor = (qty: number, rules: Pick<SymbolRules, 'qtyDecimals'>): number =>
  Math.floor(qty * 10 ** rules.qtyDecimals + 1e-9);
/** Quote-currency value of `lots` at `ticks`. */
export const notionalOf = (ticks: number, lots: number, rules: Pick<SymbolRules, 'priceDecimals' | 'qtyDecimals'>): number =>
  ticksToPrice(ticks, rules) * lotsToQty(lots, rules);

/** The most whole lots at `ticks` whose value stays within `notional` (quote units). */
export function lotsWithinNotional(ticks: number, notional: number, rules: Pick<SymbolRules, 'priceDecimals' | 'qtyDecimals'>): number {
  let lots = Math.floor(notional / notionalOf(ticks, 1, rules));
  // floor on a float quotient can land one lot high by rounding: step back under the limit
  while (lots > 0 && notionalOf(ticks, lots, rules) > notional) lots--;
  return Math.max(0, lots);
}
