// The simulator's REST answers have the shapes of answers captured from the live MEXC API
// (test/exchanges/mexc/capturedAnswers.ts, docs/protocols/mexc.md §2.12): the same fields, no more and no fewer,
// and the same JSON types (ids, times and versions as strings), so the client is tested against what it will
// really read.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {startSimulator, type Simulator} from '../../../source/sim/simulator.js';
import {cancelledOrder, depth, filledOrder, openOrder, ownTrade, placedOrder} from '../../exchanges/mexc/capturedAnswers.js';
import {publicGet, signedRequest} from '../simTestKit.js';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 21, baseBalance: 1000, quoteBalance: 500});
});
after(() => sim.close());

const jsonType = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Same field names as the captured answer; where the capture holds a value (not null), the same JSON type. */
function assertCapturedShape(actual: Record<string, unknown>, captured: Record<string, unknown>, what: string): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(captured).sort(), `${what}: the fields of the captured answer`);
  for (const [field, value] of Object.entries(captured)) {
    // null in the capture: a field that also carries a value when there is one (a client id, a later update)
    if (value !== null) assert.equal(jsonType(actual[field]), jsonType(value), `${what}.${field}: ${JSON.stringify(actual[field])}`);
  }
}

const request = (method: string, path: string, params: Record<string, string>) => signedRequest(sim.urls.mexcRest, sim.account, method, path, params);
const best = async () => {
  const book = (await publicGet(sim.urls.mexcRest, '/api/v3/depth', 'symbol=RMVUSDT&limit=1')).body;
  return {bid: Number(book.bids[0][0]), ask: Number(book.asks[0][0])};
};

test('order book: lastUpdateId and timestamp are strings, as captured', async () => {
  const book = (await publicGet(sim.urls.mexcRest, '/api/v3/depth', 'symbol=RMVUSDT&limit=1')).body;
  assertCapturedShape(book, depth, 'depth');
});

test('a resting order: the placement, open-order, query and cancel answers have the captured shapes', async () => {
  const {bid} = await best();
  const placed = await request('POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT', quantity: '20', price: (bid - 0.002).toFixed(5), newClientOrderId: 'mmx-shape-1'});
  assert.equal(placed.status, 200, JSON.stringify(placed.body));
  assertCapturedShape(placed.body, placedOrder, 'POST /api/v3/order');
  const open = await request('GET', '/api/v3/openOrders', {symbol: 'RMVUSDT'});
  const mine = open.body.find((o: {orderId: string}) => o.orderId === placed.body.orderId);
  assertCapturedShape(mine, openOrder, 'GET /api/v3/openOrders');
  assert.equal(mine.clientOrderId, 'mmx-shape-1');
  const queried = await request('GET', '/api/v3/order', {symbol: 'RMVUSDT', orderId: placed.body.orderId});
  assertCapturedShape(queried.body, filledOrder, 'GET /api/v3/order');
  const cancelled = await request('DELETE', '/api/v3/order', {symbol: 'RMVUSDT', origClientOrderId: 'mmx-shape-1'});
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  assertCapturedShape(cancelled.body, cancelledOrder, 'DELETE /api/v3/order');
});

test('a filled order and its trade: the order and myTrades answers have the captured shapes', async () => {
  const {ask} = await best();
  const taken = await request('POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity: '5', price: (ask + 0.001).toFixed(5), newClientOrderId: 'mmx-shape-2'});
  assert.equal(taken.status, 200, JSON.stringify(taken.body));
  const order = await request('GET', '/api/v3/order', {symbol: 'RMVUSDT', orderId: taken.body.orderId});
  assert.ok(['FILLED', 'PARTIALLY_CANCELED'].includes(order.body.status), order.body.status);
  assertCapturedShape(order.body, filledOrder, 'GET /api/v3/order (filled)');
  const trades = await request('GET', '/api/v3/myTrades', {symbol: 'RMVUSDT', orderId: taken.body.orderId});
  assert.ok(trades.body.length > 0, 'the order traded');
  assertCapturedShape(trades.body[0], ownTrade, 'GET /api/v3/myTrades');
});
