// Start-up cost of the compiled binary (bin/mexc-mm.js: dist/ under plain node) against the TypeScript
// run from source/ through tsx (what bin/mexc-mm.js did before dist/ existed), same code, same machine,
// the two variants alternating within every round:
//  - `--version`: from spawning to the exit (node, the CLI module graph, meow; no engine);
//  - first JSON line: from spawning `--no-ui` in sim mode (calm) to its first log line on stdout (the
//    engine, the in-process simulator and the clients are loaded by then); then SIGTERM, as `q` does;
//  - quiet RSS: the bot in live mode against its own `mexc-mm sim` process (calm), as quietRun.ts runs
//    it, so the bot's /proc readings hold no simulator; RSS sampled every second after start-up, the
//    median of the window per run. The two variants' runs of a round go side by side.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {binPath, exitWithin, startProcess} from './childProcess.js';
import {ProcSampler} from './procSampler.js';
import {startSimProcess} from './simProcess.js';
import {median} from './sampleStats.js';

export type StartupVariant = 'tsx' | 'compiled';

const sourceCli = fileURLToPath(new URL('../source/cli.tsx', import.meta.url));
/** node flags and script of each variant */
const launch: Record<StartupVariant, {node: string[]; script: string}> = {
  tsx: {node: ['--import', 'tsx'], script: sourceCli},
  compiled: {node: [], script: binPath},
};

export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number;
}

export interface StartupRun {
  rounds: number;
  quietSec: number;
  settleSec: number;
  /** per variant: ms from spawn to exit of `--version` */
  versionMs: Record<StartupVariant, Spread | null>;
  /** per variant: ms from spawn to the first JSON line of a headless sim run */
  firstLineMs: Record<StartupVariant, Spread | null>;
  /** per variant: the median RSS of each quiet run's window, in MB */
  quietRssMb: Record<StartupVariant, Spread | null>;
  /** per variant: the highest RSS sample of any quiet run, in MB */
  quietRssMaxMb: Record<StartupVariant, number | null>;
  /** failed measurements, one line each */
  errors: string[];
}

export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  return {min: Math.min(...values), median: median(values), max: Math.max(...values), runs: values.length};
}

const elapsedMs = (from: number): number => performance.now() - from;

async function versionMs(variant: StartupVariant): Promise<number> {
  const {node, script} = launch[variant];
  const started = performance.now();
  const proc = startProcess([script, '--version'], {node});
  const exit = await exitWithin(proc, 30_000);
  const ms = elapsedMs(started);
  if (exit.code !== 0 || !/^\d+\.\d+\.\d+/.test(proc.stdoutLines[0] ?? '')) throw new Error(`${variant} --version exited ${exit.code ?? exit.signal}: ${proc.stderr().slice(-400)}`);
  return ms;
}

async function firstLineMs(variant: StartupVariant, seed: number): Promise<number> {
  const {node, script} = launch[variant];
  const dataDir = await mkdtemp(join(tmpdir(), 'mexc-mm-startup-'));
  try {
    const started = performance.now();
    const proc = startProcess([script, '--no-ui', '--duration', '60', '--scenario', 'calm', '--seed', String(seed), '--data-dir', dataDir], {node});
    try {
      await proc.waitForLine((line) => line.startsWith('{'), 30_000);
      return elapsedMs(started);
    } finally {
      proc.kill('SIGTERM');
      await exitWithin(proc, 30_000).catch(() => undefined);
    }
  } finally {
    await rm(dataDir, {recursive: true, force: true});
  }
}

async function quietRss(variant: StartupVariant, opts: {seed: number; quietSec: number; settleSec: number}): Promise<{medianMb: number; maxMb: number}> {
  const {node, script} = launch[variant];
  const dataDir = await mkdtemp(join(tmpdir(), 'mexc-mm-startup-quiet-'));
  const sim = await startSimProcess({scenario: 'calm', seed: opts.seed});
  try {
    const bot = startProcess([script, '--live', '--yes', '--no-ui', '--duration', String(opts.quietSec), '--data-dir', dataDir, ...sim.endpointArgs()], {node, env: sim.botEnv()});
    const sampler = new ProcSampler(bot.pid).start();
    const exit = await exitWithin(bot, (opts.quietSec + 60) * 1000).finally(() => sampler.stop());
    if (exit.code !== 0) throw new Error(`${variant} quiet run exited ${exit.code ?? exit.signal}: ${bot.stderr().slice(-400)}`);
    // the window ends a second before the scheduled stop, so the shutdown is not in it
    const from = bot.spawnedAt + opts.settleSec * 1000;
    const to = bot.spawnedAt + (opts.quietSec - 1) * 1000;
    const rss = sampler.samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rssMb);
    if (rss.length < 3) throw new Error(`${variant} quiet run: ${rss.length} RSS samples in the window`);
    return {medianMb: median(rss), maxMb: Math.max(...rss)};
  } finally {
    await sim.stop().catch(() => sim.proc.kill('SIGKILL'));
    await rm(dataDir, {recursive: true, force: true});
  }
}

export async function runStartup(opts: {rounds: number; seed: number; quietSec: number; settleSec: number; log: (line: string) => void}): Promise<StartupRun> {
  const variants: StartupVariant[] = ['tsx', 'compiled'];
  const errors: string[] = [];
  const attempt = async (what: string, work: () => Promise<number>): Promise<number | null> => {
    try {
      return await work();
    } catch (error) {
      errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const version: Record<StartupVariant, number[]> = {tsx: [], compiled: []};
  const firstLine: Record<StartupVariant, number[]> = {tsx: [], compiled: []};
  // cold starts one at a time (nothing else of ours runs meanwhile); the order flips every round
  for (let round = 0; round < opts.rounds; round++) {
    for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
      const v = await attempt(`${variant} --version, round ${round + 1}`, () => versionMs(variant));
      if (v !== null) version[variant].push(v);
      const f = await attempt(`${variant} first JSON line, round ${round + 1}`, () => firstLineMs(variant, opts.seed));
      if (f !== null) firstLine[variant].push(f);
    }
    opts.log(`start-up: cold starts, round ${round + 1} of ${opts.rounds} done`);
  }
  const rssMedian: Record<StartupVariant, number[]> = {tsx: [], compiled: []};
  const rssMax: Record<StartupVariant, number[]> = {tsx: [], compiled: []};
  for (let round = 0; round < opts.rounds; round++) {
    opts.log(`start-up: quiet RSS, round ${round + 1} of ${opts.rounds} (${opts.quietSec} s, both variants side by side)`);
    await Promise.all(
      variants.map(async (variant) => {
        try {
          const run = await quietRss(variant, opts);
          rssMedian[variant].push(run.medianMb);
          rssMax[variant].push(run.maxMb);
        } catch (error) {
          errors.push(`${variant} quiet RSS, round ${round + 1}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  }
  const each = <T>(make: (variant: StartupVariant) => T): Record<StartupVariant, T> => ({tsx: make('tsx'), compiled: make('compiled')});
  return {
    rounds: opts.rounds,
    quietSec: opts.quietSec,
    settleSec: opts.settleSec,
    versionMs: each((v) => spread(version[v])),
    firstLineMs: each((v) => spread(firstLine[v])),
    quietRssMb: each((v) => spread(rssMedian[v])),
    quietRssMaxMb: each((v) => (rssMax[v].length > 0 ? Math.max(...rssMax[v]) : null)),
    errors,
  };
}
