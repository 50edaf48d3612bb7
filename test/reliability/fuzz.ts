// Fuzz drivers, parameterised by case counts (the quick suite and the full suite share them): random and
// malformed MEXC protobuf push frames, KuCoin WebSocket JSON frames and MEXC REST bodies, fed to the
// clients' real parsing entry points in process, and over loopback sockets to the real stream classes and
// the REST client. Every case must return a verdict (never throw), anything accepted must be well formed,
// and over sockets every bad frame must be counted by the client. Each case is timed (slowestMs): the tests
// print it and the bench reports it (bench/fuzzCases.ts); a wall-clock figure is never asserted.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type {z} from 'zod';
import {classifyFrame} from '../../source/exchanges/mexc/wsFrames.js';
import {depthPushFromWrapper} from '../../source/exchanges/mexc/depthPush.js';
import {privateEventFromWrapper} from '../../source/exchanges/mexc/privatePushes.js';
import {encodePushWrapper} from '../../source/wire/mexcProtobuf/schema.js';
import {interpretResponse} from '../../source/exchanges/mexc/restResponse.js';
import * as mexcEndpoints from '../../source/exchanges/mexc/endpoints.js';
import {parseLevel2Snapshot, parseServerFrame} from '../../source/exchanges/kucoin/kucoinWire.js';
import {Level2Sync} from '../../source/exchanges/kucoin/level2Sync.js';
import {OrderBook} from '../../source/engine/market/orderbook.js';
import {MexcBookStream, depthTopic} from '../../source/exchanges/mexc/mexcBookStream.js';
import {MexcRestClient} from '../../source/exchanges/mexc/mexcRestClient.js';
import {MexcTransportError} from '../../source/exchanges/mexc/errors.js';
import {KucoinBookStream} from '../../source/exchanges/kucoin/kucoinBookStream.js';
import {startScriptedMexc} from '../exchanges/mexc/scriptedMexcServer.js';
import {startScriptedKucoinServer, l2Frame} from '../exchanges/kucoin/scriptedKucoinServer.js';
import {startScriptedServer, type Answer} from '../exchanges/mexc/scriptedHttpServer.js';

const SYMBOL = 'RMVUSDT';
/** the fuzz sends far more requests than MEXC's documented budget allows */
const UNLIMITED = {ip: {amount: 1e9, windowMs: 1000}, uid: {amount: 1e9, windowMs: 1000}, perEndpoint: {amount: 1e9, windowMs: 1000}, depth: {amount: 1e9, windowMs: 1000}};
const TOPIC = depthTopic(SYMBOL);
const RULES = {symbol: SYMBOL, priceDecimals: 5, qtyDecimals: 2};

export interface FuzzCounts {
  cases: number;
  rejected: number;
  accepted: number;
  slowestMs: number;
}

// ---- generators ---------------------------------------------------------------------------------------

/** Decimal-looking strings, many of them wrong: signs, exponents (huge ones too), junk, empty. */
const decimalish = fc.oneof(
  fc.constantFrom('', '0', '0.0', '-1', '+1', '.', '1.', '.5', 'NaN', 'Infinity', '1e400000000', '9e-400000000', '1E5', '0E-8', '١٢', ' 1', '1 ', '0x10', '1_0'),
  fc.stringMatching(/^-?\d{0,20}(\.\d{0,20})?([eE][+-]?\d{1,10})?$/),
  fc.double().map(String),
  fc.string({maxLength: 12}),
  fc.nat().map((n) => (n / 1000).toFixed(3)),
);
const versionish = fc.oneof(fc.bigInt({min: -10n, max: 2n ** 70n}).map(String), fc.constantFrom('', 'x', '-1', '1.5', '9007199254740993'), fc.string({maxLength: 8}));
const level = fc.record({price: decimalish, quantity: decimalish}, {requiredKeys: []});
const channel = fc.oneof(fc.constant(TOPIC), fc.constantFrom('spot@private.orders.v3.api.pb', 'spot@private.deals.v3.api.pb', 'spot@private.account.v3.api.pb', ''), fc.string({maxLength: 30}));

