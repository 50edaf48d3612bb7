// Realistic fixtures for the store tests: an RMVUSDT snapshot as a running sim-mode engine would build it
// (10-level books, a 5×5 ladder, a day of per-minute compliance history), plus temp-dir and wait helpers.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import type {TestContext} from 'node:test';
import type {InventoryReading, LedgerView, PnlFigures} from '../../source/engine/view/ledgerView.js';
import {emptyFigures} from '../../source/engine/ledger/pnlPeriod.js';
import type {
  BookView,
  ComplianceMinute,
  EngineSnapshot,
  OwnOrderView,
  PersistedCompliance,
  PersistedState,
  ViewLevel,
} from '../../source/engine/view/snapshot.js';

export const fixtureNow = Date.parse('2025-03-14T12:30:00.000Z');

function ladder(side: 'bid' | 'ask', top: number, step: number, sizes: number[], own: number[]): ViewLevel[] {
  let cumulative = 0;
  return sizes.map((size, i) => {
    const price = Number((side === 'bid' ? top - i * step : top + i * step).toFixed(6));
    cumulative += price * size;
    return {price, size, cumulativeQuote: Number(cumulative.toFixed(6)), ownSize: own[i] ?? 0};
  });
}

function book(mid: number, step: number, sizes: number[], own: number[], at: number, version: number): BookView {
  return {
    bids: ladder('bid', mid - step, step, sizes, own),
    asks: ladder('ask', mid + step, step, sizes, own),
    synced: true,
    lastUpdateAt: at,
    version,
  };
}

function orders(at: number): OwnOrderView[] {
  const out: OwnOrderView[] = [];
  for (let i = 0; i < 5; i++) {
    out.push({
      clientOrderId: `mmx${(1000 + i).toString(36)}b`,
      orderId: `C02__${500000000 + i}`,
      side: 'BUY',
      price: Number((0.012462 - i * 0.00004).toFixed(6)),
      qty: 16000,
      filled: i === 0 ? 1200 : 0,
      status: i === 0 ? 'PARTIALLY_FILLED' : 'NEW',
      createdAt: at - 60_000 * (i + 1),
    });
    out.push({
      clientOrderId: `mmx${(2000 + i).toString(36)}a`,
      orderId: i === 4 ? null : `C02__${600000000 + i}`,
      side: 'SELL',
      price: Number((0.012538 + i * 0.00004).toFixed(6)),
      qty: 16000,
      filled: 0,
      status: i === 4 ? 'PENDING_NEW' : 'NEW',
      createdAt: at - 30_000 * (i + 1),
    });
  }
  return out;
}

/** A day of per-minute aggregates ending at `now`: mostly passing, with a 20-minute outage 3 hours ago. */
export function complianceMinutes(now: number, count = 1440): ComplianceMinute[] {
  const last = Math.floor(now / 60_000);
  const minutes: ComplianceMinute[] = [];
  for (let m = last - count + 1; m <= last; m++) {
    const outage = m > last - 200 && m <= last - 180;
    minutes.push({
      minute: m,
      samples: 60,
      pass: outage ? 12 : 60,
      passCombined: outage ? 40 : 60,
      bidPass: outage ? 20 : 60,
      askPass: 60,
      spreadPass: outage ? 50 : 60,
    });
  }
  return minutes;
}

