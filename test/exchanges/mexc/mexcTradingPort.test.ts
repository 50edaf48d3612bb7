import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import type {PlaceIntent} from '../../../source/engine/ports.js';
import {PortError} from '../../../source/engine/ports.js';
import {MexcRestClient, type MexcRestClientOptions} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort, matchBatchAnswer} from '../../../source/exchanges/mexc/mexcTradingPort.js';
import {json, startScriptedServer, type Answer, type SeenRequest} from './scriptedHttpServer.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

const symbolInfo = {
  symbol: 'RMVUSDT',
  status: '1',
  baseAsset: 'RMV',
  quoteAsset: 'USDT',
  baseAssetPrecision: 2,
  quotePrecision: 5,
  quoteAssetPrecision: 5,
  baseSizePrecision: '1',
  quoteAmountPrecision: '1',
  isSpotTradingAllowed: true,
  permissions: ['SPOT'],
};

async function setup(route: (req: SeenRequest, params: URLSearchParams) => Answer | undefined, restOptions: Partial<MexcRestClientOptions> = {}) {
  const server = await startScriptedServer((req) => {
    const params = new URLSearchParams(req.query);
    if (req.path === '/api/v3/time') return json(200, {serverTime: Date.now()});
    if (req.path === '/api/v3/exchangeInfo') return json(200, {symbols: [symbolInfo]});
    return route(req, params) ?? json(404, {code: -1, msg: 'no route'});
  });
  const rest = new MexcRestClient({baseUrl: server.url, apiKey: 'k', apiSecret: 's', recvWindowMs: 5000, timeoutMs: 300, ...restOptions});
  const port = new MexcTradingPort({rest, symbol: 'RMVUSDT', clientOrderIdPrefix: 'mmx'});
  cleanups.push(() => server.close(), () => rest.close());
  return {server, port};
}

const intent = (n: number, side: 'BUY' | 'SELL' = 'BUY'): PlaceIntent => ({kind: 'place', clientOrderId: `mmx${n}`, side, priceTicks: 50_000 + n, qtyLots: 1000, reason: 'test'});

test('one order goes to POST /order as LIMIT_MAKER with the intent clientOrderId and exact decimals', async () => {
  const {server, port} = await setup((req, q) => (req.path === '/api/v3/order' && req.method === 'POST' ? json(200, {orderId: `C02__${q.get('newClientOrderId')}`}) : undefined));
  assert.deepEqual(await port.placeOrders([intent(7, 'SELL')]), [{kind: 'placed', clientOrderId: 'mmx7', orderId: 'C02__mmx7'}]);
  const q = new URLSearchParams(server.seen.find((r) => r.path === '/api/v3/order')!.query);
  assert.equal(q.get('type'), 'LIMIT_MAKER');
  assert.equal(q.get('side'), 'SELL');
  assert.equal(q.get('price'), '0.50007');
  assert.equal(q.get('quantity'), '10');
  assert.equal(q.get('newClientOrderId'), 'mmx7');
});

test('many orders go out as batches of at most 20, outcomes per item in intent order', async () => {
  const {server, port} = await setup((req, q) => {
    if (req.path !== '/api/v3/batchOrders') return undefined;
    const list = JSON.parse(q.get('batchOrders')!) as {newClientOrderId: string}[];
    return json(
      200,
      list.map((o) => (o.newClientOrderId === 'mmx3' ? {newClientOrderId: 'mmx3', code: 30002, msg: 'too small'} : {orderId: `C02__${o.newClientOrderId}`})),
    );
  }, {rateLimits: {batchOrders: {amount: 10, windowMs: 1000}}}); // room for both batches: this test is about chunking
  const intents = Array.from({length: 25}, (_, i) => intent(i));
  const outcomes = await port.placeOrders(intents);
  const batches = server.seen.filter((r) => r.path === '/api/v3/batchOrders');
  assert.deepEqual(
    batches.map((b) => (JSON.parse(new URLSearchParams(b.query).get('batchOrders')!) as unknown[]).length),
    [20, 5],
  );
  assert.deepEqual(outcomes.map((o) => o.clientOrderId), intents.map((i) => i.clientOrderId));
  assert.deepEqual(outcomes[3], {kind: 'rejected', clientOrderId: 'mmx3', reason: 'invalid', detail: '30002 too small'});
  assert.equal(outcomes.filter((o) => o.kind === 'placed').length, 24);
});

