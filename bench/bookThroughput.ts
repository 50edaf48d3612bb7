// Book apply throughput: the same generated wire stream applied by our OrderBook and by ccxt's
// OrderBookSide in the same process, alternating rounds so machine noise hits both alike. ccxt's MEXC
// handler turns each wire level into floats (safeFloat) and calls side.store(price, size); the baseline
// does exactly that with plain parseFloat, which is cheaper than ccxt's safeFloat, i.e. generous to ccxt.
// Also measured: the cost of the queries the engine makes (top N levels, depth within ±2 % of mid).
import {OrderBook} from '../source/engine/market/orderbook.js';
import {marketDepth} from '../source/engine/market/depth.js';
import type {WireLevel} from '../source/engine/events.js';
import {generateDepthStream, type DepthStream} from './deltaStream.js';
import {loadCcxtSides, type CcxtBookSide, type CcxtSides} from './ccxtOrderBook.js';
import {elapsedMs, median, nowNs, spread, type Spread} from './sampleStats.js';

export interface BookBenchResult {
  pushes: number;
  levelChanges: number;
  rounds: number;
  ccxtVersion: string;
  /** level changes per second, median over rounds */
  oursLevelsPerSec: number;
  ccxtLevelsPerSec: number;
  /** ns per query, median over rounds */
  oursTopNNs: number;
  ccxtTopNNs: number;
  oursDepthBandNs: number;
  ccxtDepthBandNs: number;
  /** both books agree on best bid/ask and level counts at the end (a benchmark of a wrong book is worthless) */
  booksAgree: boolean;
  /** min / median / max over the rounds, same units as the medians above */
  spreads: {
    oursLevelsPerSec: Spread;
    ccxtLevelsPerSec: Spread;
    oursTopNNs: Spread;
    ccxtTopNNs: Spread;
    oursDepthBandNs: Spread;
    ccxtDepthBandNs: Spread;
  };
}

const TOP_N = 10;
const BAND = 0.02;

function applyOurs(stream: DepthStream): OrderBook {
  const book = new OrderBook(stream.priceDecimals);
  book.applySnapshot(stream.snapshot.version, stream.snapshot.bids, stream.snapshot.asks, 0);
  const pushes = stream.pushes;
  for (let i = 0; i < pushes.length; i++) {
    const p = pushes[i]!;
    book.applyDelta(p.fromVersion, p.toVersion, p.bids, p.asks, i);
  }
  return book;
}

interface CcxtBook {
  bids: CcxtBookSide;
  asks: CcxtBookSide;
}

function storeAll(side: CcxtBookSide, levels: readonly WireLevel[]): void {
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    side.store(parseFloat(level[0]), parseFloat(level[1]));
  }
}

function applyCcxt(sides: CcxtSides, stream: DepthStream): CcxtBook {
  const book = {bids: new sides.Bids(), asks: new sides.Asks()};
  storeAll(book.bids, stream.snapshot.bids);
  storeAll(book.asks, stream.snapshot.asks);
  let nonce = stream.snapshot.version;
  const pushes = stream.pushes;
  for (let i = 0; i < pushes.length; i++) {
    const p = pushes[i]!;
    if (p.toVersion <= nonce) continue; // ccxt's handleDelta skips old updates by nonce
    nonce = p.toVersion;
    storeAll(book.asks, p.asks);
    storeAll(book.bids, p.bids);
  }
  return book;
}

function ccxtDepth(book: CcxtBook, pct: number): {bid: number; ask: number} {
  const bestBid = book.bids[0]?.[0];
  const bestAsk = book.asks[0]?.[0];
  if (bestBid === undefined || bestAsk === undefined) return {bid: 0, ask: 0};
  const mid = (bestBid + bestAsk) / 2;
  const low = mid * (1 - pct);
  const high = mid * (1 + pct);
  let bid = 0;
  for (let i = 0; i < book.bids.length; i++) {
    const row = book.bids[i]!;
    if (row[0] < low) break;
    bid += row[0] * row[1];
  }
  let ask = 0;
  for (let i = 0; i < book.asks.length; i++) {
    const row = book.asks[i]!;
    if (row[0] > high) break;
    ask += row[0] * row[1];
  }
  return {bid, ask};
}

/**
 * The first n rows, copied the way a consumer reads them. A plain loop rather than slice(): slice() on an
 * Array subclass constructs a new side (with its 1,024-slot index), which would make ccxt look far worse.
 */
