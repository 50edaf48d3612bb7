// Snapshots for the console tests: one realistic compliant RMVUSDT picture and variations of it. Each
// builder returns a fresh object, so a test can change it freely.
import type {BookView, EngineSnapshot, OwnOrderView, PassRates, StreamHealth, ViewLevel} from '../../source/engine/view/snapshot.js';
import type {StreamName} from '../../source/engine/events.js';
import {createTallies} from '../../source/engine/engineTallies.js';

/** 2025-01-15 12:00:00 UTC: the fixtures' "now". */
export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
export const fixedNow = (): number => T0;

/** Levels from [price, size, ownSize], top of book first; cumulative USDT computed as the engine does. */
export function levels(rows: ReadonlyArray<readonly [number, number, number?]>): ViewLevel[] {
  let cumulative = 0;
  return rows.map(([price, size, own]) => {
    cumulative += price * size;
    return {price, size, cumulativeQuote: cumulative, ownSize: own ?? 0};
  });
}

function book(bids: ViewLevel[], asks: ViewLevel[], lastUpdateAt: number, version: number): BookView {
  return {bids, asks, synced: true, lastUpdateAt, version};
}

/** KuCoin: deep, tight book around 0.012345. */
function kucoinBook(): BookView {
  const bids: Array<[number, number]> = [];
  const asks: Array<[number, number]> = [];
  for (let i = 0; i < 20; i += 1) {
    bids.push([Number((0.01234 - i * 0.00001).toFixed(5)), 80_000 + i * 15_000]);
    asks.push([Number((0.01235 + i * 0.00001).toFixed(5)), 75_000 + i * 14_000]);
  }
  return book(levels(bids), levels(asks), T0 - 200, 88_231_004);
}

/** MEXC: thin book of others plus our five levels per side (own sizes marked). */
function mexcBook(): BookView {
  const bids = levels([
    [0.012331, 12_000, 12_000],
    [0.012300, 3_500],
    [0.012290, 20_000, 20_000],
    [0.012250, 20_400, 20_400],
    [0.012200, 8_000],
    [0.012180, 21_000, 21_000],
    [0.012120, 21_500, 21_500],
  ]);
  const asks = levels([
    [0.012359, 11_500, 11_500],
    [0.012380, 4_000],
    [0.012400, 19_500, 19_500],
    [0.012450, 19_300, 19_300],
    [0.012500, 6_000],
    [0.012520, 19_000, 19_000],
    [0.012580, 18_800, 18_800],
  ]);
  return book(bids, asks, T0 - 400, 5_501_220);
}

function order(clientOrderId: string, side: 'BUY' | 'SELL', price: number, qty: number, filled = 0): OwnOrderView {
  return {clientOrderId, orderId: `C02__${clientOrderId.slice(-4)}`, side, price, qty, filled, status: filled > 0 ? 'PARTIALLY_FILLED' : 'NEW', createdAt: T0 - 600_000};
}

function ourOrders(): OwnOrderView[] {
  return [
    order('mm1-b-0001', 'BUY', 0.012331, 12_000),
    order('mm1-b-0002', 'BUY', 0.01229, 20_000),
    order('mm1-b-0003', 'BUY', 0.01225, 20_400),
    order('mm1-b-0004', 'BUY', 0.01218, 21_000),
    order('mm1-b-0005', 'BUY', 0.01212, 21_500),
    order('mm1-s-0001', 'SELL', 0.012359, 11_500, 500),
    order('mm1-s-0002', 'SELL', 0.0124, 19_500),
    order('mm1-s-0003', 'SELL', 0.01245, 19_300),
    order('mm1-s-0004', 'SELL', 0.01252, 19_000),
    order('mm1-s-0005', 'SELL', 0.01258, 18_800),
  ];
}

const rates = (perSide: number, samples: number): PassRates => ({
  perSide,
  combined: 100,
  bid: Math.min(100, perSide + 0.4),
  ask: Math.min(100, perSide + 0.3),
  spread: 100,
  samples,
});

const live = (at: number): StreamHealth => ({state: 'live', reason: null, lastMessageAt: at});

function streams(): Record<StreamName, StreamHealth> {
  return {
    'kucoin.book': live(T0 - 200),
    'mexc.book': live(T0 - 400),
    'mexc.user': live(T0 - 5_000),
    'mexc.listenKey': live(T0 - 600_000),
    'mexc.rest': live(T0 - 1_000),
  };
}

