// Headless bot runs against the simulator, ours and the baseline, on one scenario and seed. Ours is the
// real binary in sim mode (its own in-process simulator); while it runs, its state file is read every
// second for the request counter and our resting orders. The simulator's independent observer summary
// comes from the bot's last log line.
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {binPath, exitWithin, jsonLines, startProcess} from './childProcess.js';
import type {ObserverSummary} from '../source/sim/market/observer.js';
import type {EngineSnapshot} from '../source/engine/view/snapshot.js';
import {ProcSampler} from './procSampler.js';
import {readSimRecord} from '../source/sim/record/recordFile.js';
import {defaultConfig} from '../source/config/configSchema.js';
import {requestFloor, type RequestFloor} from './requestFloor.js';

export type Scenario = 'calm' | 'volatile' | 'stress';

/** Compliance requirement: 1,000 USDT on each side. */
export const REQUIRED_CAPITAL_USDT = 2 * 1000;

export interface RequestWindow {
  /** first and last sample of the window, ms since the epoch */
  from: number;
  to: number;
  seconds: number;
  requests: number;
  perHour: number;
}

export interface OurRun {
  scenario: Scenario;
  seed: number;
  durationSec: number;
  exitCode: number | null;
  totalRequests: number;
  window: RequestWindow | null;
  /** the fewest requests that could have re-placed the window's fills (requestFloor.ts) */
  floor: RequestFloor | null;
  observer: ObserverSummary | null;
  leftoverOrders: number | null;
  counters: Record<string, number> | null;
  /** value of our resting orders / 2,000 USDT, over the window */
  capitalMean: number | null;
  capitalMax: number | null;
  /** CPU % of one core of the whole process (bot + its in-process simulator) */
  cpuPct: number | null;
  stderrTail: string;
}

export interface BaselineRun {
  scenario: Scenario;
  seed: number;
  durationSec: number;
  exitCode: number | null;
  totalRequests: number;
  window: RequestWindow | null;
  floor: RequestFloor | null;
  observer: ObserverSummary | null;
  refreshes: number;
  leftovers: number | null;
  cpuPct: number | null;
  stderrTail: string;
}

interface StateSample {
  at: number;
  requests: number;
  capitalUsdt: number;
}

function windowOf(samples: ReadonlyArray<{at: number; requests: number}>, from: number): RequestWindow | null {
  const inside = samples.filter((s) => s.at >= from);
  if (inside.length < 2) return null;
  const first = inside[0]!;
  const last = inside[inside.length - 1]!;
  const seconds = (last.at - first.at) / 1000;
  const requests = last.requests - first.requests;
  return {from: first.at, to: last.at, seconds, requests, perHour: seconds > 0 ? (requests / seconds) * 3600 : Number.NaN};
}

/**
 * The request floor of a run's window, from its simulator's record (the test account's trades; the
 * venue's clock is the wall clock the window was sampled on), at the default per-order cap: null when the
 * record could not be read.
 */
async function floorOf(recordPath: string, window: RequestWindow | null): Promise<RequestFloor | null> {
  if (!window) return null;
  try {
    const record = await readSimRecord(recordPath);
    return requestFloor(record.trades, window, defaultConfig().risk.maxOrderNotionalUsdt);
  } catch {
    return null;
  }
}

async function readState(dataDir: string): Promise<EngineSnapshot | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as EngineSnapshot;
  } catch {
    return null; // not written yet
  }
}

/** Value of our resting orders (unfilled part), in USDT. */
export function restingValue(snapshot: EngineSnapshot): number {
  let total = 0;
  for (const order of snapshot.orders) total += order.price * Math.max(0, order.qty - order.filled);
  return total;
}

