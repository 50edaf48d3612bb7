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
export function localOrders(dataDir: string): {ids: string[]; byId: Record<string, string>; statuses: Record<string, number>; updatedAt: number} | null {
  let state: {orders: StateOrder[]; updatedAt: number};
  try {
    state = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as typeof state;
  } catch {
    return null;
  }
  const statuses: Record<string, number> = {};
  const byId: Record<string, string> = {};
  for (const o of state.orders) {
    statuses[o.status] = (statuses[o.status] ?? 0) + 1;
    byId[o.clientOrderId] = o.status;
  }
  return {ids: state.orders.map((o) => o.clientOrderId).sort(), byId, statuses, updatedAt: state.updatedAt};
}

/** Local statuses of an order the bot holds as resting with a known outcome. */
const SETTLED_STATUSES = new Set(['NEW', 'PARTIALLY_FILLED']);
/**
 * Local statuses of an order whose fate the bot does not know yet: sent and unanswered (PENDING_NEW), a
 * cancel sent and unanswered or lost (PENDING_CANCEL), or "maybe placed" (UNKNOWN, docs/strategy.md §11).
 * Such an order may or may not be on the exchange; the bot settles it by the answer or by reconciliation.
 */
const IN_TRANSIT_STATUSES = new Set(['PENDING_NEW', 'PENDING_CANCEL', 'UNKNOWN']);

/** One look at both views: the simulator's open orders of ours and the bot's state file. */
export interface Look {
  /** same clientOrderIds, every local order settled */
  exact: boolean;
  /**
   * Agreement with the orders in transit accounted for: every order of ours on the simulator is known to
   * the bot, every order the bot holds as settled is open on the simulator, and every other local order
   * is in transit (on the simulator or not: its outcome is not known yet).
   */
  accounted: boolean;
  remote: number;
  /** local orders in transit, id → status */
  inTransit: Record<string, string>;
  diff: {onlySim: string[]; settledNotOnSim: string[]; localStatuses: Record<string, number>};
}

/** Compares one look; null while the state file is missing or older than the look (written once a second). */
export function lookAtBoth(sim: Simulator, dataDir: string): Look | null {
  const lookedAt = Date.now();
  const remote = ourSimOrders(sim);
  const local = localOrders(dataDir);
  if (!local || local.updatedAt < lookedAt - 1500) return null;
  const onSim = new Set(remote);
  const onlySim = remote.filter((id) => local.byId[id] === undefined);
  const settledNotOnSim = local.ids.filter((id) => SETTLED_STATUSES.has(local.byId[id]!) && !onSim.has(id));
  const inTransit: Record<string, string> = {};
  let unexpected = false;
  for (const id of local.ids) {
    const status = local.byId[id]!;
    if (IN_TRANSIT_STATUSES.has(status)) inTransit[id] = status;
    else if (!SETTLED_STATUSES.has(status)) unexpected = true;
  }
  const transitCount = Object.keys(inTransit).length;
  const settledCount = local.ids.length - transitCount;
  const accounted = !unexpected && remote.length > 0 && settledCount > 0 && onlySim.length === 0 && settledNotOnSim.length === 0;
  const exact = accounted && transitCount === 0;
  return {exact, accounted, remote: remote.length, inTransit, diff: {onlySim, settledNotOnSim, localStatuses: local.statuses}};
}

export interface Convergence {
  agreed: boolean;
  attempts: number;
  ms: number;
  orders: number;
  /** what differed on the last disagreeing look */
  lastDiff: Look['diff'] | null;
}

/**
 * Compares the simulator's open orders with the bot's local view until they agree exactly: both change all
 * the time (fills, refreshes, the state file is written once a second), so a single look proves nothing.
 * Exact agreement = the same clientOrderIds, every local order settled (NEW / PARTIALLY_FILLED), and the
 * state file written after the look at the simulator began.
 */
