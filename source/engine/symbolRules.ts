// A symbol's trading rules and the engine's integer units: a price is an integer number of ticks
// (10^-priceDecimals) and a size an integer number of lots (10^-qtyDecimals), so no price is ever
// compared as a float. MEXC gives precision only as decimal counts (docs/protocols/mexc.md §2.3). Decimal text on the
// wire ↔ integers lives in wire/scaledDecimal.ts.

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
