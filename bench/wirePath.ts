// The whole wire path (issue 20, item 4): recorded-style frames as the venues send them, through decode →
// validation → sequencing → book apply, ours against ccxt's decode + apply on the same frames, frames/s
// over alternating rounds, and whether both books agree at the end (a benchmark of a wrong book is worthless).
//
// The frames. One generated depth stream per venue (deltaStream.ts: ~400 levels a side, activity near the
// touch), turned into wire frames by the simulator's own encoders:
// - MEXC: each push is one binary PushDataV3ApiWrapper from source/sim/mexc/mexcPushes.ts aggreDepthPush()
//   on `spot@public.aggre.depth.v3.api.pb@100ms@RMVUSDT`, exactly the bytes the simulator broadcasts; the
//   book starts from a REST /api/v3/depth body shaped like the simulator's depthView().
// - KuCoin: each push becomes BookOps with consecutive sequences (plus a price-0 sequence marker in 2 % of
//   pushes, as the simulator's book model emits), cut into `trade.l2update` messages by the simulator's
//   buildL2Updates() and serialised as its MarketPublisher does; the book starts from a level2 REST body
//   (it carries the whole generated book: the real level2_100 answer would cut it to 100 levels a side).
//
// Ours: exactly the client's per-frame sequence, calling the functions the client calls.
// - MEXC: WsSession.onMessage (classifyFrame: protobuf decode of the wrapper) → MexcBookStream.onPush (channel
//   check, depthPushFromWrapper validation, freshness stamp, the precision check priceFinerThan, DepthSync
//   continuity) → the book.delta event the stream emits → the kernel's OrderBook.applyDelta.
// - KuCoin: KucoinWsSession.onRaw (bytes → text, parseServerFrame: JSON.parse + validation of every change,
//   topic check) → KucoinBookStream.onLevel2 (symbol check) → the real Level2SyncDriver.onUpdate (per-change
//   sequence filtering, continuity) → its book.delta event → OrderBook.applyDelta.
// The private WebSocket handlers (onMessage/onPush/onRaw/onLevel2) cannot be called without a socket, so
// their few lines are reproduced below in the client's order, with its Date.now() stamps (MEXC 3, KuCoin 2 a frame);
// everything they call is the client's code. The engine's queue, journal and decision pass are not
// included (ccxt has none of them).
//
// ccxt (the installed dev dependency): its own per-frame entry point, WsClient.onMessage({data}), which its
// node delivery loop calls once per WebSocket message, on the exchange's own client object
// (`exchange.client(url)`: ccxt's real WsClient, never connected, no fake plumbing), with the market loaded
// as watchOrderBook's loadMarkets() would have (setMarkets with one spot market: without it every message
// would build a market structure in safeSymbol, which ccxt never does in use). From there ccxt runs its
// whole path:
// - MEXC: handleMessage → decodeProtoMsg (its static protobufjs module js/src/protobuf/mexc/compiled.cjs,
//   decode + toJSON) → handleProtobufMessage → handleOrderBook → handleDelta (nonce check, safeFloat2 of
//   every level, OrderBookSide.store) → client.resolve.
// - KuCoin: onMessage's JSON.parse (with its big-integer regex) → handleMessage → handleSubject →
//   handleOrderBook (nonce check) → handleDelta → handleBidAsks (parseOrderBookBidAsk + storeArray) →
//   client.resolve.
// Generous to ccxt: nobody awaits its futures, so client.resolve finds none to settle (a real watchOrderBook
// consumer would be woken, and would call orderbook.limit(), per frame); KuCoin text is handed to ccxt as a
// string (its node delivery converts Buffer → string inside ws, outside the timing) while ours is handed the
// Buffer ws gives our client and converts it inside the timing. ccxt starts from its own loadOrderBook step
// (stored.reset(parseOrderBook(REST body)) with the nonce set), as it would after its snapshot fetch.
// Neither side checks less than it does in production; ccxt checks less than ours does (no gap detection on
// MEXC, no per-change sequences on KuCoin, no validation of the decimals), which is its design, not ours.
//
// Snapshot set-up is outside the timed region on both sides; each round times one pass over every frame on
// fresh books, ours and ccxt alternating which goes first.
import {OrderBook} from '../source/engine/market/orderbook.js';
import type {EventOf, WireLevel} from '../source/engine/events.js';
import {classifyFrame, type PushWrapper} from '../source/exchanges/mexc/wsFrames.js';
import {depthPushFromWrapper, priceFinerThan} from '../source/exchanges/mexc/depthPush.js';
import {DepthSync} from '../source/exchanges/mexc/depthSync.js';
import {depthTopic} from '../source/exchanges/mexc/mexcBookStream.js';
import {depthResponse, type DepthSnapshot} from '../source/exchanges/mexc/endpoints.js';
import {parseLevel2Snapshot, parseServerFrame, type Level2Snapshot, type Level2Update} from '../source/exchanges/kucoin/kucoinWire.js';
import {Level2SyncDriver, type SyncCounters} from '../source/exchanges/kucoin/level2SyncDriver.js';
import {frameBytes} from '../source/exchanges/shared/wsSocket.js';
import {silentLogger} from '../source/exchanges/shared/logger.js';
import {aggreDepthPush, type Level} from '../source/sim/mexc/mexcPushes.js';
import {eventTypeOf} from '../source/sim/mexc/mexcTopics.js';
import {makeSimSymbol, priceText, qtyText} from '../source/sim/mexc/simSymbol.js';
import {buildL2Updates, type Scales} from '../source/sim/kucoin/level2Messages.js';
import type {BookOp} from '../source/sim/kucoin/bookModel.js';
import {SeededRandom} from '../source/sim/seededRandom.js';
import {formatScaled, parseScaled} from '../source/wire/scaledDecimal.js';
import {generateDepthStream, type DepthStream} from './deltaStream.js';
import {loadCcxtPro, spotMarket, type CcxtProExchange, type CcxtWsClient, type CcxtWsOrderBook} from './ccxtPro.js';
import type {CcxtBookSide} from './ccxtOrderBook.js';
import {elapsedMs, nowNs, spread, type Spread} from './sampleStats.js';