export function makeSnapshot(overrides: Partial<EngineSnapshot> = {}): EngineSnapshot {
  const at = overrides.updatedAt ?? fixtureNow;
  return {
    mode: 'sim',
    symbol: 'RMVUSDT',
    referenceSymbol: 'RMV-USDT',
    baseAsset: 'RMV',
    quoteAsset: 'USDT',
    pid: process.pid,
    startedAt: at - 3 * 3_600_000,
    updatedAt: at,
    paused: false,
    halted: null,
    suspension: null,
    pricing: {step: 'reference', since: at - 3 * 3_600_000, detail: 'pricing from the reference', widenLevel: 0, referenceStaleSince: null, outage: 'KuCoin live'},
    books: {
      mexc: book(0.0125, 0.000038, [16000, 16000, 22000, 18000, 16000, 9000, 30000, 12000, 16000, 40000], [16000, 16000, 0, 0, 16000], at - 120, 88123456),
      kucoin: book(0.012503, 0.00001, [90000, 120000, 150000, 80000, 200000, 110000, 95000, 130000, 175000, 60000], [], at - 80, 1790345123),
    },
    fair: {price: 0.0125015, model: 'cross-venue-depth-weighted', mexcMid: 0.0125, kucoinMid: 0.012503, mexcDepth: 3180.44, kucoinDepth: 42810.9},
    spread: {mexc: 0.00608, kucoin: 0.0016},
    depth: {bid: 1402.51, ask: 1377.93, combined: 2780.44},
    depthTarget: 1250,
    bandPct: 0.02,
    compliance: {
      now: {
        at: at - 400,
        pass: true,
        passCombined: true,
        spread: 0.00608,
        bidDepth: 1402.51,
        askDepth: 1377.93,
        combinedDepth: 2780.44,
        ownBidDepth: 997.9,
        ownAskDepth: 1003.5,
        reason: null,
        checks: {bid: true, ask: true, spread: true},
      },
      lastHour: {perSide: 100, combined: 100, bid: 100, ask: 100, spread: 100, samples: 3600},
      lastDay: {perSide: 98.67, combined: 99.31, bid: 99.11, ask: 100, spread: 99.86, samples: 86400},
      streakSec: 10_800,
      longestGapSec: 1_200,
      lastFailure: {at: at - 3 * 3_600_000, reason: 'bid depth 612.40 < 1000 USDT'},
    },
    orders: orders(at),
    balances: {
      base: {asset: 'RMV', free: 250_000.5, locked: 78_800},
      quote: {asset: 'USDT', free: 2_980.12, locked: 997.9},
      baseRatio: 0.5091,
    },
    sides: {
      bid: {quoting: true, reason: null, ownDepth: 997.9, target: 1250, shortfall: 0},
      ask: {quoting: false, reason: 'rate-limited: MEXC REST backing off until 12:30:05', ownDepth: 1003.5, target: 1250, shortfall: 0},
    },
    streams: {
      'kucoin.book': {state: 'live', reason: null, lastMessageAt: at - 80},
      'mexc.book': {state: 'live', reason: null, lastMessageAt: at - 120},
      'mexc.user': {state: 'live', reason: null, lastMessageAt: at - 5_000},
      'mexc.listenKey': {state: 'live', reason: null, lastMessageAt: at - 600_000},
      'mexc.rest': {state: 'stale', reason: 'rate limited until 12:30:05', lastMessageAt: at - 2_000},
    },
    counters: {
      events: 1_204_332,
      decisions: 41_220,
      coalescedBookEvents: 980_114,
      queueDepth: 0,
      queueHighWater: 212,
      requests: 4_410,
      throttled: 3,
      rateLimited: 1,
      ordersPlaced: 1_902,
      ordersCancelled: 1_880,
      ordersRejected: 4,
      unknownOutcomes: 1,
      fills: 37,
      resyncs: 2,
      malformed: 0,
      invalidTransitions: 0,
      errors: 5,
    },
    tallies: {
      rejectedByReason: {insufficientFunds: 3, other: 1},
      fills: {bid: {count: 20, base: 81_000, quote: 20_250.5}, ask: {count: 17, base: 64_000, quote: 16_012}},
      decisionLatency: {bounds: [0.001, 0.01], counts: [41_000, 210, 10], sumSec: 9.4, count: 41_220},
    },
    lastError: {at: at - 95_000, message: 'POST /api/v3/order: 429 Too Many Requests'},
    nextResetAt: at + 17 * 60_000,
    reconciledAt: at,
    recentEvents: [
      {at: at - 95_000, level: 'warn', text: 'rate limited: backing off 5 s'},
      {at: at - 30_000, level: 'info', text: 'reset: rebuilt 10 orders level by level'},
    ],
    ledger: null,
    history: [],
    ...overrides,
  };
}

export function makeComplianceHistory(now = fixtureNow): PersistedCompliance {
  return {
    version: 1,
    minutes: complianceMinutes(now),
    longestGapSec: 1_200,
    lastFailure: {at: now - 3 * 3_600_000, reason: 'bid depth 612.40 < 1000 USDT'},
    streakStartAt: now - 10_800_000,
    streakPass: true,
  };
}

export function makePersistedState(overrides: Partial<PersistedState> = {}): PersistedState {
  const {complianceHistory, ledgerState, minuteHistory, schemaVersion: _ignored, ...rest} = overrides;
  return {
    ...makeSnapshot(rest),
    schemaVersion: 1,
    complianceHistory: complianceHistory ?? makeComplianceHistory(rest.updatedAt ?? fixtureNow),
    ledgerState: ledgerState ?? null,
    minuteHistory: minuteHistory ?? [],
  };
}

