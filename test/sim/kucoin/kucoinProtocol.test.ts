import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {request} from 'node:http';
import WebSocket from 'ws';
import fc from 'fast-check';
import {startKucoinSim, type KucoinSim, type KucoinSimOptions} from '../../../source/sim/kucoin/kucoinSim.js';
import {WsClient, bullet, getJson, postJson, waitUntil} from './kucoinTestClient.js';

const SYMBOL = 'RMV-USDT';
const opened: {close(): Promise<void>}[] = [];
after(async () => {
  for (const item of opened.reverse()) await item.close();
});

async function sim(extra: Partial<KucoinSimOptions> = {}): Promise<KucoinSim> {
  const s = await startKucoinSim({symbol: SYMBOL, priceDecimals: 5, sizeDecimals: 2, seed: 1, port: 0, ...extra});
  opened.push(s);
  s.step(1_700_000_000_000, 0.05);
  return s;
}

async function connect(s: KucoinSim, connectId?: string): Promise<WsClient> {
  const client = await WsClient.connect(s.restUrl, connectId);
  opened.push(client);
  return client;
}

test('bullet-public returns a token and a ws endpoint on this server with ping settings', async () => {
  const s = await sim({pingIntervalMs: 5000, pingTimeoutMs: 2000});
  const {status, body, headers} = await postJson(`${s.restUrl}/api/v1/bullet-public`);
  assert.equal(status, 200);
  assert.equal(body.code, '200000');
  assert.match(body.data.token, /^[A-Za-z0-9_-]+=\.[A-Za-z0-9_-]+==$/);
  const [server] = body.data.instanceServers;
  assert.equal(server.endpoint, `${s.restUrl.replace('http', 'ws')}/`);
  assert.equal(server.protocol, 'websocket');
  assert.equal(server.encrypt, false);
  assert.equal(server.pingInterval, 5000);
  assert.equal(server.pingTimeout, 2000);
  assert.equal(headers.get('gw-ratelimit-limit'), '2000');
  assert.equal(headers.get('gw-ratelimit-remaining'), '1990');
});

test('the connection opens with a welcome carrying the connectId, and ping gets a pong with the same id', async () => {
  const s = await sim();
  const client = await connect(s, 'my-connect-id');
  assert.deepEqual(client.frames[0], {id: 'my-connect-id', type: 'welcome'});
  client.send({id: 1545910590801, type: 'ping'});
  const pong = await client.waitFrame((f) => f.type === 'pong', 'pong');
  assert.deepEqual(pong, {id: '1545910590801', type: 'pong'});
  assert.equal(s.stats()['connections'], 1);
});

test('a bad or missing token gets error 401 instead of welcome and the socket is closed', async () => {
  const s = await sim();
  const endpoint = `${s.restUrl.replace('http', 'ws')}/`;
  for (const query of ['?token=not-a-token&connectId=c1', '?connectId=c1']) {
    const client = new WsClient(endpoint + query);
    opened.push(client);
    await waitUntil(() => client.closedWith !== null, 'close');
    assert.deepEqual(client.frames, [{id: 'c1', type: 'error', code: 401, data: 'token is invalid'}]);
  }
});

test('with rejectBadTokenWithHttp401 a bad token fails the handshake with HTTP 401', async () => {
  const s = await sim({rejectBadTokenWithHttp401: true});
  const ws = new WebSocket(`${s.restUrl.replace('http', 'ws')}/?token=nope`);
  const status = await new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
  ws.terminate();
  assert.equal(status, 401);
});

test('an expired token is refused with "token is expired", and a live session is closed when its token expires', async () => {
  const s = await sim({tokenTtlMs: 150});
  const client = await connect(s, 'c2');
  await waitUntil(() => client.closedWith !== null, 'expiry close');
  assert.deepEqual(client.frames.at(-1), {id: 'c2', type: 'error', code: 401, data: 'token is expired'});
  assert.equal(s.stats()['tokenExpiredDisconnects'], 1);

  const issuedAt = Date.now();
  const {token, endpoint} = await bullet(s.restUrl);
  await waitUntil(() => Date.now() >= issuedAt + 200, 'token lifetime to pass');
  const late = new WsClient(`${endpoint}?token=${token}&connectId=late`);
  opened.push(late);
  await waitUntil(() => late.closedWith !== null, 'refused');
  assert.deepEqual(late.frames, [{id: 'late', type: 'error', code: 401, data: 'token is expired'}]);
});

test('a silent client is disconnected with error 400 "ping timeout"; a pinging client stays', async () => {
  const s = await sim({idleTimeoutMs: 200});
  const silent = await connect(s, 'silent');
  const pinging = await connect(s, 'pinging');
  const timer = setInterval(() => pinging.send({id: String(Date.now()), type: 'ping'}), 50);
  try {
    await waitUntil(() => silent.closedWith !== null, 'idle close');
    assert.deepEqual(silent.frames.at(-1), {id: 'silent', type: 'error', code: 400, data: 'ping timeout'});
    assert.equal(pinging.closedWith, null);
  } finally {
    clearInterval(timer);
  }
});