export interface WireVenueResult {
  /** frames per round (each one a depth update) */
  frames: number;
  /** level changes those frames carry (KuCoin: including the price-0 sequence markers) */
  levelChanges: number;
  meanFrameBytes: number;
  rounds: number;
  /** frames per second over the rounds */
  oursFramesPerSec: Spread;
  ccxtFramesPerSec: Spread;
  /** median ours / median ccxt */
  ratio: number;
  /** ours / ccxt within each round (the pair that shared the machine's state) */
  roundRatios: Spread;
  /** both books hold the same levels (price and size, both sides) and both reached the last frame's version */
  agree: boolean;
  /** what was compared, or the first difference */
  agreeDetail: string;
  finalLevels: {bids: number; asks: number};
}

export interface WirePathResult {
  ccxtVersion: string;
  mexc: WireVenueResult;
  kucoin: WireVenueResult;
}

export interface WirePathOptions {
  quick: boolean;
  log: (line: string) => void;
  /** depth-stream pushes per venue (default: quick 10,000, full 100,000) */
  pushes?: number;
  /** timed rounds (default: quick 5, full 9; at least 3) */
  rounds?: number;
}

const MEXC_SYMBOL = 'RMVUSDT';
const KUCOIN_SYMBOL = 'RMV-USDT';
/** the simulator's KuCoin scales (source/sim/simulator.ts) */
const KUCOIN_SCALES: Scales = {priceDecimals: 5, sizeDecimals: 4};
/** per push, as the simulator's KuCoin book model (bookModel.ts markerProbability) */
const MARKER_PROBABILITY = 0.02;
const START_TIME = 1_767_225_600_000;
const now = Date.now;

