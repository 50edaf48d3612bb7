// The real MEXC REST client and trading port against the simulator, over loopback sockets.
import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import type {FaultName} from '../../../source/sim/faults.js';
import type {PlaceIntent} from '../../../source/engine/ports.js';
import type {SymbolRules} from '../../../source/engine/symbolRules.js';
import {MexcApiError, MexcThrottledError} from '../../../source/exchanges/mexc/errors.js';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort} from '../../../source/exchanges/mexc/mexcTradingPort.js';
import {startSimulator, type SimulatorOptions} from '../../../source/sim/simulator.js';
import {makeSimSymbol} from '../../../source/sim/mexc/simSymbol.js';
import {waitFor} from './bookReplica.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function setup(opts: Partial<SimulatorOptions> = {}, timeoutMs = 2000) {
  const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 11, port: 0, ...opts});
  const logs: string[] = [];
  const rest = new MexcRestClient({baseUrl: sim.urls.mexcRest, ...sim.account, recvWindowMs: 5000, timeoutMs, log: (l, m) => logs.push(`${l} ${m}`)});
  const port = new MexcTradingPort({rest, symbol: 'RMVUSDT', clientOrderIdPrefix: 'mmx'});
  cleanups.push(() => sim.close(), () => rest.close());
  const rules = await port.rules();
  const depth = await rest.depth('RMVUSDT', 50);
  const ticks = (price: string) => Math.round(Number(price) * 10 ** rules.priceDecimals);
  // far from the touch so that nothing fills during the test
  const bidTicks = ticks(depth.bids.at(-1)![0]) - 100;
  const askTicks = ticks(depth.asks.at(-1)![0]) + 100;
  return {sim, rest, port, rules, logs, bidTicks, askTicks};
}

let seq = 0;
const place = (side: 'BUY' | 'SELL', priceTicks: number, rules: SymbolRules, id = `mmx${++seq}`): PlaceIntent => ({
  kind: 'place',
  clientOrderId: id,
  side,
  priceTicks,
  qtyLots: 20 * 10 ** rules.qtyDecimals,
  reason: 'test',
});

const idsAtSim = (sim: {openOrders(): {clientOrderId: string}[]}) => sim.openOrders().map((o) => o.clientOrderId).sort();

test('rules come from the simulator exchangeInfo and the symbol is tradable', async () => {
  const {rules} = await setup();
  // What the simulator serves is its symbol configuration (source/sim/mexc/simSymbol.ts), documented as a
  // fixed small-cap pair: tick 0.00001, lot 0.01, minimum quantity one lot, minimum notional 1 USDT.
  const served = makeSimSymbol('RMVUSDT');
  assert.deepEqual([served.priceDecimals, served.qtyDecimals, served.minQtyLots], [5, 2, 1]);
  assert.deepEqual(rules, {
    symbol: 'RMVUSDT',
    baseAsset: served.baseAsset,
    quoteAsset: served.quoteAsset,
    priceDecimals: served.priceDecimals,
    qtyDecimals: served.qtyDecimals,
    minQtyLots: served.minQtyLots,
    minNotional: served.minNotionalTickLots / 10 ** (served.priceDecimals + served.qtyDecimals),
    tradable: true,
    acceptedSides: 'both',
    specialTreatment: false,
  } satisfies SymbolRules);
  assert.deepEqual([rules.baseAsset, rules.quoteAsset, rules.minNotional], ['RMV', 'USDT', 1]);
});

test('a buy-only symbol (tradeSideType 2) comes through as buysOnly with the ST tag; a sell is refused "not now" with 30001, a buy rests', async () => {
  const {sim, port, rules, bidTicks, askTicks} = await setup({baseBalance: 1000, quoteBalance: 500, conditions: {tradeSideType: '2', specialTreatment: true}});
  assert.deepEqual([rules.acceptedSides, rules.specialTreatment, rules.tradable], ['buysOnly', true, true]);
  const [sell, buy] = await port.placeOrders([place('SELL', askTicks, rules), place('BUY', bidTicks, rules)]);
  assert.equal(sell!.kind === 'rejected' && sell!.reason, 'notNow');
  assert.match(sell!.kind === 'rejected' ? sell!.detail : '', /^30001 /);
  assert.equal(buy!.kind, 'placed');
  assert.deepEqual(sim.openOrders().map((o) => o.side), ['BUY']);
});