/** Places whatever it is sent, singly or in a batch. */
function placeEverything(req: SeenRequest, q: URLSearchParams): Answer | undefined {
  if (req.path === '/api/v3/order' && req.method === 'POST') return json(200, {orderId: `C02__${q.get('newClientOrderId')}`});
  if (req.path !== '/api/v3/batchOrders') return undefined;
  const list = JSON.parse(q.get('batchOrders')!) as {newClientOrderId: string}[];
  return json(200, list.map((o) => ({orderId: `C02__${o.newClientOrderId}`})));
}

test('when the batch budget has no token now, the orders go out one by one at once instead of waiting for it', async () => {
  const {server, port} = await setup(placeEverything, {rateLimits: {batchOrders: {amount: 1, windowMs: 60_000}}});
  const first = await port.placeOrders([intent(1), intent(2), intent(3)]);
  const started = Date.now();
  const second = await port.placeOrders([intent(4), intent(5), intent(6)]);
  assert.ok(Date.now() - started < 500, 'no wait for the batch token');
  assert.deepEqual([...first, ...second].map((o) => o.kind), Array(6).fill('placed'));
  assert.equal(server.seen.filter((r) => r.path === '/api/v3/batchOrders').length, 1, 'one batch, then singles');
  const singles = server.seen.filter((r) => r.path === '/api/v3/order').map((r) => new URLSearchParams(r.query).get('newClientOrderId'));
  assert.deepEqual(singles.sort(), ['mmx4', 'mmx5', 'mmx6']);
});

test('when single orders have no room for the whole chunk either, the batch is kept (and waits or is refused as before)', async () => {
  const {server, port} = await setup(placeEverything, {
    rateLimits: {batchOrders: {amount: 1, windowMs: 60_000}, order: {amount: 4, windowMs: 60_000}},
    maxBudgetWaitMs: 0,
  });
  await port.placeOrders([intent(1), intent(2), intent(3)]);
  const second = await port.placeOrders([intent(4), intent(5), intent(6)]);
  assert.deepEqual(second.map((o) => o.kind), ['throttled', 'throttled', 'throttled'], 'three singles do not fit a bucket of two');
  assert.equal(server.seen.filter((r) => r.path === '/api/v3/order').length, 0);
  assert.equal(server.seen.filter((r) => r.path === '/api/v3/batchOrders').length, 1);
});

test('a batch without a definite answer marks every order unknown and is not resent', async () => {
  const {server, port} = await setup((req) => (req.path === '/api/v3/batchOrders' ? {hang: true} : undefined));
  const outcomes = await port.placeOrders([intent(1), intent(2)]);
  assert.deepEqual(outcomes.map((o) => o.kind), ['unknown', 'unknown']);
  assert.equal(server.seen.filter((r) => r.path === '/api/v3/batchOrders').length, 1);
});

test('a rejected batch request rejects every order, with MEXC\'s code in the detail and a venue-neutral reason', async () => {
  const {port} = await setup((req) => (req.path === '/api/v3/batchOrders' ? json(400, {code: 700002, msg: 'Signature for this request is not valid.'}) : undefined));
  const outcomes = await port.placeOrders([intent(1), intent(2)]);
  assert.deepEqual(outcomes.map((o) => (o.kind === 'rejected' ? [o.reason, /700002/.test(o.detail)] : o.kind)), [['other', true], ['other', true]]);
});

test('intents without the prefix or with bad sizes are refused locally', async () => {
  const {server, port} = await setup(() => undefined);
  const outcomes = await port.placeOrders([{...intent(1), clientOrderId: 'other1'}, {...intent(2), qtyLots: 0}]);
  assert.deepEqual(outcomes.map((o) => o.kind), ['rejected', 'rejected']);
  assert.equal(server.seen.filter((r) => r.path === '/api/v3/order' || r.path === '/api/v3/batchOrders').length, 0);
});

test('batch answers are matched by client id, else by position only when lengths agree', () => {
  assert.deepEqual(matchBatchAnswer(['a', 'b'], [{orderId: '2', newClientOrderId: 'b'}, {orderId: '1', newClientOrderId: 'a'}]), [
    {kind: 'placed', clientOrderId: 'a', orderId: '1'},
    {kind: 'placed', clientOrderId: 'b', orderId: '2'},
  ]);
  assert.deepEqual(matchBatchAnswer(['a', 'b'], [{orderId: '1'}]).map((o) => o.kind), ['unknown', 'unknown']);
  assert.deepEqual(matchBatchAnswer(['a', 'b'], [{orderId: '1'}, {code: 30002, msg: 'm'}]).map((o) => o.kind), ['placed', 'rejected']);
});

