// What scraping /metrics costs (docs/monitoring.md §5). Three bots run side by side in live mode, each
// against its own `mexc-mm sim` (calm, the same seed), so /proc readings of a bot's pid hold no
// simulator work: one without the endpoint, one with it but never scraped, one scraped every second by
// this process. The figure is the scraped bot's CPU minus the one without the endpoint, in % of a core.
// Process CPU of two bots differs by a few tenths of a percent on its own, so the in-process cost of
// one scrape (the registry rendering a real snapshot: the scraped bot's last state file) is measured too.
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {binPath, exitWithin, jsonLines, startProcess, type RunningProcess} from './childProcess.js';
import {ProcSampler} from './procSampler.js';
import {startSimProcess, type SimProcess} from './simProcess.js';
import {median} from './sampleStats.js';
import {buildMetricsRegistry} from '../source/monitoring/metricsRegistry.js';
import {defaultConfig} from '../source/config/configSchema.js';
import type {EngineSnapshot} from '../source/engine/view/snapshot.js';

export type MetricsVariant = 'off' | 'unscraped' | 'scraped';

export interface VariantRun {
  variant: MetricsVariant;
  cpuPct: number | null;
  rssMaxMb: number | null;
  exitCode: number | null;
  leftoverOrders: number | null;
}

export interface MetricsCostRun {
  windowSec: number;
  runs: Record<MetricsVariant, VariantRun | Error>;
  scrapes: number;
  failedScrapes: number;
  scrapeMsMedian: number | null;
  scrapeMsMax: number | null;
  bodyBytes: number | null;
  series: number | null;
  /** CPU milliseconds of one in-process render of the registry from a real snapshot */
  inProcessCpuMsPerScrape: number | null;
  inProcessScrapes: number;
}

interface Started {
  variant: MetricsVariant;
  sim: SimProcess;
  bot: RunningProcess;
  sampler: ProcSampler;
  dataDir: string;
}

async function startVariant(variant: MetricsVariant, seed: number, durationSec: number): Promise<Started> {
  const dataDir = await mkdtemp(join(tmpdir(), `mexc-mm-metrics-${variant}-`));
  const sim = await startSimProcess({scenario: 'calm', seed});
  const args = [binPath, '--live', '--yes', '--no-ui', '--duration', String(durationSec), '--data-dir', dataDir, ...sim.endpointArgs()];
  if (variant !== 'off') args.push('--metrics-port', '0');
  const bot = startProcess(args, {env: sim.botEnv()});
  return {variant, sim, bot, sampler: new ProcSampler(bot.pid).start(), dataDir};
}

async function finishVariant(started: Started, durationSec: number, settleSec: number): Promise<VariantRun> {
  const {bot, sampler} = started;
  const exit = await exitWithin(bot, (durationSec + 60) * 1000);
  sampler.stop();
  // the window ends a second before the scheduled stop, so the shutdown's cancels are not counted
  const windowStart = bot.spawnedAt + settleSec * 1000;
  const windowEnd = bot.spawnedAt + (durationSec - 1) * 1000;
  const inWindow = sampler.samples.filter((s) => s.at >= windowStart && s.at <= windowEnd);
  const cpuPct = inWindow.length >= 2 ? ((inWindow.at(-1)!.cpuSec - inWindow[0]!.cpuSec) / ((inWindow.at(-1)!.at - inWindow[0]!.at) / 1000)) * 100 : null;
  const stopped = jsonLines(bot.stdoutLines).find((r) => r.msg === 'stopped');
  return {
    variant: started.variant,
    cpuPct,
    rssMaxMb: inWindow.length > 0 ? Math.max(...inWindow.map((s) => s.rssMb)) : null,
    exitCode: exit.code,
    leftoverOrders: typeof stopped?.leftoverOrders === 'number' ? stopped.leftoverOrders : null,
  };
}

/** CPU ms of one registry render, from the snapshot a bot saved (the state file is a snapshot plus history). */
async function inProcessScrapeCost(stateFile: string, rounds: number): Promise<number> {
  const snapshot = JSON.parse(await readFile(stateFile, 'utf8')) as EngineSnapshot;
  const registry = buildMetricsRegistry({snapshot: () => snapshot, now: () => snapshot.updatedAt + 500, version: 'bench', config: defaultConfig()});
  for (let i = 0; i < 50; i++) await registry.metrics();
  const before = process.cpuUsage();
  for (let i = 0; i < rounds; i++) await registry.metrics();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / rounds;
}

export async function runMetricsCost(opts: {seed: number; durationSec: number; settleSec: number; log: (line: string) => void}): Promise<MetricsCostRun> {
  const variants: MetricsVariant[] = ['off', 'unscraped', 'scraped'];
  const started: Started[] = [];
  try {
    for (const variant of variants) started.push(await startVariant(variant, opts.seed, opts.durationSec));
    const scraped = started.find((s) => s.variant === 'scraped')!;
    const listening = await scraped.bot.waitForLine((line) => line.includes('"metrics listening"'), 30_000);
    const url = `${String((JSON.parse(listening) as {url: string}).url)}/metrics`;
    opts.log(`metrics: scraping ${url} every second for ${opts.durationSec} s`);
    const latencies: number[] = [];
    let failed = 0;
    let body = '';
    const timer = setInterval(() => {
      const began = performance.now();
      fetch(url)
        .then(async (response) => {
          body = await response.text();
          if (!response.ok) failed++;
          else latencies.push(performance.now() - began);
        })
        .catch(() => failed++);
    }, 1000);
    const runs = {} as Record<MetricsVariant, VariantRun | Error>;
    await Promise.all(
      started.map(async (s) => {
        runs[s.variant] = await finishVariant(s, opts.durationSec, opts.settleSec).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        if (s.variant === 'scraped') clearInterval(timer);
      }),
    );
    clearInterval(timer);
    const rounds = 2000;
    const perScrape = await inProcessScrapeCost(join(scraped.dataDir, 'state.json'), rounds).catch((error: unknown) => {
      opts.log(`metrics: in-process scrape cost not measured: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    return {
      windowSec: opts.durationSec - 1 - opts.settleSec,
      runs,
      scrapes: latencies.length,
      failedScrapes: failed,
      scrapeMsMedian: latencies.length > 0 ? median(latencies) : null,
      scrapeMsMax: latencies.length > 0 ? Math.max(...latencies) : null,
      bodyBytes: body.length > 0 ? Buffer.byteLength(body) : null,
      series: body.length > 0 ? body.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length : null,
      inProcessCpuMsPerScrape: perScrape,
      inProcessScrapes: rounds,
    };
  } finally {
    for (const s of started) {
      s.bot.kill('SIGKILL');
      await s.sim.stop().catch(() => undefined);
      await rm(s.dataDir, {recursive: true, force: true});
    }
  }
}
