import assert from 'node:assert/strict';
import {createHmac} from 'node:crypto';
import {after, test} from 'node:test';
import {MexcApiError, MexcThrottledError, MexcTransportError, summarizeFailure} from '../../../source/exchanges/mexc/errors.js';
import {MexcRestClient, type MexcRestClientOptions} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {json, startScriptedServer, type Answer, type ScriptedServer, type SeenRequest} from './scriptedHttpServer.js';

const apiKey = 'test-key';
const apiSecret = 'test-secret-never-logged';
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function setup(route: (req: SeenRequest) => Answer | undefined, extra: Partial<MexcRestClientOptions> = {}) {
  const server: ScriptedServer = await startScriptedServer((req) => {
    if (req.path === '/api/v3/time') return json(200, {serverTime: Date.now()});
    return route(req) ?? json(404, {code: -1, msg: 'no route'});
  });
  const logs: string[] = [];
  const rest = new MexcRestClient({
    baseUrl: server.url,
    apiKey,
    apiSecret,
    recvWindowMs: 5000,
    timeoutMs: 300,
    log: (level, msg) => logs.push(`${level} ${msg}`),
    ...extra,
  });
  cleanups.push(() => server.close(), () => rest.close());
  return {server, rest, logs};
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a failure');
}

test('signed request: key header, recvWindow, timestamp, and a signature over the raw query', async () => {
  const {server, rest, logs} = await setup((req) => (req.path === '/api/v3/account' ? json(200, {balances: [{asset: 'USDT', free: '5', locked: '1'}]}) : undefined));
  const account = await rest.account();
  assert.deepEqual(account.balances, [{asset: 'USDT', free: '5', locked: '1'}]);
  const req = server.seen.find((r) => r.path === '/api/v3/account')!;
  assert.equal(req.headers['x-mexc-apikey'], apiKey);
  const [unsigned, signature] = req.query.split('&signature=') as [string, string];
  assert.match(unsigned, /^recvWindow=5000&timestamp=\d+$/);
  assert.equal(signature, createHmac('sha256', apiSecret).update(unsigned).digest('hex'));
  assert.equal(req.body, '');
  // the first signed request measured server time first
  assert.equal(server.seen[0]!.path, '/api/v3/time');
  assert.ok(logs.every((l) => !l.includes(apiSecret) && !l.includes(signature)));
});

test('timestamp follows the measured server-time offset', async () => {
  const skew = 7_000;
  const server = await startScriptedServer((req) =>
    req.path === '/api/v3/time' ? json(200, {serverTime: Date.now() + skew}) : json(200, {listenKey: 'k'}),
  );
  const rest = new MexcRestClient({baseUrl: server.url, apiKey, apiSecret, recvWindowMs: 5000, timeoutMs: 500});
  cleanups.push(() => server.close(), () => rest.close());
  // Bounds from our own clock around each call (the scripted server shares it), not tolerances: the offset
  // is off by at most half the round trip (plus rounding), and the timestamp is our clock plus the offset.
  const beforeSync = Date.now();
  const offset = await rest.syncTime();
  const syncMs = Date.now() - beforeSync;
  assert.ok(Math.abs(offset - skew) <= syncMs / 2 + 1, `offset ${offset}, round trip ≤ ${syncMs} ms`);
  const beforeRequest = Date.now();
  await rest.createListenKey();
  const afterRequest = Date.now();
  const ts = Number(/timestamp=(\d+)/.exec(server.seen.at(-1)!.query)![1]);
  assert.ok(ts >= beforeRequest + offset && ts <= afterRequest + offset, `timestamp ${ts}: sent between ${beforeRequest} and ${afterRequest}, offset ${offset}`);
});

test('a business error is a definite rejection carrying MEXC code and message', async () => {
  const {rest} = await setup(() => json(400, {code: 30002, msg: 'The minimum transaction volume cannot be less than:5USDT'}));
  const error = await failure(rest.order({symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '1', price: '0.1', newClientOrderId: 'mmx1'}));
  assert.ok(error instanceof MexcApiError);
  assert.equal(error.httpStatus, 400);
  assert.equal(error.code, 30002);
  assert.equal(error.failure, 'rejected');
});

