import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {startKucoinSim, type KucoinSim} from '../../../source/sim/kucoin/kucoinSim.js';
import {WsClient, applyUpdate, bookFromSnapshot, bullet, getJson, postJson, waitUntil} from './kucoinTestClient.js';

const SYMBOL = 'RMV-USDT';
const opened: {close(): Promise<void>}[] = [];
after(async () => {
  for (const item of opened.reverse()) await item.close();
});

let clock = 1_700_000_000_000;
async function sim(): Promise<KucoinSim> {
  const s = await startKucoinSim({symbol: SYMBOL, priceDecimals: 5, sizeDecimals: 2, seed: 5, port: 0});
  opened.push(s);
  s.step((clock += 100), 0.05);
  return s;
}
function step(s: KucoinSim, count = 1): void {
  for (let k = 0; k < count; k++) s.step((clock += 100), 0.05 * (1 + 0.001 * Math.sin(clock / 700)));
}
async function subscribed(s: KucoinSim): Promise<WsClient> {
  const client = await WsClient.connect(s.restUrl);
  opened.push(client);
  await client.subscribe(`/market/level2:${SYMBOL}`);
  return client;
}
async function pingRoundTrip(client: WsClient, id: string): Promise<void> {
  client.send({id, type: 'ping'});
  await client.waitFrame((f) => f.type === 'pong' && f.id === id, `pong ${id}`);
}

test('wsDrop closes open sockets abruptly and refuses new ones until switched off', async () => {
  const s = await sim();
  const client = await subscribed(s);
  s.setFault('wsDrop', true);
  await waitUntil(() => client.closedWith !== null, 'drop');
  assert.equal(client.closedWith, 1006, 'no close frame: a network drop');
  const {token, endpoint} = await bullet(s.restUrl);
  const refused = new WsClient(`${endpoint}?token=${token}`);
  opened.push(refused);
  await waitUntil(() => refused.closedWith !== null, 'refused');
  assert.equal(refused.frames.length, 0);
  s.setFault('wsDrop', false);
  const again = await subscribed(s);
  assert.equal(again.closedWith, null);
  const stats = s.stats();
  assert.equal(stats['wsDropClosed'], 1);
  assert.equal(stats['wsDropRefused'], 1);
  assert.equal(stats['faultsInjected'], 2);
});

test('dropConnections closes every socket once; clients can reconnect right away', async () => {
  const s = await sim();
  const a = await subscribed(s);
  const b = await subscribed(s);
  s.dropConnections();
  await waitUntil(() => a.closedWith !== null && b.closedWith !== null, 'both dropped');
  await subscribed(s);
  assert.equal(s.stats()['connectionsDropped'], 2);
  assert.equal(s.stats()['connections'], 1);
});

test('stall withholds market data while the socket stays open and pongs; on resume the sequence jumps', async () => {
  const s = await sim();
  const client = await subscribed(s);
  step(s, 2);
  await waitUntil(() => client.l2updates().at(-1)?.sequenceEnd === s.stats()['sequence'], 'updates before stall');
  const lastBefore = client.l2updates().at(-1)!.sequenceEnd;
  const countBefore = client.l2updates().length;
  s.setFault('stall', true);
  step(s, 5);
  await pingRoundTrip(client, 'during-stall');
  assert.equal(client.l2updates().length, countBefore, 'no update during the stall');
  assert.ok((s.stats()['stallWithheld'] ?? 0) > 0);
  s.setFault('stall', false);
  step(s, 1);
  await waitUntil(() => client.l2updates().length > countBefore, 'updates after stall');
  assert.ok(client.l2updates()[countBefore]!.sequenceStart > lastBefore + 1, 'gap after the stall');
});

test('sequenceGap drops messages so continuity breaks, and a book that ignores the gap diverges from the server', async () => {
  const s = await sim();
  step(s, 3);
  const client = await subscribed(s);
  const snapshot = await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`);
  s.setFault('sequenceGap', true);
  step(s, 3);
  s.setFault('sequenceGap', false);
  step(s, 1); // a delivered message after the gaps, so the client can tell when it has everything
  const target = s.stats()['sequence'];
  await waitUntil(() => client.l2updates().at(-1)?.sequenceEnd === target, 'updates');
  const updates = client.l2updates();
  let previousEnd = Number(snapshot.body.data.sequence);
  let missing = 0;
  for (const u of updates.filter((m) => m.sequenceEnd > Number(snapshot.body.data.sequence))) {
    missing += u.sequenceStart - (previousEnd + 1);
    previousEnd = u.sequenceEnd;
  }
  assert.ok(missing > 0, 'sequence numbers never delivered');
  assert.equal(s.stats()['sequenceGapsInjected'], 3);

  // The official procedure detects it ...
  const strict = bookFromSnapshot(snapshot.body.data);
  assert.throws(() => updates.forEach((u) => applyUpdate(strict, u)), /gap/);
  // ... and a client that skips the check ends up with a book different from the server's.
  const naive = bookFromSnapshot(snapshot.body.data);
  for (const u of updates) {
    if (u.sequenceEnd <= naive.sequence) continue;
    naive.sequence = u.sequenceStart - 1; // pretends every message follows the previous one
    applyUpdate(naive, u);
  }
  const server = await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`);
  const top = (m: Map<string, string>, side: 'bids' | 'asks'): [string, string][] =>
    [...m].sort((a, b) => (side === 'bids' ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0]))).slice(0, 20);
  assert.notDeepEqual([top(naive.bids, 'bids'), top(naive.asks, 'asks')], [server.body.data.bids.slice(0, 20), server.body.data.asks.slice(0, 20)]);
});

test('rateLimitBurst answers every REST call with HTTP 429 / 429000 until switched off', async () => {
  const s = await sim();
  s.setFault('rateLimitBurst', true);
  const limited = await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`);
  assert.equal(limited.status, 429);
  assert.deepEqual(limited.body, {code: '429000', msg: 'Too Many Requests'});
  assert.equal(limited.headers.get('gw-ratelimit-remaining'), null, 'overload 429s carry no personal headers');
  assert.equal((await postJson(`${s.restUrl}/api/v1/bullet-public`)).status, 429);
  s.setFault('rateLimitBurst', false);
  assert.equal((await getJson(`${s.restUrl}/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`)).body.code, '200000');
  assert.equal(s.stats()['rateLimitBurstResponses'], 2);
});

test('serverError answers REST calls with HTTP 500 / 500000 until switched off', async () => {
  const s = await sim();
  s.setFault('serverError', true);
  const failed = await postJson(`${s.restUrl}/api/v1/bullet-public`);
  assert.equal(failed.status, 500);
  assert.equal(failed.body.code, '500000');
  s.setFault('serverError', false);
  assert.equal((await postJson(`${s.restUrl}/api/v1/bullet-public`)).body.code, '200000');
  assert.equal(s.stats()['serverErrorResponses'], 1);
  assert.equal(s.stats()['fault_serverError'], 0);
});

test('invalid mids are counted and ignored; close() is idempotent and frees the port', async () => {
  const s = await startKucoinSim({symbol: SYMBOL, priceDecimals: 5, sizeDecimals: 2, seed: 5, port: 0});
  assert.equal(s.bestBidAsk(), null);
  s.step(clock, Number.NaN);
  s.step(clock, -1);
  assert.equal(s.stats()['invalidMids'], 2);
  assert.equal(s.bestBidAsk(), null);
  await s.close();
  await s.close();
  await assert.rejects(fetch(`${s.restUrl}/api/v1/timestamp`));
});
