// The engine's integer units (symbolRules.ts): ticks and lots to decimals and back, with the float
// tolerance that keeps a price like 0.29 (28.999999999999996 hundredths) on its own tick.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptedSidesText,
  lotsToQty,
  lotsWithinNotional,
  notionalOf,
  priceToTicksCeil,
  priceToTicksFloor,
  qtyToLotsFloor,
  sideRefusal,
  specialTreatmentText,
  symbolRestrictionNotes,
  ticksToPrice,
  type AcceptedSides,
} from '../../source/engine/symbolRules.js';
import {rules} from './engineFixtures.js';

const cents = {priceDecimals: 2, qtyDecimals: 2};

test('ticks and lots to decimal units', () => {
  assert.equal(ticksToPrice(24_900, rules), 0.249);
  assert.equal(ticksToPrice(7, cents), 0.07);
  assert.equal(lotsToQty(100_000, rules), 1_000);
  assert.equal(lotsToQty(5, {qtyDecimals: 0}), 5);
});

test('priceToTicksFloor: a price on a tick stays on it despite float error; between ticks it rounds down', () => {
  assert.equal(0.29 * 100, 28.999999999999996, 'the float error the tolerance is for');
  assert.equal(priceToTicksFloor(0.29, cents), 29);
  assert.equal(priceToTicksFloor(0.249, rules), 24_900);
  assert.equal(priceToTicksFloor(0.2499999, rules), 24_999);
  assert.equal(priceToTicksFloor(12, {priceDecimals: 0}), 12);
});

test('priceToTicksCeil: a price on a tick stays on it despite float error; between ticks it rounds up', () => {
  assert.equal(1.1 * 100, 110.00000000000001, 'the float error the tolerance is for');
  assert.equal(priceToTicksCeil(1.1, cents), 110);
  assert.equal(priceToTicksCeil(0.249, rules), 24_900);
  assert.equal(priceToTicksCeil(0.2490001, rules), 24_901);
  assert.equal(priceToTicksCeil(12, {priceDecimals: 0}), 12);
});

test('qtyToLotsFloor: a quantity on a lot stays on it despite float error; between lots it rounds down', () => {
  assert.equal(qtyToLotsFloor(0.29, cents), 29);
  assert.equal(qtyToLotsFloor(1.239, rules), 123);
  assert.equal(qtyToLotsFloor(1_000, rules), 100_000);
});

test('notionalOf: the quote value of lots at a price', () => {
  assert.equal(notionalOf(24_900, 100_000, rules), 249);
  assert.equal(notionalOf(25_000, 400_000, rules), 1_000);
});

test('lotsWithinNotional: the most whole lots whose value stays within the notional (the limit itself included)', () => {
  assert.equal(lotsWithinNotional(25_000, 1_000, rules), 400_000, 'exactly 1,000 USDT');
  assert.equal(lotsWithinNotional(25_000, 999.99, rules), 399_996);
  assert.equal(lotsWithinNotional(24_900, 249.01, rules), 100_004);
});

test('lotsWithinNotional steps back a lot when the float quotient lands one high', () => {
  // 0.3 / 0.002 = 150 lots, but 150 lots at 0.2 are worth 0.30000000000000004 > 0.3
  assert.equal(notionalOf(20_000, 150, rules), 0.30000000000000004);
  assert.equal(lotsWithinNotional(20_000, 0.3, rules), 149);
});

test('lotsWithinNotional is 0 for a notional below one lot, zero or negative', () => {
  assert.equal(lotsWithinNotional(25_000, 0.0024, rules), 0);
  assert.equal(lotsWithinNotional(25_000, 0, rules), 0);
  assert.equal(lotsWithinNotional(25_000, -5, rules), 0);
});

// ---- the sides MEXC takes orders on, and its ST tag ---------------------------------------------------------

test('sideRefusal: every accepted-sides value refuses exactly the sides it closes, with the reason the operator sees', () => {
  const table: Array<[AcceptedSides, string | null, string | null]> = [
    ['both', null, null],
    ['buysOnly', null, 'exchange allows only buys'],
    ['sellsOnly', 'exchange allows only sells', null],
    ['none', 'exchange allows no orders', 'exchange allows no orders'],
  ];
  for (const [accepted, buy, sell] of table) {
    assert.deepEqual([sideRefusal(accepted, 'BUY'), sideRefusal(accepted, 'SELL')], [buy, sell], accepted);
  }
});

test('acceptedSidesText says which side cannot be quoted', () => {
  assert.equal(acceptedSidesText('buysOnly'), 'exchange allows only buys: the ask side cannot be quoted');
  assert.equal(acceptedSidesText('sellsOnly'), 'exchange allows only sells: the bid side cannot be quoted');
  assert.equal(acceptedSidesText('none'), 'exchange allows no orders: neither side can be quoted');
  assert.equal(acceptedSidesText('both'), 'exchange allows buys and sells');
});

test('symbolRestrictionNotes: nothing for an unrestricted symbol; the refused side and the ST tag, one line each', () => {
  assert.deepEqual(symbolRestrictionNotes(rules), []);
  assert.deepEqual(symbolRestrictionNotes({...rules, acceptedSides: 'sellsOnly', specialTreatment: true}), [
    'RMVUSDT: exchange allows only sells: the bid side cannot be quoted',
    specialTreatmentText('RMVUSDT'),
  ]);
  assert.match(specialTreatmentText('RMVUSDT'), /^RMVUSDT carries MEXC's ST \(special treatment\) warning: .*trading goes on$/);
});