test('an error body with a 2xx status is still a definite answer', async () => {
  const {rest} = await setup(() => json(200, {code: '730708', msg: 'listen key information error'}));
  const error = await failure(rest.keepAliveListenKey('abc'));
  assert.ok(error instanceof MexcApiError);
  assert.equal(error.code, 730708);
  assert.equal(error.failure, 'rejected');
});

test('5xx is an unknown outcome', async () => {
  const {rest} = await setup(() => json(503, {code: 503, msg: 'service not available'}));
  const error = await failure(rest.order({symbol: 'RMVUSDT', side: 'SELL', type: 'LIMIT_MAKER', quantity: '1', price: '0.1'}));
  assert.ok(error instanceof MexcApiError);
  assert.equal(error.failure, 'unknown');
  assert.equal(rest.stats().unknownOutcomes, 1);
});

test('no answer within the timeout is an unknown outcome', async () => {
  const {rest} = await setup(() => ({hang: true}));
  const error = await failure(rest.order({symbol: 'RMVUSDT', side: 'SELL', type: 'LIMIT_MAKER', quantity: '1', price: '0.1'}));
  assert.ok(error instanceof MexcTransportError);
  assert.equal(error.reason, 'timeout');
  assert.equal(error.failure, 'unknown');
});

test('connection reset after the request was sent is an unknown outcome', async () => {
  const {rest} = await setup(() => ({reset: true}));
  const error = await failure(rest.order({symbol: 'RMVUSDT', side: 'SELL', type: 'LIMIT_MAKER', quantity: '1', price: '0.1'}));
  assert.ok(error instanceof MexcTransportError);
  assert.equal(error.reason, 'connectionLost');
  assert.equal(error.failure, 'unknown');
});

test('connection refused means the request never left: a definite no', async () => {
  const server = await startScriptedServer(() => json(200, {}));
  const url = server.url;
  await server.close();
  const rest = new MexcRestClient({baseUrl: url, recvWindowMs: 5000, timeoutMs: 500});
  cleanups.push(() => rest.close());
  const error = await failure(rest.depth('RMVUSDT', 10));
  assert.ok(error instanceof MexcTransportError);
  assert.equal(error.reason, 'notConnected');
  assert.equal(error.failure, 'rejected');
});

test('a success body not in the documented shape is counted, logged and unknown', async () => {
  const {rest, logs} = await setup(() => ({status: 200, body: '<html>gateway</html>'}));
  const error = await failure(rest.order({symbol: 'RMVUSDT', side: 'SELL', type: 'LIMIT_MAKER', quantity: '1', price: '0.1'}));
  assert.ok(error instanceof MexcTransportError);
  assert.equal(error.reason, 'malformedBody');
  assert.equal(error.failure, 'unknown');
  assert.equal(rest.stats().malformedBodies, 1);
  assert.ok(logs.some((l) => l.startsWith('warn') && l.includes('not as documented')));
});

test('429 + Retry-After blocks every request until then, without sending any (no retry storm)', async () => {
  let clock = 1_000_000;
  const {server, rest} = await setup(
    (req) => (req.path === '/api/v3/depth' ? (clock < 1_003_000 ? json(429, {code: 429, msg: 'Too Many Requests'}, {'retry-after': '3'}) : json(200, {lastUpdateId: 5, bids: [], asks: []})) : undefined),
    {now: () => clock},
  );
  const first = await failure(rest.depth('RMVUSDT', 10));
  assert.ok(first instanceof MexcApiError);
  assert.equal(first.failure, 'rateLimited');
  assert.equal(first.rateLimitedUntil, 1_003_000);
  const sentBefore = server.seen.length;
  for (let i = 0; i < 20; i += 1) {
    const blocked = await failure(rest.depth('RMVUSDT', 10));
    assert.ok(blocked instanceof MexcThrottledError);
    assert.equal(blocked.rateLimitedUntil, 1_003_000);
  }
  assert.equal(server.seen.length, sentBefore, 'nothing reached the server during the block');
  assert.deepEqual(rest.counters(), {requests: 1, throttled: 20, rateLimited: 1, blockedUntil: 1_003_000});
  clock = 1_003_000;
  assert.equal((await rest.depth('RMVUSDT', 10)).lastUpdateId, 5);
  assert.equal(rest.counters().blockedUntil, null);
});