/** P&L figures over [from, to]: zero but for `figures` (adverse selection follows the 60 s markout sum). */
export function makePnlFigures(from: number, to: number, figures: Partial<PnlFigures> = {}): PnlFigures {
  const empty = emptyFigures(from, to);
  const markoutSums = {...empty.markoutSums, ...figures.markoutSums};
  return {
    ...empty,
    adverseSelection: markoutSums.s60 === 0 ? 0 : -markoutSums.s60,
    ...figures,
    markoutSums,
    markoutCounts: {...empty.markoutCounts, ...figures.markoutCounts},
  };
}

/** RMV and USDT valued at `mark`. */
export function inventoryAt(at: number, base: number, quote: number, mark: number): InventoryReading {
  return {at, base, quote, mark, baseRatio: (base * mark) / (base * mark + quote)};
}

/**
 * The ledger of the fixture's bot two days in: it began with 330,000 RMV and 4,000 USDT; today 12 fills
 * sold 1,200 RMV net, and quoting cost 1.2345 USDT against holding; its open hour is 12:00.
 */
export function makeLedgerView(now = fixtureNow): LedgerView {
  const start = inventoryAt(now - 2 * 86_400_000, 330_000, 4_000, 0.0124);
  const day = Math.floor(now / 86_400_000) * 86_400_000;
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  const today = makePnlFigures(day, now, {
    fills: 12, buys: 5, sells: 7, boughtBase: 40_000, soldBase: 41_200, boughtQuote: 499.6, soldQuote: 515.41, turnover: 1_015.01,
    fees: 0.4060, baseChange: -1_200, quoteChange: 15.4040, vsHold: -1.2345, markToMarket: 2.215, realised: 0.8512,
    markoutSums: {s1: -0.0412, s10: -0.1375, s60: -0.2804}, markoutCounts: {s1: 11, s10: 11, s60: 11},
  });
  const sinceStart = makePnlFigures(start.at, now, {
    fills: 37, buys: 20, sells: 17, boughtBase: 81_000, soldBase: 82_199.5, boughtQuote: 1_010.6, soldQuote: 1_031.9, turnover: 2_042.5,
    fees: 0.817, baseChange: -1_199.5, quoteChange: 20.483, vsHold: -3.9021, markToMarket: 6.0153, realised: 2.3004,
    markoutSums: {s1: -0.1201, s10: -0.4117, s60: -0.9312}, markoutCounts: {s1: 36, s10: 36, s60: 36},
  });
  return {
    start,
    now: inventoryAt(now, 328_800.5, 4_020.483, 0.012503),
    position: -1_199.5,
    averageCost: 0.01249,
    unrealised: 0.0156,
    sinceStart,
    today,
    hours: [makePnlFigures(hour - 3_600_000, hour, {fills: 3, turnover: 250.1, fees: 0.1, vsHold: -0.3}), makePnlFigures(hour, now, {fills: 1, turnover: 62.5, fees: 0.025, vsHold: -0.05})],
    days: [today],
    recentFills: [],
    pendingMarkouts: 1,
    duplicateFills: 0,
  };
}

/**
 * A fresh temp directory removed after the test. The test's own after-hooks run later (in the order they
 * were added), so a writer they stop may still add a file while the tree goes: rm retries then.
 */
export async function tempDir(t: TestContext, prefix = 'mexc-mm-store-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, {recursive: true, force: true, maxRetries: 5, retryDelay: 50}));
  return dir;
}

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A pid that belonged to a process which has exited (spawned and reaped here). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
  const pid = child.pid;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (pid === undefined) throw new Error('spawn gave no pid');
  return pid;
}

/** A writable stream that collects what is written. */
export function captureStream(): {stream: NodeJS.WritableStream; text: () => string} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return {stream, text: () => chunks.join('')};
}

export interface ChildHandle {
  child: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<void>;
}

/** Runs test/store/children/<script> under tsx; killed (SIGKILL) after the test if still running. */
export function spawnChildScript(t: TestContext, script: string, args: string[], as?: {uid: number; gid: number}): ChildHandle {
  const path = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], {stdio: ['ignore', 'pipe', 'pipe'], ...as});
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  if (child.pid === undefined) throw new Error(`could not spawn ${script}`);
  return {child, pid: child.pid, output: () => out, exited};
}
