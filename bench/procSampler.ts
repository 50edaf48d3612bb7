// CPU and memory of one process from /proc (Linux), sampled every second (or as asked): CPU % of one core
// between samples (utime + stime deltas), resident set size, and how often the main thread was woken
// (voluntary context switches: each time the event loop slept in epoll and something woke it).
import {readFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';

export interface ProcSample {
  at: number;
  /** cumulative CPU seconds (user + system) */
  cpuSec: number;
  rssMb: number;
  /** cumulative voluntary context switches of the main thread (/proc/<pid>/status) */
  wakeups: number;
}

let clockTicks: number | null = null;
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** One reading, or null when the process is gone. */
export function readProc(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name (which may contain spaces) start at the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    const wakeups = Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
    return {at: Date.now(), cpuSec: (utime + stime) / ticksPerSecond(), rssMb: rssKb / 1024, wakeups};
  } catch {
    return null;
  }
}

export class ProcSampler {
  readonly samples: ProcSample[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly pid: number,
    private readonly intervalMs = 1000,
  ) {}

  start(): this {
    this.take();
    this.timer = setInterval(() => this.take(), this.intervalMs);
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private take(): void {
    const sample = readProc(this.pid);
    if (sample) this.samples.push(sample);
  }

  /** CPU % of one core and RSS over samples taken at or after `from` (epoch ms). */
  summary(from: number): {seconds: number; cpuPct: number; rssStartMb: number; rssEndMb: number; rssMaxMb: number; rssSlopeMbPerHour: number} | null {
    const window = this.samples.filter((s) => s.at >= from);
    if (window.length < 2) return null;
    const first = window[0]!;
    const last = window[window.length - 1]!;
    const seconds = (last.at - first.at) / 1000;
    const rss = window.map((s) => s.rssMb);
    return {
      seconds,
      cpuPct: ((last.cpuSec - first.cpuSec) / seconds) * 100,
      rssStartMb: first.rssMb,
      rssEndMb: last.rssMb,
      rssMaxMb: Math.max(...rss),
      rssSlopeMbPerHour: slopePerHour(window),
    };
  }
}

/** Least-squares slope of RSS over time, in MB per hour (flat memory ≈ 0). */
function slopePerHour(samples: readonly ProcSample[]): number {
  const n = samples.length;
  const t0 = samples[0]!.at;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const s of samples) {
    const x = (s.at - t0) / 3_600_000;
    sx += x;
    sy += s.rssMb;
    sxx += x * x;
    sxy += x * s.rssMb;
  }
  const denominator = n * sxx - sx * sx;
  return denominator === 0 ? 0 : (n * sxy - sx * sy) / denominator;
}
