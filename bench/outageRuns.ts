// Reference outage runs (docs/strategy.md §4.1): an external simulator cuts KuCoin (REST and WebSocket)
// for a while as the market keeps moving; a live-mode bot trades on it with the fallback chain or with
// the old hold-then-cancel rule, same scenario and seed. While it runs, the simulator's observer (the
// independent compliance sampler, with the model's true reference price and the outage flag) and the
// bot's state file are read every second; after it, the bot's fill journal.
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {binPath, exitWithin, jsonLines, startProcess, type RunningProcess} from './childProcess.js';
import {startSimProcess} from './simProcess.js';
import type {EngineSnapshot} from '../source/engine/view/snapshot.js';

export type OutageScenario = 'calm' | 'volatile';
/**
 * chain: the defaults; cancel: the old hold-then-cancel rule; heldOnly: the chain with MEXC others never
 * close enough to price us (a drift guard of 0.001 %), so the held, widened last fair price carries the
 * outage alone — what a pair whose MEXC book has no one else on it would get.
 */
export type OnStale = 'chain' | 'cancel' | 'heldOnly';

const FALLBACK_CONFIG: Record<OnStale, object> = {
  chain: {onStale: 'chain'},
  cancel: {onStale: 'cancel'},
  heldOnly: {onStale: 'chain', maxMexcDriftPct: 0.00001},
};

export interface OutageRun {
  scenario: OutageScenario;
  onStale: OnStale;
  seed: number;
  outageSec: number;
  /** observer samples taken while the outage was on, and the share passing per side (percent) */
  samples: number;
  compliancePct: number | null;
  /** orders our bot placed while the outage was on */
  ordersPlaced: number | null;
  fills: number;
  /** Σ of the outage's fills valued against the true reference price when the outage ended (USDT; > 0 = gain) */
  fillPnlUsdt: number | null;
  /** the worst fill against the true reference at that moment (percent; > 0 = bought above / sold below it) */
  worstFillPct: number | null;
  /** seconds from the reference coming back to the bot pricing from it again */
  returnSec: number | null;
  /** how long each pricing step was seen during the outage (seconds, from the state file) */
  steps: Record<string, number>;
  everHalted: boolean;
  exitCode: number | null;
  leftoverOrders: number | null;
  stderrTail: string;
}

interface ObserverPoll {
  at: number;
  samples: number;
  passes: number;
  reference: number | null;
  outage: boolean;
}