test('cancel by origClientOrderId; unknown order is a definite rejection with its code; timeout is unknown', async () => {
  const {port} = await setup((req, q) => {
    if (req.path !== '/api/v3/order' || req.method !== 'DELETE') return undefined;
    const id = q.get('origClientOrderId');
    if (id === 'mmx1') return json(200, {symbol: 'RMVUSDT', origClientOrderId: 'mmx1', orderId: 'C02__1', status: 'NEW'});
    if (id === 'mmx2') return json(400, {code: -2011, msg: 'Unknown order sent.'});
    return {hang: true};
  });
  const outcomes = await port.cancelOrders([
    {kind: 'cancel', clientOrderId: 'mmx1', orderId: 'C02__1', reason: 't'},
    {kind: 'cancel', clientOrderId: 'mmx2', orderId: null, reason: 't'},
    {kind: 'cancel', clientOrderId: 'mmx3', orderId: null, reason: 't'},
  ]);
  assert.deepEqual(outcomes[0], {kind: 'cancelled', clientOrderId: 'mmx1'});
  assert.equal(outcomes[1]!.kind === 'rejected' && outcomes[1]!.reason, 'orderNotFound');
  assert.match(outcomes[1]!.kind === 'rejected' ? outcomes[1]!.detail : '', /-2011/);
  assert.equal(outcomes[2]!.kind, 'unknown');
});

test('open orders and query map to ticks/lots; a missing order queries as null; failures are PortErrors', async () => {
  const order = {symbol: 'RMVUSDT', orderId: 'C02__9', clientOrderId: 'mmx9', price: '0.5', origQty: '12.5', executedQty: '2.25', status: 'PARTIALLY_FILLED', side: 'SELL', type: 'LIMIT_MAKER'};
  const {port} = await setup((req, q) => {
    if (req.path === '/api/v3/openOrders') return json(200, [order]);
    if (req.path === '/api/v3/order' && q.get('origClientOrderId') === 'mmx9') return json(200, order);
    if (req.path === '/api/v3/order') return json(400, {code: -2013, msg: 'Order does not exist.'});
    if (req.path === '/api/v3/account') return json(503, {code: 503, msg: 'busy'});
    return undefined;
  });
  const expected = {clientOrderId: 'mmx9', orderId: 'C02__9', side: 'SELL', priceTicks: 50_000, origQtyLots: 1250, filledLots: 225, status: 'resting'};
  assert.deepEqual(await port.openOrders(), [expected]);
  assert.deepEqual(await port.queryOrder('mmx9'), expected);
  assert.equal(await port.queryOrder('mmx404'), null);
  await assert.rejects(port.balances(), (e: unknown) => e instanceof PortError && e.code === 503);
});

test('orders refused by rate limiting come back throttled with the retry time, and later ones fail fast during the block', async () => {
  const {server, port} = await setup((req) => (req.path === '/api/v3/order' ? json(429, {code: 429, msg: 'Too Many Requests'}, {'retry-after': '30'}) : undefined));
  const before = Date.now();
  const [first] = await port.placeOrders([intent(1)]);
  const [second] = await port.placeOrders([intent(2)]);
  assert.equal(first!.kind, 'throttled');
  assert.equal(second!.kind, 'throttled');
  const retryAt = first!.kind === 'throttled' ? first!.retryAt : null;
  assert.ok(retryAt !== null && retryAt >= before + 29_000 && retryAt <= Date.now() + 31_000, `retry at ${retryAt}`);
  assert.match(second!.kind === 'throttled' ? second!.message : '', /rate limited by MEXC until/);
  assert.equal(server.seen.filter((r) => r.path === '/api/v3/order').length, 1);
  assert.ok(port.counters().blockedUntil !== null);
});

test('a read our own request budget refuses is a PortError marked unsent, with the time the budget refills', async () => {
  const server = await startScriptedServer((req) => (req.path === '/api/v3/account' ? json(200, {balances: []}) : json(404, {code: -1, msg: 'no route'})));
  const rest = new MexcRestClient({baseUrl: server.url, apiKey: 'k', apiSecret: 's', recvWindowMs: 5000, timeoutMs: 300, rateLimits: {account: {amount: 1, windowMs: 60_000}}, maxBudgetWaitMs: 0});
  const port = new MexcTradingPort({rest, symbol: 'RMVUSDT', clientOrderIdPrefix: 'mmx'});
  cleanups.push(() => server.close(), () => rest.close());
  await port.balances();
  const error = await port.balances().then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof PortError, String(error));
  assert.equal(error.unsent, true);
  assert.equal(error.transient, true);
  assert.equal(error.message, 'account: request budget exhausted', 'the endpoint is named once');
  assert.ok(error.rateLimitedUntil !== null && error.rateLimitedUntil > Date.now());
  assert.equal(server.seen.filter((r) => r.path === '/api/v3/account').length, 1, 'the second read never left');
});
