// Per-order risk (orderRisk.ts): each rule at its limit. Fair sits at 24,500 ticks (0.245 USDT); the
// limits below are worked out by hand from the default config (2.5 % from fair, 600 USDT per order).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {riskReason} from '../../../source/engine/risk/orderRisk.js';
import {localOrder, type LocalOrder} from '../../../source/engine/orders/localOrder.js';
import {makeState, T0} from '../engineFixtures.js';

const FAIR = 24_500;
const state = makeState((c) => {
  c.risk.maxDistanceFromFairPct = 0.025;
  c.risk.maxOrderNotionalUsdt = 600;
});

function order(side: 'BUY' | 'SELL', priceTicks: number, qtyLots = 100_000, filledLots = 0): LocalOrder {
  return localOrder({
    clientOrderId: 'mmxt1', orderId: 'X1', side, priceTicks, qtyLots, filledLots,
    state: 'open', retiring: null, createdAt: T0, changedAt: T0, reason: 'fill ladder',
  });
}
const risk = (o: LocalOrder) => riskReason(o, o.side, FAIR, state);

test('a bid at fair is cancelled; one tick below it is not', () => {
  assert.equal(risk(order('BUY', FAIR)), 'bid at or above fair');
  assert.equal(risk(order('BUY', FAIR + 1)), 'bid at or above fair');
  assert.equal(risk(order('BUY', FAIR - 1)), null);
});

test('an ask at fair is cancelled; one tick above it is not', () => {
  assert.equal(risk(order('SELL', FAIR)), 'ask at or below fair');
  assert.equal(risk(order('SELL', FAIR - 1)), 'ask at or below fair');
  assert.equal(risk(order('SELL', FAIR + 1)), null);
});

test('a fractional fair price: the bid on the tick just below it stays, the ask on the tick just above it stays', () => {
  assert.equal(riskReason(order('BUY', 24_500), 'BUY', 24_500.4, state), null);
  assert.equal(riskReason(order('SELL', 24_501), 'SELL', 24_500.4, state), null);
  assert.equal(riskReason(order('SELL', 24_500), 'SELL', 24_500.4, state), 'ask at or below fair');
});

// 2.5 % of 24,500 ticks = 612.5 ticks: 612 ticks away is inside, 613 is over
test('a bid just over 2.5 % below fair is cancelled; one just inside is not', () => {
  assert.equal(risk(order('BUY', FAIR - 613)), 'more than 2.5% from fair');
  assert.equal(risk(order('BUY', FAIR - 612)), null);
});

test('an ask just over 2.5 % above fair is cancelled; one just inside is not', () => {
  assert.equal(risk(order('SELL', FAIR + 613)), 'more than 2.5% from fair');
  assert.equal(risk(order('SELL', FAIR + 612)), null);
});

test('an order exactly at the distance limit stays (the limit itself is allowed)', () => {
  // 24,000 ticks of fair, 2.5 % = exactly 600 ticks
  assert.equal(riskReason(order('BUY', 23_400), 'BUY', 24_000, state), null);
  assert.equal(riskReason(order('BUY', 23_399), 'BUY', 24_000, state), 'more than 2.5% from fair');
});

// At 0.24 USDT (24,000 ticks) the 600 USDT cap is exactly 2,500 RMV = 250,000 lots; the 1.0001
// tolerance lets rounding through up to 600.06 USDT = 250,025 lots.
const CAP_PRICE = 24_000;
const lotsWorth = (usdt: number) => Math.round((usdt * 1e7) / CAP_PRICE);

test('an order at the size cap is not cancelled; one beyond the rounding tolerance is', () => {
  assert.equal(lotsWorth(600), 250_000);
  assert.equal(risk(order('BUY', CAP_PRICE, 250_000)), null, 'exactly 600 USDT');
  assert.equal(risk(order('BUY', CAP_PRICE, 250_024)), null, '600.0576 USDT: within the float tolerance');
  assert.equal(risk(order('BUY', CAP_PRICE, 250_026)), 'above size cap', '600.0624 USDT');
  assert.equal(risk(order('BUY', CAP_PRICE, 260_000)), 'above size cap', '624 USDT');
});

test('the size cap applies to asks too', () => {
  // 25,000 ticks: 600 USDT = 240,000 lots
  assert.equal(risk(order('SELL', 25_000, 240_000)), null);
  assert.equal(risk(order('SELL', 25_000, 240_030)), 'above size cap'); // 600.075
});

test('the size cap counts what is left of the order, not its original size', () => {
  assert.equal(risk(order('BUY', CAP_PRICE, 300_000, 50_000)), null, '250,000 lots left = 600 USDT');
  assert.equal(risk(order('BUY', CAP_PRICE, 300_000, 49_970)), 'above size cap', '250,030 lots left = 600.072 USDT');
});

test('the configured limits are used, not the defaults', () => {
  const tight = makeState((c) => {
    c.risk.maxDistanceFromFairPct = 0.01;
    c.risk.maxOrderNotionalUsdt = 100;
  });
  assert.equal(riskReason(order('BUY', FAIR - 250, 10_000), 'BUY', FAIR, tight), 'more than 1.0% from fair'); // 1.02 %
  assert.equal(riskReason(order('BUY', FAIR - 240, 10_000), 'BUY', FAIR, tight), null); // 0.98 %, 24.26 USDT
  assert.equal(riskReason(order('BUY', 24_300, 41_200), 'BUY', FAIR, tight), 'above size cap'); // 100.116 USDT
  assert.equal(riskReason(order('BUY', 24_300, 41_100), 'BUY', FAIR, tight), null); // 99.873 USDT
});

test('price rules come before the size rule: an oversized bid above fair is cancelled as "at or above fair"', () => {
  assert.equal(risk(order('BUY', FAIR, 1_000_000)), 'bid at or above fair');
});
