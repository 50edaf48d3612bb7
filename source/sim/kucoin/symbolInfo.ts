// The `GET /api/v2/symbols` item for the simulated symbol, with every field of docs/protocols/kucoin.md §4.
// Increments come from the simulator's decimals; the limits are ordinary values for a USDT pair.

import {formatScaled} from '../../wire/scaledDecimal.js';

export interface SymbolInfoParams {
  symbol: string;
  priceDecimals: number;
  sizeDecimals: number;
}

export function symbolInfo(params: SymbolInfoParams): Record<string, unknown> {
  const [baseCurrency, quoteCurrency] = params.symbol.split('-') as [string, string];
  const priceIncrement = formatScaled(1, params.priceDecimals);
  const baseIncrement = formatScaled(1, params.sizeDecimals);
  return {
    symbol: params.symbol,
    name: params.symbol,
    baseCurrency,
    quoteCurrency,
    feeCurrency: quoteCurrency,
    market: quoteCurrency === 'USDT' ? 'USDS' : 'ALTS',
    baseMinSize: baseIncrement,
    quoteMinSize: '0.1',
    baseMaxSize: '10000000000',
    quoteMaxSize: '99999999',
    baseIncrement,
    quoteIncrement: priceIncrement,
    priceIncrement,
    priceLimitRate: '0.1',
    minFunds: '0.1',
    isMarginEnabled: false,
    enableTrading: true,
    feeCategory: 1,
    makerFeeCoefficient: '1.00',
    takerFeeCoefficient: '1.00',
    st: false,
    callauctionIsEnabled: false,
    callauctionPriceFloor: null,
    callauctionPriceCeiling: null,
    callauctionFirstStageStartTime: null,
    callauctionSecondStageStartTime: null,
    callauctionThirdStageStartTime: null,
    tradingStartTime: null,
  };
}
