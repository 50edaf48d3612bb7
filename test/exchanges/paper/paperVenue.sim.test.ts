// The paper venue against the simulator, through the real code path: the MEXC REST client without keys,
// the protobuf WebSocket depth and deals feeds, the simulator's taker flow as "the real market".
import assert from 'node:assert/strict';
import {test, type TestContext} from 'node:test';
import {configSchema} from '../../../source/config/configSchema.js';
import type {EngineEvent} from '../../../source/engine/events.js';
import {OrderBook} from '../../../source/engine/market/orderbook.js';
import type {PlaceIntent} from '../../../source/engine/ports.js';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {startPaperVenue, type PaperVenue} from '../../../source/exchanges/paper/paperVenue.js';
import {startSimulator, type Simulator} from '../../../source/sim/simulator.js';

interface Rig {
  sim: Simulator;
  venue: PaperVenue;
  book: OrderBook;
  bookEvents: EngineEvent[];
  deltaResults: string[];
  userEvents: EngineEvent[];
  logs: string[];
}

async function startRig(t: TestContext, faultTiming?: {wsDropPeriodSteps: number}): Promise<Rig> {
  const cleanups: Array<() => unknown> = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'volatile', seed: 3, port: 0, tickMs: 50, faultTiming});
  cleanups.push(() => sim.close());
  const config = configSchema.parse({
    exchange: {mexcRest: sim.urls.mexcRest, mexcWs: sim.urls.mexcWs, kucoinRest: sim.urls.kucoinRest},
    paper: {baseBalance: 1000, quoteBalance: 1000},
  });
  const logs: string[] = [];
  const log = (level: string, msg: string): void => void logs.push(`${level} ${msg}`);
  const rest = new MexcRestClient({baseUrl: config.exchange.mexcRest, recvWindowMs: 5000, timeoutMs: 2000, log});
  cleanups.push(() => rest.close());
  const venue = await startPaperVenue({rest, config, log, reconnectBaseMs: 50, reconnectMaxMs: 200});
  cleanups.push(() => venue.close());
  assert.equal(venue.rules.symbol, 'RMVUSDT');
  const book = new OrderBook(venue.rules.priceDecimals);
  const rig: Rig = {sim, venue, book, bookEvents: [], deltaResults: [], userEvents: [], logs};
  await venue.mexcBook.start((event) => {
    rig.bookEvents.push(event);
    if (event.type === 'book.snapshot') book.applySnapshot(event.version, event.bids, event.asks, event.at);
    if (event.type === 'book.delta') {
      const result = book.applyDelta(event.fromVersion, event.toVersion, event.bids, event.asks, event.at);
      rig.deltaResults.push(result);
      if (result === 'gap') venue.mexcBook.resync('test engine saw a gap');
    }
    // as the engine does: a book feed that is not live is not trusted until the next snapshot
    if (event.type === 'connection' && event.state !== 'live') book.markUnsynced();
  });
  await venue.userStream.start((event) => void rig.userEvents.push(event));
  await until(() => book.synced && book.bestBid() !== null && book.bestAsk() !== null, 5000, 'overlaid book synced');
  return rig;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const place = (clientOrderId: string, side: 'BUY' | 'SELL', priceTicks: number, qtyLots: number): PlaceIntent => ({
  kind: 'place',
  clientOrderId,
  side,
  priceTicks,
  qtyLots,
  reason: 'test',
});

function assertNothingPrivate(rig: Rig): void {
  assert.equal(rig.venue.privateRequests(), 0);
  const stats = rig.sim.stats();
  assert.equal(stats.privateRequests, 0);
  assert.equal(stats.ordersPlaced, 0);
  assert.deepEqual(rig.sim.openOrders(), []);
}

