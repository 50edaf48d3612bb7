import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {ExchangeSymbol} from '../../../source/exchanges/mexc/endpoints.js';
import {ceilScaled, symbolRulesFromExchange} from '../../../source/exchanges/mexc/symbolRulesFromExchange.js';

// docs/protocols/mexc.md §2.3 sample (NEWDOC METALUSDT)
const metal: ExchangeSymbol = {
  symbol: 'METALUSDT',
  status: '1',
  baseAsset: 'METAL',
  baseAssetPrecision: 2,
  quoteAsset: 'USDT',
  quotePrecision: 5,
  quoteAssetPrecision: 5,
  orderTypes: ['LIMIT', 'MARKET', 'LIMIT_MAKER'],
  isSpotTradingAllowed: true,
  quoteAmountPrecision: '1',
  baseSizePrecision: '0.1',
  permissions: ['SPOT'],
};

test('maps the documented exchangeInfo sample to symbol rules', () => {
  assert.deepEqual(symbolRulesFromExchange(metal), {
    rules: {symbol: 'METALUSDT', baseAsset: 'METAL', quoteAsset: 'USDT', priceDecimals: 5, qtyDecimals: 2, minQtyLots: 10, minNotional: 1, tradable: true},
    warnings: [],
  });
});

test('not tradable unless status "1", SPOT permission and API spot trading are all present', () => {
  assert.equal(symbolRulesFromExchange({...metal, status: '2'}).rules.tradable, false);
  assert.equal(symbolRulesFromExchange({...metal, status: 'ENABLED'}).rules.tradable, false);
  assert.equal(symbolRulesFromExchange({...metal, permissions: []}).rules.tradable, false);
  assert.equal(symbolRulesFromExchange({...metal, isSpotTradingAllowed: false}).rules.tradable, false);
});

test('disagreeing price precisions take the coarser one and warn', () => {
  const {rules, warnings} = symbolRulesFromExchange({...metal, quotePrecision: 4, quoteAssetPrecision: 6});
  assert.equal(rules.priceDecimals, 4);
  assert.equal(warnings.length, 1);
});

test('minimum quantity rounds up to whole lots', () => {
  assert.equal(ceilScaled('0.105', 2), 11);
  assert.equal(ceilScaled('0.100', 2), 10);
  assert.equal(ceilScaled('5', 0), 5);
  assert.equal(symbolRulesFromExchange({...metal, baseSizePrecision: '0'}).rules.minQtyLots, 1);
});