/** `extraArgs`: more flags for the bot (the cost bench's --config and --sim-record) */
export async function runOurs(opts: {scenario: Scenario; seed: number; durationSec: number; warmSec: number; extraArgs?: readonly string[]}): Promise<OurRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mexc-mm-bench-'));
  try {
    // the simulator's record gives the window's fills for the request floor (the cost bench names its own)
    const extra = opts.extraArgs ?? [];
    const named = extra.indexOf('--sim-record');
    const recordPath = named >= 0 ? extra[named + 1]! : join(dataDir, 'sim-record.json');
    const recordArgs = named >= 0 ? [] : ['--sim-record', recordPath];
    const proc = startProcess([binPath, '--no-ui', '--duration', String(opts.durationSec), '--seed', String(opts.seed), '--scenario', opts.scenario, '--data-dir', dataDir, ...recordArgs, ...extra]);
    const cpu = new ProcSampler(proc.pid).start();
    const samples: StateSample[] = [];
    const poll = setInterval(() => {
      void readState(dataDir).then((state) => {
        // the final flush after the stop has no orders: keep only samples while running
        if (state && state.counters && Date.now() < proc.spawnedAt + opts.durationSec * 1000) {
          samples.push({at: Date.now(), requests: state.counters.requests, capitalUsdt: restingValue(state)});
        }
      });
    }, 1000);
    let exit;
    try {
      exit = await exitWithin(proc, (opts.durationSec + 90) * 1000);
    } finally {
      clearInterval(poll);
      cpu.stop();
    }
    const records = jsonLines(proc.stdoutLines);
    const stopped = records.find((r) => r.msg === 'stopped');
    const observerLine = records.find((r) => r.msg === 'simulator observer');
    const counters = (stopped?.counters as Record<string, number> | undefined) ?? null;
    const from = proc.spawnedAt + opts.warmSec * 1000;
    const capital = samples.filter((s) => s.at >= from).map((s) => s.capitalUsdt / REQUIRED_CAPITAL_USDT);
    const window = windowOf(samples, from);
    return {
      scenario: opts.scenario,
      seed: opts.seed,
      durationSec: opts.durationSec,
      exitCode: exit.code,
      totalRequests: counters?.requests ?? Number.NaN,
      window,
      floor: await floorOf(recordPath, window),
      observer: (observerLine?.observer as ObserverSummary | undefined) ?? null,
      leftoverOrders: typeof stopped?.leftoverOrders === 'number' ? stopped.leftoverOrders : null,
      counters,
      capitalMean: capital.length > 0 ? capital.reduce((a, b) => a + b, 0) / capital.length : null,
      capitalMax: capital.length > 0 ? Math.max(...capital) : null,
      cpuPct: cpu.summary(from)?.cpuPct ?? null,
      stderrTail: proc.stderr().slice(-1000),
    };
  } finally {
    await rm(dataDir, {recursive: true, force: true});
  }
}

/** `simRecord`: where the baseline's simulator writes its record (the cost bench); a temporary one otherwise */
export async function runBaseline(opts: {scenario: Scenario; seed: number; durationSec: number; warmSec: number; simRecord?: string}): Promise<BaselineRun> {
  const script = new URL('./baselineBot.ts', import.meta.url).pathname;
  const scratch = opts.simRecord === undefined ? await mkdtemp(join(tmpdir(), 'mexc-mm-baseline-')) : null;
  try {
    return await baselineRun(script, {...opts, simRecord: opts.simRecord ?? join(scratch!, 'sim-record.json')});
  } finally {
    if (scratch !== null) await rm(scratch, {recursive: true, force: true});
  }
}

async function baselineRun(script: string, opts: {scenario: Scenario; seed: number; durationSec: number; warmSec: number; simRecord: string}): Promise<BaselineRun> {
  const proc = startProcess([script, '--scenario', opts.scenario, '--seed', String(opts.seed), '--duration', String(opts.durationSec), '--sim-record', opts.simRecord], {node: ['--import', 'tsx']});
  const cpu = new ProcSampler(proc.pid).start();
  const exit = await exitWithin(proc, (opts.durationSec + 90) * 1000).finally(() => cpu.stop());
  const result = jsonLines(proc.stdoutLines).find((r) => r.msg === 'baseline');
  const requestsAt = ((result?.requestsAt as Array<[number, number]> | undefined) ?? []).map(([at, requests]) => ({at, requests}));
  const started = typeof result?.started === 'number' ? result.started : proc.spawnedAt;
  const window = windowOf(requestsAt, started + opts.warmSec * 1000);
  return {
    scenario: opts.scenario,
    seed: opts.seed,
    durationSec: opts.durationSec,
    exitCode: exit.code,
    totalRequests: requestsAt.at(-1)?.requests ?? Number.NaN,
    window,
    floor: await floorOf(opts.simRecord, window),
    observer: (result?.observer as ObserverSummary | undefined) ?? null,
    refreshes: typeof result?.refreshes === 'number' ? result.refreshes : 0,
    leftovers: typeof result?.leftovers === 'number' ? result.leftovers : null,
    cpuPct: cpu.summary(started + opts.warmSec * 1000)?.cpuPct ?? null,
    stderrTail: proc.stderr().slice(-1000),
  };
}