const depthWrapper = fc.record({
  channel,
  symbol: fc.oneof(fc.constant(SYMBOL), fc.string({maxLength: 8})),
  publicAggreDepths: fc.record({asks: fc.array(level, {maxLength: 6}), bids: fc.array(level, {maxLength: 6}), eventType: fc.string({maxLength: 10}), fromVersion: versionish, toVersion: versionish}, {requiredKeys: []}),
});
const int32ish = fc.oneof(fc.integer({min: -3, max: 8}), fc.integer());
const ordersWrapper = fc.record({
  channel,
  symbol: fc.oneof(fc.constant(SYMBOL), fc.string({maxLength: 8})),
  privateOrders: fc.record(
    {id: fc.string({maxLength: 10}), clientId: fc.string({maxLength: 10}), price: decimalish, quantity: decimalish, cumulativeQuantity: decimalish, status: int32ish, tradeType: int32ish, orderType: int32ish},
    {requiredKeys: []},
  ),
});
const dealsWrapper = fc.record({
  channel,
  symbol: fc.oneof(fc.constant(SYMBOL), fc.string({maxLength: 8})),
  privateDeals: fc.record(
    {price: decimalish, quantity: decimalish, tradeType: int32ish, tradeId: fc.string({maxLength: 10}), clientOrderId: fc.string({maxLength: 10}), orderId: fc.string({maxLength: 10}), feeAmount: decimalish, feeCurrency: fc.string({maxLength: 5})},
    {requiredKeys: []},
  ),
});
const accountWrapper = fc.record({
  channel,
  privateAccount: fc.record({vcoinName: fc.string({maxLength: 6}), balanceAmount: decimalish, frozenAmount: decimalish}, {requiredKeys: []}),
});
const validishWrapper = fc.oneof(depthWrapper, ordersWrapper, dealsWrapper, accountWrapper);
const encoded = validishWrapper.map((w) => {
  try {
    return Buffer.from(encodePushWrapper(w as Record<string, unknown>));
  } catch {
    return Buffer.from(JSON.stringify(w)); // not encodable (e.g. int out of range): random bytes of another kind
  }
});

/** Binary frames: random bytes, and schema-encoded frames (random fields), truncated, bit-flipped or spliced. */
export const mexcBinaryFrame: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({maxLength: 200}).map((b) => Buffer.from(b)),
  encoded,
  fc.tuple(encoded, fc.nat()).map(([b, n]) => b.subarray(0, b.length === 0 ? 0 : n % b.length)),
  fc.tuple(encoded, fc.array(fc.nat(), {minLength: 1, maxLength: 4})).map(([b, flips]) => {
    const out = Buffer.from(b);
    for (const f of flips) if (out.length > 0) out[f % out.length]! ^= 1 << (f % 8);
    return out;
  }),
  fc.tuple(encoded, fc.uint8Array({maxLength: 20})).map(([b, junk]) => Buffer.concat([b, Buffer.from(junk)])),
);

