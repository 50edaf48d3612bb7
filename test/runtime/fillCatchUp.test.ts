import {test} from 'node:test';
import assert from 'node:assert/strict';
import {CATCH_UP_OVERLAP_MS, catchUpFills} from '../../source/runtime/fillCatchUp.js';
import type {EngineEvent} from '../../source/engine/events.js';
import type {TradeReport, TradingPort} from '../../source/engine/ports.js';

const report: TradeReport = {clientOrderId: 'mmx1', orderId: 'E1', tradeId: 'T1', side: 'BUY', priceTicks: 1, qtyLots: 1, fee: '0', feeAsset: 'USDT', isMaker: true, at: 5};

test('the trades since the ledger\'s newest fill (with a second of overlap) go to the engine as fill events', async () => {
  const asked: number[] = [];
  const trading = {tradesSince: async (since: number) => (asked.push(since), {trades: [report], truncated: false})} as unknown as TradingPort;
  const pushed: EngineEvent[] = [];
  const logs: string[] = [];
  assert.equal(await catchUpFills({trading, since: 10_000, push: (e) => pushed.push(e), log: (l, t) => logs.push(`${l} ${t}`)}), 1);
  assert.deepEqual(asked, [10_000 - CATCH_UP_OVERLAP_MS]);
  assert.deepEqual(pushed, [{type: 'fill', ...report}]);
  assert.match(logs[0]!, /^info ledger catch-up: 1 trade/);
});

test('a failed catch-up is logged as a warning naming what the ledger misses; a venue without a trade list is skipped', async () => {
  const trading = {tradesSince: async () => Promise.reject(new Error('myTrades: 503'))} as unknown as TradingPort;
  const logs: string[] = [];
  assert.equal(await catchUpFills({trading, since: 1, push: () => undefined, log: (l, t) => logs.push(`${l} ${t}`)}), 0);
  assert.match(logs[0]!, /^warn ledger catch-up failed: myTrades: 503; fills made while the bot was down are not in the ledger/);
  assert.equal(await catchUpFills({trading: {} as TradingPort, since: 1, push: () => assert.fail('nothing to push'), log: () => assert.fail('nothing to say')}), 0);
});

test('a truncated catch-up says the ledger may miss trades', async () => {
  const trading = {tradesSince: async () => ({trades: [], truncated: true})} as unknown as TradingPort;
  const logs: string[] = [];
  await catchUpFills({trading, since: 1, push: () => undefined, log: (l, t) => logs.push(`${l} ${t}`)});
  assert.match(logs[1]!, /^warn ledger catch-up: more trades/);
});
