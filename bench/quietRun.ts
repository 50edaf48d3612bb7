// Cold start and quiet-market cost of the bot alone: `mexc-mm sim` runs as its own process (calm), and the
// bot trades on it in live mode (--live --yes with endpoint overrides and the simulator's test keys), so
// /proc readings of the bot's pid contain no simulator work.
//  - cold start: from spawning the bot to the first observer sample that passes and was taken after the
//    spawn (the observer samples once a second, so the figure has 1 s resolution);
//  - quiet cost: CPU % of one core, RSS and the main thread's wake-ups, sampled every second (every 10 s
//    in the full bench's 2-hour run) after the start-up settles; what the engine handled meanwhile (its
//    events and decision passes per second, from the counters of its last log line) says what woke it.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {binPath, exitWithin, jsonLines, startProcess, type RunningProcess} from './childProcess.js';
import {ProcSampler} from './procSampler.js';
import {startSimProcess} from './simProcess.js';
import {median, spread, type Spread} from './sampleStats.js';

export interface QuietRun {
  coldStartSec: number | null;
  coldStartError: string | null;
  cpuPct: number | null;
  rssMaxMb: number | null;
  rssStartMb: number | null;
  rssEndMb: number | null;
  /** (median RSS of the last third − first third) / first third */
  rssGrowth: number | null;
  rssSlopeMbPerHour: number | null;
  /** main-thread wake-ups (voluntary context switches) per second over the window */
  wakeupsPerSec: number | null;
  /** the engine's events and decision passes per second over the whole run (its stop line's counters) */
  eventsPerSec: number | null;
  decisionsPerSec: number | null;
  sampleSec: number;
  windowSec: number | null;
  /** the stretch the CPU figure was taken from, and whether other bench sections ran meanwhile */
  cpuWindowSec: number | null;
  cpuAlone: boolean;
  /** CPU % in consecutive slices of that stretch (10 minutes each in long runs, else thirds): min / median / max */
  cpuSlices: Spread | null;
  exitCode: number | null;
  leftoverOrders: number | null;
  stderrTail: string;
}

export interface QuietRunHandle {
  /** resolves once the cold-start figure is known (or failed) */
  coldStart: Promise<void>;
  /**
   * Says that the other bench sections running alongside are done: the CPU figure is then taken from this
   * moment to the end (when that leaves at least ALONE_MIN_SEC), so it is the bot's cost with nothing else
   * on the machine; RSS and its slope still use the whole window.
   */
  markAlone(): void;
  done: Promise<QuietRun>;
}

/** CPU % of each consecutive slice of `sliceSec` (a last partial slice under half that long is dropped). */
export function sliceCpuPct(samples: readonly {at: number; cpuSec: number}[], sliceSec: number): number[] {
  const out: number[] = [];
  let from = samples[0]!;
  for (const sample of samples) {
    if (sample.at - from.at >= sliceSec * 1000 - 1) {
      out.push(((sample.cpuSec - from.cpuSec) / ((sample.at - from.at) / 1000)) * 100);
      from = sample;
    }
  }
  const last = samples.at(-1)!;
  if (last !== from && last.at - from.at >= (sliceSec * 1000) / 2) out.push(((last.cpuSec - from.cpuSec) / ((last.at - from.at) / 1000)) * 100);
  return out;
}

/** the shortest stretch alone that the CPU figure is taken from; shorter, it uses the whole window */
const ALONE_MIN_SEC = 600;