const jsonGarbage = fc.oneof(fc.jsonValue(), fc.constantFrom(null, [], {}, '', 0, true));
const seqish = fc.oneof(fc.integer(), fc.nat().map(String), fc.constantFrom('x', '-1', 1.5, null, '9007199254740993', 2 ** 60), jsonGarbage);
const change = fc.oneof(fc.tuple(decimalish, decimalish, seqish), fc.array(jsonGarbage, {maxLength: 4}), jsonGarbage);
const kucoinLevel2 = fc.record(
  {
    type: fc.oneof(fc.constant('message'), fc.constantFrom('welcome', 'ack', 'pong', 'error', 'notice'), jsonGarbage),
    topic: fc.oneof(fc.constant('/market/level2:RMV-USDT'), fc.string({maxLength: 20}), jsonGarbage),
    subject: fc.oneof(fc.constant('trade.l2update'), fc.string({maxLength: 10}), jsonGarbage),
    id: fc.oneof(fc.string({maxLength: 6}), fc.integer(), jsonGarbage),
    data: fc.oneof(
      fc.record(
        {sequenceStart: seqish, sequenceEnd: seqish, symbol: fc.oneof(fc.constant('RMV-USDT'), jsonGarbage), changes: fc.oneof(fc.record({bids: fc.oneof(fc.array(change, {maxLength: 4}), jsonGarbage), asks: fc.oneof(fc.array(change, {maxLength: 4}), jsonGarbage)}, {requiredKeys: []}), jsonGarbage), time: fc.oneof(fc.integer(), jsonGarbage)},
        {requiredKeys: []},
      ),
      jsonGarbage,
    ),
  },
  {requiredKeys: []},
);

/** KuCoin WS text frames: random JSON, level-2 shapes with wrong types and missing fields, garbage text. */
export const kucoinTextFrame: fc.Arbitrary<string> = fc.oneof(
  kucoinLevel2.map((f) => JSON.stringify(f)),
  jsonGarbage.map((v) => JSON.stringify(v)),
  fc.string({maxLength: 60}),
  kucoinLevel2.chain((f) => fc.nat().map((n) => {
    const text = JSON.stringify(f);
    return text.slice(0, n % (text.length + 1)); // truncated JSON
  })),
);

const html = fc.constantFrom('<html><body>502 Bad Gateway</body></html>', '<!DOCTYPE html><title>Just a moment...</title>', '', ' ', 'null', 'OK', '{"code":', '\u0000\u0001');
/** MEXC REST bodies: garbage, HTML, truncated and wrong-type JSON, error shapes. */
export const restBody: fc.Arbitrary<string> = fc.oneof(
  html,
  fc.string({maxLength: 80}),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({code: fc.oneof(fc.integer(), fc.string({maxLength: 6}), jsonGarbage), msg: fc.oneof(fc.string({maxLength: 10}), jsonGarbage)}, {requiredKeys: []}).map((v) => JSON.stringify(v)),
  fc.record({orderId: jsonGarbage, serverTime: jsonGarbage, listenKey: jsonGarbage, lastUpdateId: jsonGarbage, bids: jsonGarbage, asks: jsonGarbage, balances: jsonGarbage, symbols: jsonGarbage}, {requiredKeys: []}).map((v) => JSON.stringify(v)),
  fc.array(fc.record({clientOrderId: jsonGarbage, orderId: jsonGarbage, price: jsonGarbage, origQty: jsonGarbage, status: jsonGarbage}, {requiredKeys: []}), {maxLength: 3}).map((v) => JSON.stringify(v)),
);
const httpStatus = fc.oneof(fc.constantFrom(200, 200, 200, 400, 403, 404, 418, 429, 500, 502, 503), fc.integer({min: 100, max: 599}));
const retryAfter = fc.oneof(fc.constant(undefined), fc.constantFrom('1', '0', '-5', 'soon', '', '99999999999', 'Wed, 21 Oct 2015 07:28:00 GMT'), fc.array(fc.string({maxLength: 4}), {maxLength: 2}));

// ---- in-process drivers -------------------------------------------------------------------------------

const isDecimal = (s: unknown) => typeof s === 'string' && /^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s);
const isLots = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function timed<T>(counts: FuzzCounts, run: () => T): T {
  const started = performance.now();
  const result = run();
  counts.slowestMs = Math.max(counts.slowestMs, performance.now() - started);
  return result;
}

