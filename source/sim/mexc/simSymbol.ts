// The simulated MEXC symbol's trading rules, chosen like a real small-cap pair around 0.25 USDT:
// 5 price decimals (tick 0.00001), 2 quantity decimals (lot 0.01), 1 USDT minimum notional.
import {formatScaled} from '../../wire/scaledDecimal.js';
import {unitsToAtoms} from '../fixedPoint.js';

export interface SimSymbol {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  priceDecimals: number;
  qtyDecimals: number;
  /** minimum order quantity in lots (exchangeInfo `baseSizePrecision`) */
  minQtyLots: number;
  /** minimum / maximum order notional in tick×lot units (exchangeInfo `quoteAmountPrecision` / `maxQuoteAmount`) */
  minNotionalTickLots: number;
  maxNotionalTickLots: number;
  /** fee rates as parts per million (maker 0, taker 0.05 %, like MEXC spot's published defaults) */
  makerFeePpm: number;
  takerFeePpm: number;
  /** the reference price the market model starts from */
  startPrice: number;
}

export function makeSimSymbol(symbol: string): SimSymbol {
  const quoteAsset = 'USDT';
  if (!symbol.endsWith(quoteAsset) || symbol.length <= quoteAsset.length) {
    throw new Error(`simulator symbol must be <BASE>USDT, got ${symbol}`);
  }
  const priceDecimals = 5;
  const qtyDecimals = 2;
  const tickLotsPerUsdt = 10 ** (priceDecimals + qtyDecimals);
  return {
    symbol,
    baseAsset: symbol.slice(0, -quoteAsset.length),
    quoteAsset,
    priceDecimals,
    qtyDecimals,
    minQtyLots: 1,
    minNotionalTickLots: 1 * tickLotsPerUsdt,
    maxNotionalTickLots: 2_000_000 * tickLotsPerUsdt,
    makerFeePpm: 0,
    takerFeePpm: 500,
    startPrice: 0.25,
  };
}

/** Decimal text of a price in ticks, as MEXC writes it. */
export const priceText = (ticks: number, rules: SimSymbol): string => formatScaled(ticks, rules.priceDecimals);
/** Decimal text of a quantity in lots. */
export const qtyText = (lots: number, rules: SimSymbol): string => formatScaled(lots, rules.qtyDecimals);
/** Decimal text of a quote amount in tick×lot units (USDT). */
export const quoteText = (tickLots: number, rules: SimSymbol): string => formatScaled(tickLots, rules.priceDecimals + rules.qtyDecimals);

/** Quote atoms (10^-AMOUNT_DECIMALS USDT) of a tick×lot product. */
export function tickLotsToAtoms(tickLots: number, rules: SimSymbol): bigint {
  return unitsToAtoms(tickLots, rules.priceDecimals + rules.qtyDecimals);
}

/** Base atoms of a lot count. */
export function lotsToAtoms(lots: number, rules: SimSymbol): bigint {
  return unitsToAtoms(lots, rules.qtyDecimals);
}

export function feeAtoms(amount: bigint, ppm: number): bigint {
  return (amount * BigInt(ppm)) / 1_000_000n;
}
