// Snapshots for the console tests: one realistic compliant RMVUSDT picture and variations of it. Each
// builder returns a fresh object, so a test can change it freely.
import type {BookView, EngineSnapshot, LedgerView, MinutePoint, OwnOrderView, PassRates, StreamHealth, ViewLevel} from '../../source/engine/view/snapshot.js';
import type {StreamName} from '../../source/engine/events.js';
import {createTallies} from '../../source/engine/engineTallies.js';
import type {BookPanelInput} from '../../source/ui/viewModel/bookView.js';

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

type PnlFigures = LedgerView['today'];
type LedgerFill = LedgerView['recentFills'][number];

/** When this run's ledger began: with the run (T0 − 3h02m05s, 08:57:55 UTC). */
const LEDGER_START = T0 - (3 * 3600 + 125) * 1000;
const DAY_START = Date.UTC(2025, 0, 15);

/** The markout in USDT as the ledger defines it: side × (mid later − price) × qty. */
const markout = (side: 'BUY' | 'SELL', price: number, qty: number, mid: number | null): number | null =>
  mid === null ? null : (side === 'BUY' ? 1 : -1) * (mid - price) * qty;

/** One of our fills with the reference mids 1 s, 10 s and 60 s later (null: not measured yet). */
export function ledgerFill(at: number, side: 'BUY' | 'SELL', price: number, qty: number, mids: [number | null, number | null, number | null], tradeId: string): LedgerFill {
  const quote = price * qty;
  return {
    at,
    tradeId,
    clientOrderId: `mm1-${side === 'BUY' ? 'b' : 's'}-${tradeId.slice(-4)}`,
    orderId: `C02__${tradeId.slice(-4)}`,
    side,
    price,
    qty,
    quote,
    fee: quote * 0.0002,
    feeAsset: 'USDT',
    feeQuote: quote * 0.0002,
    refMid: 0.012345,
    mexcMid: 0.012345,
    markoutMids: {s1: mids[0], s10: mids[1], s60: mids[2]},
    markouts: {s1: markout(side, price, qty, mids[0]), s10: markout(side, price, qty, mids[1]), s60: markout(side, price, qty, mids[2])},
  };
}

/** The newest fills of the run, newest last: two still wait for their 60 s markout, one for its 10 s one. */
function recentFills(): LedgerFill[] {
  return [
    ledgerFill(T0 - 1_200_000, 'BUY', 0.01232, 500, [0.012331, 0.012329, null], 't-9012'), // KuCoin was stale at +60 s
    ledgerFill(T0 - 610_000, 'BUY', 0.012331, 12_000, [0.01234, 0.012338, 0.012322], 't-9013'),
    ledgerFill(T0 - 300_000, 'SELL', 0.012359, 11_500, [0.012352, 0.012355, 0.012368], 't-9014'),
    ledgerFill(T0 - 95_000, 'BUY', 0.01229, 20_000, [0.012286, 0.012281, 0.012275], 't-9015'),
    ledgerFill(T0 - 20_000, 'SELL', 0.012359, 500, [0.01235, 0.012347, null], 't-9016'),
    ledgerFill(T0 - 3_100, 'BUY', 0.012331, 12_000, [0.012335, null, null], 't-9017'),
  ];
}

/** P&L figures over a period: this run's 31 fills unless overridden. */
export function pnlFigures(overrides: Partial<PnlFigures> = {}): PnlFigures {
  return {
    from: LEDGER_START,
    to: T0 - 100,
    fills: 31,
    buys: 17,
    sells: 14,
    boughtBase: 210_000,
    soldBase: 197_600,
    boughtQuote: 2_589.3,
    soldQuote: 2_441.94,
    turnover: 5_031.24,
    fees: 1.01,
    baseChange: 12_400,
    quoteChange: -148.37,
    vsHold: -3.42,
    markToMarket: -7.86,
    realised: 1.92,
    markoutSums: {s1: 0.42, s10: -1.1, s60: -3.85},
    markoutCounts: {s1: 31, s10: 30, s60: 28},
    adverseSelection: 3.85,
    ...overrides,
  };
}

/** This run's ledger: 12,400 RMV bought on balance, the base ratio up from 47.8 % to 49.8 %. */
export function ledgerView(): LedgerView {
  const hour = (h: number, fills: number, vsHold: number): PnlFigures =>
    pnlFigures({from: DAY_START + h * 3_600_000, to: DAY_START + (h + 1) * 3_600_000, fills, vsHold});
  return {
    start: {at: LEDGER_START, base: 291_100, quote: 3_926.14, mark: 0.01236, baseRatio: 0.478},
    now: {at: T0 - 100, base: 303_500, quote: 3_777.77, mark: 0.012345, baseRatio: 0.498},
    position: 12_400,
    averageCost: 0.012342,
    unrealised: 0.04,
    sinceStart: pnlFigures(),
    today: pnlFigures({from: DAY_START}),
    hours: [hour(8, 2, -0.21), hour(9, 11, -1.3), hour(10, 9, -0.95), {...hour(11, 9, -0.96), to: T0 - 100}],
    days: [pnlFigures({from: DAY_START})],
    recentFills: recentFills(),
    pendingMarkouts: 2,
    duplicateFills: 0,
  };
}

