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
import {median} from './sampleStats.js';

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
  exitCode: number | null;
  leftoverOrders: number | null;
  stderrTail: string;
}

export interface QuietRunHandle {
  /** resolves once the cold-start figure is known (or failed) */
  coldStart: Promise<void>;
  done: Promise<QuietRun>;
}

export function startQuietRun(opts: {seed: number; durationSec: number; settleSec: number; sampleSec?: number}): QuietRunHandle {
  const sampleSec = opts.sampleSec ?? 1;
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
      const cpu = inWindow.length >= 2 ? ((inWindow.at(-1)!.cpuSec - inWindow[0]!.cpuSec) / ((inWindow.at(-1)!.at - inWindow[0]!.at) / 1000)) * 100 : null;
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
  return {coldStart, done};
}