test('paper quotes rest locally in the real book: the overlaid book shows them, the simulator never sees them', async (t) => {
  const rig = await startRig(t);
  const bid = rig.book.bestBid()!;
  const ask = rig.book.bestAsk()!;
  const outcomes = await rig.venue.trading.placeOrders([place('mmxb1', 'BUY', bid + 1, 2000), place('mmxs1', 'SELL', ask - 1, 2000)]);
  assert.deepEqual(
    outcomes.map((o) => o.kind),
    ['placed', 'placed'],
  );
  // the delta went out with the placement: the engine's book holds our orders as their own levels
  assert.equal(rig.book.sizeAt('bids', bid + 1), 20);
  assert.equal(rig.book.sizeAt('asks', ask - 1), 20);
  assert.equal(rig.book.bestBid(), bid + 1);
  const open = await rig.venue.trading.openOrders();
  assert.deepEqual(open.map((o) => o.clientOrderId).sort(), ['mmxb1', 'mmxs1']);
  assert.equal((await rig.venue.trading.queryOrder('mmxb1'))?.priceTicks, bid + 1);
  const balances = await rig.venue.trading.balances();
  assert.deepEqual(balances.RMV, {free: 980, locked: 20});
  assert.equal(rig.userEvents.filter((e) => e.type === 'order.update' && e.status === 'resting').length, 2);
  const cancelled = await rig.venue.trading.cancelOrders([{kind: 'cancel', clientOrderId: 'mmxs1', orderId: null, reason: 'test'}]);
  assert.deepEqual(cancelled, [{kind: 'cancelled', clientOrderId: 'mmxs1'}]);
  assert.equal(rig.book.sizeAt('asks', ask - 1), 0);
  assertNothingPrivate(rig);
});

test('a simulated taker trade through our price fills the paper order: fill, order.update and balance events, balances move', async (t) => {
  const rig = await startRig(t);
  // inside the simulator's wide spread: any seller (buyer) that trades does so through our bid (ask)
  const bid = rig.book.bestBid()! + 1;
  const ask = rig.book.bestAsk()! - 1;
  await rig.venue.trading.placeOrders([place('mmxb1', 'BUY', bid, 2000), place('mmxs1', 'SELL', ask, 2000)]);
  await until(() => rig.userEvents.some((e) => e.type === 'fill'), 20_000, 'a paper fill');
  const fill = rig.userEvents.find((e): e is Extract<EngineEvent, {type: 'fill'}> => e.type === 'fill')!;
  assert.equal(fill.isMaker, true);
  assert.equal(fill.priceTicks, fill.side === 'BUY' ? bid : ask, 'a maker fill is at our own price');
  const afterFill = rig.userEvents.slice(rig.userEvents.indexOf(fill) + 1, rig.userEvents.indexOf(fill) + 3);
  assert.deepEqual(
    afterFill.map((e) => e.type),
    ['order.update', 'balance'],
  );
  const update = afterFill[0] as Extract<EngineEvent, {type: 'order.update'}>;
  assert.equal(update.clientOrderId, fill.clientOrderId);
  assert.ok(update.filledLots >= fill.qtyLots);
  assert.ok(update.status === 'filled' || update.status === 'resting');

  // balances moved by exactly the filled amounts (maker fee is 0 on the simulated symbol)
  const fills = rig.userEvents.filter((e): e is Extract<EngineEvent, {type: 'fill'}> => e.type === 'fill');
  const boughtLots = fills.filter((f) => f.side === 'BUY').reduce((s, f) => s + f.qtyLots, 0);
  const soldLots = fills.filter((f) => f.side === 'SELL').reduce((s, f) => s + f.qtyLots, 0);
  const balances = await rig.venue.trading.balances();
  const rmv = balances.RMV!;
  const usdt = balances.USDT!;
  assert.ok(Math.abs(rmv.free + rmv.locked - (1000 + (boughtLots - soldLots) / 100)) < 1e-9);
  assert.ok(Math.abs(usdt.free + usdt.locked - (1000 + (soldLots * ask - boughtLots * bid) / 1e7)) < 1e-9);
  const lastBalance = rig.userEvents.filter((e) => e.type === 'balance').at(-1);
  assert.deepEqual(lastBalance?.type === 'balance' && lastBalance.balances, balances);
  assert.ok(rig.venue.stats().deals.deals > 0, 'fills came with real public trades flowing');
  assertNothingPrivate(rig);
});

