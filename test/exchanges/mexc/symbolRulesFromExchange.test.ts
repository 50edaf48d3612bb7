import assert from 'node:assert/strict';
import {test} from 'node:test';
import {exchangeSymbol, type ExchangeSymbol} from '../../../source/exchanges/mexc/endpoints.js';
import type {AcceptedSides} from '../../../source/engine/symbolRules.js';
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
    rules: {symbol: 'METALUSDT', baseAsset: 'METAL', quoteAsset: 'USDT', priceDecimals: 5, qtyDecimals: 2, minQtyLots: 10, minNotional: 1, tradable: true, acceptedSides: 'both', specialTreatment: false},
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

// ---- tradeSideType and st (docs/protocols/mexc.md §2.3) ------------------------------------------------------

/** One exchangeInfo symbol as it comes off the wire, through the client's schema, then into rules. */
const fromWire = (raw: Record<string, unknown>) => symbolRulesFromExchange(exchangeSymbol.parse({...metal, ...raw}));

test('tradeSideType 1–4, as the documented text or the number newer answers send, gives the sides MEXC takes orders on', () => {
  const table: Array<[unknown, AcceptedSides]> = [
    ['1', 'both'], [1, 'both'],
    ['2', 'buysOnly'], [2, 'buysOnly'],
    ['3', 'sellsOnly'], [3, 'sellsOnly'],
    ['4', 'none'], [4, 'none'],
  ];
  for (const [tradeSideType, accepted] of table) {
    const {rules, warnings} = fromWire({tradeSideType});
    assert.equal(rules.acceptedSides, accepted, JSON.stringify(tradeSideType));
    assert.deepEqual(warnings, []);
    assert.equal(rules.tradable, true, 'a side restriction is not the symbol status');
  }
});

test('no tradeSideType (older answers) means both sides', () => {
  assert.equal(symbolRulesFromExchange(metal).rules.acceptedSides, 'both');
});

test('an undocumented tradeSideType is not guessed at: neither side is quoted, and a warning says why', () => {
  const {rules, warnings} = fromWire({tradeSideType: 5});
  assert.equal(rules.acceptedSides, 'none');
  assert.deepEqual(warnings, ['METALUSDT: undocumented tradeSideType "5"; quoting neither side']);
});

test('st true, as a JSON boolean or the documented text, marks the ST tag; false, "false" or absent does not; trading stays open', () => {
  for (const st of [true, 'true']) {
    const {rules, warnings} = fromWire({st});
    assert.equal(rules.specialTreatment, true, JSON.stringify(st));
    assert.deepEqual([rules.tradable, rules.acceptedSides, warnings], [true, 'both', []]);
  }
  for (const st of [false, 'false', null]) assert.equal(fromWire({st}).rules.specialTreatment, false, JSON.stringify(st));
  assert.equal(symbolRulesFromExchange(metal).rules.specialTreatment, false);
  const odd = fromWire({st: 'yes'});
  assert.equal(odd.rules.specialTreatment, false);
  assert.deepEqual(odd.warnings, ['METALUSDT: undocumented st "yes"; read as not tagged']);
});

test('the documented sample in full (tradeSideType "1", st false) is both sides, not tagged', () => {
  const {rules} = fromWire({tradeSideType: '1', st: false, filters: [{filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', askMultiplierDown: '0.2'}], contractAddress: 'xtokens'});
  assert.deepEqual([rules.acceptedSides, rules.specialTreatment], ['both', false]);
});