/**
 * Six hours of minutes up to the fixtures' current minute (11:59): a previous run from 05:59 to 08:39, the
 * bot down until this run began at 08:57, a bad stretch at 07:30 (ask depth thin), the start-up minute
 * failing, one failing minute at 11:23; depth around 1.1× the target, the base ratio drifting 47.8 → 49.8 %.
 */
export function minuteHistory(): MinutePoint[] {
  const now = Math.floor((T0 - 100) / 60_000);
  const first = now - 359;
  const down = {from: Math.floor(Date.UTC(2025, 0, 15, 8, 40) / 60_000), until: Math.floor(LEDGER_START / 60_000)};
  const thin = new Map<number, number>([
    [Math.floor(Date.UTC(2025, 0, 15, 7, 30) / 60_000), 40],
    [Math.floor(Date.UTC(2025, 0, 15, 7, 31) / 60_000), 52],
    [Math.floor(Date.UTC(2025, 0, 15, 7, 32) / 60_000), 58],
    [down.until, 55],
    [Math.floor(Date.UTC(2025, 0, 15, 11, 23) / 60_000), 48],
  ]);
  const points: MinutePoint[] = [];
  for (let minute = first; minute <= now; minute += 1) {
    if (minute >= down.from && minute < down.until) continue;
    const pass = thin.get(minute) ?? 60;
    const wave = Math.sin((minute - first) / 17);
    points.push({
      minute,
      samples: 60,
      pass,
      bidDepth: 1_380 + 60 * wave,
      askDepth: pass < 60 ? 1_250 * (0.7 + (0.3 * pass) / 60) : 1_370 - 50 * wave,
      target: 1_250,
      baseRatio: 0.478 + (0.02 * (minute - first)) / 359 + 0.002 * Math.cos((minute - first) / 23),
    });
  }
  return points;
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
    ledger: ledgerView(),
    history: minuteHistory(),
  };
}

/** Just started: no ledger yet (no balances or reference price), no minutes recorded. */
export function freshStartSnapshot(): EngineSnapshot {
  const s = compliantSnapshot();
  s.ledger = null;
  s.history = [];
  return s;
}

/** The ledger has begun, nothing has filled yet; a few minutes recorded. */
export function noFillsSnapshot(): EngineSnapshot {
  const s = compliantSnapshot();
  const ledger = ledgerView();
  const empty = pnlFigures({
    fills: 0, buys: 0, sells: 0, boughtBase: 0, soldBase: 0, boughtQuote: 0, soldQuote: 0, turnover: 0, fees: 0, baseChange: 0,
    quoteChange: 0, vsHold: 0, markToMarket: -1.2, realised: 0, markoutSums: {s1: 0, s10: 0, s60: 0}, markoutCounts: {s1: 0, s10: 0, s60: 0},
    adverseSelection: 0,
  });
  s.ledger = {...ledger, now: {...ledger.start, at: T0 - 100}, position: 0, averageCost: null, unrealised: 0, sinceStart: empty, today: empty, hours: [], days: [empty], recentFills: [], pendingMarkouts: 0};
  s.history = minuteHistory().slice(-4);
  return s;
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

/** The next snapshot of a quiet market: a new object, every field the 80x24 screen does not show moved. */
export function quietNextSnapshot(): EngineSnapshot {
  const s = compliantSnapshot();
  s.pid += 1;
  s.updatedAt += 200; // the snapshot's own time: shown only once it is 5 s old
  s.counters = {...s.counters, events: s.counters.events + 900, decisions: s.counters.decisions + 3, requests: s.counters.requests + 2}; // counters show on a tall terminal only
  s.books.kucoin = {...s.books.kucoin, version: (s.books.kucoin.version ?? 0) + 17, lastUpdateAt: T0 - 50}; // its age shows from 2 s on
  s.books.kucoin.bids[10] = {...s.books.kucoin.bids[10]!, size: 1}; // far below the three levels shown
  s.streams['mexc.user'] = {...s.streams['mexc.user'], lastMessageAt: T0 - 100}; // a live stream's age is not shown
  s.compliance.now = {...s.compliance.now!, at: T0 - 200, ownBidDepth: 1_312};
  s.tallies.decisionLatency = {...s.tallies.decisionLatency};
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

/** What the console's MEXC book panel is built from, for `snapshot` at T0: 4 levels, 6 decimals, no own column. */
export function mexcBookInput(snapshot: EngineSnapshot, overrides: Partial<BookPanelInput> = {}): BookPanelInput {
  return {
    venue: 'MEXC',
    symbol: snapshot.symbol,
    role: null,
    book: snapshot.books.mexc,
    health: snapshot.streams['mexc.book'],
    levels: 4,
    decimals: 6,
    showOwnColumn: false,
    now: T0,
    ...overrides,
  };
}
