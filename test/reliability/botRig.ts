// Shared rig for the reliability scenarios that drive the real bot binary: a simulator on loopback (in this
// test process, so faults can be switched on once the bot is active and their timing shortened to fit a
// short run), the bot as a child process in live mode pointed at it, and the independent checks:
// the simulator's open orders against the bot's state file, orphans, duplicate clientOrderIds, journals.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {startSimulator, type Simulator} from '../../source/sim/simulator.js';
import type {FaultName, FaultTiming} from '../../source/sim/faults.js';
import type {ScenarioName} from '../../source/sim/market/scenarios.js';
import {startCli, type RunningCli} from '../e2e/processHarness.js';

export const PREFIX = 'mmx';

/** Fault timing shortened so every fault fires several times in a run of 20-60 s (100 ms model steps). */
export const FAST_FAULT_TIMING: Partial<FaultTiming> = {
  wsDropPeriodSteps: 100,
  stallPeriodSteps: 200,
  stallSteps: 40,
  gapPeriodSteps: 50,
  burstPeriodSteps: 150,
  burstSteps: 50,
  serverErrorEvery: 7,
  timeoutEvery: 5,
  timeoutHoldMs: 8000,
  kucoinErrorPeriodSteps: 150,
  kucoinErrorSteps: 8,
  listenKeyExpiryPeriodSteps: 120,
  delayedAckEvery: 3,
  delayedAckMs: 1500,
};

interface TestContext {
  after: (fn: () => unknown) => void;
}

export async function startRigSimulator(t: TestContext, opts: {seed: number; scenario?: ScenarioName; faultTiming?: Partial<FaultTiming>} = {seed: 1}): Promise<Simulator> {
  const sim = await startSimulator({
    symbol: 'RMVUSDT',
    referenceSymbol: 'RMV-USDT',
    scenario: opts.scenario ?? 'calm',
    seed: opts.seed,
    // what `mexc-mm sim` funds the test account with (config sim.baseBalance / quoteBalance defaults)
    baseBalance: 16000,
    quoteBalance: 4000,
    faultTiming: opts.faultTiming ?? FAST_FAULT_TIMING,
  });
  t.after(() => sim.close());
  return sim;
}

/**
 * A config for the reliability runs: reconcile every 5 s instead of every 60 s, so an order whose outcome
 * was unknown (timeoutAfterAccept, serverError after execution) is settled within a short run, and rebuild
 * the ladder every 8 s instead of every 30 min, so there is order traffic for the request faults to hit.
 */
export function writeRigConfig(dir: string, resetIntervalSec = 8): string {
  const file = join(dir, 'rig-config.json');
  writeFileSync(file, JSON.stringify({timers: {reconcileIntervalSec: 5, resetIntervalSec}}));
  return file;
}

export function startBot(t: TestContext, sim: Simulator, dataDir: string, extra: string[] = []): RunningCli {
  const run = startCli(
    ['--live', '--yes', '--no-ui', '--mexc-rest', sim.urls.mexcRest, '--mexc-ws', sim.urls.mexcWs, '--kucoin-rest', sim.urls.kucoinRest, '--data-dir', dataDir, ...extra],
    {MEXC_API_KEY: sim.account.apiKey, MEXC_API_SECRET: sim.account.apiSecret},
  );
  t.after(() => {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  });
  return run;
}

export const ourSimOrders = (sim: Simulator): string[] =>
  sim
    .openOrders()
    .map((o) => o.clientOrderId)
    .filter((id) => id.startsWith(PREFIX))
    .sort();

