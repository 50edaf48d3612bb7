import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {MexcBookStream, type MexcBookStreamOptions} from '../../../source/exchanges/mexc/mexcBookStream.js';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {BookReplica, waitFor} from './bookReplica.js';
import {startScriptedMexc, type ScriptedMexc} from './scriptedMexcServer.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function setup(extra: Partial<MexcBookStreamOptions> = {}) {
  const server = await startScriptedMexc('RMVUSDT');
  server.book.bids.set('0.5', '100');
  server.book.asks.set('0.51', '80');
  const rest = new MexcRestClient({baseUrl: server.restUrl, recvWindowMs: 5000, timeoutMs: 1000});
  const logs: string[] = [];
  const stream = new MexcBookStream({
    wsUrl: server.wsUrl,
    rest,
    symbol: 'RMVUSDT',
    priceDecimals: 5,
    staleAfterMs: 2000,
    reconnectBaseMs: 20,
    reconnectMaxMs: 100,
    log: (level, msg) => logs.push(`${level} ${msg}`),
    ...extra,
  });
  const replica = new BookReplica();
  cleanups.push(() => server.close(), () => rest.close(), () => stream.stop());
  await stream.start(replica.sink);
  return {server, rest, stream, replica, logs};
}

const expectEqualBooks = (server: ScriptedMexc, replica: BookReplica) => {
  const sorted = (m: Map<string, string>, dir: number) =>
    [...m.entries()].map(([p, s]) => [String(Number(p)), Number(s)] as [string, number]).sort((a, b) => dir * (Number(a[0]) - Number(b[0])));
  assert.deepEqual(replica.sides(), {bids: sorted(server.book.bids, -1), asks: sorted(server.book.asks, 1)});
  assert.equal(replica.version, server.book.version);
};

test('subscribes to the aggregated depth channel, syncs from a snapshot and applies continuous deltas', async () => {
  const {server, replica} = await setup();
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  assert.deepEqual(server.subscriptions[0], ['spot@public.aggre.depth.v3.api.pb@100ms@RMVUSDT']);
  assert.deepEqual(replica.states.slice(0, 3).map((s) => s.state), ['connecting', 'syncing', 'live']);
  server.change([['0.5', '0'], ['0.49', '10']], [['0.52', '5']]);
  server.change([], [['0.51', '70']]);
  await waitFor(() => replica.version === server.book.version, 3000, 'deltas applied');
  expectEqualBooks(server, replica);
});

test('a version gap triggers a resync from a fresh snapshot, never a discontinuous delta', async () => {
  const {server, replica, stream} = await setup();
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  server.change([['0.45', '1']], [], false); // lost push
  server.change([['0.44', '2']], []);
  await waitFor(() => replica.states.some((s) => s.state === 'syncing' && /version gap/.test(s.reason ?? '')), 3000, 'gap detected');
  await waitFor(() => replica.lastState() === 'live' && replica.version === server.book.version, 3000, 'resynced');
  expectEqualBooks(server, replica);
  assert.equal(stream.stats().gaps, 1);
  assert.equal(replica.snapshots, 2);
});

test('a malformed binary frame is counted and logged, and the book is resynced', async () => {
  const {server, replica, stream, logs} = await setup();
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  server.pushRaw(Buffer.from([0x0a, 0xff, 0xff, 0x01]));
  await waitFor(() => stream.stats().malformedFrames === 1, 3000, 'malformed counted');
  await waitFor(() => replica.snapshots === 2 && replica.lastState() === 'live', 3000, 'resynced');
  assert.ok(logs.some((l) => l.includes('malformed frame')));
  server.change([['0.3', '3']], []);
  await waitFor(() => replica.version === server.book.version, 3000, 'deltas after resync');
  expectEqualBooks(server, replica);
});

test('a malformed frame reaches the engine as exactly one stream.malformed event for mexc.book', async () => {
  const {server, replica} = await setup();
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  server.pushRaw(Buffer.from([0x0a, 0xff, 0xff, 0x01]));
  await waitFor(() => replica.snapshots === 2 && replica.lastState() === 'live', 3000, 'resynced');
  const malformed = replica.events.filter((e) => e.type === 'stream.malformed');
  assert.equal(malformed.length, 1);
  assert.equal(malformed[0]?.type === 'stream.malformed' && malformed[0].stream, 'mexc.book');
  assert.ok(malformed[0]?.type === 'stream.malformed' && malformed[0].reason.length > 0);
  // reported before the resync it causes
  const at = replica.events.indexOf(malformed[0]!);
  assert.ok(replica.events.slice(at).some((e) => e.type === 'connection' && e.state === 'syncing' && /malformed frame/.test(e.reason ?? '')));
});

test('resync() on request drops the book and re-syncs on the same connection', async () => {
  const {server, replica, stream} = await setup();
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  stream.resync('engine saw a crossed book');
  await waitFor(() => replica.snapshots === 2 && replica.lastState() === 'live', 3000, 'resynced');
  assert.equal(server.sockets.length, 1);
  assert.ok(replica.states.some((s) => s.state === 'syncing' && s.reason?.includes('crossed book')));
});