/** Everything healthy: both sides above the 1,250 USDT target, spread 0.23 %. */
export function compliantSnapshot(): EngineSnapshot {
  return {
    mode: 'sim',
    symbol: 'RMVUSDT',
    referenceSymbol: 'RMV-USDT',
    baseAsset: 'RMV',
    quoteAsset: 'USDT',
    pid: 4242,
    startedAt: T0 - (3 * 3600 + 125) * 1000,
    updatedAt: T0 - 100,
    paused: false,
    halted: null,
    suspension: null,
    pricing: {step: 'reference', since: T0 - 3 * 3_600_000, detail: 'pricing from the reference', widenLevel: 0, referenceStaleSince: null, outage: 'KuCoin live'},
    books: {mexc: mexcBook(), kucoin: kucoinBook()},
    fair: {price: 0.0123452, model: 'cross-venue-depth-weighted', mexcMid: 0.012345, kucoinMid: 0.012345, mexcDepth: 1_402, kucoinDepth: 61_880},
    spread: {mexc: 0.00227, kucoin: 0.00081},
    depth: {bid: 1_402, ask: 1_388, combined: 2_790},
    depthTarget: 1_250,
    bandPct: 0.02,
    compliance: {
      now: {
        at: T0 - 1000,
        pass: true,
        passCombined: true,
        spread: 0.00227,
        bidDepth: 1_402,
        askDepth: 1_388,
        combinedDepth: 2_790,
        ownBidDepth: 1_311,
        ownAskDepth: 1_307,
        reason: null,
        checks: {bid: true, ask: true, spread: true},
      },
      lastHour: rates(99.6, 3_600),
      lastDay: rates(99.2, 86_400),
      streakSec: 3 * 3600 + 2 * 60,
      longestGapSec: 250,
      lastFailure: {at: T0 - (3 * 3600 + 125) * 1000, reason: 'ask depth 870 < 1,000'},
    },
    orders: ourOrders(),
    balances: {
      base: {asset: 'RMV', free: 215_400, locked: 88_100},
      quote: {asset: 'USDT', free: 2_612.5, locked: 1_165.27},
      baseRatio: 0.498,
    },
    sides: {
      bid: {quoting: true, reason: null, ownDepth: 1_311, target: 1_250, shortfall: 0},
      ask: {quoting: true, reason: null, ownDepth: 1_307, target: 1_250, shortfall: 0},
    },
    streams: streams(),
    counters: {
      events: 181_220,
      decisions: 9_310,
      coalescedBookEvents: 171_004,
      queueDepth: 0,
      queueHighWater: 37,
      requests: 2_410,
      throttled: 0,
      rateLimited: 0,
      ordersPlaced: 412,
      ordersCancelled: 402,
      ordersRejected: 1,
      unknownOutcomes: 0,
      fills: 31,
      resyncs: 2,
      malformed: 0,
      invalidTransitions: 0,
      errors: 0,
    },
    tallies: createTallies(),
    lastError: null,
    nextResetAt: T0 + (12 * 60 + 34) * 1000,
    reconciledAt: T0,
    recentEvents: [
      {at: T0 - 65_000, level: 'info', text: 'reset: 10 orders rebuilt level by level'},
      {at: T0 - 20_000, level: 'info', text: 'fill SELL 500 RMV @ 0.012359 (maker)'},
      {at: T0 - 4_000, level: 'warn', text: 'order mm1-b-0006 rejected: 30005 oversold'},
    ],
    ledger: null,
    history: [],
  };
}

/** Kill switch tripped: no orders, both sides held. */
export function haltedSnapshot(): EngineSnapshot {
  const s = compliantSnapshot();
  s.halted = {since: T0 - 250_000, reason: 'repeated order errors'};
  s.orders = [];
  for (const side of [s.books.mexc.bids, s.books.mexc.asks]) {
    for (const level of side) level.ownSize = 0;
  }
  s.sides = {
    bid: {quoting: false, reason: 'halted: repeated order errors', ownDepth: 0, target: 1_250, shortfall: 0},
    ask: {quoting: false, reason: 'halted: repeated order errors', ownDepth: 0, target: 1_250, shortfall: 0},
  };
  s.lastError = {at: T0 - 251_000, message: 'placing order: code 30004 insufficient position'};
  return s;
}

/** KuCoin feed silent for 14 s: reference stale, quotes held. */
export function staleReferenceSnapshot(): EngineSnapshot {
  const s = compliantSnapshot();
  s.books.kucoin.lastUpdateAt = T0 - 14_000;
  s.streams['kucoin.book'] = {state: 'stale', reason: 'no message for 14s', lastMessageAt: T0 - 14_000};
  s.fair.price = null;
  s.sides.bid = {quoting: false, reason: 'stale reference', ownDepth: 1_311, target: 1_250, shortfall: 0};
  s.sides.ask = {quoting: false, reason: 'stale reference', ownDepth: 1_307, target: 1_250, shortfall: 0};
  return s;
}

/** The ask side below the minimum: the current sample fails with a reason; the streak is a failing one. */
export function nonCompliantSnapshot(): EngineSnapshot {
  const s = compliantSnapshot();
  s.compliance.now = {
    at: T0 - 1000,
    pass: false,
    passCombined: true,
    spread: 0.0031,
    bidDepth: 1_402,
    askDepth: 870,
    combinedDepth: 2_272,
    ownBidDepth: 1_311,
    ownAskDepth: 790,
    reason: 'ask depth 870 < 1,000',
    checks: {bid: true, ask: false, spread: true},
  };
  s.compliance.streakSec = -42;
  s.compliance.lastHour = rates(93.4, 3_600);
  s.compliance.lastDay = rates(97.8, 86_400);
  s.compliance.lastFailure = {at: T0 - 42_000, reason: 'ask depth 870 < 1,000'};
  s.sides.ask = {quoting: true, reason: 'no balance: 790 of 1,250 USDT funded', ownDepth: 790, target: 1_250, shortfall: 460};
  s.balances.base = {asset: 'RMV', free: 0, locked: 64_100};
  s.balances.baseRatio = 0.121;
  return s;
}

/** Operator pause: orders stay, nothing new placed. */
export function pausedSnapshot(): EngineSnapshot {
  const s = compliantSnapshot();
  s.paused = true;
  s.sides.bid = {...s.sides.bid, reason: 'paused'};
  s.sides.ask = {...s.sides.ask, reason: 'paused'};
  return s;
}

/** Real money. */
export function liveSnapshot(): EngineSnapshot {
  const s = compliantSnapshot();
  s.mode = 'live';
  return s;
}

/** A SnapshotSource over a mutable current snapshot, with a publish() to push a new one. */
export function snapshotFeed(initial: EngineSnapshot): {
  get(): EngineSnapshot;
  subscribe(listener: () => void): () => void;
  publish(next: EngineSnapshot): void;
  listeners(): number;
} {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(next) {
      current = next;
      for (const listener of listeners) listener();
    },
    listeners: () => listeners.size,
  };
}
