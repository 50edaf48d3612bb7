import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import type {EngineEvent, EventOf} from '../../../source/engine/events.js';
import {KucoinBookStream, type KucoinBookStreamOptions} from '../../../source/exchanges/kucoin/kucoinBookStream.js';
import {l2Frame, startScriptedKucoinServer, waitFor, type ScriptedKucoinServer} from './scriptedKucoinServer.js';

const SYMBOL = 'BTC-USDT';

interface Harness {
  server: ScriptedKucoinServer;
  stream: KucoinBookStream;
  events: EngineEvent[];
  logs: string[];
  states: () => string[];
  books: () => EngineEvent[];
}

async function harness(t: TestContext, options: Partial<KucoinBookStreamOptions> = {}, setup?: (server: ScriptedKucoinServer) => void): Promise<Harness> {
  const server = await startScriptedKucoinServer();
  setup?.(server);
  const events: EngineEvent[] = [];
  const logs: string[] = [];
  const stream = new KucoinBookStream({
    restUrl: server.restUrl,
    symbol: SYMBOL,
    staleAfterMs: 5000,
    timeoutMs: 1000,
    snapshotQuietMs: 50,
    reconnectBaseMs: 20,
    reconnectMaxMs: 100,
    log: (level, msg) => logs.push(`${level} ${msg}`),
    ...options,
  });
  t.after(async () => {
    await stream.stop();
    await server.close();
  });
  await stream.start((event) => events.push(event));
  return {
    server,
    stream,
    events,
    logs,
    states: () => events.filter((e): e is EventOf<'connection'> => e.type === 'connection').map((e) => e.state),
    books: () => events.filter((e) => e.type === 'book.snapshot' || e.type === 'book.delta'),
  };
}

const deltas = (events: EngineEvent[]) => events.filter((e): e is EventOf<'book.delta'> => e.type === 'book.delta');
const lastState = (h: Harness) => h.states().at(-1);

test('connects with a token, waits for welcome, subscribes with response:true and goes live from the snapshot', async (t) => {
  const h = await harness(t, {}, (server) => {
    server.snapshot = () => ({sequence: 100, bids: [['99', '1']], asks: [['101', '2']]});
  });
  await waitFor(() => h.server.latest()?.subscribed === true, 'subscription');
  const connection = h.server.latest()!;
  assert.equal(connection.token, 'tok-1');
  assert.ok(connection.connectId && connection.connectId.length >= 8);
  const subscribe = connection.received.find((f) => f.type === 'subscribe')!;
  assert.deepEqual({topic: subscribe.topic, response: subscribe.response, privateChannel: subscribe.privateChannel}, {
    topic: '/market/level2:BTC-USDT',
    response: true,
    privateChannel: false,
  });
  // a buffered message straddling the snapshot (98..102): only changes with sequence > 100 survive
  connection.send(l2Frame(SYMBOL, 98, 102, [['99', '5', 99], ['98', '3', 101]], [['101', '0', 102]]));
  await waitFor(() => lastState(h) === 'live', 'live');
  assert.deepEqual(h.states(), ['connecting', 'syncing', 'live']);
  const [snapshot, delta] = h.books();
  assert.deepEqual(snapshot && {...snapshot, at: 0}, {type: 'book.snapshot', venue: 'kucoin', version: 100, bids: [['99', '1']], asks: [['101', '2']], at: 0});
  assert.deepEqual(delta && {...delta, at: 0}, {type: 'book.delta', venue: 'kucoin', fromVersion: 101, toVersion: 102, bids: [['98', '3']], asks: [['101', '0']], at: 0});
  // live: a contiguous message becomes a delta with its own sequence range
  connection.send(l2Frame(SYMBOL, 103, 104, [['97', '1', 103]], [['102', '1', 104]]));
  await waitFor(() => deltas(h.events).length === 2, 'second delta');
  assert.deepEqual([deltas(h.events)[1]!.fromVersion, deltas(h.events)[1]!.toVersion], [103, 104]);
  assert.equal(h.stream.health().sequence, 104);
});