test('subscribe and unsubscribe ack only when response is true, and ack ids are strings', async () => {
  const s = await sim();
  const client = await connect(s);
  client.send({id: 99, type: 'subscribe', topic: `/market/level2:${SYMBOL}`, privateChannel: false, response: true});
  assert.deepEqual(await client.waitFrame((f) => f.type === 'ack', 'ack'), {id: '99', type: 'ack'});
  client.send({id: 100, type: 'unsubscribe', topic: `/market/level2:${SYMBOL}`, response: false});
  client.send({id: 'after', type: 'ping'});
  await client.waitFrame((f) => f.id === 'after', 'pong');
  assert.equal(client.frames.filter((f) => f.type === 'ack').length, 1);
  s.step(1_700_000_000_100, 0.0501);
  client.send({id: 'after2', type: 'ping'});
  await client.waitFrame((f) => f.id === 'after2', 'pong');
  assert.equal(client.l2updates().length, 0, 'unsubscribed: no updates');
});

test('malformed and invalid client frames get KuCoin error frames and the session survives', async () => {
  const s = await sim();
  const client = await connect(s, 'cx');
  const cases: [unknown, Record<string, unknown>][] = [
    ['{not json', {id: 'cx', type: 'error', code: 400, data: 'message is invalid'}],
    ['[1,2]', {id: 'cx', type: 'error', code: 400, data: 'message is invalid'}],
    [{id: 'a', type: 'dance'}, {id: 'a', type: 'error', code: 415, data: 'type is not supported'}],
    [{id: 'b'}, {id: 'b', type: 'error', code: 415, data: 'type is not supported'}],
    [{id: 'c', type: 'subscribe', response: true}, {id: 'c', type: 'error', code: 406, data: 'topic is required'}],
    [{id: 'd', type: 'subscribe', topic: '/market/level2'}, {id: 'd', type: 'error', code: 400, data: 'topic is invalid'}],
    [{id: 'e', type: 'subscribe', topic: '/market/level2:BSV-BTC'}, {id: 'e', type: 'error', code: 404, data: 'topic /market/level2:BSV-BTC is not found'}],
    [{id: 'f', type: 'subscribe', topic: `/market/nothing:${SYMBOL}`}, {id: 'f', type: 'error', code: 404, data: `topic /market/nothing:${SYMBOL} is not found`}],
    [{id: 'g', type: 'subscribe', topic: `/market/level2:${SYMBOL}`, privateChannel: true}, {id: 'g', type: 'error', code: 403, data: 'login is required'}],
    [
      {id: 'h', type: 'subscribe', topic: `/market/level2:${Array.from({length: 101}, (_, k) => `A${k}-USDT`).join(',')}`},
      {id: 'h', type: 'error', code: 509, data: 'exceed max subscription count limitation of 100 per time'},
    ],
  ];
  for (const [frame, expected] of cases) {
    const before = client.frames.length;
    client.send(frame);
    await waitUntil(() => client.frames.length > before, `reply to ${JSON.stringify(frame)}`);
    assert.deepEqual(client.frames[before], expected);
  }
  client.ws.send(Buffer.from([0, 1, 2]), {binary: true});
  await waitUntil(() => (s.stats()['malformedFrames'] ?? 0) >= 5, 'binary counted');
  client.send({id: 'alive', type: 'ping'});
  await client.waitFrame((f) => f.id === 'alive' && f.type === 'pong', 'pong after garbage');
  assert.equal(client.closedWith, null);
});

test('random frames (garbage text, arbitrary JSON, odd field types) never break the session', async () => {
  const s = await sim();
  const client = await connect(s, 'fuzz');
  const frames = fc.sample(
    fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), type: fc.constantFrom('subscribe', 'unsubscribe', 'ping', 'x', 7), topic: fc.oneof(fc.string(), fc.integer(), fc.constant(`/market/level2:${SYMBOL}`)), response: fc.boolean()}).map((o) => JSON.stringify(o)),
    ),
    {numRuns: 80, seed: 1234},
  );
  for (const frame of frames) client.send(frame);
  // Frames are handled in order, so the pong proves every fuzz frame was processed first.
  client.send({id: 'still-here', type: 'ping'});
  await client.waitFrame((f) => f.id === 'still-here' && f.type === 'pong', 'pong after fuzz');
  assert.equal(client.closedWith, null);
  assert.ok((s.stats()['malformedFrames'] ?? 0) > 0);
});

test('more than 100 client messages in 10 s are refused with 509', async () => {
  const s = await sim();
  const client = await connect(s, 'burst');
  for (let k = 0; k < 101; k++) client.send({id: `p${k}`, type: 'ping'});
  const error = await client.waitFrame((f) => f.type === 'error', '509');
  assert.deepEqual(error, {id: 'burst', type: 'error', code: 509, data: 'exceed max permits per second'});
  assert.equal(client.frames.filter((f) => f.type === 'pong').length, 100);
});

