import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {Agent, request as httpRequest, type IncomingHttpHeaders} from 'node:http';
import {connect} from 'node:net';
import {Gauge, Registry} from 'prom-client';
import {configSchema} from '../../source/config/configSchema.js';
import type {EngineSnapshot} from '../../source/engine/view/snapshot.js';
import {buildMetricsRegistry} from '../../source/monitoring/metricsRegistry.js';
import {MetricsServer, MetricsServerError, type MetricsServerOptions} from '../../source/monitoring/metricsServer.js';
import {fixtureNow, makeSnapshot} from '../store/fixtures.js';

const config = configSchema.parse({});

interface Rig {
  server: MetricsServer;
  /** the snapshot the server and its registry read; assign to change it */
  state: {snapshot: EngineSnapshot | null; now: number};
  errors: Error[];
}

async function startRig(t: TestContext, extra: Partial<MetricsServerOptions> = {}): Promise<Rig> {
  const state: Rig['state'] = {snapshot: makeSnapshot(), now: fixtureNow + 1_000};
  const errors: Error[] = [];
  const registry = buildMetricsRegistry({snapshot: () => state.snapshot, now: () => state.now, version: '1.2.3', config, processMetrics: false});
  const server = await MetricsServer.start({
    host: '127.0.0.1',
    port: 0,
    registry,
    snapshot: () => state.snapshot,
    now: () => state.now,
    sampleIntervalMs: 1_000,
    onError: (error) => errors.push(error),
    ...extra,
  });
  t.after(() => server.close());
  return {server, state, errors};
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function call(url: string, method = 'GET', agent: Agent | false = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {method, agent}, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body}));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

test('the server binds 127.0.0.1 on a free port and names its url', async (t) => {
  const {server} = await startRig(t);
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(server.url, 'http://127.0.0.1:0');
});