function ccxtTop(side: CcxtBookSide, n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const end = Math.min(n, side.length);
  for (let i = 0; i < end; i++) {
    const row = side[i]!;
    out.push([row[0], row[1]]);
  }
  return out;
}

/** ns per call of `fn`, timed over `iterations` calls; `sink` keeps the result alive. */
function timeQuery(iterations: number, fn: () => number): {ns: number; sink: number} {
  let sink = 0;
  const start = nowNs();
  for (let i = 0; i < iterations; i++) sink += fn();
  return {ns: (elapsedMs(start) * 1e6) / iterations, sink};
}

export async function runBookBench(opts: {quick: boolean; log: (line: string) => void}): Promise<BookBenchResult> {
  const sides = await loadCcxtSides();
  const stream = generateDepthStream({seed: 7, pushes: opts.quick ? 200_000 : 400_000});
  const rounds = opts.quick ? 5 : 9;
  opts.log(`book: ${stream.pushes.length} pushes, ${stream.levelChanges} level changes, ${rounds} rounds + warm-up`);

  // warm-up: let both implementations reach optimised code before timing
  applyOurs(stream);
  applyCcxt(sides, stream);

  const ours: number[] = [];
  const theirs: number[] = [];
  let lastOurs: OrderBook | null = null;
  let lastCcxt: CcxtBook | null = null;
  for (let round = 0; round < rounds; round++) {
    // alternate which goes first so neither always runs on a warmer/colder machine
    const order = round % 2 === 0 ? ['ours', 'ccxt'] : ['ccxt', 'ours'];
    for (const which of order) {
      const start = nowNs();
      if (which === 'ours') lastOurs = applyOurs(stream);
      else lastCcxt = applyCcxt(sides, stream);
      const ms = elapsedMs(start);
      (which === 'ours' ? ours : theirs).push((stream.levelChanges / ms) * 1000);
    }
  }
  const oursBook = lastOurs!;
  const ccxtBook = lastCcxt!;
  const scale = 10 ** stream.priceDecimals;
  const booksAgree =
    oursBook.levelCount('bids') === ccxtBook.bids.length &&
    oursBook.levelCount('asks') === ccxtBook.asks.length &&
    oursBook.bestBid() === Math.round(ccxtBook.bids[0]![0] * scale) &&
    oursBook.bestAsk() === Math.round(ccxtBook.asks[0]![0] * scale);

  const iterations = opts.quick ? 200_000 : 1_000_000;
  const topOurs: number[] = [];
  const topCcxt: number[] = [];
  const bandOurs: number[] = [];
  const bandCcxt: number[] = [];
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    const a = timeQuery(iterations, () => oursBook.levels('bids', TOP_N).length + oursBook.levels('asks', TOP_N).length);
    const b = timeQuery(iterations, () => ccxtTop(ccxtBook.bids, TOP_N).length + ccxtTop(ccxtBook.asks, TOP_N).length);
    const c = timeQuery(iterations / 10, () => marketDepth(oursBook, BAND).combined);
    const d = timeQuery(iterations / 10, () => {
      const depth = ccxtDepth(ccxtBook, BAND);
      return depth.bid + depth.ask;
    });
    topOurs.push(a.ns);
    topCcxt.push(b.ns);
    bandOurs.push(c.ns);
    bandCcxt.push(d.ns);
    sink += a.sink + b.sink + c.sink + d.sink;
  }
  if (!Number.isFinite(sink)) throw new Error('query results not finite');
  return {
    pushes: stream.pushes.length,
    levelChanges: stream.levelChanges,
    rounds,
    ccxtVersion: sides.version,
    oursLevelsPerSec: median(ours),
    ccxtLevelsPerSec: median(theirs),
    oursTopNNs: median(topOurs),
    ccxtTopNNs: median(topCcxt),
    oursDepthBandNs: median(bandOurs),
    ccxtDepthBandNs: median(bandCcxt),
    booksAgree,
    spreads: {
      oursLevelsPerSec: spread(ours),
      ccxtLevelsPerSec: spread(theirs),
      oursTopNNs: spread(topOurs),
      ccxtTopNNs: spread(topCcxt),
      oursDepthBandNs: spread(bandOurs),
      ccxtDepthBandNs: spread(bandCcxt),
    },
  };
}