export function startQuietRun(opts: {seed: number; durationSec: number; settleSec: number; sampleSec?: number}): QuietRunHandle {
  const sampleSec = opts.sampleSec ?? 1;
  let aloneAt: number | null = null;
  let signalColdStart!: () => void;
  const coldStart = new Promise<void>((resolve) => (signalColdStart = resolve));
  const done = (async (): Promise<QuietRun> => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mexc-mm-quiet-'));
    const sim = await startSimProcess({scenario: 'calm', seed: opts.seed}).catch((error: unknown) => {
      signalColdStart();
      throw error;
    });
    let bot: RunningProcess | null = null;
    try {
      bot = startProcess([binPath, '--live', '--yes', '--no-ui', '--duration', String(opts.durationSec), '--data-dir', dataDir, ...sim.endpointArgs()], {env: sim.botEnv()});
      const sampler = new ProcSampler(bot.pid, sampleSec * 1000).start();
      let coldStartSec: number | null = null;
      let coldStartError: string | null = null;
      const deadline = bot.spawnedAt + 30_000;
      while (Date.now() < deadline) {
        const summary = await sim.observer().catch(() => null);
        const current = summary?.current;
        if (current && current.passPerSide && current.time >= bot.spawnedAt) {
          coldStartSec = (current.time - bot.spawnedAt) / 1000;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (coldStartSec === null) coldStartError = 'no passing observer sample within 30 s of the spawn';
      signalColdStart();
      const exit = await exitWithin(bot, (opts.durationSec + 60) * 1000);
      sampler.stop();
      // the window ends a second before the scheduled stop, so the shutdown's cancels are not counted
      const windowStart = bot.spawnedAt + opts.settleSec * 1000;
      const windowEnd = bot.spawnedAt + (opts.durationSec - 1) * 1000;
      const inWindow = sampler.samples.filter((s) => s.at >= windowStart && s.at <= windowEnd);
      const alone = aloneAt === null ? [] : inWindow.filter((s) => s.at >= aloneAt!);
      const aloneLongEnough = alone.length >= 2 && alone.at(-1)!.at - alone[0]!.at >= ALONE_MIN_SEC * 1000;
      const cpuSamples = aloneLongEnough ? alone : inWindow;
      const cpuWindowSec = cpuSamples.length >= 2 ? (cpuSamples.at(-1)!.at - cpuSamples[0]!.at) / 1000 : null;
      const cpu = cpuWindowSec ? ((cpuSamples.at(-1)!.cpuSec - cpuSamples[0]!.cpuSec) / cpuWindowSec) * 100 : null;
      const cpuSlices = cpuWindowSec ? spread(sliceCpuPct(cpuSamples, cpuWindowSec >= 3 * 600 ? 600 : cpuWindowSec / 3)) : null;
      const third = Math.floor(inWindow.length / 3);
      const firstRss = median(inWindow.slice(0, third).map((s) => s.rssMb));
      const lastRss = median(inWindow.slice(inWindow.length - third).map((s) => s.rssMb));
      const summary = sampler.summary(windowStart);
      const stopped = jsonLines(bot.stdoutLines).find((r) => r.msg === 'stopped');
      const counters = (stopped?.counters ?? {}) as Record<string, unknown>;
      const perSec = (name: string): number | null => (typeof counters[name] === 'number' ? (counters[name] as number) / opts.durationSec : null);
      const windowSec = inWindow.length >= 2 ? (inWindow.at(-1)!.at - inWindow[0]!.at) / 1000 : null;
      return {
        coldStartSec,
        coldStartError,
        cpuPct: cpu,
        rssMaxMb: inWindow.length > 0 ? Math.max(...inWindow.map((s) => s.rssMb)) : null,
        rssStartMb: inWindow[0]?.rssMb ?? null,
        rssEndMb: inWindow.at(-1)?.rssMb ?? null,
        rssGrowth: third > 0 ? (lastRss - firstRss) / firstRss : null,
        rssSlopeMbPerHour: summary?.rssSlopeMbPerHour ?? null,
        wakeupsPerSec: windowSec ? (inWindow.at(-1)!.wakeups - inWindow[0]!.wakeups) / windowSec : null,
        eventsPerSec: perSec('events'),
        decisionsPerSec: perSec('decisions'),
        sampleSec,
        windowSec,
        cpuWindowSec,
        cpuAlone: aloneLongEnough,
        cpuSlices: cpuSlices && cpuSlices.n >= 3 ? cpuSlices : null,
        exitCode: exit.code,
        leftoverOrders: typeof stopped?.leftoverOrders === 'number' ? stopped.leftoverOrders : null,
        stderrTail: bot.stderr().slice(-1000),
      };
    } finally {
      signalColdStart();
      bot?.kill('SIGKILL');
      await sim.stop().catch(() => sim.proc.kill('SIGKILL'));
      await rm(dataDir, {recursive: true, force: true});
    }
  })();
  return {coldStart, done, markAlone: () => void (aloneAt ??= Date.now())};
}
