// exchangeInfo symbol entry → the engine's SymbolRules (docs/protocols/mexc.md §2.3). MEXC gives precision
// only as decimal counts, and two fields can claim the price precision: ccxt reads `quoteAssetPrecision`,
// Hummingbot `quotePrecision`. When both are present and differ we take the smaller: a price with fewer
// decimals is valid under either reading.
import {type AcceptedSides, type SymbolRules} from '../../engine/symbolRules.js';
import {parseScaled} from '../../wire/scaledDecimal.js';
import type {ExchangeSymbol} from './endpoints.js';

export interface RulesResult {
  rules: SymbolRules;
  /** oddities worth a log line (never fatal) */
  warnings: string[];
}

export function symbolRulesFromExchange(info: ExchangeSymbol): RulesResult {
  const warnings: string[] = [];
  const candidates = [info.quoteAssetPrecision, info.quotePrecision].filter((v): v is number => v !== undefined && Number.isInteger(v) && v >= 0);
  if (candidates.length === 0) throw new Error(`${info.symbol}: exchangeInfo has neither quoteAssetPrecision nor quotePrecision`);
  const priceDecimals = Math.min(...candidates);
  if (new Set(candidates).size > 1) {
    warnings.push(`${info.symbol}: quoteAssetPrecision ${info.quoteAssetPrecision} ≠ quotePrecision ${info.quotePrecision}; using ${priceDecimals} price decimals`);
  }
  const qtyDecimals = info.baseAssetPrecision;
  if (!Number.isInteger(qtyDecimals) || qtyDecimals < 0) throw new Error(`${info.symbol}: bad baseAssetPrecision ${qtyDecimals}`);

  // baseSizePrecision is, despite its name, the minimum order quantity; round it up to whole lots.
  const minQtyLots = info.baseSizePrecision === undefined ? 1 : Math.max(1, ceilScaled(info.baseSizePrecision, qtyDecimals));
  const minNotional = info.quoteAmountPrecision === undefined ? 0 : Number(info.quoteAmountPrecision);
  if (!Number.isFinite(minNotional) || minNotional < 0) throw new Error(`${info.symbol}: bad quoteAmountPrecision ${info.quoteAmountPrecision}`);

  const tradable = info.status === '1' && (info.permissions ?? []).includes('SPOT') && info.isSpotTradingAllowed === true;
  const acceptedSides = acceptedSidesOf(info, warnings);
  const specialTreatment = specialTreatmentOf(info, warnings);
  return {
    rules: {symbol: info.symbol, baseAsset: info.baseAsset, quoteAsset: info.quoteAsset, priceDecimals, qtyDecimals, minQtyLots, minNotional, tradable, acceptedSides, specialTreatment},
    warnings,
  };
}

/**
 * `tradeSideType` 1 both, 2 buy only, 3 sell only, 4 closed (docs/protocols/mexc.md §2.3). Older answers lack the
 * field: both. A value the docs do not list is not guessed at: no side is quoted, and a warning says why.
 */
function acceptedSidesOf(info: ExchangeSymbol, warnings: string[]): AcceptedSides {
  switch (info.tradeSideType) {
    case undefined:
    case '1':
      return 'both';
    case '2':
      return 'buysOnly';
    case '3':
      return 'sellsOnly';
    case '4':
      return 'none';
    default:
      warnings.push(`${info.symbol}: undocumented tradeSideType ${JSON.stringify(info.tradeSideType)}; quoting neither side`);
      return 'none';
  }
}

/** `st`: true while MEXC's ST warning tag is on the token (docs/protocols/mexc.md §2.3); absent means false. */
function specialTreatmentOf(info: ExchangeSymbol, warnings: string[]): boolean {
  const st = info.st;
  if (st === undefined || st === null || st === false || st === 'false') return false;
  if (st === true || st === 'true') return true;
  warnings.push(`${info.symbol}: undocumented st ${JSON.stringify(st)}; read as not tagged`);
  return false;
}

/** Like parseScaled but rounds up when digits beyond `decimals` are non-zero. */
export function ceilScaled(text: string, decimals: number): number {
  const match = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!match) return parseScaled(text, decimals);
  const fraction = match[2] ?? '';
  const floor = parseScaled(`${match[1] || '0'}.${fraction.slice(0, decimals)}`, decimals);
  return /[1-9]/.test(fraction.slice(decimals)) ? floor + 1 : floor;
}