test('a post-only order that would cross and an unfundable order are rejected as wouldCross and insufficientFunds', async (t) => {
  const rig = await startRig(t);
  const bid = rig.book.bestBid()!;
  const ask = rig.book.bestAsk()!;
  const outcomes = await rig.venue.trading.placeOrders([
    place('mmxc1', 'BUY', ask, 2000),
    place('mmxc2', 'SELL', bid, 2000),
    place('mmxbig', 'BUY', bid - 10, 500_000), // 5000 RMV ≈ 1200 USDT > 1000
  ]);
  assert.deepEqual(
    outcomes.map((o) => (o.kind === 'rejected' ? o.reason : o.kind)),
    ['wouldCross', 'wouldCross', 'insufficientFunds'],
  );
  assert.deepEqual(await rig.venue.trading.openOrders(), []);
  assert.deepEqual(await rig.venue.trading.balances(), {RMV: {free: 1000, locked: 0}, USDT: {free: 1000, locked: 0}});
  assertNothingPrivate(rig);
});

test('the overlaid book stays version-continuous while the real feed and paper orders change it', async (t) => {
  const rig = await startRig(t);
  // 10 rounds of paper orders placed and cancelled, each followed by an update of the real feed, so the
  // two sources interleave however fast or slow the machine is
  for (let n = 1; n <= 10; n++) {
    const bid = rig.book.bestBid()!;
    const ask = rig.book.bestAsk()!;
    await rig.venue.trading.placeOrders([place(`mmxb${n}`, 'BUY', bid - 5, 1000), place(`mmxs${n}`, 'SELL', ask + 5, 1000)]);
    if (n > 2) {
      await rig.venue.trading.cancelOrders([
        {kind: 'cancel', clientOrderId: `mmxb${n - 2}`, orderId: null, reason: 'test'},
        {kind: 'cancel', clientOrderId: `mmxs${n - 2}`, orderId: null, reason: 'test'},
      ]);
    }
    // our own changes went out synchronously with place/cancel: anything after them is the real feed
    const ours = rig.bookEvents.length;
    await until(() => rig.bookEvents.slice(ours).some((e) => e.type === 'book.delta' || e.type === 'book.snapshot'), 5000, `a real-feed book update after round ${n}`);
  }
  const versions = rig.bookEvents.flatMap((e): Array<{from: number; to: number}> =>
    e.type === 'book.snapshot' ? [{from: e.version, to: e.version}] : e.type === 'book.delta' ? [{from: e.fromVersion, to: e.toVersion}] : [],
  );
  assert.ok(versions.length > 20, `only ${versions.length} book events`);
  for (let i = 1; i < versions.length; i++) assert.equal(versions[i]!.from, versions[i - 1]!.to + 1, `version break at event ${i}`);
  assert.ok(rig.deltaResults.every((r) => r === 'applied'));
  assert.equal(rig.book.synced, true);
  // every open paper order is in the engine's book at its price
  for (const order of await rig.venue.trading.openOrders()) {
    const size = rig.book.sizeAt(order.side === 'BUY' ? 'bids' : 'asks', order.priceTicks);
    assert.ok(size * 100 >= order.origQtyLots - order.filledLots - 1e-6, `${order.clientOrderId} missing from the book`);
  }
  assertNothingPrivate(rig);
});

test('after the simulator drops every socket, both real feeds reconnect and the overlay is resent with our orders in it', async (t) => {
  const rig = await startRig(t, {wsDropPeriodSteps: 10_000}); // one drop when switched on, then none for the test
  const bid = rig.book.bestBid()!;
  await rig.venue.trading.placeOrders([place('mmxb1', 'BUY', bid - 20, 2000)]);
  const snapshotsBefore = rig.bookEvents.filter((e) => e.type === 'book.snapshot').length;
  rig.sim.setFault('wsDrop', true);
  await until(() => rig.bookEvents.some((e) => e.type === 'connection' && e.state === 'down'), 5000, 'the book feed to see the drop');
  await until(() => rig.bookEvents.filter((e) => e.type === 'book.snapshot').length > snapshotsBefore && rig.book.synced, 10_000, 'a fresh overlaid snapshot');
  await until(() => rig.venue.stats().deals.connects >= 2 && rig.venue.stats().realBook.connects >= 2, 10_000, 'both feeds reconnected');
  const last = rig.bookEvents.filter((e) => e.type === 'connection').at(-1);
  assert.equal(last?.type === 'connection' && last.state, 'live');
  const open = await rig.venue.trading.openOrders();
  for (const order of open) assert.ok(rig.book.sizeAt('bids', order.priceTicks) * 100 >= order.origQtyLots - order.filledLots - 1e-6);
  assert.ok(rig.deltaResults.every((r) => r === 'applied'));
  assertNothingPrivate(rig);
});