test('an empty request budget fails fast and is counted as throttled', async () => {
  const {server, rest} = await setup((req) => (req.path === '/api/v3/depth' ? json(200, {lastUpdateId: 1, bids: [], asks: []}) : undefined), {
    rateLimits: {depth: {amount: 2, windowMs: 60_000}},
    maxBudgetWaitMs: 0,
  });
  await rest.depth('RMVUSDT', 10);
  const error = await failure(rest.depth('RMVUSDT', 10));
  assert.ok(error instanceof MexcThrottledError);
  assert.equal(error.reason, 'budget');
  assert.equal(rest.counters().throttled, 1);
  assert.equal(server.seen.filter((r) => r.path === '/api/v3/depth').length, 1);
});

test('700003 (timestamp outside recvWindow) makes the next signed request re-measure server time', async () => {
  let rejectOnce = true;
  const {server, rest} = await setup((req) => {
    if (req.path !== '/api/v3/userDataStream') return undefined;
    if (rejectOnce) {
      rejectOnce = false;
      return json(400, {code: 700003, msg: 'Timestamp for this request is outside of the recvWindow.'});
    }
    return json(200, {listenKey: 'k2'});
  });
  const error = await failure(rest.createListenKey());
  assert.equal(summarizeFailure(error).code, 700003);
  assert.equal(await rest.createListenKey(), 'k2');
  assert.deepEqual(
    server.seen.map((r) => r.path),
    ['/api/v3/time', '/api/v3/userDataStream', '/api/v3/time', '/api/v3/userDataStream'],
  );
});

test('batchOrders sends one JSON-array parameter, signed, with upper-case escapes', async () => {
  const {server, rest} = await setup((req) => (req.path === '/api/v3/batchOrders' ? json(200, [{orderId: 'C02__1', newClientOrderId: 'mmx1'}, {code: 30002, msg: 'too small', newClientOrderId: 'mmx2'}]) : undefined));
  const answer = await rest.batchOrders([
    {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '10', price: '0.5', newClientOrderId: 'mmx1'},
    {symbol: 'RMVUSDT', side: 'SELL', type: 'LIMIT_MAKER', quantity: '0.1', price: '0.6', newClientOrderId: 'mmx2'},
  ]);
  assert.equal(answer.length, 2);
  const req = server.seen.find((r) => r.path === '/api/v3/batchOrders')!;
  assert.equal(req.method, 'POST');
  const param = /^batchOrders=([^&]+)&/.exec(req.query)![1]!;
  assert.doesNotMatch(param, /%[0-9a-f]?[a-f]/, 'percent escapes are upper-case');
  assert.deepEqual(JSON.parse(decodeURIComponent(param)), [
    {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '10', price: '0.5', newClientOrderId: 'mmx1'},
    {symbol: 'RMVUSDT', side: 'SELL', type: 'LIMIT_MAKER', quantity: '0.1', price: '0.6', newClientOrderId: 'mmx2'},
  ]);
  assert.throws(() => rest.batchOrders([]), RangeError);
});

test('credentials echoed back by a server never reach errors or logs', async () => {
  const {rest, logs} = await setup((req) => (req.path === '/api/v3/account' ? json(400, {code: 700002, msg: `bad ${req.query} for ${apiKey} ${apiSecret}`}) : undefined));
  const error = await failure(rest.account());
  assert.ok(error instanceof MexcApiError);
  for (const text of [error.message, ...logs]) {
    assert.doesNotMatch(text, /signature=[0-9a-f]/);
    assert.ok(!text.includes(apiKey) && !text.includes(apiSecret), text);
  }
  assert.match(error.message, /signature=<redacted>/);
});
