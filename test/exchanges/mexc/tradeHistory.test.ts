import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isOurTrade, MAX_CALLS, tradeReportOf, tradesSince, TRADES_PER_CALL} from '../../../source/exchanges/mexc/tradeHistory.js';
import {myTrade, type MyTrade} from '../../../source/exchanges/mexc/endpoints.js';
import type {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import type {SymbolRules} from '../../../source/engine/symbolRules.js';
import {ownTrade} from './capturedAnswers.js';

const rules = {symbol: 'ATLASUSDT', priceDecimals: 6, qtyDecimals: 2} as SymbolRules;

test('the captured myTrades answer becomes a fill report: exact ticks and lots, the exchange time, the taker-side reading of isBuyer', () => {
  const report = tradeReportOf(myTrade.parse(ownTrade), rules);
  assert.deepEqual(report, {
    clientOrderId: '', orderId: 'C02__385413065019117569043', tradeId: 'dd44f79dda764c2e927a190ac5e7a1e5', side: 'SELL',
    priceTicks: 4542, qtyLots: 122_000, fee: '0', feeAsset: 'USDT', isMaker: false, at: 1707671871000,
  });
});

test('ours: a client id with our prefix; without a client id, a maker trade (our orders are post-only); a taker trade without one is not', () => {
  assert.equal(isOurTrade({clientOrderId: 'mmxabc', isMaker: false}, 'mmx'), true);
  assert.equal(isOurTrade({clientOrderId: 'manual1', isMaker: true}, 'mmx'), false);
  assert.equal(isOurTrade({clientOrderId: null, isMaker: true}, 'mmx'), true);
  assert.equal(isOurTrade({clientOrderId: '', isMaker: false}, 'mmx'), false);
});

function trade(i: number, time: number, over: Partial<MyTrade> = {}): MyTrade {
  return myTrade.parse({...ownTrade, id: `t${i}`, time: String(time), isMaker: true, clientOrderId: `mmx${i}`, ...over});
}

function fakeRest(all: MyTrade[]): {rest: MexcRestClient; calls: number[]} {
  const calls: number[] = [];
  const rest = {
    myTrades: async (q: {startTime?: number; limit?: number}) => {
      calls.push(q.startTime!);
      return all.filter((t) => Number(t.time) >= q.startTime!).slice(0, q.limit);
    },
  } as unknown as MexcRestClient;
  return {rest, calls};
}

test('a full page moves the window to its newest trade; trades seen twice across pages count once; a short page ends it', async () => {
  const all = Array.from({length: 150}, (_, i) => trade(i, 1000 + i));
  const {rest, calls} = fakeRest(all);
  const {trades, truncated} = await tradesSince({rest, symbol: 'ATLASUSDT', prefix: 'mmx', rules, since: 1000});
  assert.equal(trades.length, 150);
  assert.equal(new Set(trades.map((t) => t.tradeId)).size, 150);
  assert.deepEqual(calls, [1000, 1000 + TRADES_PER_CALL - 1]);
  assert.equal(truncated, false);
});

test('other symbols and trades not ours are left out', async () => {
  const {rest} = fakeRest([trade(1, 1000), trade(2, 1001, {symbol: 'OTHERUSDT'}), trade(3, 1002, {clientOrderId: 'manual', isMaker: true})]);
  const {trades} = await tradesSince({rest, symbol: 'ATLASUSDT', prefix: 'mmx', rules, since: 0});
  assert.deepEqual(trades.map((t) => t.tradeId), ['t1']);
});

test('more than the catch-up reads is said (truncated), and a full page all in one millisecond cannot loop', async () => {
  const many = Array.from({length: TRADES_PER_CALL * (MAX_CALLS + 1)}, (_, i) => trade(i, 1000 + i));
  assert.equal((await tradesSince({rest: fakeRest(many).rest, symbol: 'ATLASUSDT', prefix: 'mmx', rules, since: 0})).truncated, true);
  const sameMs = Array.from({length: TRADES_PER_CALL}, (_, i) => trade(i, 5000));
  const stuck = fakeRest(sameMs);
  const result = await tradesSince({rest: stuck.rest, symbol: 'ATLASUSDT', prefix: 'mmx', rules, since: 5000});
  assert.equal(result.truncated, true);
  assert.equal(stuck.calls.length, 1);
});
