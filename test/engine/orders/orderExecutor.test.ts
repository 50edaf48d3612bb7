// The executor (orderExecutor.ts): every outcome of a place / cancel / reconcile / query request becomes
// exactly one event, with the request id that groups a batch, the time it was answered, and the REST
// health changes (live / down, only on a change) that the answers imply. A throw from the port means
// nothing is known of any item of the request.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {OrderExecutor} from '../../../source/engine/orders/orderExecutor.js';
import type {EngineEvent, ExchangeOrder} from '../../../source/engine/events.js';
import {PortError, type CancelIntent, type PlaceIntent} from '../../../source/engine/ports.js';
import {RecordingTradingPort, T0} from '../engineFixtures.js';

function rig() {
  const port = new RecordingTradingPort();
  const pushed: EngineEvent[] = [];
  let clock = T0;
  const executor = new OrderExecutor(port, (e) => void pushed.push(e), () => clock);
  return {port, pushed, executor, set: (t: number) => (clock = t)};
}

const place = (clientOrderId: string): PlaceIntent => ({kind: 'place', clientOrderId, side: 'BUY', priceTicks: 24_900, qtyLots: 100_000, reason: 'fill ladder'});
const cancel = (clientOrderId: string): CancelIntent => ({kind: 'cancel', clientOrderId, orderId: `X${clientOrderId}`, reason: 'off ladder'});
const live = (at: number): EngineEvent => ({type: 'connection', stream: 'mexc.rest', state: 'live', reason: null, at});
const down = (reason: string, at: number): EngineEvent => ({type: 'connection', stream: 'mexc.rest', state: 'down', reason, at});