/** One binary frame through the MEXC read path: frame → wrapper → depth push / private event → book. */
function mexcFrameVerdict(frame: Buffer, book: OrderBook): {bookBad: boolean; decoded: boolean} {
  const classified = classifyFrame(frame, true);
  if (classified.kind !== 'push') {
    assert.ok(classified.kind === 'malformed', `binary frame classified as ${classified.kind}`);
    return {bookBad: true, decoded: false};
  }
  const wrapper = classified.wrapper;
  const depth = depthPushFromWrapper(wrapper);
  if (depth.ok) {
    const {fromVersion, toVersion, bids, asks} = depth.value;
    assert.ok(Number.isSafeInteger(fromVersion) && Number.isSafeInteger(toVersion) && fromVersion <= toVersion);
    for (const [p, q] of [...bids, ...asks]) assert.ok(isDecimal(p) && isDecimal(q), `accepted level ${p} ${q}`);
    // the engine's book reads these levels: bad ones are skipped and counted, never thrown
    book.applySnapshot(toVersion, bids, asks, 0);
  }
  const priv = privateEventFromWrapper(wrapper, RULES, 0);
  if (priv.ok && priv.value) {
    const e = priv.value;
    if (e.type === 'order.update') assert.ok(isLots(e.priceTicks) && isLots(e.origQtyLots) && isLots(e.filledLots) && e.orderId !== '', `accepted order update ${JSON.stringify(e)}`);
    if (e.type === 'fill') assert.ok(isLots(e.priceTicks) && isLots(e.qtyLots) && e.orderId !== '' && e.tradeId !== '', `accepted fill ${JSON.stringify(e)}`);
    if (e.type === 'balance') for (const b of Object.values(e.balances)) assert.ok(Number.isFinite(b.free) && Number.isFinite(b.locked) && b.free >= 0 && b.locked >= 0, `accepted balance ${JSON.stringify(e)}`);
  }
  // MexcBookStream counts as malformed any push that is not a valid depth push on its topic
  return {bookBad: !(wrapper.channel === TOPIC && depth.ok), decoded: depth.ok || (priv.ok && priv.value !== null)};
}

export function fuzzMexcFrames(numRuns: number, seed: number): FuzzCounts {
  const counts: FuzzCounts = {cases: 0, rejected: 0, accepted: 0, slowestMs: 0};
  const book = new OrderBook(5);
  fc.assert(
    fc.property(fc.oneof(mexcBinaryFrame.map((b) => ({b, binary: true})), fc.string({maxLength: 60}).map((s) => ({b: Buffer.from(s), binary: false}))), ({b, binary}) => {
      counts.cases++;
      timed(counts, () => {
        if (!binary) {
          const text = classifyFrame(b, false);
          assert.ok(['ack', 'pong', 'text', 'malformed'].includes(text.kind));
          counts.rejected++;
          return;
        }
        if (mexcFrameVerdict(b, book).decoded) counts.accepted++;
        else counts.rejected++;
      });
    }),
    {numRuns, seed},
  );
  return counts;
}

export function fuzzKucoinFrames(numRuns: number, seed: number): FuzzCounts {
  const counts: FuzzCounts = {cases: 0, rejected: 0, accepted: 0, slowestMs: 0};
  const sync = new Level2Sync(1000);
  const book = new OrderBook(5);
  fc.assert(
    fc.property(kucoinTextFrame, fc.jsonValue(), (text, snapshotData) => {
      counts.cases++;
      timed(counts, () => {
        const parsed = parseServerFrame(text);
        if (!parsed.ok) {
          assert.ok(parsed.reason.trim().length > 0, 'a rejected frame says why');
          counts.rejected++;
        } else {
          counts.accepted++;
          if (parsed.value.kind === 'level2') {
            const u = parsed.value.update;
            assert.ok(Number.isSafeInteger(u.sequenceStart) && Number.isSafeInteger(u.sequenceEnd) && u.sequenceStart <= u.sequenceEnd);
            const step = sync.onUpdate(u);
            if (step.kind === 'delta') book.applyDelta(step.delta.fromVersion, step.delta.toVersion, step.delta.bids, step.delta.asks, 0);
          }
        }
        // the REST snapshot parser gets the same treatment (random JSON as `data`)
        const snapshot = parseLevel2Snapshot(snapshotData);
        if (snapshot.ok && !sync.synced) {
          const step = sync.onSnapshot(snapshot.value);
          // synced exactly when the step says so, at the snapshot or the last delta applied over it
          assert.equal(sync.synced, step.kind === 'synced', `after a snapshot step ${step.kind}`);
          if (step.kind === 'synced') assert.equal(sync.lastSequence, step.deltas.at(-1)?.toVersion ?? snapshot.value.sequence);
        }
      });
    }),
    {numRuns, seed},
  );
  return counts;
}

