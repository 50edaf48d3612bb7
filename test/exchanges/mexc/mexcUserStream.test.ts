import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import type {EngineEvent} from '../../../source/engine/events.js';
import type {SymbolRules} from '../../../source/engine/symbolRules.js';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {MexcUserStream, type MexcUserStreamOptions} from '../../../source/exchanges/mexc/mexcUserStream.js';
import {waitFor} from './bookReplica.js';
import {startScriptedMexc} from './scriptedMexcServer.js';
import {applyFill, applyOrderUpdate} from '../../../source/engine/orders/orderEvents.js';
import {putOrder, recordedContext} from '../../engine/engineFixtures.js';

const rules: SymbolRules = {symbol: 'RMVUSDT', baseAsset: 'RMV', quoteAsset: 'USDT', priceDecimals: 5, qtyDecimals: 2, minQtyLots: 1, minNotional: 1, tradable: true, acceptedSides: 'both', specialTreatment: false};
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function setup(extra: Partial<MexcUserStreamOptions> = {}) {
  const server = await startScriptedMexc('RMVUSDT');
  const rest = new MexcRestClient({baseUrl: server.restUrl, apiKey: 'k', apiSecret: 's', recvWindowMs: 5000, timeoutMs: 1000});
  const stream = new MexcUserStream({wsUrl: server.wsUrl, rest, rules, reconnectBaseMs: 20, reconnectMaxMs: 100, ...extra});
  const events: EngineEvent[] = [];
  cleanups.push(() => server.close(), () => rest.close(), () => stream.stop());
  await stream.start((e) => events.push(e));
  const state = (stream_: string) => {
    const last = events.filter((e) => e.type === 'connection' && e.stream === stream_).at(-1);
    return last?.type === 'connection' ? last.state : undefined;
  };
  return {server, stream, events, state};
}

test('creates a listen key, subscribes the private channels and maps pushes to events', async () => {
  const {server, events, state} = await setup();
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  assert.equal(state('mexc.listenKey'), 'live');
  assert.deepEqual(server.subscriptions[0], ['spot@private.orders.v3.api.pb', 'spot@private.deals.v3.api.pb', 'spot@private.account.v3.api.pb']);
  assert.ok(server.listenKeys.has(server.socketKeys[0]!));

  server.pushWrapper({
    channel: 'spot@private.orders.v3.api.pb',
    symbol: 'RMVUSDT',
    sendTime: Date.now(),
    privateOrders: {id: 'C02__1', clientId: 'mmx1', price: '0.5', quantity: '12.5', tradeType: 1, status: 3, cumulativeQuantity: '2.5', createTime: 1},
  });
  server.pushWrapper({
    channel: 'spot@private.deals.v3.api.pb',
    symbol: 'RMVUSDT',
    sendTime: Date.now(),
    privateDeals: {price: '0.5', quantity: '2.5', amount: '1.25', tradeType: 1, isMaker: true, tradeId: 'T1', clientOrderId: 'mmx1', orderId: 'C02__1', feeAmount: '0.001', feeCurrency: 'USDT', time: 5},
  });
  server.pushWrapper({
    channel: 'spot@private.account.v3.api.pb',
    createTime: 1,
    sendTime: Date.now(),
    privateAccount: {vcoinName: 'USDT', balanceAmount: '98.75', frozenAmount: '5', type: 'ENTRUST'},
  });
  await waitFor(() => events.some((e) => e.type === 'balance'), 3000, 'balance event');
  const data = events.filter((e) => e.type !== 'connection').map((e) => ({...e, at: 0}));
  assert.deepEqual(data, [
    {type: 'order.update', clientOrderId: 'mmx1', orderId: 'C02__1', side: 'BUY', status: 'resting', priceTicks: 50_000, origQtyLots: 1250, filledLots: 250, at: 0},
    {type: 'fill', clientOrderId: 'mmx1', orderId: 'C02__1', tradeId: 'T1', side: 'BUY', priceTicks: 50_000, qtyLots: 250, fee: '0.001', feeAsset: 'USDT', isMaker: true, at: 0},
    {type: 'balance', balances: {USDT: {free: 98.75, locked: 5}}, complete: false, at: 0},
  ]);
});

test('order and deal pushes without a client id reach our order through the exchange id its placement answer gave', async () => {
  // proto3 leaves an empty clientId off the wire (docs/protocols/mexc.md §5.1, §6.5): the push names the order
  // only by its exchange id
  const {server, events, state} = await setup();
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  server.pushWrapper({
    channel: 'spot@private.orders.v3.api.pb',
    symbol: 'RMVUSDT',
    sendTime: Date.now(),
    privateOrders: {id: 'C02__7', price: '0.249', quantity: '1000', tradeType: 1, status: 3, cumulativeQuantity: '40', createTime: 1},
  });
  server.pushWrapper({
    channel: 'spot@private.deals.v3.api.pb',
    symbol: 'RMVUSDT',
    sendTime: Date.now(),
    privateDeals: {price: '0.249', quantity: '40', amount: '9.96', tradeType: 1, isMaker: true, tradeId: 'T7', orderId: 'C02__7', feeAmount: '0', feeCurrency: 'USDT', time: 5},
  });
  await waitFor(() => events.some((e) => e.type === 'fill'), 3000, 'fill event');
  const update = events.find((e) => e.type === 'order.update');
  const fill = events.find((e) => e.type === 'fill');
  assert.ok(update?.type === 'order.update' && fill?.type === 'fill');
  assert.deepEqual([update.clientOrderId, update.orderId, fill.clientOrderId, fill.orderId], ['', 'C02__7', '', 'C02__7']);

  // the engine holds mmx7, acknowledged with exchange id C02__7
  const engine = recordedContext();
  engine.state.orders.set('mmx7', {...putOrder(engine.state, 'mmx7', {priceTicks: 24_900, qtyLots: 100_000}), orderId: 'C02__7'});
  assert.equal(applyOrderUpdate(engine.ctx, update), true);
  assert.equal(engine.state.orders.get('mmx7')?.filledLots, 4_000, 'the partial fill landed on mmx7');
  applyFill(engine.ctx, fill);
  assert.deepEqual(engine.journal.map((r) => (r.stream === 'fills' ? [r.clientOrderId, r.orderId] : null)), [['mmx7', 'C02__7']]);
});

