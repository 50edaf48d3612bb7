// MexcBookStream while its WebSocket is down: REST snapshots at a bounded rate ('polling'), never mixed
// into the WebSocket sync, respecting a 429's Retry-After (docs/protocols/mexc.md §4.7). REST is a stub
// whose answers the test releases, or a scripted loopback server; the WebSocket is the scripted server
// refusing the subscription, or a loopback port where nothing listens.
import assert from 'node:assert/strict';
import net from 'node:net';
import {after, test} from 'node:test';
import type {EngineEvent} from '../../../source/engine/events.js';
import type {DepthSnapshot} from '../../../source/exchanges/mexc/endpoints.js';
import {MexcBookStream, type MexcBookStreamOptions} from '../../../source/exchanges/mexc/mexcBookStream.js';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {BookReplica, waitFor} from './bookReplica.js';
import {startScriptedServer} from './scriptedHttpServer.js';
import {startScriptedMexc} from './scriptedMexcServer.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface PendingDepth {
  limit: number;
  resolve(snapshot: DepthSnapshot): void;
  reject(error: unknown): void;
}

/** A REST client whose depth answers the test releases one by one. */
function stubRest() {
  const requests: PendingDepth[] = [];
  const rest = {
    depth(_symbol: string, limit: number): Promise<DepthSnapshot> {
      return new Promise<DepthSnapshot>((resolve, reject) => requests.push({limit, resolve, reject}));
    },
  };
  return {rest: rest as unknown as MexcRestClient, requests, polls: () => requests.filter((r) => r.limit === 100)};
}

/** ws:// URL of a loopback port nothing listens on: every connect attempt is refused. */
async function deadWsUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `ws://127.0.0.1:${port}/ws`;
}

const snapshot = (version: number, bid = '0.5'): DepthSnapshot => ({lastUpdateId: version, bids: [[bid, '100']], asks: [['0.51', '80']]}) as DepthSnapshot;

function baseOptions(rest: MexcRestClient, wsUrl: string, extra: Partial<MexcBookStreamOptions> = {}): MexcBookStreamOptions {
  return {wsUrl, rest, symbol: 'RMVUSDT', priceDecimals: 5, staleAfterMs: 60_000, reconnectBaseMs: 20, reconnectMaxMs: 50, ...extra};
}

async function startStream(opts: MexcBookStreamOptions) {
  const stream = new MexcBookStream(opts);
  const replica = new BookReplica();
  cleanups.push(() => stream.stop());
  await stream.start(replica.sink);
  return {stream, replica};
}

const snapshotsOf = (events: EngineEvent[]) => events.filter((e) => e.type === 'book.snapshot');

test('a poll answer arriving after the WebSocket resynced is ignored, and polling stops', async () => {
  const server = await startScriptedMexc('RMVUSDT');
  cleanups.push(() => server.close());
  server.refuseSubscriptions = true;
  server.book.bids.set('0.5', '100');
  server.book.asks.set('0.51', '80');
  const {rest, requests, polls} = stubRest();
  const {stream, replica} = await startStream(baseOptions(rest, server.wsUrl, {restPollMs: 50}));

  await waitFor(() => polls().length === 1, 3000, 'the first poll');
  polls()[0]!.resolve(snapshot(990));
  await waitFor(() => replica.version === 990, 3000, 'the polled snapshot');
  const pollingAt = replica.events.findIndex((e) => e.type === 'connection' && e.state === 'polling');
  assert.ok(pollingAt >= 0);
  assert.match((replica.events[pollingAt] as Extract<EngineEvent, {type: 'connection'}>).reason ?? '', /^WebSocket down \(subscription refused.*\); REST snapshots every 0\.05s$/);
  // the state change comes first, then the snapshot
  assert.deepEqual(replica.events.slice(pollingAt + 1).map((e) => e.type), ['book.snapshot']);
  assert.deepEqual(snapshotsOf(replica.events).at(-1), {type: 'book.snapshot', venue: 'mexc', version: 990, bids: [['0.5', '100']], asks: [['0.51', '80']], at: (snapshotsOf(replica.events).at(-1) as {at: number}).at});

  // the second poll is in flight when the WebSocket comes back
  await waitFor(() => polls().length === 2, 3000, 'the second poll');
  server.refuseSubscriptions = false;
  await waitFor(() => requests.some((r) => r.limit === 5000), 3000, 'the WebSocket sync snapshot');
  requests.find((r) => r.limit === 5000)!.resolve({lastUpdateId: server.book.version, bids: [...server.book.bids], asks: [...server.book.asks]} as DepthSnapshot);
  await waitFor(() => replica.lastState() === 'live', 3000, 'live from the WebSocket');
  const snapshotsAtLive = snapshotsOf(replica.events).length;

  polls()[1]!.resolve(snapshot(995, '0.49')); // late: must not replace the synced book
  server.change([['0.48', '7']], []);
  await waitFor(() => replica.deltas === 1, 3000, 'a delta on the synced book');
  assert.equal(snapshotsOf(replica.events).length, snapshotsAtLive);
  assert.ok(!snapshotsOf(replica.events).some((e) => e.version === 995));
  assert.equal(replica.lastState(), 'live');
  assert.equal(replica.version, server.book.version);
  assert.equal(stream.stats().restPolls, 2);
  assert.equal(polls().length, 2, 'no poll after the WebSocket synced');
  // entering 'polling' is reported once, not per poll
  assert.equal(replica.states.filter((s) => s.state === 'polling').length, 1);
});

