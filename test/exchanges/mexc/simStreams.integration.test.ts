// The real MEXC book and user streams against the simulator over loopback sockets: the local book must
// equal the simulator's REST snapshot at the same version, through every injected fault.
import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import type {EngineEvent} from '../../../source/engine/events.js';
import type {DepthSnapshot} from '../../../source/exchanges/mexc/endpoints.js';
import {MexcBookStream} from '../../../source/exchanges/mexc/mexcBookStream.js';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort} from '../../../source/exchanges/mexc/mexcTradingPort.js';
import {MexcUserStream} from '../../../source/exchanges/mexc/mexcUserStream.js';
import type {SymbolRules} from '../../../source/engine/symbolRules.js';
import {startSimulator, type SimulatorOptions} from '../../../source/sim/simulator.js';
import {BookReplica, waitFor} from './bookReplica.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function setup(opts: Partial<SimulatorOptions> = {}, staleAfterMs = 1000) {
  const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'volatile', seed: 5, port: 0, tickMs: 50, ...opts});
  const rest = new MexcRestClient({baseUrl: sim.urls.mexcRest, ...sim.account, recvWindowMs: 5000, timeoutMs: 2000});
  const port = new MexcTradingPort({rest, symbol: 'RMVUSDT', clientOrderIdPrefix: 'mmx'});
  const rules = await port.rules();
  const replica = new BookReplica(400);
  const book = new MexcBookStream({wsUrl: sim.urls.mexcWs, rest, symbol: 'RMVUSDT', priceDecimals: rules.priceDecimals, staleAfterMs, reconnectBaseMs: 50, reconnectMaxMs: 200});
  cleanups.push(() => sim.close(), () => rest.close(), () => book.stop());
  await book.start(replica.sink);
  const churn = await startChurn(port, rest, rules);
  cleanups.push(() => churn.stop());
  return {sim, rest, port, rules, replica, book};
}

/**
 * The simulator's own MEXC participants move the book only now and then; like the bot, keep placing and
 * cancelling our own orders near the touch so the depth stream is busy.
 */