test('takes the snapshot after the quiet period when the market sends nothing', async (t) => {
  const h = await harness(t, {snapshotQuietMs: 30}, (server) => {
    server.snapshot = () => ({sequence: 7, bids: [], asks: [['1', '1']]});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  assert.deepEqual(h.server.snapshotUrls, ['/api/v1/market/orderbook/level2_100?symbol=BTC-USDT']);
  h.server.latest()!.send(l2Frame(SYMBOL, 8, 8, [['0.5', '1', 8]]));
  await waitFor(() => deltas(h.events).length === 1, 'delta');
});

test('malformed frames are counted and logged, never thrown, and the stream stays live', async (t) => {
  const h = await harness(t, {}, (server) => {
    server.snapshot = () => ({sequence: 10, bids: [], asks: []});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  const connection = h.server.latest()!;
  connection.send('not json at all');
  connection.send('{"type":"message","topic":"/market/level2:BTC-USDT","subject":"trade.l2update","data":{"sequenceStart":"x"}}');
  connection.send('[]');
  connection.socket.send(Buffer.from([1, 2, 3]), {binary: true});
  connection.send(l2Frame(SYMBOL, 11, 11, [['1', '1', 11]]));
  await waitFor(() => deltas(h.events).length === 1, 'delta after garbage');
  assert.equal(h.stream.counters().malformedFrames, 4);
  assert.equal(h.logs.filter((l) => l.includes('malformed frame')).length, 4);
  assert.equal(lastState(h), 'live');
  assert.equal(h.stream.counters().connects, 1);
});

test('a malformed frame reaches the engine as exactly one stream.malformed event for kucoin.book', async (t) => {
  const h = await harness(t, {}, (server) => {
    server.snapshot = () => ({sequence: 10, bids: [], asks: []});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  const connection = h.server.latest()!;
  connection.send('not json at all');
  connection.send(l2Frame(SYMBOL, 11, 11, [['1', '1', 11]]));
  await waitFor(() => deltas(h.events).length === 1, 'delta after garbage');
  const malformed = h.events.filter((e): e is EventOf<'stream.malformed'> => e.type === 'stream.malformed');
  assert.deepEqual(malformed.map((e) => e.stream), ['kucoin.book']);
  assert.match(malformed[0]!.reason, /not json at all/);
  assert.equal(lastState(h), 'live');
});

test('duplicates are dropped silently; a gap resyncs from a new snapshot on the same connection', async (t) => {
  let sequence = 20;
  const h = await harness(t, {}, (server) => {
    server.snapshot = () => ({sequence, bids: [['5', '1']], asks: []});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  const connection = h.server.latest()!;
  connection.send(l2Frame(SYMBOL, 21, 22, [['5', '2', 22]]));
  connection.send(l2Frame(SYMBOL, 21, 22, [['5', '2', 22]]));
  connection.send(l2Frame(SYMBOL, 23, 23, [['5', '3', 23]]));
  await waitFor(() => deltas(h.events).length === 2, 'two deltas');
  assert.equal(h.stream.counters().oldMessages, 1);
  // 24 is lost: 25..26 reveals the gap; the server's book is now at 26
  sequence = 26;
  connection.send(l2Frame(SYMBOL, 25, 26, [['5', '4', 26]]));
  await waitFor(() => h.stream.counters().snapshots === 2 && lastState(h) === 'live', 'resynced');
  assert.equal(h.stream.counters().gaps, 1);
  assert.deepEqual(h.states(), ['connecting', 'syncing', 'live', 'syncing', 'live']);
  const snapshots = h.events.filter((e): e is EventOf<'book.snapshot'> => e.type === 'book.snapshot');
  assert.deepEqual(snapshots.map((s) => s.version), [20, 26]);
  assert.equal(h.server.connections.length, 1, 'no reconnect for a gap');
  // continuity from the new snapshot
  connection.send(l2Frame(SYMBOL, 27, 27, [['5', '5', 27]]));
  await waitFor(() => deltas(h.events).at(-1)?.toVersion === 27, 'delta after resync');
  assert.equal(deltas(h.events).at(-1)!.fromVersion, 27);
});

test('a snapshot behind the buffered stream is fetched again until it covers the first buffered update', async (t) => {
  let sequence = 5;
  const h = await harness(t, {snapshotQuietMs: 10_000}, (server) => {
    server.snapshot = () => {
      const answer = {sequence, bids: [] as [string, string][], asks: [] as [string, string][]};
      sequence = 12; // the cache catches up after the first (stale) answer
      return answer;
    };
  });
  await waitFor(() => h.server.latest()?.subscribed === true, 'subscription');
  h.server.latest()!.send(l2Frame(SYMBOL, 10, 13, [['1', '1', 13]]));
  await waitFor(() => lastState(h) === 'live', 'live after retry', 3000);
  assert.equal(h.stream.counters().snapshotsBehind, 1);
  assert.equal(h.server.snapshotRequests, 2);
  assert.deepEqual(deltas(h.events).map((d) => [d.fromVersion, d.toVersion, d.bids]), [[13, 13, [['1', '1']]]]);
});

test('a snapshot API error is counted and retried', async (t) => {
  let fail = true;
  const h = await harness(t, {}, (server) => {
    server.snapshot = () => {
      if (fail) {
        fail = false;
        return {code: '500000', msg: 'internal error'};
      }
      return {sequence: 3, bids: [], asks: []};
    };
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  assert.equal(h.stream.counters().snapshotFailures, 1);
  assert.ok(h.events.some((e) => e.type === 'connection' && e.state === 'syncing' && /500000/.test(e.reason ?? '')));
});

test('the engine can force a resync: state is dropped and rebuilt from a new snapshot', async (t) => {
  const h = await harness(t, {}, (server) => {
    server.snapshot = () => ({sequence: 40, bids: [], asks: []});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  h.stream.resync('crossed book');
  assert.equal(lastState(h), 'syncing');
  assert.match(h.stream.health().reason ?? '', /resync requested: crossed book/);
  await waitFor(() => lastState(h) === 'live', 'live again');
  assert.equal(h.stream.counters().resyncs, 1);
  assert.equal(h.stream.counters().snapshots, 2);
});

test('a missing pong is a dead connection: reconnect with a new token', async (t) => {
  const h = await harness(t, {}, (server) => {
    server.pingIntervalMs = 40;
    server.pingTimeoutMs = 60;
    server.answerPings = false;
    server.snapshot = () => ({sequence: 1, bids: [], asks: []});
  });
  await waitFor(() => h.stream.counters().pongTimeouts >= 1, 'pong timeout');
  h.server.answerPings = true;
  await waitFor(() => h.server.connections.length >= 2 && lastState(h) === 'live', 'reconnected and live');
  assert.deepEqual(h.server.connections.slice(0, 2).map((c) => c.token), ['tok-1', 'tok-2']);
  assert.ok(h.events.some((e) => e.type === 'connection' && e.state === 'down' && /no pong within 60 ms/.test(e.reason ?? '')));
  assert.ok(h.server.connections[1]!.received.some((f) => f.type === 'ping'), 'pings at the server interval');
});

test('a token-expired error frame ends the connection and the next one uses a new token', async (t) => {
  const h = await harness(t, {}, (server) => {
    server.snapshot = () => ({sequence: 1, bids: [], asks: []});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  const first = h.server.latest()!;
  first.send({id: first.connectId, type: 'error', code: 401, data: 'token is expired'});
  await waitFor(() => h.server.connections.length === 2 && lastState(h) === 'live', 'reconnected');
  assert.equal(h.server.connections[1]!.token, 'tok-2');
  assert.ok(h.events.some((e) => e.type === 'connection' && e.state === 'down' && /token rejected: token is expired/.test(e.reason ?? '')));
});

test('a rejected subscription reports down with the server reason and retries with backoff', async (t) => {
  const h = await harness(t, {}, (server) => {
    server.rejectSubscribe = {code: 404, data: 'topic /market/level2:BTC-USDT is not found'};
  });
  await waitFor(() => h.server.connections.length >= 2, 'retry');
  const down = h.events.find((e): e is EventOf<'connection'> => e.type === 'connection' && e.state === 'down');
  assert.match(down?.reason ?? '', /subscribe rejected: 404 topic \/market\/level2:BTC-USDT is not found/);
  assert.equal(h.server.snapshotRequests, 0);
});

test('no welcome within the timeout is a failed connection', async (t) => {
  const h = await harness(t, {timeoutMs: 100}, (server) => {
    server.sendWelcome = false;
  });
  await waitFor(() => h.events.some((e) => e.type === 'connection' && e.state === 'down'), 'down');
  const down = h.events.find((e): e is EventOf<'connection'> => e.type === 'connection' && e.state === 'down');
  assert.match(down?.reason ?? '', /no welcome within 100 ms/);
  assert.ok(!h.server.connections[0]!.received.some((f) => f.type === 'subscribe'), 'never subscribes before welcome');
});

test('token endpoint failure is reported down and retried', async (t) => {
  const events: EngineEvent[] = [];
  const stream = new KucoinBookStream({restUrl: 'http://127.0.0.1:1', symbol: SYMBOL, staleAfterMs: 1000, timeoutMs: 200, reconnectBaseMs: 10, reconnectMaxMs: 20});
  t.after(() => stream.stop());
  await stream.start((event) => events.push(event));
  await waitFor(() => stream.counters().tokenFailures >= 2, 'two token failures');
  const down = events.find((e): e is EventOf<'connection'> => e.type === 'connection' && e.state === 'down');
  assert.match(down?.reason ?? '', /token request failed/);
});

test('live turns stale after staleAfterMs without book messages, and live again on the next message', async (t) => {
  const h = await harness(t, {staleAfterMs: 80}, (server) => {
    server.snapshot = () => ({sequence: 1, bids: [], asks: []});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  await waitFor(() => lastState(h) === 'stale', 'stale');
  assert.match(h.stream.health().reason ?? '', /no book message for \d+ ms \(limit 80 ms\)/);
  h.server.latest()!.send(l2Frame(SYMBOL, 2, 2, [['1', '1', 2]]));
  await waitFor(() => lastState(h) === 'live', 'live again');
  assert.deepEqual(h.states().slice(-3), ['live', 'stale', 'live']);
});

test('a throwing sink is counted, not propagated', async (t) => {
  const server = await startScriptedKucoinServer();
  server.snapshot = () => ({sequence: 1, bids: [], asks: []});
  const stream = new KucoinBookStream({restUrl: server.restUrl, symbol: SYMBOL, staleAfterMs: 5000, timeoutMs: 1000, snapshotQuietMs: 10});
  t.after(async () => {
    await stream.stop();
    await server.close();
  });
  await stream.start(() => {
    throw new Error('engine bug');
  });
  await waitFor(() => stream.health().state === 'live', 'live');
  assert.ok(stream.counters().sinkErrors >= 3);
});

test('stop closes the socket, clears timers and emits nothing afterwards', async (t) => {
  const h = await harness(t, {}, (server) => {
    server.pingIntervalMs = 20;
    server.snapshot = () => ({sequence: 1, bids: [], asks: []});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  const connection = h.server.latest()!;
  await h.stream.stop();
  assert.equal(lastState(h), 'down');
  assert.equal(h.stream.health().reason, 'stopped');
  const count = h.events.length;
  await waitFor(() => connection.socket.readyState === connection.socket.CLOSED, 'server side closed');
  // counted once the server saw the close: a ping sent before stop() travels ahead of the close frame and
  // is in by now, so only a ping sent after stop() can add to this
  const pings = connection.received.length;
  // A negative window, three ping intervals in which nothing may fire. A slow machine can only make it
  // miss a leaked timer, never fail a correct stream.
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(h.events.length, count);
  assert.equal(connection.received.length, pings);
  assert.equal(h.server.connections.length, 1);
});

test('a connection older than maxConnectionAgeMs is replaced proactively with a new token', async (t) => {
  const h = await harness(t, {maxConnectionAgeMs: 150}, (server) => {
    server.snapshot = () => ({sequence: 1, bids: [], asks: []});
  });
  await waitFor(() => h.server.connections.length >= 2 && lastState(h) === 'live', 'second connection live');
  assert.equal(h.server.connections[1]!.token, 'tok-2');
  assert.ok(h.events.some((e) => e.type === 'connection' && e.state === 'down' && /older than 150 ms/.test(e.reason ?? '')));
  await waitFor(() => h.server.connections[0]!.socket.readyState === h.server.connections[0]!.socket.CLOSED, 'old socket closed');
});

test('the snapshot path is configurable', async (t) => {
  const h = await harness(t, {snapshotPath: '/api/v1/market/orderbook/level2_20', snapshotQuietMs: 10}, (server) => {
    server.snapshot = () => ({sequence: 3, bids: [], asks: []});
  });
  await waitFor(() => lastState(h) === 'live', 'live');
  assert.deepEqual(h.server.snapshotUrls, ['/api/v1/market/orderbook/level2_20?symbol=BTC-USDT']);
});