test('a 429 with Retry-After delays the next poll until the block ends', async () => {
  let depthCalls = 0;
  const answeredAt: number[] = [];
  const server = await startScriptedServer((req) => {
    if (req.path !== '/api/v3/depth') return {status: 404, body: '{}'};
    depthCalls += 1;
    answeredAt.push(Date.now());
    if (depthCalls === 1) return {status: 429, body: JSON.stringify({code: 429, msg: 'too many requests'}), headers: {'retry-after': '0.6'}};
    return {status: 200, body: JSON.stringify({lastUpdateId: 500 + depthCalls, bids: [['0.5', '1']], asks: [['0.51', '1']]})};
  });
  cleanups.push(() => server.close());
  const rest = new MexcRestClient({baseUrl: server.url, recvWindowMs: 5000, timeoutMs: 1000});
  cleanups.push(() => rest.close());
  const {stream, replica} = await startStream(baseOptions(rest, await deadWsUrl(), {restPollMs: 30}));

  await waitFor(() => replica.states.some((s) => s.state === 'down' && /429/.test(s.reason ?? '')), 3000, 'the rate-limited poll reported');
  const down = replica.states.find((s) => s.state === 'down' && /429/.test(s.reason ?? ''))!;
  assert.match(down.reason ?? '', /^WebSocket down \(socket error: .*\); REST snapshot failed \(MEXC HTTP 429.*\); next poll in \d+ ms$/);
  const waitMs = Number(/next poll in (\d+) ms/.exec(down.reason ?? '')![1]);
  assert.ok(waitMs >= 500, `next poll waits for Retry-After, not restPollMs: ${waitMs} ms`);

  await waitFor(() => depthCalls >= 2, 5000, 'the poll after the block');
  // nothing was tried (and refused locally) during the block: the second poll is the one the server saw
  assert.equal(stream.stats().restPolls, 2);
  assert.ok(answeredAt[1]! - answeredAt[0]! >= 590, `second poll ${answeredAt[1]! - answeredAt[0]!} ms after the 429`);
  await waitFor(() => replica.lastState() === 'polling' && replica.version === 502, 3000, 'polling after the block');
});

test('the first connect failing starts polling; failed polls report down and polling goes on', async () => {
  const server = await startScriptedMexc('RMVUSDT');
  cleanups.push(() => server.close());
  server.book.bids.set('0.5', '100');
  server.book.asks.set('0.51', '80');
  const rest = new MexcRestClient({baseUrl: server.restUrl, recvWindowMs: 5000, timeoutMs: 1000});
  cleanups.push(() => rest.close());
  const {stream, replica} = await startStream(baseOptions(rest, await deadWsUrl(), {restPollMs: 20}));

  await waitFor(() => replica.lastState() === 'polling' && replica.version === server.book.version, 3000, 'polling');
  assert.deepEqual(replica.states.slice(0, 2).map((s) => s.state), ['connecting', 'down']);
  server.failDepth = true;
  await waitFor(() => replica.lastState() === 'down' && /REST snapshot failed \(MEXC HTTP 503/.test(replica.states.at(-1)!.reason ?? ''), 3000, 'a failed poll');
  const failedAt = stream.stats().restPolls;
  await waitFor(() => stream.stats().restPolls >= failedAt + 2, 5000, 'polling continues with backoff');
  server.failDepth = false;
  server.change([['0.49', '3']], [], false);
  await waitFor(() => replica.lastState() === 'polling' && replica.version === server.book.version, 5000, 'polling again');
  assert.equal(stream.stats().snapshots, 0, 'no WebSocket sync took place');
});

test('a healthy connect never polls, and stop() ends polling', async () => {
  const server = await startScriptedMexc('RMVUSDT');
  cleanups.push(() => server.close());
  const rest = new MexcRestClient({baseUrl: server.restUrl, recvWindowMs: 5000, timeoutMs: 1000});
  cleanups.push(() => rest.close());
  const healthy = await startStream(baseOptions(rest, server.wsUrl, {restPollMs: 20}));
  await waitFor(() => healthy.replica.lastState() === 'live', 3000, 'live');
  assert.deepEqual(healthy.replica.states.map((s) => s.state), ['connecting', 'syncing', 'live']);
  assert.equal(healthy.stream.stats().restPolls, 0);
  await healthy.stream.stop();

  const requestsBefore = server.depthRequests;
  const {stream, replica} = await startStream(baseOptions(rest, await deadWsUrl(), {restPollMs: 20}));
  await waitFor(() => stream.stats().restPolls >= 2 && replica.lastState() === 'polling', 3000, 'polling');
  await stream.stop();
  const polls = stream.stats().restPolls;
  // a poll sent just before stop() may still be on its way
  await waitFor(() => server.depthRequests === requestsBefore + polls, 3000, 'every poll sent reached the server');
  const stoppedAt = Date.now();
  // a window of ten poll intervals after stop(): not one more request
  await waitFor(() => Date.now() - stoppedAt >= 200, 1000, 'ten poll intervals');
  assert.equal(stream.stats().restPolls, polls);
  assert.equal(server.depthRequests, requestsBefore + polls);
  assert.deepEqual(replica.states.at(-1), {state: 'down', reason: 'stopped'});
});