// ---- frames ----------------------------------------------------------------------------------------------

interface MexcWire {
  topic: string;
  priceDecimals: number;
  /** GET /api/v3/depth body */
  snapshotBody: string;
  frames: Buffer[];
  levelChanges: number;
  /** toVersion of the last push (our book's version at the end) */
  lastVersion: number;
  /** fromVersion of the last push (ccxt's MEXC nonce at the end: its handleDelta keeps fromVersion) */
  lastFromVersion: number;
}

function mexcWire(stream: DepthStream): MexcWire {
  const rules = makeSimSymbol(MEXC_SYMBOL);
  if (stream.priceDecimals !== rules.priceDecimals) throw new Error('depth stream and simulator symbol disagree on price decimals');
  const topic = depthTopic(rules.symbol, '100ms');
  const eventType = eventTypeOf(topic, rules.symbol);
  const toLevel = ([price, size]: WireLevel): Level => [parseScaled(price, rules.priceDecimals), parseScaled(size, rules.qtyDecimals)];
  const restLevels = (levels: readonly WireLevel[]) => levels.map(toLevel).map(([ticks, lots]) => [priceText(ticks, rules), qtyText(lots, rules)]);
  // shaped like the simulator's depthView() (source/sim/mexc/mexcRestViews.ts)
  const snapshotBody = JSON.stringify({
    lastUpdateId: String(stream.snapshot.version),
    bids: restLevels(stream.snapshot.bids),
    asks: restLevels(stream.snapshot.asks),
    timestamp: String(START_TIME),
  });
  const frames = stream.pushes.map((p, i) => {
    const bytes = aggreDepthPush(topic, eventType, rules, p.asks.map(toLevel), p.bids.map(toLevel), p.fromVersion, p.toVersion, START_TIME + 100 * i);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  });
  const last = stream.pushes.at(-1);
  return {
    topic,
    priceDecimals: rules.priceDecimals,
    snapshotBody,
    frames,
    levelChanges: stream.levelChanges,
    lastVersion: last?.toVersion ?? stream.snapshot.version,
    lastFromVersion: last?.fromVersion ?? stream.snapshot.version,
  };
}

interface KucoinWire {
  topic: string;
  priceDecimals: number;
  /** GET /api/v1/market/orderbook/level2_100 body */
  snapshotBody: string;
  /** the text frames, as the simulator sends them */
  texts: string[];
  /** the same frames as the Buffers ws hands our client */
  buffers: Buffer[];
  levelChanges: number;
  lastSequence: number;
}

function kucoinWire(stream: DepthStream, seed: number): KucoinWire {
  const scales = KUCOIN_SCALES;
  if (stream.priceDecimals !== scales.priceDecimals) throw new Error('depth stream and KuCoin scales disagree on price decimals');
  const rng = SeededRandom.stream(seed, 'wire-path-kucoin');
  const topic = `/market/level2:${KUCOIN_SYMBOL}`;
  const ticks = (price: string): number => parseScaled(price, scales.priceDecimals);
  const lots = (size: string): number => parseScaled(size, scales.sizeDecimals);
  const restLevels = (levels: readonly WireLevel[]) =>
    levels.map(([price, size]) => [formatScaled(ticks(price), scales.priceDecimals), formatScaled(lots(size), scales.sizeDecimals)]);
  const snapshotSequence = 1_400_000_000 + rng.int(0, 99_999_999);
  const snapshotBody = JSON.stringify({
    code: '200000',
    data: {time: START_TIME, sequence: String(snapshotSequence), bids: restLevels(stream.snapshot.bids), asks: restLevels(stream.snapshot.asks)},
  });
  let sequence = snapshotSequence;
  let levelChanges = 0;
  const texts: string[] = [];
  stream.pushes.forEach((push, i) => {
    const ops: BookOp[] = [];
    for (const [price, size] of push.bids) ops.push({side: 'bids', priceTicks: ticks(price), sizeLots: lots(size), sequence: ++sequence});
    for (const [price, size] of push.asks) ops.push({side: 'asks', priceTicks: ticks(price), sizeLots: lots(size), sequence: ++sequence});
    if (rng.next() < MARKER_PROBABILITY) ops.push({side: rng.next() < 0.5 ? 'bids' : 'asks', priceTicks: 0, sizeLots: 0, sequence: ++sequence});
    for (const data of buildL2Updates(ops, KUCOIN_SYMBOL, START_TIME + 100 * i, scales, rng)) {
      levelChanges += data.changes.bids.length + data.changes.asks.length;
      // as source/sim/kucoin/marketPublisher.ts publish()
      texts.push(JSON.stringify({topic, type: 'message', subject: 'trade.l2update', data}));
    }
  });
  return {topic, priceDecimals: scales.priceDecimals, snapshotBody, texts, buffers: texts.map((t) => Buffer.from(t, 'utf8')), levelChanges, lastSequence: sequence};
}

