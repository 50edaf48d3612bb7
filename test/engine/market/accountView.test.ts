import {test} from 'node:test';
import assert from 'node:assert/strict';
import {accountView} from '../../../source/engine/market/accountView.js';
import {localOrder, type LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import type {EngineState} from '../../../source/engine/engineState.js';
import {makeState, T0} from '../engineFixtures.js';

// rules: 5 price decimals (1 tick = 0.00001 USDT), 2 qty decimals (1 lot = 0.01 RMV). Prices and sizes below are
// binary-exact (0.125, 0.25, 0.375, 0.5, 0.75 × whole RMV), so every expected number is exact.
const order = (
  state: EngineState,
  id: string,
  side: 'BUY' | 'SELL',
  price: number,
  qty: number,
  orderState: LocalOrderState,
  filled = 0,
): void => {
  state.orders.set(
    id,
    localOrder({
      clientOrderId: id,
      orderId: null,
      side,
      priceTicks: Math.round(price * 1e5),
      qtyLots: Math.round(qty * 100),
      filledLots: Math.round(filled * 100),
      state: orderState,
      retiring: null,
      createdAt: T0,
      changedAt: T0,
      reason: 'test',
    }),
  );
};

const withBalances = (rmv: {free: number; locked: number}, usdt: {free: number; locked: number}): EngineState => {
  const state = makeState();
  state.balances = {RMV: rmv, USDT: usdt};
  state.balancesKnown = true;
  return state;
};

test('accountView: committed counts every order, available subtracts only the not-yet-locked ones from free (hand-worked)', () => {
  // RMV free 1000 + locked 200 = 1200 ; USDT free 500 + locked 100 = 600
  const state = withBalances({free: 1000, locked: 200}, {free: 500, locked: 100});
  order(state, 'b1', 'BUY', 0.25, 200, 'open'); //                 50 USDT, locked by the exchange
  order(state, 'b2', 'BUY', 0.125, 100, 'pendingNew', 4); //       96 left × 0.125 = 12, not yet locked
  order(state, 'b3', 'BUY', 0.25, 80, 'unknown'); //               20, not yet locked
  order(state, 'b4', 'BUY', 0.5, 22, 'pendingCancel'); //          11, locked
  order(state, 's1', 'SELL', 0.375, 104, 'open'); //               39 USDT / 104 RMV, locked
  order(state, 's2', 'SELL', 0.5, 40, 'pendingNew'); //            20 / 40, not yet locked
  order(state, 's3', 'SELL', 0.75, 8, 'unknown'); //               6 / 8, not yet locked
  order(state, 's4', 'SELL', 0.5, 30, 'cancelUnknown'); //         15 / 30, locked
  // committedBuy 50+12+20+11 = 93, pendingBuy 32 ; committedSell 39+20+6+15 = 80 (182 RMV), pendingSell 48 RMV
  // availableQuote = min(500 − 32, 600 − 93) = min(468, 507) = 468
  // availableBase  = min(1000 − 48, 1200 − 182) = min(952, 1018) = 952
  assert.deepEqual(accountView(state), {
    baseTotal: 1200,
    quoteTotal: 600,
    baseFree: 1000,
    quoteFree: 500,
    committedBuy: 93,
    committedSell: 80,
    availableQuote: 468,
    availableBase: 952,
    baseRatio: null, // no price known yet
    referencePrice: null,
  });
});

test('accountView: when the exchange has not yet reported the lock, total − committed is the binding limit', () => {
  // balances still show nothing locked although an open BUY (0.25 × 400 = 100 USDT) and an open SELL (300 RMV) rest
  const state = withBalances({free: 1000, locked: 0}, {free: 500, locked: 0});
  order(state, 'b1', 'BUY', 0.25, 400, 'open');
  order(state, 's1', 'SELL', 0.5, 300, 'open');
  const view = accountView(state);
  assert.equal(view.availableQuote, 400); // min(500 − 0, 500 − 100)
  assert.equal(view.availableBase, 700); // min(1000 − 0, 1000 − 300)
  assert.equal(view.committedBuy, 100);
  assert.equal(view.committedSell, 150);
});

test('accountView: available never goes below zero', () => {
  const state = withBalances({free: 10, locked: 0}, {free: 10, locked: 0});
  order(state, 'b1', 'BUY', 0.5, 100, 'pendingNew'); // 50 USDT > 10 free
  order(state, 's1', 'SELL', 0.5, 100, 'pendingNew'); // 100 RMV > 10 free
  const view = accountView(state);
  assert.equal(view.availableQuote, 0);
  assert.equal(view.availableBase, 0);
});

for (const [orderState, notYetLocked] of [
  ['pendingNew', true],
  ['unknown', true],
  ['open', false],
  ['pendingCancel', false],
  ['cancelUnknown', false],
] as const) {
  test(`accountView: a ${orderState} order ${notYetLocked ? 'is' : 'is not'} taken from free balance as well as from total`, () => {
    // free 300 + locked 200 = 500 of each asset; one BUY of 0.25 × 200 = 50 USDT, one SELL of 40 RMV
    const state = withBalances({free: 300, locked: 200}, {free: 300, locked: 200});
    order(state, 'b', 'BUY', 0.25, 200, orderState);
    order(state, 's', 'SELL', 0.25, 40, orderState);
    const view = accountView(state);
    // not yet locked: min(300 − 50, 500 − 50) = 250 ; locked: min(300, 450) = 300
    assert.equal(view.availableQuote, notYetLocked ? 250 : 300);
    // not yet locked: min(300 − 40, 500 − 40) = 260 ; locked: min(300, 460) = 300
    assert.equal(view.availableBase, notYetLocked ? 260 : 300);
    assert.equal(view.committedBuy, 50);
    assert.equal(view.committedSell, 10);
  });
}

test('accountView: a BUY commits quote only and a SELL commits base only', () => {
  const buyOnly = withBalances({free: 100, locked: 0}, {free: 100, locked: 0});
  order(buyOnly, 'b', 'BUY', 0.5, 20, 'pendingNew'); // 10 USDT
  assert.deepEqual(
    [accountView(buyOnly).committedBuy, accountView(buyOnly).committedSell, accountView(buyOnly).availableQuote, accountView(buyOnly).availableBase],
    [10, 0, 90, 100],
  );
  const sellOnly = withBalances({free: 100, locked: 0}, {free: 100, locked: 0});
  order(sellOnly, 's', 'SELL', 0.5, 20, 'pendingNew'); // 20 RMV worth 10 USDT
  assert.deepEqual(
    [accountView(sellOnly).committedBuy, accountView(sellOnly).committedSell, accountView(sellOnly).availableQuote, accountView(sellOnly).availableBase],
    [0, 10, 100, 80],
  );
});

test('accountView: a filled part no longer commits funds; an over-filled order commits nothing', () => {
  const state = withBalances({free: 100, locked: 0}, {free: 100, locked: 0});
  order(state, 'b', 'BUY', 0.5, 20, 'pendingNew', 12); // 8 left → 4 USDT
  order(state, 's', 'SELL', 0.5, 20, 'pendingNew', 25); // over-filled → 0
  const view = accountView(state);
  assert.equal(view.committedBuy, 4);
  assert.equal(view.availableQuote, 96);
  assert.equal(view.committedSell, 0);
  assert.equal(view.availableBase, 100);
});

test('accountView: an asset missing from the balances counts as zero', () => {
  const state = makeState();
  state.balances = {USDT: {free: 40, locked: 10}};
  state.balancesKnown = true;
  assert.deepEqual(accountView(state), {
    baseTotal: 0,
    quoteTotal: 50,
    baseFree: 0,
    quoteFree: 40,
    committedBuy: 0,
    committedSell: 0,
    availableQuote: 40,
    availableBase: 0,
    baseRatio: null,
    referencePrice: null,
  });
  state.balances = {RMV: {free: 30, locked: 20}};
  const view = accountView(state);
  assert.deepEqual([view.baseTotal, view.baseFree, view.availableBase, view.quoteTotal, view.quoteFree, view.availableQuote], [50, 30, 30, 0, 0, 0]);
});

// KuCoin mid 0.25 (0.24 / 0.26), MEXC mid 0.5 (0.49 / 0.51)
const kucoin = (state: EngineState) => state.kucoinBook.applySnapshot(1, [['0.24000', '100']], [['0.26000', '100']], T0);
const mexc = (state: EngineState) => state.mexcBook.applySnapshot(1, [['0.49000', '100']], [['0.51000', '100']], T0);

test('accountView: the reference price is the KuCoin mid, and base ratio is base value / total value at it', () => {
  // RMV 1200 × 0.25 = 300 USDT ; USDT 600 → ratio 300 / 900 = 1/3
  const state = withBalances({free: 1000, locked: 200}, {free: 500, locked: 100});
  kucoin(state);
  mexc(state);
  const view = accountView(state);
  assert.equal(view.referencePrice, 0.25);
  assert.equal(view.baseRatio, 300 / 900);
});

test('accountView: without a KuCoin book the MEXC mid is the reference price', () => {
  // RMV 200 × 0.5 = 100 USDT ; USDT 300 → ratio 100 / 400 = 0.25
  const state = withBalances({free: 150, locked: 50}, {free: 300, locked: 0});
  mexc(state);
  const view = accountView(state);
  assert.equal(view.referencePrice, 0.5);
  assert.equal(view.baseRatio, 0.25);
});

test('accountView: base ratio stays null until balances are known, and with nothing held', () => {
  const unknown = makeState();
  kucoin(unknown);
  unknown.balances = {RMV: {free: 100, locked: 0}, USDT: {free: 100, locked: 0}};
  assert.equal(accountView(unknown).baseRatio, null); // balancesKnown false
  assert.equal(accountView(unknown).referencePrice, 0.25);

  const empty = withBalances({free: 0, locked: 0}, {free: 0, locked: 0});
  kucoin(empty);
  assert.equal(accountView(empty).baseRatio, null); // 0 / 0 is not a ratio

  const allBase = withBalances({free: 100, locked: 0}, {free: 0, locked: 0});
  kucoin(allBase);
  assert.equal(accountView(allBase).baseRatio, 1);
  const allQuote = withBalances({free: 0, locked: 0}, {free: 100, locked: 0});
  kucoin(allQuote);
  assert.equal(accountView(allQuote).baseRatio, 0);
});