/** The REST response schemas of every MEXC endpoint the client calls. */
const schemas = Object.values(mexcEndpoints.endpoints).map((e) => (e as {response: z.ZodType<unknown>}).response);

export function fuzzRestBodies(numRuns: number, seed: number): FuzzCounts {
  const counts: FuzzCounts = {cases: 0, rejected: 0, accepted: 0, slowestMs: 0};
  fc.assert(
    fc.property(restBody, httpStatus, retryAfter, fc.nat(schemas.length - 1), (body, status, retry, which) => {
      counts.cases++;
      timed(counts, () => {
        const result = interpretResponse(schemas[which]!, status, body, retry, 1_700_000_000_000);
        assert.ok(['ok', 'rateLimited', 'apiError', 'malformed'].includes(result.kind));
        if (result.kind === 'ok') {
          assert.ok(status < 300);
          counts.accepted++;
        } else {
          counts.rejected++;
          if (result.kind === 'rateLimited') assert.ok(result.retryAfterMs === null || (Number.isFinite(result.retryAfterMs) && result.retryAfterMs >= 0), `retryAfterMs ${result.retryAfterMs}`);
        }
      });
    }),
    {numRuns, seed},
  );
  return counts;
}

// ---- over loopback sockets ----------------------------------------------------------------------------

interface TestContext {
  after: (fn: () => unknown) => void;
}