// ---- ours ------------------------------------------------------------------------------------------------

type BookEvent = EventOf<'book.snapshot'> | EventOf<'book.delta'>;

/** The kernel's part (engine/marketData.ts applyBookEvent): the event onto the venue's OrderBook. */
function applyToBook(book: OrderBook, event: BookEvent): 'applied' | 'stale' | 'gap' {
  if (event.type === 'book.snapshot') {
    book.applySnapshot(event.version, event.bids, event.asks, event.at);
    return 'applied';
  }
  return book.applyDelta(event.fromVersion, event.toVersion, event.bids, event.asks, event.at);
}

class OurMexcFeed {
  readonly book: OrderBook;
  private readonly sync = new DepthSync();
  private lastFrameAt = 0;
  private freshAt = 0;
  private precisionWarned = false;
  pushes = 0;
  applied = 0;
  problems = 0;

  constructor(private readonly wire: MexcWire) {
    this.book = new OrderBook(wire.priceDecimals);
    // MexcBookStream.applySnapshot after rest.depth() (the client's zod schema of the body)
    const snapshot: DepthSnapshot = depthResponse.parse(JSON.parse(wire.snapshotBody));
    const result = this.sync.applySnapshot(snapshot.lastUpdateId);
    if (result.kind !== 'synced') throw new Error(`MEXC snapshot did not sync: ${result.kind}`);
    applyToBook(this.book, {type: 'book.snapshot', venue: 'mexc', version: result.version, bids: snapshot.bids, asks: snapshot.asks, at: now()});
  }

  /** WsSession.onMessage: one WebSocket message. */
  onMessage(data: Buffer, isBinary: boolean): void {
    this.lastFrameAt = now();
    const frame = classifyFrame(data, isBinary);
    if (frame.kind === 'push') this.onPush(frame.wrapper);
    else this.problems++;
  }

  /** MexcBookStream.onPush, synced and live. */
  private onPush(wrapper: PushWrapper): void {
    if (wrapper.channel !== this.wire.topic) return void this.problems++;
    const decoded = depthPushFromWrapper(wrapper);
    if (!decoded.ok) return void this.problems++;
    this.pushes += 1;
    this.freshAt = now();
    // checkPrecision: runs on every push until a price finer than the symbol rules is seen
    const finer = this.precisionWarned ? null : priceFinerThan(decoded.value, this.wire.priceDecimals);
    if (finer !== null) this.precisionWarned = true;
    const result = this.sync.push(decoded.value);
    if (result.kind !== 'apply') return void this.problems++;
    const delta = result.delta;
    // emitDelta → the kernel
    const event: BookEvent = {type: 'book.delta', venue: 'mexc', fromVersion: delta.fromVersion, toVersion: delta.toVersion, bids: delta.bids, asks: delta.asks, at: now()};
    if (applyToBook(this.book, event) === 'applied') this.applied++;
    else this.problems++;
  }