interface StatePoll {
  at: number;
  step: string | null;
  ordersPlaced: number;
  halted: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOutage(opts: {scenario: OutageScenario; onStale: OnStale; seed: number; outageSec: number; warmSec: number; afterSec: number}): Promise<OutageRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mexc-mm-outage-'));
  const durationSec = opts.warmSec + opts.outageSec + opts.afterSec;
  const sim = await startSimProcess({scenario: opts.scenario, seed: opts.seed, faults: [`referenceOutage:${opts.outageSec}s@${opts.warmSec}s`]});
  let bot: RunningProcess | null = null;
  const observer: ObserverPoll[] = [];
  const states: StatePoll[] = [];
  try {
    const configPath = join(dataDir, 'config.json');
    await writeFile(configPath, JSON.stringify({fallback: FALLBACK_CONFIG[opts.onStale]}));
    bot = startProcess([binPath, '--live', '--yes', '--no-ui', '--duration', String(durationSec - 2), '--config', configPath, '--data-dir', dataDir, ...sim.endpointArgs()], {
      env: sim.botEnv(),
    });
    const running = bot;
    const poller = (async () => {
      while (running.child.exitCode === null && running.child.signalCode === null) {
        const at = Date.now();
        const [summary, state] = await Promise.all([sim.observer().catch(() => null), readState(dataDir)]);
        if (summary) {
          const extra = summary as unknown as {reference?: number; outages?: {referenceOutage?: boolean}};
          observer.push({
            at,
            samples: summary.samples,
            passes: Math.round((summary.samples * summary.passPerSidePct) / 100),
            reference: extra.reference ?? null,
            outage: extra.outages?.referenceOutage === true,
          });
        }
        if (state?.counters) states.push({at, step: state.pricing?.step ?? null, ordersPlaced: state.counters.ordersPlaced, halted: state.halted !== null});
        await sleep(1000);
      }
    })();
    const exit = await exitWithin(bot, (durationSec + 90) * 1000);
    await poller;
    const records = jsonLines(bot.stdoutLines);
    const stopped = records.find((r) => r.msg === 'stopped');
    const during = observer.filter((p) => p.outage);
    const first = during[0];
    const last = during.at(-1);
    // the counts just before the outage began and at its last poll bracket the outage's samples
    const before = first ? (observer[observer.indexOf(first) - 1] ?? first) : undefined;
    const samples = first && last && before ? last.samples - before.samples : 0;
    const passes = first && last && before ? last.passes - before.passes : 0;
    const endAt = last?.at ?? null;
    const inOutage = (at: number) => first !== undefined && endAt !== null && at >= first.at && at <= endAt;
    const statesDuring = states.filter((s) => inOutage(s.at));
    const steps: Record<string, number> = {};
    for (const s of statesDuring) steps[s.step ?? 'unknown'] = (steps[s.step ?? 'unknown'] ?? 0) + 1;
    const backAt = endAt === null ? undefined : states.find((s) => s.at > endAt && s.step === 'reference');
    const referenceAfter = endAt === null ? null : (observer.find((p) => p.at > endAt && p.reference !== null)?.reference ?? null);
    const fills = endAt === null || first === undefined ? [] : (await readFills(dataDir)).filter((f) => f.at >= first.at && f.at <= endAt);
    const referenceAt = (at: number): number | null => {
      let best: ObserverPoll | null = null;
      for (const p of observer) if (p.reference !== null && (best === null || Math.abs(p.at - at) < Math.abs(best.at - at))) best = p;
      return best?.reference ?? null;
    };
    let worst: number | null = null;
    let pnl: number | null = referenceAfter === null ? null : 0;
    for (const fill of fills) {
      const reference = referenceAt(fill.at);
      if (reference !== null) {
        const adverse = fill.side === 'BUY' ? (fill.price - reference) / reference : (reference - fill.price) / reference;
        worst = worst === null ? adverse * 100 : Math.max(worst, adverse * 100);
      }
      if (pnl !== null && referenceAfter !== null) pnl += (fill.side === 'BUY' ? referenceAfter - fill.price : fill.price - referenceAfter) * fill.qty;
    }
    const placedBefore = statesDuring[0]?.ordersPlaced ?? null;
    const placedAfter = statesDuring.at(-1)?.ordersPlaced ?? null;
    return {
      scenario: opts.scenario,
      onStale: opts.onStale,
      seed: opts.seed,
      outageSec: opts.outageSec,
      samples,
      compliancePct: samples > 0 ? (passes / samples) * 100 : null,
      ordersPlaced: placedBefore === null || placedAfter === null ? null : placedAfter - placedBefore,
      fills: fills.length,
      fillPnlUsdt: pnl,
      worstFillPct: worst,
      returnSec: backAt && endAt !== null ? (backAt.at - endAt) / 1000 : null,
      steps,
      everHalted: states.some((s) => s.halted),
      exitCode: exit.code,
      leftoverOrders: typeof stopped?.leftoverOrders === 'number' ? stopped.leftoverOrders : null,
      stderrTail: bot.stderr().slice(-1000),
    };
  } finally {
    bot?.kill('SIGKILL');
    await sim.stop().catch(() => sim.proc.kill('SIGKILL'));
    await rm(dataDir, {recursive: true, force: true});
  }
}

async function readState(dataDir: string): Promise<EngineSnapshot | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as EngineSnapshot;
  } catch {
    return null; // not written yet, or caught mid-rename
  }
}

interface FillLine {
  at: number;
  side: 'BUY' | 'SELL';
  price: number;
  qty: number;
}

async function readFills(dataDir: string): Promise<FillLine[]> {
  const dir = join(dataDir, 'journal');
  const fills: FillLine[] = [];
  for (const file of await readdir(dir).catch(() => [] as string[])) {
    if (!file.startsWith('fills-')) continue;
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (line.trim()) fills.push(JSON.parse(line) as FillLine);
    }
  }
  return fills;
}