test('new connections beyond the per-minute limit and sessions beyond the session limit get 509', async () => {
  const s = await sim({maxNewConnectionsPerMinute: 2});
  await connect(s);
  await connect(s);
  const {token, endpoint} = await bullet(s.restUrl);
  const third = new WsClient(`${endpoint}?token=${token}&connectId=third`);
  opened.push(third);
  await waitUntil(() => third.closedWith !== null, 'rejected');
  assert.deepEqual(third.frames, [{id: 'third', type: 'error', code: 509, data: 'service busy, please retry later'}]);

  const s2 = await sim({maxSessions: 1});
  await connect(s2);
  const b = await bullet(s2.restUrl);
  const second = new WsClient(`${b.endpoint}?token=${b.token}&connectId=two`);
  opened.push(second);
  await waitUntil(() => second.closedWith !== null, 'rejected');
  assert.deepEqual(second.frames, [{id: 'two', type: 'error', code: 509, data: 'exceed max session count limitation of 1'}]);
});

test('GET /api/v2/symbols and /api/v2/symbols/{symbol} describe the pair with increments as strings', async () => {
  const s = await startKucoinSim({symbol: 'ABC-USDT', priceDecimals: 4, sizeDecimals: 0, seed: 1, port: 0});
  opened.push(s);
  const list = await getJson(`${s.restUrl}/api/v2/symbols`);
  assert.equal(list.body.code, '200000');
  const [info] = list.body.data;
  assert.equal(info.symbol, 'ABC-USDT');
  assert.equal(info.baseCurrency, 'ABC');
  assert.equal(info.quoteCurrency, 'USDT');
  assert.equal(info.priceIncrement, '0.0001');
  assert.equal(info.baseIncrement, '1');
  assert.equal(info.enableTrading, true);
  assert.equal(info.baseMinSize, '1'); // one lot: 10^-sizeDecimals with sizeDecimals 0
  const one = await getJson(`${s.restUrl}/api/v2/symbols/ABC-USDT`);
  assert.deepEqual(one.body.data, info);
  assert.deepEqual((await getJson(`${s.restUrl}/api/v2/symbols?market=ALTS`)).body.data, []);
});

test('REST errors use KuCoin codes: unknown path, wrong method, missing or unknown symbol, private full depth', async () => {
  const s = await sim();
  const expectError = async (method: string, path: string, status: number, code: string): Promise<void> => {
    const res = await fetch(`${s.restUrl}${path}`, {method});
    const body: any = await res.json();
    assert.equal(res.status, status, path);
    assert.equal(body.code, code, path);
    assert.equal(typeof body.msg, 'string');
  };
  await expectError('GET', '/api/v1/nothing', 404, '404000');
  await expectError('GET', '/api/v1/bullet-public', 405, '405000');
  await expectError('GET', '/api/v1/market/orderbook/level2_100', 400, '400100');
  await expectError('GET', '/api/v1/market/orderbook/level2_100?symbol=BTC-USDT', 200, '900001');
  await expectError('GET', '/api/v1/market/orderbook/level2_50?symbol=RMV-USDT', 404, '404000');
  await expectError('GET', '/api/v2/market/orderbook/level2?symbol=RMV-USDT', 404, '404000');
  await expectError('GET', '/api/v3/market/orderbook/level2?symbol=RMV-USDT', 401, '400001');
  const before = Date.now();
  const time = await getJson(`${s.restUrl}/api/v1/timestamp`);
  assert.ok(Number.isInteger(time.body.data) && time.body.data >= before && time.body.data <= Date.now(), `server time ${time.body.data}`);
});

test('a huge request body is cut off and the server keeps serving', async () => {
  const s = await sim();
  const url = new URL(`${s.restUrl}/api/v1/bullet-public`);
  await new Promise<void>((resolve) => {
    const req = request({host: url.hostname, port: url.port, path: url.pathname, method: 'POST'}, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', () => resolve());
    req.end(Buffer.alloc(1024 * 1024, 'x'));
  });
  const ok = await postJson(`${s.restUrl}/api/v1/bullet-public`);
  assert.equal(ok.body.code, '200000');
});

test('the public pool charges endpoint weights and answers 429 / 429000 with gw-ratelimit headers when spent', async () => {
  const s = await sim({publicPoolLimit: 10});
  const snap = `${s.restUrl}/api/v1/market/orderbook/level2_20?symbol=${SYMBOL}`;
  for (let k = 0; k < 5; k++) assert.equal((await getJson(snap)).body.code, '200000');
  const limited = await getJson(snap);
  assert.equal(limited.status, 429);
  assert.equal(limited.body.code, '429000');
  assert.equal(limited.headers.get('gw-ratelimit-remaining'), '0');
  assert.ok(Number(limited.headers.get('gw-ratelimit-reset')) > 0);
  assert.equal(s.stats()['rateLimited'], 1);
});