test('a quiet book stays live: the REST probe proves nothing changed', async () => {
  const {replica, stream} = await setup({staleAfterMs: 100});
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  await waitFor(() => stream.stats().probes >= 3, 3000, 'probes');
  assert.ok(!replica.states.some((s) => s.state === 'stale'));
  assert.equal(replica.lastState(), 'live');
});

test('quiet and unconfirmable (probe fails) → stale; back to live when pushes resume', async () => {
  const {server, replica} = await setup({staleAfterMs: 100, reconnectWhenStaleMs: 60_000});
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  server.failDepth = true;
  await waitFor(() => replica.lastState() === 'stale', 3000, 'stale');
  assert.match(replica.states.at(-1)!.reason ?? '', /probe failed/);
  server.change([['0.48', '1']], []);
  await waitFor(() => replica.lastState() === 'live', 3000, 'live again');
  expectEqualBooks(server, replica);
});

test('updates lost without a gap being visible (exchange ahead, no pushes) are caught by the probe', async () => {
  const {server, replica, stream} = await setup({staleAfterMs: 100, catchUpGraceMs: 100});
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  server.change([['0.46', '6']], [['0.55', '1']], false);
  await waitFor(() => replica.states.some((s) => /missed depth updates/.test(s.reason ?? '')), 3000, 'missed updates detected');
  await waitFor(() => replica.lastState() === 'live' && replica.version === server.book.version, 3000, 'resynced');
  expectEqualBooks(server, replica);
  assert.equal(stream.stats().gaps, 0);
});

test('reconnects and resyncs when the server drops the connection', async () => {
  const {server, replica, stream} = await setup();
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  server.sockets[0]!.terminate();
  await waitFor(() => replica.states.some((s) => s.state === 'down'), 3000, 'down');
  server.change([['0.47', '4']], [], false); // happens while we are away
  await waitFor(() => replica.lastState() === 'live' && server.sockets.length === 2, 3000, 'reconnected');
  expectEqualBooks(server, replica);
  assert.equal(stream.stats().connects, 2);
});

test('stale for too long drops the connection and starts over', async () => {
  const {server, replica} = await setup({staleAfterMs: 100, reconnectWhenStaleMs: 300});
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  server.failDepth = true;
  await waitFor(() => server.sockets.length >= 2, 3000, 'second connection');
  assert.ok(replica.states.some((s) => s.state === 'down' && /stale/.test(s.reason ?? '')));
  // the new connection's snapshot attempt fails too (depth still down): wait for it rather than race it
  await waitFor(() => replica.states.some((s) => s.state === 'syncing' && /snapshot failed/.test(s.reason ?? '')), 3000, 'snapshot failure reported');
  server.failDepth = false;
  await waitFor(() => replica.lastState() === 'live', 5000, 'synced again');
  expectEqualBooks(server, replica);
});

test('a refused subscription ("Blocked") is reported down with the reason and retried with backoff', async () => {
  const server = await startScriptedMexc('RMVUSDT');
  server.refuseSubscriptions = true;
  const rest = new MexcRestClient({baseUrl: server.restUrl, recvWindowMs: 5000, timeoutMs: 1000});
  const stream = new MexcBookStream({wsUrl: server.wsUrl, rest, symbol: 'RMVUSDT', priceDecimals: 5, staleAfterMs: 2000, reconnectBaseMs: 20, reconnectMaxMs: 50});
  const replica = new BookReplica();
  cleanups.push(() => server.close(), () => rest.close(), () => stream.stop());
  await stream.start(replica.sink);
  await waitFor(() => server.subscriptions.length >= 2, 3000, 'retry');
  assert.ok(replica.states.some((s) => s.state === 'down' && /Blocked/.test(s.reason ?? '')));
  assert.equal(replica.snapshots, 0);
  server.refuseSubscriptions = false;
  await waitFor(() => replica.lastState() === 'live', 3000, 'live after the block lifts');
});

test('closes the connection proactively at the configured lifetime and comes back', async () => {
  const {server, replica} = await setup({timing: {maxAgeMs: 300, tickMs: 20}});
  await waitFor(() => server.sockets.length >= 2 && replica.lastState() === 'live', 3000, 'proactive reconnect');
  assert.ok(replica.states.some((s) => s.state === 'down' && /proactive/.test(s.reason ?? '')));
});

test('a dead connection (no PONG, no data) is detected and replaced', async () => {
  const {server, replica} = await setup({staleAfterMs: 60_000, timing: {pingIntervalMs: 50, silenceTimeoutMs: 250, tickMs: 20}});
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  server.mutePongs = true;
  await waitFor(() => replica.states.some((s) => s.state === 'down' && /no frame/.test(s.reason ?? '')), 3000, 'silence detected');
  server.mutePongs = false;
  await waitFor(() => server.sockets.length >= 2 && replica.lastState() === 'live', 3000, 'back');
});

test('stop() ends everything: state down, no more reconnects', async () => {
  const {server, replica, stream} = await setup();
  await waitFor(() => replica.lastState() === 'live', 3000, 'live');
  await stream.stop();
  assert.deepEqual(replica.states.at(-1), {state: 'down', reason: 'stopped'});
  const count = server.sockets.length;
  server.change([['0.4', '1']], []);
  await new Promise((r) => setImmediate(r));
  assert.equal(server.sockets.length, count);
});