test('place one, place a batch, cancel: the simulator holds exactly what the port reports', async () => {
  const {sim, port, rules, bidTicks, askTicks} = await setup();
  const single = place('BUY', bidTicks, rules);
  const batch = [place('BUY', bidTicks - 1, rules), place('SELL', askTicks, rules), place('SELL', askTicks + 1, rules)];
  assert.deepEqual((await port.placeOrders([single])).map((o) => o.kind), ['placed']);
  const outcomes = await port.placeOrders(batch);
  assert.deepEqual(outcomes.map((o) => o.kind), ['placed', 'placed', 'placed']);
  const all = [single, ...batch].map((i) => i.clientOrderId).sort();
  assert.deepEqual(idsAtSim(sim), all);
  const open = await port.openOrders();
  assert.deepEqual(open.map((o) => o.clientOrderId).sort(), all);
  const sell = open.find((o) => o.clientOrderId === batch[1]!.clientOrderId)!;
  assert.deepEqual([sell.side, sell.priceTicks, sell.origQtyLots, sell.filledLots, sell.status], ['SELL', askTicks, batch[1]!.qtyLots, 0, 'resting']);

  const cancels = await port.cancelOrders([single, batch[0]!].map((i) => ({kind: 'cancel' as const, clientOrderId: i.clientOrderId, orderId: null, reason: 'test'})));
  assert.deepEqual(cancels.map((c) => c.kind), ['cancelled', 'cancelled']);
  assert.deepEqual(idsAtSim(sim), [batch[1]!.clientOrderId, batch[2]!.clientOrderId].sort());
  assert.equal((await port.queryOrder(single.clientOrderId))?.status, 'cancelled');
  assert.equal(await port.queryOrder('mmxnever'), null);
  const again = await port.cancelOrders([{kind: 'cancel', clientOrderId: single.clientOrderId, orderId: null, reason: 'again'}]);
  assert.equal(again[0]!.kind, 'rejected');
  const balances = await port.balances();
  assert.ok(balances.RMV && balances.USDT && balances.RMV.locked > 0);
});

test('timeout after the order was accepted: outcome unknown, never resent, found by reconciliation', async () => {
  const {sim, port, rules, bidTicks} = await setup({faultTiming: {timeoutHoldMs: 1500}}, 400);
  sim.setFault('timeoutAfterAccept', true);
  const before = sim.stats().ordersPlaced;
  const intent = place('BUY', bidTicks, rules);
  const [outcome] = await port.placeOrders([intent]);
  assert.equal(outcome!.kind, 'unknown');
  assert.equal(sim.stats().ordersPlaced, before + 1, 'exactly one placement reached the matching engine');
  assert.deepEqual(idsAtSim(sim).filter((id) => id === intent.clientOrderId), [intent.clientOrderId]);
  const found = await port.queryOrder(intent.clientOrderId);
  assert.equal(found?.status, 'resting');
  assert.deepEqual((await port.openOrders()).filter((o) => o.clientOrderId === intent.clientOrderId).length, 1);
});

for (const fault of ['serverError', 'delayedAck'] as FaultName[]) {
  test(`${fault}: every order has one definite or unknown outcome and no clientOrderId is duplicated`, async () => {
    const {sim, port, rules, bidTicks, askTicks} = await setup({faultTiming: {serverErrorEvery: 3, delayedAckEvery: 2, delayedAckMs: 600}}, 400);
    sim.setFault(fault, true);
    const intents: PlaceIntent[] = [];
    const outcomes = [];
    for (let i = 0; i < 8; i += 1) {
      const intent = place(i % 2 ? 'SELL' : 'BUY', i % 2 ? askTicks + i : bidTicks - i, rules);
      intents.push(intent);
      outcomes.push(...(await port.placeOrders([intent])));
    }
    const kinds = new Set(outcomes.map((o) => o.kind));
    assert.ok(kinds.has('unknown'), `the fault produced unknown outcomes: ${[...kinds].join(',')}`);
    const atSim = idsAtSim(sim);
    assert.equal(new Set(atSim).size, atSim.length, 'no duplicates at the exchange');
    for (const [i, outcome] of outcomes.entries()) {
      const present = atSim.includes(intents[i]!.clientOrderId);
      if (outcome.kind === 'placed') assert.ok(present, `${outcome.clientOrderId} placed but missing`);
      if (outcome.kind === 'rejected') assert.ok(!present, `${outcome.clientOrderId} rejected but present`);
    }
  });
}

test('429 with Retry-After: the block is honoured with no retry storm, then requests flow again', async () => {
  const {sim, rest, port} = await setup({faultTiming: {burstSteps: 3, burstPeriodSteps: 100_000}});
  sim.setFault('rateLimitBurst', true);
  let first: unknown;
  try {
    await rest.depth('RMVUSDT', 10);
  } catch (error) {
    first = error;
  }
  sim.setFault('rateLimitBurst', false);
  assert.ok(first instanceof MexcApiError && first.httpStatus === 429, `got ${String(first)}`);
  const until = first.rateLimitedUntil!;
  assert.ok(until > Date.now());
  const requestsBefore = sim.stats().publicRequests + sim.stats().privateRequests;
  const blocked = await Promise.allSettled([rest.depth('RMVUSDT', 10), port.openOrders(), port.balances(), rest.exchangeInfo('RMVUSDT')]);
  for (const r of blocked) {
    assert.equal(r.status, 'rejected');
    const reason = (r as PromiseRejectedResult).reason as {rateLimitedUntil?: number};
    assert.equal(reason.rateLimitedUntil, until);
  }
  assert.ok(blocked.some((r) => (r as PromiseRejectedResult).reason instanceof MexcThrottledError));
  assert.equal(sim.stats().publicRequests + sim.stats().privateRequests, requestsBefore, 'nothing sent during the block');
  assert.equal(port.counters().rateLimited, 1);
  assert.equal(port.counters().blockedUntil, until);
  await waitFor(() => Date.now() >= until, 5000, 'block to pass');
  assert.ok((await rest.depth('RMVUSDT', 10)).lastUpdateId > 0);
});