async function waitFor(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sampleOf = <T>(arb: fc.Arbitrary<T>, count: number, seed: number, keep: (v: T) => boolean): T[] => {
  const out: T[] = [];
  let round = 0;
  while (out.length < count) out.push(...fc.sample(arb, {numRuns: count, seed: seed + round++}).filter(keep));
  return out.slice(0, count);
};

/** Bad binary frames to a live MexcBookStream over a real socket: each one counted, the stream resyncs and stays up. */
export async function fuzzMexcBookStreamSocket(t: TestContext, frames: number, seed: number): Promise<{sent: number; counted: number; connects: number}> {
  const server = await startScriptedMexc(SYMBOL);
  server.book.bids.set('0.25', '100');
  server.book.asks.set('0.26', '80');
  const rest = new MexcRestClient({baseUrl: server.restUrl, recvWindowMs: 5000, timeoutMs: 2000, rateLimits: UNLIMITED});
  let state = 'connecting';
  const stream = new MexcBookStream({wsUrl: server.wsUrl, rest, symbol: SYMBOL, priceDecimals: 5, staleAfterMs: 60_000, reconnectBaseMs: 20, reconnectMaxMs: 100, log: () => undefined});
  t.after(async () => {
    await stream.stop();
    rest.close();
    await server.close();
  });
  await stream.start((event) => {
    if (event.type === 'connection') state = event.state;
  });
  await waitFor('mexc.book live', () => state === 'live', 10_000);
  const book = new OrderBook(5);
  // only frames the client's own read path calls bad (a random frame is almost never a valid depth push)
  const bad = sampleOf(mexcBinaryFrame, frames, seed, (b) => mexcFrameVerdict(b, book).bookBad);
  const before = stream.stats().malformedFrames;
  for (let i = 0; i < bad.length; i++) {
    server.pushRaw(bad[i]!);
    if (i % 200 === 199) await new Promise((r) => setImmediate(r)); // let the socket drain
  }
  await waitFor(`${bad.length} malformed frames counted`, () => stream.stats().malformedFrames - before >= bad.length, 30_000);
  const counted = stream.stats().malformedFrames - before;
  // still the same connection, and back in sync: a valid change arrives as a delta
  await waitFor('mexc.book live again', () => state === 'live', 10_000);
  return {sent: bad.length, counted, connects: stream.stats().connects};
}

/** Bad text frames to a live KucoinBookStream over a real socket: each one counted, the stream stays live. */
export async function fuzzKucoinBookStreamSocket(t: TestContext, frames: number, seed: number): Promise<{sent: number; counted: number; connects: number; deltaAfter: boolean}> {
  const server = await startScriptedKucoinServer();
  server.snapshot = () => ({sequence: 10, bids: [['0.25', '100']], asks: [['0.26', '80']]});
  let state = 'connecting';
  let deltas = 0;
  const stream = new KucoinBookStream({restUrl: server.restUrl, symbol: 'RMV-USDT', staleAfterMs: 60_000, timeoutMs: 2000, snapshotQuietMs: 50, reconnectBaseMs: 20, reconnectMaxMs: 100, log: () => undefined});
  t.after(async () => {
    await stream.stop();
    await server.close();
  });
  await stream.start((event) => {
    if (event.type === 'connection') state = event.state;
    if (event.type === 'book.delta') deltas++;
  });
  await waitFor('kucoin.book live', () => state === 'live', 10_000);
  const bad = sampleOf(kucoinTextFrame, frames, seed, (text) => !parseServerFrame(text).ok);
  const connection = server.latest()!;
  const before = stream.counters().malformedFrames;
  for (let i = 0; i < bad.length; i++) {
    connection.socket.send(bad[i]!);
    if (i % 200 === 199) await new Promise((r) => setImmediate(r));
  }
  await waitFor(`${bad.length} malformed frames counted`, () => stream.counters().malformedFrames - before >= bad.length, 30_000);
  const counted = stream.counters().malformedFrames - before;
  connection.send(l2Frame('RMV-USDT', 11, 11, [['0.24', '5', 11]]));
  await waitFor('a delta after the garbage', () => deltas >= 1, 10_000);
  return {sent: bad.length, counted, connects: stream.counters().connects, deltaAfter: state === 'live'};
}

/** Garbage REST bodies to the real MexcRestClient over HTTP: every call rejects with a typed error, malformed bodies counted. */
export async function fuzzRestClientHttp(t: TestContext, requests: number, seed: number): Promise<{sent: number; rejected: number; malformedCounted: number; malformedExpected: number}> {
  const bodies = sampleOf(fc.tuple(restBody, fc.constantFrom(200, 200, 500, 502, 400)), requests, seed, ([body, status]) => {
    // keep the ones the client must refuse: not a valid depth answer
    const verdict = interpretResponse(mexcEndpoints.depthResponse, status, body, undefined, Date.now());
    return verdict.kind !== 'ok';
  });
  let next = 0;
  const server = await startScriptedServer((): Answer => {
    const [body, status] = bodies[next++ % bodies.length]!;
    return {status, body, headers: {'content-type': 'application/json'}};
  });
  t.after(() => server.close());
  const rest = new MexcRestClient({baseUrl: server.url, recvWindowMs: 5000, timeoutMs: 2000, rateLimits: UNLIMITED});
  t.after(() => rest.close());
  let rejected = 0;
  let malformedExpected = 0;
  for (const [body, status] of bodies) {
    if (interpretResponse(mexcEndpoints.depthResponse, status, body, undefined, Date.now()).kind === 'malformed') malformedExpected++;
    try {
      await rest.depth(SYMBOL, 100);
    } catch (error) {
      assert.ok(error instanceof Error, 'rejects with an Error');
      if (error instanceof MexcTransportError) assert.notEqual(error.reason, undefined);
      rejected++;
    }
  }
  return {sent: bodies.length, rejected, malformedCounted: rest.stats().malformedBodies, malformedExpected};
}
