// CPU and memory of the console as an operator runs it: the real binary with its TUI (not --no-ui), in sim
// mode with its in-process simulator on a scenario, in a terminal — a detached session on a private tmux
// server at 80x24 (see test/e2e/tmuxConsole.ts). The console process is the pane shell's child; its /proc
// readings are sampled every second once the screen shows both sides quoting plus a settling time, then
// `q` quits it and its exit code is read back.
import {mkdtemp, readlink, realpath, rm} from 'node:fs/promises';
import {readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {binPath, repoRoot} from './childProcess.js';
import {ProcSampler} from './procSampler.js';
import {startTmuxConsole, tmuxUnavailable} from '../test/e2e/tmuxConsole.js';
import type {Scenario} from './scenarioRuns.js';

export interface ConsoleRun {
  scenario: Scenario;
  seed: number;
  width: number;
  height: number;
  /** from starting tmux to the screen showing both sides quoting */
  upSec: number;
  windowSec: number;
  samples: number;
  /** CPU % of one core of the console process (engine + in-process simulator + Ink) over the window */
  cpuPct: number;
  rssStartMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  rssSlopeMbPerHour: number;
  /** the banner's clock moved between the start and the end of the window (the console kept drawing) */
  redrew: boolean;
  /** from pressing q to the exit code file */
  quitSec: number | null;
  exitCode: number | null;
  stderrTail: string;
}

const screenUp = (screen: string): boolean =>
  /RUNNING/.test(screen.split('\n')[0] ?? '') && /^BID QUOTING .*buy\s+\d+×/m.test(screen) && /^ASK QUOTING .*sell\s+\d+×/m.test(screen);

export async function runConsoleCpu(opts: {scenario: Scenario; seed: number; durationSec: number; settleSec: number; width?: number; height?: number}): Promise<ConsoleRun> {
  const unavailable = tmuxUnavailable();
  if (unavailable !== null) throw new Error(`tmux not available: ${unavailable}`);
  const width = opts.width ?? 80;
  const height = opts.height ?? 24;
  const dir = await mkdtemp(join(tmpdir(), 'mexc-mm-console-'));
  const stderrFile = join(dir, 'stderr.log');
  const stderrTail = (): string => {
    try {
      return readFileSync(stderrFile, 'utf8').slice(-800);
    } catch {
      return '';
    }
  };
  const startedAt = Date.now();
  const tty = startTmuxConsole({
    command: [process.execPath, binPath, '--scenario', opts.scenario, '--seed', String(opts.seed), '--data-dir', join(dir, 'data')],
    cwd: repoRoot,
    exitCodeFile: join(dir, 'exit-code'),
    stderrFile,
    width,
    height,
    socketPrefix: 'mexc-mm-bench',
  });
  let sampler: ProcSampler | null = null;
  try {
    await tty.waitForScreen('the console quoting both sides', screenUp, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\nstderr: ${stderrTail()}`);
    });
    const upSec = (Date.now() - startedAt) / 1000;
    const pid = tty.commandPid();
    if (pid === null) throw new Error('the console is up but its process was not found under the tmux pane');
    // the console sets its process title (which overwrites its command line), so check the executable
    const exe = await readlink(`/proc/${pid}/exe`).catch(() => '');
    if (exe !== (await realpath(process.execPath))) throw new Error(`pid ${pid} under the pane is not a node process: ${exe || 'unreadable /proc/<pid>/exe'}`);
    sampler = new ProcSampler(pid).start();
    await sleep(opts.settleSec * 1000);
    const windowStart = Date.now();
    const bannerAtStart = tty.screen().split('\n')[0] ?? '';
    await sleep(opts.durationSec * 1000);
    const bannerAtEnd = tty.screen().split('\n')[0] ?? '';
    sampler.stop();
    const early = tty.exitCode();
    if (early !== null) throw new Error(`the console exited (code ${early}) during the window; stderr: ${stderrTail()}`);
    const summary = sampler.summary(windowStart);
    if (summary === null) throw new Error(`fewer than 2 /proc samples of pid ${pid} in the window (exit code ${tty.exitCode() ?? 'none yet'}); stderr: ${stderrTail()}`);
    const quitAt = Date.now();
    tty.sendKeys('q');
    let exitCode: number | null = null;
    let quitSec: number | null = null;
    try {
      exitCode = await tty.waitForExit(30_000);
      quitSec = (Date.now() - quitAt) / 1000;
    } catch {
      // reported as exit code null: the console did not quit within 30 s of q
    }
    return {
      scenario: opts.scenario,
      seed: opts.seed,
      width,
      height,
      upSec,
      windowSec: summary.seconds,
      samples: sampler.samples.filter((s) => s.at >= windowStart).length,
      cpuPct: summary.cpuPct,
      rssStartMb: summary.rssStartMb,
      rssEndMb: summary.rssEndMb,
      rssMaxMb: summary.rssMaxMb,
      rssSlopeMbPerHour: summary.rssSlopeMbPerHour,
      redrew: bannerAtStart !== bannerAtEnd && / SIM /.test(bannerAtEnd),
      quitSec,
      exitCode,
      stderrTail: stderrTail(),
    };
  } finally {
    sampler?.stop();
    tty.close();
    await rm(dir, {recursive: true, force: true});
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