test('GET /metrics answers 200 in the Prometheus text format and counts the scrape', async (t) => {
  const {server} = await startRig(t);
  const answer = await call(`${server.url}/metrics`);
  assert.equal(answer.status, 200);
  assert.match(String(answer.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  assert.match(answer.body, /^# TYPE mexc_mm_requests_total counter$/m);
  assert.match(answer.body, /^mexc_mm_requests_total\{symbol="RMVUSDT"\} 4410$/m);
  assert.equal(server.scrapeCount, 1);
  const withQuery = await call(`${server.url}/metrics?debug=1`);
  assert.equal(withQuery.status, 200, 'a query string does not change the path');
  assert.equal(server.scrapeCount, 2);
});

test('HEAD /metrics and HEAD /healthz answer with headers and no body', async (t) => {
  const {server} = await startRig(t);
  const metrics = await call(`${server.url}/metrics`, 'HEAD');
  assert.equal(metrics.status, 200);
  assert.match(String(metrics.headers['content-type']), /^text\/plain/);
  assert.equal(metrics.body, '');
  const health = await call(`${server.url}/healthz`, 'HEAD');
  assert.equal(health.status, 200);
  assert.equal(health.headers['content-type'], 'application/json');
  assert.equal(health.body, '');

  // on the wire, not only as node's client reads it: nothing after the headers
  const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
  t.after(() => socket.destroy());
  let raw = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
  socket.write('HEAD /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  assert.match(raw, /^HTTP\/1\.1 200 OK\r\n/);
  assert.ok(raw.endsWith('\r\n\r\n'), JSON.stringify(raw.slice(-80)));
  assert.doesNotMatch(raw, /transfer-encoding: chunked/i);
});

test('/healthz answers 200 {status:"ok"} and then 503 with the reason once a book goes stale', async (t) => {
  const {server, state} = await startRig(t);
  const ok = await call(`${server.url}/healthz`);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['content-type'], 'application/json');
  assert.equal(ok.headers['cache-control'], 'no-store');
  assert.deepEqual(JSON.parse(ok.body), {
    status: 'ok',
    reason: null,
    symbol: 'RMVUSDT',
    mode: 'sim',
    checks: {engine: true, mexcBook: true, kucoinBook: true, compliance: true, running: true},
  });

  const base = makeSnapshot();
  state.snapshot = makeSnapshot({streams: {...base.streams, 'kucoin.book': {state: 'stale', reason: 'no message for 12 s', lastMessageAt: fixtureNow - 12_000}}});
  const stale = await call(`${server.url}/healthz`);
  assert.equal(stale.status, 503);
  const body = JSON.parse(stale.body) as {status: string; reason: string; checks: Record<string, boolean>};
  assert.equal(body.status, 'fail');
  assert.equal(body.reason, 'kucoin.book stale');
  assert.equal(body.checks.kucoinBook, false);
});

test('/healthz answers 503 "starting" before the first snapshot, and "stopping" once marked', async (t) => {
  const {server, state} = await startRig(t);
  state.snapshot = null;
  const starting = await call(`${server.url}/healthz`);
  assert.equal(starting.status, 503);
  assert.deepEqual(JSON.parse(starting.body), {status: 'fail', reason: 'starting', symbol: null, mode: null, checks: {engine: false, books: false, compliance: false}});

  state.snapshot = makeSnapshot();
  assert.equal((await call(`${server.url}/healthz`)).status, 200);
  server.markStopping();
  const stopping = await call(`${server.url}/healthz`);
  assert.equal(stopping.status, 503);
  assert.equal((JSON.parse(stopping.body) as {reason: string}).reason, 'stopping');
});

test('/readyz answers 503 until an order of ours rested on each side, then 200, and 503 while stopping', async (t) => {
  const {server, state} = await startRig(t);
  const before = await call(`${server.url}/readyz`);
  assert.equal(before.status, 503);
  assert.equal((JSON.parse(before.body) as {reason: string}).reason, 'no side has quoted yet');

  const base = makeSnapshot();
  server.observe(makeSnapshot({orders: base.orders.filter((order) => order.side === 'BUY')}));
  const half = await call(`${server.url}/readyz`);
  assert.equal(half.status, 503);
  assert.equal((JSON.parse(half.body) as {reason: string}).reason, 'the ask side has not quoted yet');

  server.observe(base);
  const ready = await call(`${server.url}/readyz`);
  assert.equal(ready.status, 200);
  assert.deepEqual(JSON.parse(ready.body), {status: 'ok', reason: null, symbol: 'RMVUSDT', mode: 'sim', checks: {bidQuoted: true, askQuoted: true, running: true}});

  // once ready it stays ready: our orders gone and a book stale (health fails) leave /readyz at 200
  const gone = makeSnapshot({orders: [], streams: {...base.streams, 'mexc.book': {state: 'stale', reason: null, lastMessageAt: fixtureNow - 9_000}}});
  state.snapshot = gone;
  server.observe(gone);
  assert.equal((await call(`${server.url}/healthz`)).status, 503);
  assert.equal((await call(`${server.url}/readyz`)).status, 200);

  server.markStopping();
  const stopping = await call(`${server.url}/readyz`);
  assert.equal(stopping.status, 503);
  assert.equal((JSON.parse(stopping.body) as {reason: string}).reason, 'stopping');
});

test('a method other than GET or HEAD is 405 with Allow, on any path', async (t) => {
  const {server} = await startRig(t);
  for (const [method, path] of [['POST', '/metrics'], ['PUT', '/healthz'], ['DELETE', '/nowhere']] as const) {
    const answer = await call(`${server.url}${path}`, method);
    assert.equal(answer.status, 405, `${method} ${path}`);
    assert.equal(answer.headers.allow, 'GET, HEAD');
  }
  assert.equal(server.scrapeCount, 0);
});

test('an unknown path is 404 naming the paths there are', async (t) => {
  const {server} = await startRig(t);
  for (const path of ['/', '/metrics/', '/health', '/favicon.ico']) {
    const answer = await call(`${server.url}${path}`);
    assert.equal(answer.status, 404, path);
    assert.match(answer.body, /\/metrics.*\/healthz.*\/readyz/);
  }
});

test('a port already in use rejects with a MetricsServerError naming metrics.port', async (t) => {
  const {server} = await startRig(t);
  const port = Number(new URL(server.url).port);
  await assert.rejects(
    MetricsServer.start({host: '127.0.0.1', port, registry: new Registry(), snapshot: () => null, now: () => fixtureNow, sampleIntervalMs: 1_000}),
    (error: unknown) => {
      assert.ok(error instanceof MetricsServerError, String(error));
      assert.equal(error.name, 'MetricsServerError');
      assert.match(error.message, new RegExp(`^metrics\\.port ${port} on metrics\\.host 127\\.0\\.0\\.1: the port is in use$`));
      assert.equal((error.cause as NodeJS.ErrnoException).code, 'EADDRINUSE');
      return true;
    },
  );
  // the first server still answers
  assert.equal((await call(`${server.url}/healthz`)).status, 200);
});

test('close() ends at once with a keep-alive client and a half-sent request still connected', async (t) => {
  const {server} = await startRig(t);
  const agent = new Agent({keepAlive: true});
  t.after(() => agent.destroy());
  const first = await call(`${server.url}/metrics`, 'GET', agent);
  assert.equal(first.status, 200);
  assert.equal(Object.keys(agent.freeSockets).length, 1, 'the keep-alive socket is held open');

  // a client that sent part of its request headers: its connection is active, not idle
  const {port} = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  t.after(() => socket.destroy());
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 20));

  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const closing = server.close();
  const outcome = await Promise.race([
    closing.then(() => 'closed'),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still open after 1 s'), 1_000))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'closed') {
    // let the close finish (and the test end) before failing
    socket.destroy();
    agent.destroy();
    await closing;
  }
  assert.equal(outcome, 'closed');
  assert.ok(Date.now() - started < 1_000);
  await socketClosed;
});

test('a registry that throws answers 500 and reports the error to onError; the server keeps answering', async (t) => {
  const registry = new Registry();
  new Gauge({
    name: 'broken_gauge',
    help: 'throws when read',
    registers: [registry],
    collect() {
      throw new Error('snapshot unreadable');
    },
  });
  const {server, errors} = await startRig(t, {registry});
  const answer = await call(`${server.url}/metrics`);
  assert.equal(answer.status, 500);
  assert.equal(answer.body, 'internal error\n');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.message, 'snapshot unreadable');
  assert.equal((await call(`${server.url}/healthz`)).status, 200);

  // a thrown non-Error still reaches onError as an Error
  const odd = new Registry();
  odd.metrics = () => Promise.reject('just a string');
  const other = await startRig(t, {registry: odd});
  assert.equal((await call(`${other.server.url}/metrics`)).status, 500);
  assert.ok(other.errors[0] instanceof Error);
  assert.equal(other.errors[0]!.message, 'just a string');
});
