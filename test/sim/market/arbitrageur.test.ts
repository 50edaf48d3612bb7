import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Arbitrageur, profitableLimit, type ArbitrageParams, type ReferenceTop} from '../../../source/sim/market/arbitrageur.js';
import {amountToAtoms} from '../../../source/sim/fixedPoint.js';
import {MexcVenue} from '../../../source/sim/mexc/mexcVenue.js';
import {makeSimSymbol} from '../../../source/sim/mexc/simSymbol.js';

const rules = makeSimSymbol('RMVUSDT'); // 5 price decimals, 2 quantity decimals: 1 USDT = 10^7 tick-lots

function setup(params: Partial<ArbitrageParams>, top: ReferenceTop | null = {bidTicks: 25_000, askTicks: 25_025, priceDecimals: 5}) {
  const venue = new MexcVenue(rules, 1, {base: amountToAtoms(10_000), quote: amountToAtoms(10_000)}, () => 0);
  const reference = {top};
  const arbitrageur = new Arbitrageur(
    {reactionSteps: 0, feePpm: 1500, maxTakeUsdt: 1000, budgetUsdt: 10_000, budgetSteps: 10, ...params},
    venue,
    () => reference.top,
  );
  const ours = (side: 'BUY' | 'SELL', priceTicks: number, lots: number) => {
    const placed = venue.place({side, type: 'LIMIT_MAKER', priceTicks, lots, clientOrderId: null});
    assert.ok(placed.ok);
    return placed.order.orderId;
  };
  const remaining = (orderId: string) => venue.book.get(orderId)?.remainingLots ?? 0;
  return {venue, arbitrageur, reference, ours, remaining};
}

test('the profitable limit is exact: a buy needs ask < KuCoin bid × (1 − fee), a sell bid > KuCoin ask × (1 + fee)', () => {
  const top = {bidTicks: 25_000, askTicks: 25_025, priceDecimals: 5};
  // 25000 × 0.9985 = 24962.5 → 24962; 25025 × 1.0015 = 25062.5375 → 25063
  assert.equal(profitableLimit('BUY', top, 5, 1500), 24_962);
  assert.equal(profitableLimit('SELL', top, 5, 1500), 25_063);
  // exactly at the fee is no profit: 20000 × 0.9975 = 19950 → 19949; 20000 × 1.0025 = 20050 → 20051
  assert.equal(profitableLimit('BUY', {bidTicks: 20_000, askTicks: 20_000, priceDecimals: 5}, 5, 2500), 19_949);
  assert.equal(profitableLimit('SELL', {bidTicks: 20_000, askTicks: 20_000, priceDecimals: 5}, 5, 2500), 20_051);
  // KuCoin with a finer tick than MEXC: 0.250000 in 6 decimals is the same bound
  assert.equal(profitableLimit('BUY', {bidTicks: 250_000, askTicks: 250_250, priceDecimals: 6}, 5, 1500), 24_962);
});

test('a crossing quote is taken only after it has been visible for reactionSteps steps', () => {
  const {arbitrageur, ours, remaining} = setup({reactionSteps: 2});
  const ask = ours('SELL', 24_900, 1000);
  arbitrageur.step(1); // first seen
  arbitrageur.step(2);
  assert.equal(remaining(ask), 1000, 'not yet: visible for 1 step');
  arbitrageur.step(3);
  assert.equal(remaining(ask), 0);
  assert.equal(arbitrageur.stats.takes, 1);
  assert.equal(arbitrageur.stats.accountFills, 1);
  assert.equal(arbitrageur.stats.accountLotsFilled, 1000);
  assert.ok(Math.abs(arbitrageur.stats.accountQuoteUsdt - 2.49) < 1e-9, '10.00 RMV × 0.249');
});

test('an opportunity that closes starts its wait again', () => {
  const {arbitrageur, reference, ours, remaining} = setup({reactionSteps: 1});
  const ask = ours('SELL', 24_900, 1000);
  arbitrageur.step(1);
  reference.top = {bidTicks: 24_900, askTicks: 24_925, priceDecimals: 5}; // KuCoin falls: 24900 no longer below 24862
  arbitrageur.step(2);
  reference.top = {bidTicks: 25_000, askTicks: 25_025, priceDecimals: 5};
  arbitrageur.step(3); // seen again, from step 3
  assert.equal(remaining(ask), 1000);
  arbitrageur.step(4);
  assert.equal(remaining(ask), 0);
  const none = setup({}, null);
  const kept = none.ours('SELL', 24_900, 1000);
  none.arbitrageur.step(1);
  assert.equal(none.remaining(kept), 1000, 'no KuCoin book, no arbitrage');
});

test('each take stays within its USDT size and the window budget; the window frees up budgetSteps later', () => {
  const {arbitrageur, ours, remaining} = setup({maxTakeUsdt: 10, budgetUsdt: 15, budgetSteps: 10});
  const ask = ours('SELL', 24_900, 100_000); // 249 USDT
  arbitrageur.step(0);
  // 10 USDT = 10^8 tick-lots → floor(10^8 / 24900) = 4016 lots
  assert.equal(100_000 - remaining(ask), 4016);
  arbitrageur.step(1);
  // 15 × 10^7 − 4016 × 24900 = 50,001,600 left → 2008 lots
  assert.equal(100_000 - remaining(ask), 4016 + 2008);
  for (let step = 2; step <= 9; step++) arbitrageur.step(step);
  assert.equal(arbitrageur.stats.takes, 2, 'less than one lot of budget left until step 10');
  arbitrageur.step(10); // step 0's take leaves the window
  assert.equal(100_000 - remaining(ask), 4016 + 2008 + 4016);
  assert.equal(arbitrageur.stats.takes, 3);
});

test('it takes anyone\'s quotes and only at profitable prices', () => {
  const {venue, arbitrageur, ours, remaining} = setup({});
  const othersAsk = venue.placeOthers('SELL', 24_950, 500)!;
  const ourAsk = ours('SELL', 24_990, 500); // above 24962: not worth it
  arbitrageur.step(0);
  assert.equal(venue.book.get(othersAsk), undefined, 'the other participant\'s crossing ask is taken');
  assert.equal(remaining(ourAsk), 500);
  assert.deepEqual(
    {takes: arbitrageur.stats.takes, fills: arbitrageur.stats.fills, accountFills: arbitrageur.stats.accountFills, lots: arbitrageur.stats.lotsFilled},
    {takes: 1, fills: 1, accountFills: 0, lots: 500},
  );
});

test('it sells into bids above KuCoin ask × (1 + fee), down to the profitable limit only', () => {
  const {arbitrageur, ours, remaining} = setup({});
  const ourBid = ours('BUY', 25_100, 1000); // above 25063: sold into
  const ourDeepBid = ours('BUY', 25_050, 1000); // below 25063: left alone
  arbitrageur.step(0);
  assert.equal(remaining(ourBid), 0);
  assert.equal(remaining(ourDeepBid), 1000);
  assert.deepEqual({takes: arbitrageur.stats.takes, accountFills: arbitrageur.stats.accountFills, lots: arbitrageur.stats.accountLotsFilled}, {takes: 1, accountFills: 1, lots: 1000});
});