export async function waitUntil<T>(what: string, probe: () => T | undefined | null | false, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

interface StateOrder {
  clientOrderId: string;
  status: string;
}

/** The bot's local view of its orders, from `<data-dir>/state.json` (null while absent or mid-replace). */
export function localOrders(dataDir: string): {ids: string[]; statuses: Record<string, number>; updatedAt: number} | null {
  let state: {orders: StateOrder[]; updatedAt: number};
  try {
    state = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as typeof state;
  } catch {
    return null;
  }
  const statuses: Record<string, number> = {};
  for (const o of state.orders) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  return {ids: state.orders.map((o) => o.clientOrderId).sort(), statuses, updatedAt: state.updatedAt};
}

export interface Convergence {
  agreed: boolean;
  attempts: number;
  ms: number;
  orders: number;
  /** what differed on the last disagreeing look */
  lastDiff: {onlySim: string[]; onlyLocal: string[]; localStatuses: Record<string, number>} | null;
}

/**
 * Compares the simulator's open orders with the bot's local view until they agree: both change all the
 * time (fills, refreshes, the state file is written once a second), so a single look proves nothing.
 * Agreement = the same clientOrderIds, every local order settled (NEW / PARTIALLY_FILLED), and the state
 * file written after the look at the simulator began.
 */
export async function converge(sim: Simulator, dataDir: string, timeoutMs: number): Promise<Convergence> {
  const started = Date.now();
  let attempts = 0;
  let lastDiff: Convergence['lastDiff'] = null;
  while (Date.now() - started < timeoutMs) {
    attempts++;
    const lookedAt = Date.now();
    const remote = ourSimOrders(sim);
    const local = localOrders(dataDir);
    if (local && local.updatedAt >= lookedAt - 1500) {
      const onlySim = remote.filter((id) => !local.ids.includes(id));
      const onlyLocal = local.ids.filter((id) => !remote.includes(id));
      const settled = Object.keys(local.statuses).every((s) => s === 'NEW' || s === 'PARTIALLY_FILLED');
      if (onlySim.length === 0 && onlyLocal.length === 0 && settled && remote.length > 0) {
        return {agreed: true, attempts, ms: Date.now() - started, orders: remote.length, lastDiff};
      }
      lastDiff = {onlySim, onlyLocal, localStatuses: local.statuses};
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {agreed: false, attempts, ms: Date.now() - started, orders: 0, lastDiff};
}

type OrderRecord = {stream: 'orders'; action: string; clientOrderId: string; at: number};
type FillRecord = {stream: 'fills'; clientOrderId: string; tradeId: string; at: number};

export interface JournalCheck {
  files: number;
  lines: number;
  badLines: string[];
  placed: number;
  adopted: number;
  fills: number;
  /** clientOrderIds with more than one "place" record */
  duplicates: string[];
  /** order/fill records naming a clientOrderId never placed nor adopted */
  dangling: string[];
  /** fills whose tradeId appears twice */
  duplicateTrades: string[];
}

/** Reads every journal file of a data dir line by line and checks the orders/fills streams against each other. */
export function checkJournals(dataDir: string): JournalCheck {
  const dir = join(dataDir, 'journal');
  const check: JournalCheck = {files: 0, lines: 0, badLines: [], placed: 0, adopted: 0, fills: 0, duplicates: [], dangling: [], duplicateTrades: []};
  const orderRecords: OrderRecord[] = [];
  const fills: FillRecord[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.ndjson'));
  } catch {
    return check;
  }
  for (const name of names) {
    check.files++;
    const text = readFileSync(join(dir, name), 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) check.badLines.push(`${name}: last line not terminated`);
    for (const line of text.split('\n')) {
      if (!line) continue;
      check.lines++;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        check.badLines.push(`${name}: ${line.slice(0, 120)}`);
        continue;
      }
      if (typeof record !== 'object' || record === null || typeof record.stream !== 'string' || !name.startsWith(`${record.stream}-`)) {
        check.badLines.push(`${name}: wrong stream ${line.slice(0, 120)}`);
        continue;
      }
      if (record.stream === 'orders') orderRecords.push(record as unknown as OrderRecord);
      if (record.stream === 'fills') fills.push(record as unknown as FillRecord);
    }
  }
  const placeCount = new Map<string, number>();
  const known = new Set<string>();
  for (const r of orderRecords) {
    if (r.action === 'place') {
      placeCount.set(r.clientOrderId, (placeCount.get(r.clientOrderId) ?? 0) + 1);
      check.placed++;
    }
    if (r.action === 'adopted') check.adopted++;
    if (r.action === 'place' || r.action === 'adopted') known.add(r.clientOrderId);
  }
  check.duplicates = [...placeCount].filter(([, n]) => n > 1).map(([id]) => id);
  const dangling = new Set<string>();
  for (const r of orderRecords) if (!known.has(r.clientOrderId)) dangling.add(`${r.action} ${r.clientOrderId}`);
  const trades = new Map<string, number>();
  for (const f of fills) {
    check.fills++;
    if (!known.has(f.clientOrderId)) dangling.add(`fill ${f.clientOrderId}`);
    trades.set(f.tradeId, (trades.get(f.tradeId) ?? 0) + 1);
  }
  check.dangling = [...dangling];
  check.duplicateTrades = [...trades].filter(([, n]) => n > 1).map(([id]) => id);
  return check;
}

export const faultList = (names: readonly FaultName[]): string => names.join('+');