async function startChurn(port: MexcTradingPort, rest: MexcRestClient, rules: SymbolRules) {
  const depth = await rest.depth('RMVUSDT', 5);
  const ticks = (price: string) => Math.round(Number(price) * 10 ** rules.priceDecimals);
  const bestBid = ticks(depth.bids[0]![0]);
  const bestAsk = ticks(depth.asks[0]![0]);
  let running = true;
  let n = 0;
  const live: string[] = [];
  const loop = (async () => {
    while (running) {
      n += 1;
      const side = n % 2 ? 'BUY' : 'SELL';
      const priceTicks = side === 'BUY' ? bestBid - 1 - (n % 150) : bestAsk + 1 + (n % 150);
      const id = `mmxc${n}`;
      const [outcome] = await port.placeOrders([{kind: 'place', clientOrderId: id, side, priceTicks, qtyLots: (5 + (n % 7)) * 10 ** rules.qtyDecimals, reason: 'churn'}]);
      if (outcome?.kind === 'placed') live.push(id);
      if (live.length > 12) await port.cancelOrders([{kind: 'cancel', clientOrderId: live.shift()!, orderId: null, reason: 'churn'}]);
      await new Promise((r) => setTimeout(r, 40));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

const norm = (levels: [string, string][], dir: number) =>
  levels
    .filter(([, s]) => Number(s) !== 0)
    .map(([p, s]) => [String(Number(p)), Number(s)] as [string, number])
    .sort((a, b) => dir * (Number(a[0]) - Number(b[0])));

/**
 * Takes REST snapshots for `durationMs` (at least `minCount` of them landing on a version the local book
 * passed through) and checks each equals the local book at that version. Snapshots taken inside a push
 * window (between two push boundaries) cannot be compared and are skipped.
 */
async function expectBookMatchesRest(rest: MexcRestClient, replica: BookReplica, minCount: number, durationMs: number): Promise<number> {
  const end = Date.now() + durationMs;
  let matched = 0;
  while (Date.now() < end || matched < minCount) {
    assert.ok(Date.now() < end + 10_000, `only ${matched}/${minCount} comparable snapshots`);
    const snap: DepthSnapshot = await rest.depth('RMVUSDT', 5000);
    await waitFor(() => replica.version !== null && replica.version >= snap.lastUpdateId, 5000, `local book to reach ${snap.lastUpdateId}`);
    const local = replica.history.get(snap.lastUpdateId);
    if (local !== undefined) {
      assert.equal(local, JSON.stringify({bids: norm(snap.bids, -1), asks: norm(snap.asks, 1)}), `book at version ${snap.lastUpdateId}`);
      matched += 1;
    }
    await new Promise((r) => setTimeout(r, 100)); // spread the comparisons over the run
  }
  return matched;
}

test('volatile market: the streamed book equals the REST snapshot at the same version, again and again', async () => {
  const {rest, replica, book} = await setup();
  await waitFor(() => replica.lastState() === 'live', 5000, 'live');
  const matched = await expectBookMatchesRest(rest, replica, 10, 8000);
  // enough streaming to mean something: a count, waited for (a busy machine streams fewer per second)
  await waitFor(() => replica.deltas >= 50, 10_000, `50 streamed deltas (the books were compared ${matched} times)`);
  assert.equal(book.stats().gaps, 0);
  assert.equal(book.stats().malformedFrames, 0);
});

test('sequenceGap: a lost push is detected, the book re-synced and equal again', async () => {
  const {sim, rest, replica, book} = await setup({faultTiming: {gapPeriodSteps: 40}});
  await waitFor(() => replica.lastState() === 'live', 5000, 'live');
  sim.setFault('sequenceGap', true);
  await waitFor(() => book.stats().gaps >= 2, 10_000, 'gaps detected');
  sim.setFault('sequenceGap', false);
  await waitFor(() => replica.lastState() === 'live', 5000, 'live again');
  assert.ok(replica.states.some((s) => s.state === 'syncing' && /version gap/.test(s.reason ?? '')));
  await expectBookMatchesRest(rest, replica, 3, 1000);
});

test('wsDrop: book and user streams reconnect, resubscribe, and the book re-syncs', async () => {
  const {sim, rest, replica, book, rules} = await setup({faultTiming: {wsDropPeriodSteps: 100_000}});
  const user = new MexcUserStream({wsUrl: sim.urls.mexcWs, rest, rules, reconnectBaseMs: 50, reconnectMaxMs: 200});
  const userStates: string[] = [];
  cleanups.push(() => user.stop());
  await user.start((e) => {
    if (e.type === 'connection' && e.stream === 'mexc.user') userStates.push(e.state);
  });
  await waitFor(() => replica.lastState() === 'live' && userStates.at(-1) === 'live', 5000, 'live');
  sim.setFault('wsDrop', true);
  await waitFor(() => replica.states.some((s) => s.state === 'down') && userStates.includes('down'), 5000, 'drop noticed');
  sim.setFault('wsDrop', false);
  await waitFor(() => replica.lastState() === 'live' && book.stats().connects >= 2, 5000, 'book reconnected');
  await waitFor(() => userStates.at(-1) === 'live' && user.stats().connects >= 2, 5000, 'user stream reconnected');
  await expectBookMatchesRest(rest, replica, 3, 1000);
});

test('stall: silent loss of pushes is noticed (probe or gap), the book re-synced and equal again', async () => {
  const {sim, rest, replica, book} = await setup({faultTiming: {stallSteps: 30, stallPeriodSteps: 100_000}}, 300);
  await waitFor(() => replica.lastState() === 'live', 5000, 'live');
  const before = replica.states.length;
  sim.setFault('stall', true);
  await waitFor(() => (sim.stats().faultsInjected.stall ?? 0) >= 30, 10_000, 'stall to run its course');
  sim.setFault('stall', false);
  const during = replica.states.slice(before);
  assert.ok(
    during.some((s) => s.state === 'stale' || /missed depth updates|version gap/.test(s.reason ?? '')),
    `noticed: ${JSON.stringify(during)}`,
  );
  assert.ok(book.stats().probes >= 1);
  await waitFor(() => replica.lastState() === 'live', 5000, 'live after the stall');
  await expectBookMatchesRest(rest, replica, 3, 1000);
});

test('listenKeyExpiry: the user stream gets a new key, resubscribes, and sees our orders again', async () => {
  const {sim, port, rules} = await setup({scenario: 'calm', faultTiming: {listenKeyExpiryPeriodSteps: 100_000}});
  const rest = new MexcRestClient({baseUrl: sim.urls.mexcRest, ...sim.account, recvWindowMs: 5000, timeoutMs: 2000});
  const user = new MexcUserStream({wsUrl: sim.urls.mexcWs, rest, rules, reconnectBaseMs: 50, reconnectMaxMs: 200});
  const events: EngineEvent[] = [];
  cleanups.push(() => rest.close(), () => user.stop());
  await user.start((e) => events.push(e));
  const lastState = (stream: string) => events.filter((e): e is Extract<EngineEvent, {type: 'connection'}> => e.type === 'connection' && e.stream === stream).at(-1)?.state;
  await waitFor(() => lastState('mexc.user') === 'live', 5000, 'user live');

  sim.setFault('listenKeyExpiry', true);
  await waitFor(() => events.some((e) => e.type === 'connection' && e.stream === 'mexc.user' && e.state === 'down'), 5000, 'user stream cut');
  sim.setFault('listenKeyExpiry', false);
  await waitFor(() => lastState('mexc.user') === 'live' && lastState('mexc.listenKey') === 'live', 5000, 'back with a new key');
  assert.ok(events.some((e) => e.type === 'connection' && e.stream === 'mexc.listenKey' && e.state === 'live' && e.reason === 'listen key created' && events.indexOf(e) > 3));

  const depth = await rest.depth('RMVUSDT', 50);
  const priceTicks = Math.round(Number(depth.bids.at(-1)![0]) * 10 ** rules.priceDecimals) - 50;
  const [placed] = await port.placeOrders([{kind: 'place', clientOrderId: 'mmxlk1', side: 'BUY', priceTicks, qtyLots: 10 * 10 ** rules.qtyDecimals, reason: 'test'}]);
  assert.equal(placed!.kind, 'placed');
  await waitFor(() => events.some((e) => e.type === 'order.update' && e.clientOrderId === 'mmxlk1' && e.status === 'resting'), 5000, 'order.update on the new key');
  const update = events.find((e) => e.type === 'order.update' && e.clientOrderId === 'mmxlk1');
  assert.deepEqual(update && update.type === 'order.update' ? [update.side, update.priceTicks, update.origQtyLots] : null, ['BUY', priceTicks, 10 * 10 ** rules.qtyDecimals]);
  await waitFor(() => events.some((e) => e.type === 'balance'), 5000, 'balance push');
});