  /** keeps the stamps observable so they cannot be optimised away */
  stamps(): number {
    return this.lastFrameAt + this.freshAt;
  }
}

class OurKucoinFeed {
  readonly book: OrderBook;
  private readonly driver: Level2SyncDriver;
  private readonly counters: SyncCounters = {oldMessages: 0, gaps: 0, snapshots: 0, snapshotFailures: 0, snapshotsBehind: 0};
  private framesReceived = 0;
  private bookMessages = 0;
  private lastBookAt = 0;
  applied = 0;
  problems = 0;

  constructor(private readonly wire: KucoinWire) {
    this.book = new OrderBook(wire.priceDecimals);
    this.driver = new Level2SyncDriver(
      {
        // KucoinBookStream.fetchSnapshot: the REST body's data through parseLevel2Snapshot
        fetchSnapshot: async (): Promise<Level2Snapshot> => {
          const parsed = parseLevel2Snapshot((JSON.parse(wire.snapshotBody) as {data: unknown}).data);
          if (!parsed.ok) throw new Error(parsed.reason);
          return parsed.value;
        },
        emit: (event) => {
          if (event.type !== 'book.snapshot' && event.type !== 'book.delta') return void this.problems++;
          if (applyToBook(this.book, event) === 'applied') this.applied++;
          else this.problems++;
        },
        syncing: () => undefined,
        live: () => {
          this.lastBookAt = now();
        },
        counters: this.counters,
        log: silentLogger,
        now,
      },
      0,
      10_000,
    );
  }

