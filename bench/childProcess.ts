// Spawning the real binary (bin/mexc-mm.js, which runs the compiled dist/ under plain node as a user's
// install does) and reading its output line by line. Shared by the benchmarks and the reliability suite.
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {ensureDistCurrent} from '../scripts/buildDist.mjs';

// `npm run bench` builds first; run any other way, a dist/ older than source/ is rebuilt here
ensureDistCurrent('bench');
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const binPath = fileURLToPath(new URL('../bin/mexc-mm.js', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcess {
  child: ChildProcess;
  pid: number;
  spawnedAt: number;
  stdoutLines: string[];
  stderr(): string;
  exited: Promise<Exit>;
  /** resolves with the first stdout line matching, or rejects at the deadline / exit */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  kill(signal?: NodeJS.Signals): void;
}

export function startProcess(args: readonly string[], opts: {env?: NodeJS.ProcessEnv; cwd?: string; node?: readonly string[]} = {}): RunningProcess {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [...(opts.node ?? []), ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: {...process.env, FORCE_COLOR: '0', ...opts.env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines: string[] = [];
  let stderr = '';
  let partial = '';
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    partial += chunk;
    let newline: number;
    while ((newline = partial.indexOf('\n')) >= 0) {
      stdoutLines.push(partial.slice(0, newline));
      partial = partial.slice(newline + 1);
    }
    for (const listener of listeners) listener();
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    // bounded: a runaway child must not fill our memory
    if (stderr.length < 200_000) stderr += chunk;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      if (partial) stdoutLines.push(partial);
      partial = '';
      for (const listener of listeners) listener();
      resolve({code, signal});
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  if (child.pid === undefined) throw new Error(`could not spawn ${args.join(' ')}`);
  return {
    child,
    pid: child.pid,
    spawnedAt,
    stdoutLines,
    stderr: () => stderr,
    exited,
    waitForLine: (match, timeoutMs) =>
      new Promise<string>((resolve, reject) => {
        let seen = 0;
        const check = (): void => {
          for (; seen < stdoutLines.length; seen++) {
            if (match(stdoutLines[seen]!)) return finish(null, stdoutLines[seen]!);
          }
          if (hasExited) finish(new Error(`process exited before the expected line; stderr: ${stderr.slice(-800)}`));
        };
        const timer = setTimeout(() => finish(new Error(`no expected line within ${timeoutMs} ms; stderr: ${stderr.slice(-800)}`)), timeoutMs);
        const finish = (error: Error | null, line?: string): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve(line!);
        };
        listeners.add(check);
        void exited.then(check);
        check();
      }),
    kill: (signal = 'SIGTERM') => {
      if (!hasExited) child.kill(signal);
    },
  };
}

/** JSON objects among the lines (headless log lines); other lines are skipped. */
export function jsonLines(lines: readonly string[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a partial line at a kill: not a log record
    }
  }
  return out;
}

/** Resolves with the exit, or kills with SIGKILL at the deadline and rejects. */
export async function exitWithin(proc: RunningProcess, timeoutMs: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`pid ${proc.pid} did not exit within ${timeoutMs} ms; stderr: ${proc.stderr().slice(-800)}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([proc.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
