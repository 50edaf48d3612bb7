import {test} from 'node:test';
import assert from 'node:assert/strict';
import {buildWsUrl, describeEndpoint, parseBulletData} from '../../../source/exchanges/kucoin/kucoinToken.js';
import {unwrapEnvelope} from '../../../source/exchanges/kucoin/kucoinRest.js';
import {PortError} from '../../../source/engine/ports.js';

const sheetResponse = {
  code: '200000',
  data: {
    token: '2neAiuYvAU61ZDXANAGAsiL4-iAExhsBXZxftpOeh_55i3Ysy2q2LEsEWU64mdzUOPusi34M_wGoSf7iNyEWJ4aBZXpWhrmY9jYtqeRQ1RXBa2L7Nh6yQ5Vs9Y=.ymP9jIr6v-vucrZr8761yA==',
    instanceServers: [{endpoint: 'wss://ws-api-spot.kucoin.com/', encrypt: true, protocol: 'websocket', pingInterval: 18000, pingTimeout: 10000}],
  },
};

test('parses the sheet bullet-public response (docs/protocols/kucoin.md §2.2)', () => {
  const token = parseBulletData(unwrapEnvelope(sheetResponse, 200, 'POST /api/v1/bullet-public'));
  assert.equal(token.token, sheetResponse.data.token);
  assert.deepEqual(token.servers, [
    {endpoint: 'wss://ws-api-spot.kucoin.com/', encrypt: true, protocol: 'websocket', pingIntervalMs: 18000, pingTimeoutMs: 10000},
  ]);
});

test('skips unusable instance servers and fails when none is left', () => {
  const servers = [
    {endpoint: 'https://not-a-ws/', pingInterval: 1, pingTimeout: 1},
    {endpoint: 'ws://127.0.0.1:9/', pingInterval: 0, pingTimeout: 1},
    {endpoint: 'ws://127.0.0.1:9/', pingInterval: 50000, pingTimeout: 10000, encrypt: false},
  ];
  const token = parseBulletData({token: 't', instanceServers: servers});
  assert.deepEqual(token.servers.map((s) => s.pingIntervalMs), [50000]);
  assert.throws(() => parseBulletData({token: 't', instanceServers: servers.slice(0, 2)}), /no usable instanceServers/);
  assert.throws(() => parseBulletData({instanceServers: servers}), /missing token/);
  assert.throws(() => parseBulletData({token: 't'}), /instanceServers/);
  assert.throws(() => parseBulletData(null), /not an object/);
});

test('the WS URL carries token and connectId, encoded, and keeps existing query params', () => {
  const url = new URL(buildWsUrl('wss://ws-api-spot.kucoin.com/', 'a+b=c/d', 'cid1'));
  assert.equal(url.searchParams.get('token'), 'a+b=c/d');
  assert.equal(url.searchParams.get('connectId'), 'cid1');
  assert.equal(url.host, 'ws-api-spot.kucoin.com');
  const withQuery = new URL(buildWsUrl('ws://127.0.0.1:1234/endpoint?x=1', 't', 'c'));
  assert.equal(withQuery.searchParams.get('x'), '1');
  assert.equal(withQuery.pathname, '/endpoint');
  assert.equal(describeEndpoint(buildWsUrl('wss://h/p', 'secret-token', 'c')), 'wss://h/p');
});

test('the envelope: 200000 yields data; other codes (even with HTTP 200) raise PortError with the code', () => {
  assert.deepEqual(unwrapEnvelope({code: '200000', data: {a: 1}}, 200, 'x'), {a: 1});
  assert.throws(
    () => unwrapEnvelope({code: '400100', msg: 'Parameter error'}, 200, 'GET /x'),
    (error: unknown) => error instanceof PortError && error.code === 400100 && /Parameter error/.test(error.message),
  );
  assert.throws(
    () => unwrapEnvelope({code: '429000', msg: 'Too many requests'}, 429, 'GET /x', 12345),
    (error: unknown) => error instanceof PortError && error.code === 429000 && error.rateLimitedUntil === 12345,
  );
  assert.throws(() => unwrapEnvelope('nope', 502, 'GET /x'), (error: unknown) => error instanceof PortError && error.code === 502);
  assert.throws(() => unwrapEnvelope({code: '200000', data: {}}, 500, 'GET /x'), PortError);
});