  /** The driver's real start: begin, the (zero) quiet wait, the snapshot, synced. */
  async start(): Promise<void> {
    this.driver.begin('bench');
    const deadline = Date.now() + 10_000;
    while (this.driver.lastSequence === null) {
      if (Date.now() > deadline) throw new Error('KuCoin sync driver did not sync within 10 s');
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.applied = 0; // the snapshot
  }

  /** KucoinWsSession.onRaw, subscribed. */
  onRaw(data: Buffer, isBinary: boolean): void {
    this.framesReceived += 1;
    if (isBinary) return void this.problems++;
    const text = frameBytes(data).toString('utf8');
    const parsed = parseServerFrame(text);
    if (!parsed.ok) return void this.problems++;
    const frame = parsed.value;
    if (frame.kind !== 'level2' || frame.topic !== this.wire.topic) return void this.problems++;
    this.onLevel2(frame.update);
  }

  /** KucoinBookStream.onLevel2 */
  private onLevel2(update: Level2Update): void {
    this.bookMessages += 1;
    if (update.symbol !== KUCOIN_SYMBOL) return void this.problems++;
    this.lastBookAt = now();
    this.driver.onUpdate(update);
  }

  get oldMessages(): number {
    return this.counters.oldMessages + this.counters.gaps;
  }

  stamps(): number {
    return this.lastBookAt + this.framesReceived + this.bookMessages;
  }
}

// ---- ccxt ------------------------------------------------------------------------------------------------

interface CcxtFeed {
  exchange: CcxtProExchange;
  client: CcxtWsClient;
  symbol: string;
}

/** ccxt's loadOrderBook after fetchOrderBook: stored.reset(parseOrderBook(body) with the nonce). */
function ccxtBook(feed: CcxtFeed, parsed: Record<string, unknown>): CcxtWsOrderBook {
  const stored = feed.exchange.orderBook();
  feed.exchange.orderbooks[feed.symbol] = stored;
  stored.reset(parsed);
  return stored;
}

function ccxtMexcBook(feed: CcxtFeed, wire: MexcWire): CcxtWsOrderBook {
  // mexc.fetchOrderBook (spot): parseOrderBook(response, symbol, timestamp), nonce = lastUpdateId
  const response = JSON.parse(wire.snapshotBody) as {timestamp: string; lastUpdateId: string};
  const parsed = feed.exchange.parseOrderBook(response, feed.symbol, Number(response.timestamp));
  parsed.nonce = Number(response.lastUpdateId);
  return ccxtBook(feed, parsed);
}

function ccxtKucoinBook(feed: CcxtFeed, wire: KucoinWire): CcxtWsOrderBook {
  // kucoin.fetchOrderBook (level 2): parseOrderBook(data, symbol, time, 'bids', 'asks', 0, 1), nonce = sequence
  const data = (JSON.parse(wire.snapshotBody) as {data: {time: number; sequence: string}}).data;
  const parsed = feed.exchange.parseOrderBook(data, feed.symbol, data.time, 'bids', 'asks', 0, 1);
  parsed.nonce = Number(data.sequence);
  return ccxtBook(feed, parsed);
}

// ---- agreement -------------------------------------------------------------------------------------------

function compareSide(ours: OrderBook, side: 'bids' | 'asks', theirs: CcxtBookSide, scale: number): string | null {
  const levels = ours.levels(side, Number.MAX_SAFE_INTEGER);
  if (levels.length !== theirs.length) return `${side}: ours ${levels.length} levels, ccxt ${theirs.length}`;
  for (let i = 0; i < levels.length; i++) {
    const a = levels[i]!;
    const row = theirs[i]!;
    const ticks = Math.round(row[0] * scale);
    if (a.priceTicks !== ticks) return `${side}[${i}]: ours price ${a.priceTicks} ticks, ccxt ${ticks}`;
    if (Math.abs(a.size - row[1]) > 1e-9 * Math.max(1, Math.abs(a.size))) return `${side}[${i}]: ours size ${a.size}, ccxt ${row[1]}`;
  }
  return null;
}

/**
 * Every level of both sides (price ticks exact, sizes to 1e-9 relative), and both books at the last frame:
 * ours at its version, ccxt at the nonce its handler keeps (MEXC: the push's fromVersion, KuCoin: sequenceEnd).
 */
export function compareBooks(ours: OrderBook, theirs: CcxtWsOrderBook, expected: {version: number; ccxtNonce: number}): {agree: boolean; detail: string} {
  const scale = 10 ** ours.priceDecimals;
  const problem =
    (ours.version !== expected.version ? `ours ended at version ${ours.version}, the last frame is ${expected.version}` : null) ??
    (theirs.nonce !== expected.ccxtNonce ? `ccxt ended at nonce ${theirs.nonce}, the last frame's is ${expected.ccxtNonce}` : null) ??
    compareSide(ours, 'bids', theirs.bids, scale) ??
    compareSide(ours, 'asks', theirs.asks, scale);
  if (problem !== null) return {agree: false, detail: problem};
  return {
    agree: true,
    detail: `every level identical (${ours.levelCount('bids')} bids, ${ours.levelCount('asks')} asks; best bid ${ours.bestBid()}, best ask ${ours.bestAsk()} ticks), both at the last frame's version`,
  };
}

// ---- timing ----------------------------------------------------------------------------------------------

interface Pass {
  /** one pass over every frame, timed */
  run(): void;
}

interface Contender<P extends Pass> {
  prepare(): Promise<P>;
}

async function alternate<O extends Pass, C extends Pass>(
  rounds: number,
  frames: number,
  ours: Contender<O>,
  ccxt: Contender<C>,
): Promise<{ours: number[]; ccxt: number[]; lastOurs: O; lastCcxt: C}> {
  // warm-up: let both reach optimised code before timing
  (await ours.prepare()).run();
  (await ccxt.prepare()).run();
  const oursRates: number[] = [];
  const ccxtRates: number[] = [];
  let lastOurs: O | null = null;
  let lastCcxt: C | null = null;
  for (let round = 0; round < rounds; round++) {
    // alternate which goes first so neither always runs on a warmer/colder machine
    for (const which of round % 2 === 0 ? (['ours', 'ccxt'] as const) : (['ccxt', 'ours'] as const)) {
      if (which === 'ours') {
        const pass = await ours.prepare();
        const start = nowNs();
        pass.run();
        oursRates.push((frames / elapsedMs(start)) * 1000);
        lastOurs = pass;
      } else {
        const pass = await ccxt.prepare();
        const start = nowNs();
        pass.run();
        ccxtRates.push((frames / elapsedMs(start)) * 1000);
        lastCcxt = pass;
      }
    }
  }
  return {ours: oursRates, ccxt: ccxtRates, lastOurs: lastOurs!, lastCcxt: lastCcxt!};
}

function venueResult(
  frames: number,
  levelChanges: number,
  bytes: number,
  rounds: number,
  rates: {ours: number[]; ccxt: number[]},
  agreement: {agree: boolean; detail: string},
  book: OrderBook,
): WireVenueResult {
  const ours = spread(rates.ours);
  const ccxt = spread(rates.ccxt);
  return {
    frames,
    levelChanges,
    meanFrameBytes: bytes / frames,
    rounds,
    oursFramesPerSec: ours,
    ccxtFramesPerSec: ccxt,
    ratio: ours.median / ccxt.median,
    roundRatios: spread(rates.ours.map((r, i) => r / rates.ccxt[i]!)),
    agree: agreement.agree,
    agreeDetail: agreement.detail,
    finalLevels: {bids: book.levelCount('bids'), asks: book.levelCount('asks')},
  };
}

async function benchMexc(wire: MexcWire, feed: CcxtFeed, rounds: number): Promise<WireVenueResult> {
  const frames = wire.frames;
  let sink = 0;
  const ours: Contender<Pass & {feed: OurMexcFeed}> = {
    prepare: async () => {
      const mine = new OurMexcFeed(wire);
      return {
        feed: mine,
        run: () => {
          for (let i = 0; i < frames.length; i++) mine.onMessage(frames[i]!, true);
          sink += mine.stamps();
        },
      };
    },
  };
  const ccxt: Contender<Pass & {book: CcxtWsOrderBook}> = {
    prepare: async () => {
      const book = ccxtMexcBook(feed, wire);
      const client = feed.client;
      return {
        book,
        run: () => {
          for (let i = 0; i < frames.length; i++) client.onMessage({data: frames[i]!});
        },
      };
    },
  };
  const rates = await alternate(rounds, frames.length, ours, ccxt);
  const mine = rates.lastOurs.feed;
  if (!Number.isFinite(sink)) throw new Error('stamps not finite');
  if (mine.problems > 0 || mine.applied !== frames.length) throw new Error(`our MEXC path applied ${mine.applied} of ${frames.length} frames (${mine.problems} not applied)`);
  const agreement = compareBooks(mine.book, rates.lastCcxt.book, {version: wire.lastVersion, ccxtNonce: wire.lastFromVersion});
  const bytes = frames.reduce((sum, f) => sum + f.byteLength, 0);
  return venueResult(frames.length, wire.levelChanges, bytes, rounds, rates, agreement, mine.book);
}

async function benchKucoin(wire: KucoinWire, feed: CcxtFeed, rounds: number): Promise<WireVenueResult> {
  const {buffers, texts} = wire;
  let sink = 0;
  const ours: Contender<Pass & {feed: OurKucoinFeed}> = {
    prepare: async () => {
      const mine = new OurKucoinFeed(wire);
      await mine.start();
      return {
        feed: mine,
        run: () => {
          for (let i = 0; i < buffers.length; i++) mine.onRaw(buffers[i]!, false);
          sink += mine.stamps();
        },
      };
    },
  };
  const ccxt: Contender<Pass & {book: CcxtWsOrderBook}> = {
    prepare: async () => {
      const book = ccxtKucoinBook(feed, wire);
      const client = feed.client;
      return {
        book,
        run: () => {
          for (let i = 0; i < texts.length; i++) client.onMessage({data: texts[i]!});
        },
      };
    },
  };
  const rates = await alternate(rounds, texts.length, ours, ccxt);
  const mine = rates.lastOurs.feed;
  if (!Number.isFinite(sink)) throw new Error('stamps not finite');
  if (mine.problems > 0 || mine.oldMessages > 0 || mine.applied !== texts.length) {
    throw new Error(`our KuCoin path applied ${mine.applied} of ${texts.length} frames (${mine.problems} not applied, ${mine.oldMessages} old or gaps)`);
  }
  const agreement = compareBooks(mine.book, rates.lastCcxt.book, {version: wire.lastSequence, ccxtNonce: wire.lastSequence});
  const bytes = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  return venueResult(texts.length, wire.levelChanges, bytes, rounds, rates, agreement, mine.book);
}

export async function runWirePathBench(opts: WirePathOptions): Promise<WirePathResult> {
  const pushes = opts.pushes ?? (opts.quick ? 10_000 : 100_000);
  const rounds = opts.rounds ?? (opts.quick ? 5 : 9);
  if (!Number.isInteger(rounds) || rounds < 3) throw new Error('wire path: at least 3 rounds (min, median and max need three)');
  const pro = await loadCcxtPro();

  const mexc = mexcWire(generateDepthStream({seed: 11, pushes}));
  const kucoin = kucoinWire(generateDepthStream({seed: 12, pushes, priceDecimals: KUCOIN_SCALES.priceDecimals}), 12);

  const mexcExchange = new pro.mexc();
  await mexcExchange.loadExchangeSpecificFiles(); // the constructor starts this import without awaiting it
  mexcExchange.setMarkets([spotMarket(MEXC_SYMBOL, 'RMV', 'USDT')]);
  const mexcFeed: CcxtFeed = {exchange: mexcExchange, client: mexcExchange.client('wss://wbs-api.mexc.com/ws'), symbol: mexcExchange.safeSymbol(MEXC_SYMBOL)};
  const kucoinExchange = new pro.kucoin();
  kucoinExchange.setMarkets([spotMarket(KUCOIN_SYMBOL, 'RMV', 'USDT')]);
  const kucoinFeed: CcxtFeed = {exchange: kucoinExchange, client: kucoinExchange.client('wss://ws-api-spot.kucoin.com/'), symbol: kucoinExchange.safeSymbol(KUCOIN_SYMBOL, undefined, '-')};
  for (const feed of [mexcFeed, kucoinFeed]) if (feed.symbol !== 'RMV/USDT') throw new Error(`ccxt markets not loaded: symbol ${feed.symbol}`);

  opts.log(`wire mexc: ${mexc.frames.length} protobuf frames, ${mexc.levelChanges} level changes, ${rounds} rounds + warm-up`);
  const mexcResult = await benchMexc(mexc, mexcFeed, rounds);
  opts.log(`wire mexc: ours ${mexcResult.oursFramesPerSec.median.toFixed(0)} frames/s, ccxt ${mexcResult.ccxtFramesPerSec.median.toFixed(0)} frames/s, books ${mexcResult.agree ? 'agree' : `DIFFER (${mexcResult.agreeDetail})`}`);
  opts.log(`wire kucoin: ${kucoin.texts.length} JSON frames, ${kucoin.levelChanges} level changes, ${rounds} rounds + warm-up`);
  const kucoinResult = await benchKucoin(kucoin, kucoinFeed, rounds);
  opts.log(`wire kucoin: ours ${kucoinResult.oursFramesPerSec.median.toFixed(0)} frames/s, ccxt ${kucoinResult.ccxtFramesPerSec.median.toFixed(0)} frames/s, books ${kucoinResult.agree ? 'agree' : `DIFFER (${kucoinResult.agreeDetail})`}`);
  return {ccxtVersion: pro.version, mexc: mexcResult, kucoin: kucoinResult};
}