export async function converge(sim: Simulator, dataDir: string, timeoutMs: number): Promise<Convergence> {
  const started = Date.now();
  let attempts = 0;
  let lastDiff: Convergence['lastDiff'] = null;
  while (Date.now() - started < timeoutMs) {
    attempts++;
    const look = lookAtBoth(sim, dataDir);
    if (look?.exact) return {agreed: true, attempts, ms: Date.now() - started, orders: look.remote, lastDiff};
    if (look) lastDiff = look.diff;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {agreed: false, attempts, ms: Date.now() - started, orders: 0, lastDiff};
}

/** What an AgreementWatch saw over its looks. */
export interface AgreementSummary {
  looks: number;
  exactLooks: number;
  accountedLooks: number;
  /** the longest stretch with no agreeing look (exact or accounted), from the watch's start to its end */
  longestDisagreementMs: number;
  /** the longest time one order was seen in transit, and in which status it was last seen so */
  longestTransit: {id: string; ms: number; status: string; settled: boolean} | null;
  /** what differed on the last disagreeing look */
  lastDiff: Look['diff'] | null;
}

/**
 * Looks at both views every `everyMs` and keeps the figures the fault scenario asserts: how long the views
 * went without agreeing, and how long any order stayed in transit (so that "accounted for" can never hide an
 * order the bot fails to settle).
 */
export class AgreementWatch {
  readonly startedAt = Date.now();
  private looks = 0;
  private exactLooks = 0;
  private accountedLooks = 0;
  private lastAgreementAt = this.startedAt;
  private longestDisagreementMs = 0;
  private lastDiff: Look['diff'] | null = null;
  /** id → first time seen in transit and the status last seen (cleared when settled or gone) */
  private readonly transit = new Map<string, {since: number; status: string}>();
  private longestTransit: AgreementSummary['longestTransit'] = null;

  constructor(
    private readonly sim: Simulator,
    private readonly dataDir: string,
  ) {}

  /** One look; returns it (null when the state file was not fresh enough to compare). */
  look(): Look | null {
    const look = lookAtBoth(this.sim, this.dataDir);
    const now = Date.now();
    if (!look) return null;
    this.looks++;
    if (look.exact) this.exactLooks++;
    if (look.accounted) {
      this.accountedLooks++;
      this.lastAgreementAt = now;
    } else {
      this.lastDiff = look.diff;
    }
    this.longestDisagreementMs = Math.max(this.longestDisagreementMs, now - this.lastAgreementAt);
    for (const [id, entry] of this.transit) {
      if (look.inTransit[id] === undefined) {
        this.transit.delete(id);
        this.noteTransit(id, now - entry.since, entry.status, true);
      }
    }
    for (const [id, status] of Object.entries(look.inTransit)) {
      const entry = this.transit.get(id);
      if (entry) entry.status = status;
      else this.transit.set(id, {since: now, status});
    }
    return look;
  }

  /** Looks until `until` (epoch ms) or `stop()` says so. */
  async watchUntil(until: number, stop: () => boolean, everyMs = 250): Promise<void> {
    while (Date.now() < until && !stop()) {
      this.look();
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }

  /** ids in transit right now, with how long they have been */
  inTransitNow(): Map<string, number> {
    const now = Date.now();
    return new Map([...this.transit].map(([id, entry]) => [id, now - entry.since]));
  }

  summary(): AgreementSummary {
    const now = Date.now();
    for (const [id, entry] of this.transit) this.noteTransit(id, now - entry.since, entry.status, false);
    return {
      looks: this.looks,
      exactLooks: this.exactLooks,
      accountedLooks: this.accountedLooks,
      longestDisagreementMs: Math.max(this.longestDisagreementMs, now - this.lastAgreementAt),
      longestTransit: this.longestTransit,
      lastDiff: this.lastDiff,
    };
  }

  private noteTransit(id: string, ms: number, status: string, settled: boolean): void {
    if (!this.longestTransit || ms > this.longestTransit.ms) this.longestTransit = {id, ms, status, settled};
  }
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