/** A promise and the functions that settle it, for requests that answer when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return {promise, resolve, reject};
}

test('place: each outcome becomes its event, all with the request id and the answer time; REST goes live first', async () => {
  const r = rig();
  r.port.placeAnswer = (i) => {
    r.set(T0 + 30); // answered later than sent
    switch (i.clientOrderId) {
      case 'mmxa':
        return {kind: 'placed', clientOrderId: 'mmxa', orderId: 'E1'};
      case 'mmxb':
        return {kind: 'rejected', clientOrderId: 'mmxb', reason: 'wouldCross', detail: 'Order would immediately match (30016)'};
      case 'mmxc':
        return {kind: 'throttled', clientOrderId: 'mmxc', retryAt: T0 + 900, message: 'budget'};
      default:
        return {kind: 'unknown', clientOrderId: i.clientOrderId, message: 'timeout'};
    }
  };
  const intents = ['mmxa', 'mmxb', 'mmxc', 'mmxd'].map(place);
  r.executor.place(intents);
  await r.executor.drained();
  assert.deepEqual(r.port.placed, [intents]);
  assert.deepEqual(r.pushed, [
    live(T0 + 30),
    {type: 'order.ack', clientOrderId: 'mmxa', orderId: 'E1', at: T0 + 30},
    {type: 'order.rejected', clientOrderId: 'mmxb', reason: 'wouldCross', detail: 'Order would immediately match (30016)', requestId: 1, at: T0 + 30},
    {type: 'order.throttled', clientOrderId: 'mmxc', retryAt: T0 + 900, message: 'budget', at: T0 + 30},
    {type: 'order.unknown', clientOrderId: 'mmxd', message: 'timeout', requestId: 1, at: T0 + 30},
  ]);
});

test('place: every request gets the next request id; REST health is reported only when it changes', async () => {
  const r = rig();
  r.port.placeAnswer = (i) => ({kind: 'rejected', clientOrderId: i.clientOrderId, reason: 'invalid', detail: 'bad'});
  r.executor.place([place('mmxa')]);
  await r.executor.drained();
  r.executor.place([place('mmxb')]);
  await r.executor.drained();
  assert.deepEqual(r.pushed, [
    live(T0),
    {type: 'order.rejected', clientOrderId: 'mmxa', reason: 'invalid', detail: 'bad', requestId: 1, at: T0},
    {type: 'order.rejected', clientOrderId: 'mmxb', reason: 'invalid', detail: 'bad', requestId: 2, at: T0},
  ]);
});

test('place with no intents sends nothing and pushes nothing', async () => {
  const r = rig();
  r.executor.place([]);
  r.executor.cancel([]);
  await r.executor.drained();
  assert.deepEqual(r.port.placed, []);
  assert.deepEqual(r.port.cancelled, []);
  assert.deepEqual(r.pushed, []);
});

test('place that throws: every item is unknown with the error message, and REST goes down for that reason', async () => {
  const r = rig();
  r.port.placeOrders = async () => {
    throw new Error('socket hang up');
  };
  r.executor.place([place('mmxa'), place('mmxb')]);
  await r.executor.drained();
  assert.deepEqual(r.pushed, [
    down('socket hang up', T0),
    {type: 'order.unknown', clientOrderId: 'mmxa', message: 'socket hang up', requestId: 1, at: T0},
    {type: 'order.unknown', clientOrderId: 'mmxb', message: 'socket hang up', requestId: 1, at: T0},
  ]);
});

test('place that throws something other than an Error: its text is the message', async () => {
  const r = rig();
  r.port.placeOrders = async () => {
    throw 'ECONNRESET';
  };
  r.executor.place([place('mmxa')]);
  await r.executor.drained();
  assert.deepEqual(r.pushed, [down('ECONNRESET', T0), {type: 'order.unknown', clientOrderId: 'mmxa', message: 'ECONNRESET', requestId: 1, at: T0}]);
});

test('an all-unknown answer is REST down (the first unknown message); a later definite answer is live again', async () => {
  const r = rig();
  r.port.placeAnswer = (i) => ({kind: 'unknown', clientOrderId: i.clientOrderId, message: `no answer for ${i.clientOrderId}`});
  r.executor.place([place('mmxa'), place('mmxb')]);
  await r.executor.drained();
  r.port.placeAnswer = (i) => ({kind: 'placed', clientOrderId: i.clientOrderId, orderId: 'E3'});
  r.set(T0 + 5);
  r.executor.place([place('mmxc')]);
  await r.executor.drained();
  assert.deepEqual(r.pushed.filter((e) => e.type === 'connection'), [down('no answer for mmxa', T0), live(T0 + 5)]);
});

test('an all-throttled answer says nothing about REST health: no connection event', async () => {
  const r = rig();
  r.port.placeAnswer = (i) => ({kind: 'throttled', clientOrderId: i.clientOrderId, retryAt: null, message: 'budget'});
  r.executor.place([place('mmxa')]);
  r.port.cancelAnswer = (i) => ({kind: 'throttled', clientOrderId: i.clientOrderId, retryAt: T0 + 100, message: '429'});
  r.executor.cancel([cancel('mmxb')]);
  await r.executor.drained();
  assert.deepEqual(r.pushed, [
    {type: 'order.throttled', clientOrderId: 'mmxa', retryAt: null, message: 'budget', at: T0},
    {type: 'cancel.throttled', clientOrderId: 'mmxb', retryAt: T0 + 100, message: '429', at: T0},
  ]);
});

test('cancel: each outcome becomes its event (refusals carry the request id), after REST goes live', async () => {
  const r = rig();
  r.port.cancelAnswer = (i) => {
    switch (i.clientOrderId) {
      case 'mmxa':
        return {kind: 'cancelled', clientOrderId: 'mmxa'};
      case 'mmxb':
        return {kind: 'rejected', clientOrderId: 'mmxb', reason: 'orderNotFound', detail: 'Unknown order (-2011)'};
      case 'mmxc':
        return {kind: 'throttled', clientOrderId: 'mmxc', retryAt: null, message: 'budget'};
      default:
        return {kind: 'unknown', clientOrderId: i.clientOrderId, message: 'timeout'};
    }
  };
  const intents = ['mmxa', 'mmxb', 'mmxc', 'mmxd'].map(cancel);
  r.set(T0 + 7);
  r.executor.cancel(intents);
  await r.executor.drained();
  assert.deepEqual(r.port.cancelled, [intents]);
  assert.deepEqual(r.pushed, [
    live(T0 + 7),
    {type: 'cancel.ack', clientOrderId: 'mmxa', at: T0 + 7},
    {type: 'cancel.rejected', clientOrderId: 'mmxb', reason: 'orderNotFound', detail: 'Unknown order (-2011)', requestId: 1, at: T0 + 7},
    {type: 'cancel.throttled', clientOrderId: 'mmxc', retryAt: null, message: 'budget', at: T0 + 7},
    {type: 'cancel.unknown', clientOrderId: 'mmxd', message: 'timeout', at: T0 + 7},
  ]);
});

test('cancel that throws: every item is a cancel.unknown with the error message', async () => {
  const r = rig();
  r.port.cancelOrders = async () => {
    throw new Error('ETIMEDOUT');
  };
  r.executor.cancel([cancel('mmxa'), cancel('mmxb')]);
  await r.executor.drained();
  assert.deepEqual(r.pushed, [
    down('ETIMEDOUT', T0),
    {type: 'cancel.unknown', clientOrderId: 'mmxa', message: 'ETIMEDOUT', at: T0},
    {type: 'cancel.unknown', clientOrderId: 'mmxb', message: 'ETIMEDOUT', at: T0},
  ]);
});

const exchangeOrder: ExchangeOrder = {clientOrderId: 'mmxa', orderId: 'E1', side: 'SELL', priceTicks: 25_100, origQtyLots: 4_000, filledLots: 0, status: 'resting'};
const BALANCES = {RMV: {free: 16000, locked: 0}, USDT: {free: 4000, locked: 0}};

test('reconcile: the open orders stamped with the time the request was sent, then the balances with their own time', async () => {
  const r = rig();
  r.port.open = [exchangeOrder];
  const openOrders = r.port.openOrders.bind(r.port);
  r.port.openOrders = async () => {
    r.set(T0 + 200); // the listing arrives later than it was asked for
    return openOrders();
  };
  r.executor.reconcile();
  await r.executor.drained();
  assert.deepEqual(r.pushed, [
    live(T0 + 200),
    {type: 'openOrders', orders: [exchangeOrder], at: T0},
    {type: 'balance', balances: BALANCES, complete: true, at: T0 + 200},
  ]);
});

test('reconcile without balances asks only for the open orders', async () => {
  const r = rig();
  let balanceCalls = 0;
  r.port.balances = async () => {
    balanceCalls++;
    return BALANCES;
  };
  r.executor.reconcile(false);
  await r.executor.drained();
  assert.equal(balanceCalls, 0);
  assert.deepEqual(r.pushed, [live(T0), {type: 'openOrders', orders: [], at: T0}]);
});

test('reconcile whose open orders fail with an exchange code: REST is still live, a request.failed with code and hold, and the balances are still fetched', async () => {
  const r = rig();
  r.port.openOrders = async () => {
    throw new PortError('Too Many Requests', 429, T0 + 60_000);
  };
  r.executor.reconcile();
  await r.executor.drained();
  assert.deepEqual(r.pushed, [
    live(T0),
    {type: 'request.failed', what: 'openOrders', code: 429, message: 'Too Many Requests', rateLimitedUntil: T0 + 60_000, unsent: false, at: T0},
    {type: 'balance', balances: BALANCES, complete: true, at: T0},
  ]);
});

test('a failure without an exchange code (PortError without code, or any other error) is REST down', async () => {
  const r = rig();
  r.port.openOrders = async () => {
    throw new PortError('fetch failed', null);
  };
  r.port.balances = async () => {
    throw new Error('ECONNREFUSED');
  };
  r.executor.reconcile();
  await r.executor.drained();
  assert.deepEqual(r.pushed, [
    down('fetch failed', T0),
    {type: 'request.failed', what: 'openOrders', code: null, message: 'fetch failed', rateLimitedUntil: null, unsent: false, at: T0},
    {type: 'request.failed', what: 'balances', code: null, message: 'ECONNREFUSED', rateLimitedUntil: null, unsent: false, at: T0},
  ]);
});

test('a read our own request budget refused to send leaves REST health alone and is marked unsent', async () => {
  const r = rig();
  r.port.balances = async () => {
    throw new PortError('account: request budget exhausted', null, T0 + 800, true, true);
  };
  r.executor.reconcile();
  await r.executor.drained();
  assert.deepEqual(r.pushed, [
    live(T0),
    {type: 'openOrders', orders: [], at: T0},
    {type: 'request.failed', what: 'balances', code: null, message: 'account: request budget exhausted', rateLimitedUntil: T0 + 800, unsent: true, at: T0},
  ]);
});

test('query: one request per order, each answer an order.query event; a failure names the order', async () => {
  const r = rig();
  r.port.queryAnswer = (id) => (id === 'mmxa' ? exchangeOrder : null);
  const queryOrder = r.port.queryOrder.bind(r.port);
  r.port.queryOrder = async (id) => {
    if (id === 'mmxc') throw new PortError('Order does not exist', -2013);
    return queryOrder(id);
  };
  r.set(T0 + 3);
  r.executor.query(['mmxa', 'mmxb', 'mmxc']);
  await r.executor.drained();
  assert.deepEqual(r.port.queried, ['mmxa', 'mmxb']);
  // the queries run concurrently: which answer lands first is not promised, so compare per kind
  assert.deepEqual(r.pushed.filter((e) => e.type === 'order.query'), [
    {type: 'order.query', clientOrderId: 'mmxa', order: exchangeOrder, at: T0 + 3},
    {type: 'order.query', clientOrderId: 'mmxb', order: null, at: T0 + 3},
  ]);
  assert.deepEqual(r.pushed.filter((e) => e.type !== 'order.query'), [
    live(T0 + 3),
    {type: 'request.failed', what: 'query mmxc', code: -2013, message: 'Order does not exist', rateLimitedUntil: null, unsent: false, at: T0 + 3},
  ]);
});

test('drained resolves at once when nothing is in flight', async () => {
  const r = rig();
  await r.executor.drained();
  assert.deepEqual(r.pushed, []);
});

test('drained waits for every request in flight, not just the first to finish', async () => {
  const r = rig();
  const first = deferred<ExchangeOrder | null>();
  const second = deferred<ExchangeOrder | null>();
  r.port.queryOrder = (id) => (id === 'mmxa' ? first.promise : second.promise);
  r.executor.query(['mmxa', 'mmxb']);
  let drained = false;
  const waiting = r.executor.drained().then(() => void (drained = true));
  first.resolve(null);
  await new Promise((res) => setImmediate(res));
  assert.equal(drained, false, 'one query still in flight');
  assert.equal(r.pushed.length, 1);
  second.resolve(null);
  await waiting;
  assert.equal(drained, true);
  assert.deepEqual(r.pushed.map((e) => e.type === 'order.query' && e.clientOrderId), ['mmxa', 'mmxb']);
});

test('an error escaping a request (the event sink threw) becomes a request.failed "executor" event', async () => {
  const port = new RecordingTradingPort();
  const pushed: EngineEvent[] = [];
  let throwOnce = true;
  const executor = new OrderExecutor(
    port,
    (e) => {
      if (throwOnce && e.type === 'order.ack') {
        throwOnce = false;
        throw new Error('queue closed');
      }
      pushed.push(e);
    },
    () => T0,
  );
  executor.place([place('mmxa')]);
  await executor.drained();
  assert.deepEqual(pushed, [
    live(T0),
    down('queue closed', T0),
    {type: 'request.failed', what: 'executor', code: null, message: 'queue closed', rateLimitedUntil: null, unsent: false, at: T0},
  ]);
});