test('keeps the listen key alive on schedule', async () => {
  const {server, state} = await setup({keepAliveEveryMs: 50});
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  await waitFor(() => server.listenKeyCalls.filter((m) => m === 'PUT').length >= 3, 3000, 'keep-alives');
  assert.equal(server.listenKeyCalls.filter((m) => m === 'POST').length, 1);
});

test('a refused keep-alive replaces the key, deletes the old one and resubscribes', async () => {
  const {server, events, state} = await setup({keepAliveEveryMs: 50});
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  const firstKey = server.socketKeys[0]!;
  server.failKeepAlive = {status: 400, code: 730708};
  await waitFor(() => events.some((e) => e.type === 'connection' && e.stream === 'mexc.listenKey' && e.state === 'down'), 3000, 'listen key down');
  server.failKeepAlive = null;
  await waitFor(() => server.socketKeys.length >= 2 && state('mexc.user') === 'live', 3000, 'reconnected with a new key');
  const secondKey = server.socketKeys.at(-1)!;
  assert.notEqual(secondKey, firstKey);
  await waitFor(() => !server.listenKeys.has(firstKey), 3000, 'old key deleted');
  assert.equal(server.subscriptions.length, 2);
});

test('after a dropped connection the key is verified and reused', async () => {
  const {server, state} = await setup();
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  server.sockets[0]!.terminate();
  await waitFor(() => server.sockets.length === 2 && state('mexc.user') === 'live', 3000, 'reconnected');
  assert.equal(server.socketKeys[1], server.socketKeys[0]);
  assert.deepEqual(server.listenKeyCalls, ['POST', 'PUT']);
});

test('an expired key (refused on reconnect) is replaced by a fresh one', async () => {
  const {server, state} = await setup();
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  server.listenKeys.clear(); // server-side expiry
  server.sockets[0]!.terminate();
  await waitFor(() => server.sockets.length === 2 && state('mexc.user') === 'live', 3000, 'reconnected');
  assert.notEqual(server.socketKeys[1], server.socketKeys[0]);
  assert.ok(server.listenKeys.has(server.socketKeys[1]!));
});

test('"Invalid listen key" text from the server replaces the key', async () => {
  const {server, state} = await setup();
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  server.sockets[0]!.send('Invalid listen key');
  await waitFor(() => server.sockets.length === 2 && state('mexc.user') === 'live', 3000, 'reconnected');
  assert.notEqual(server.socketKeys[1], server.socketKeys[0]);
});

test('malformed private pushes are counted, never thrown', async () => {
  const {server, stream, events, state} = await setup();
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  server.pushWrapper({channel: 'spot@private.orders.v3.api.pb', symbol: 'RMVUSDT', privateOrders: {id: 'x', price: '1', quantity: '1', tradeType: 1}}); // status 0
  server.pushRaw(Buffer.from([0xff, 0x00]));
  await waitFor(() => stream.stats().malformedFrames === 2, 3000, 'counted');
  assert.equal(events.filter((e) => e.type === 'order.update').length, 0);
  assert.equal(state('mexc.user'), 'live');
});

test('a malformed private push reaches the engine as exactly one stream.malformed event for mexc.user', async () => {
  const {server, stream, events, state} = await setup();
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  server.pushRaw(Buffer.from([0xff, 0x00]));
  await waitFor(() => stream.stats().malformedFrames === 1, 3000, 'counted');
  const malformed = events.filter((e) => e.type === 'stream.malformed');
  assert.deepEqual(malformed.map((e) => e.type === 'stream.malformed' && e.stream), ['mexc.user']);
  assert.equal(state('mexc.user'), 'live');
});

test('stop() deletes the listen key and reports both streams down', async () => {
  const {server, stream, state} = await setup();
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  const key = server.socketKeys[0]!;
  await stream.stop();
  assert.equal(server.listenKeys.has(key), false);
  assert.equal(state('mexc.user'), 'down');
  assert.equal(state('mexc.listenKey'), 'down');
});

test('with staleAfterMs, a silent connection (no PONG either) is reported stale, then live again', async () => {
  const {server, state} = await setup({staleAfterMs: 100, timing: {pingIntervalMs: 30, silenceTimeoutMs: 60_000, tickMs: 10}});
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live');
  server.mutePongs = true;
  await waitFor(() => state('mexc.user') === 'stale', 3000, 'stale');
  server.mutePongs = false;
  await waitFor(() => state('mexc.user') === 'live', 3000, 'live again');
});
