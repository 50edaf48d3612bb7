// The real console in a real terminal: the binary runs in a detached tmux session on a private tmux server
// (`tmux -L <unique name> -f /dev/null`, so nothing collides with other tmux sessions or a user's config),
// and the caller reads the screen (`capture-pane -p`, text only), sends keys, and reads the exit code,
// which the pane's shell writes to a file when the console ends. Shared by the console e2e test and the
// console CPU benchmark.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** null when tmux can be used, else the reason it cannot. */
export function tmuxUnavailable(): string | null {
  try {
    const version = execFileSync('tmux', ['-V'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000}).trim();
    return version.startsWith('tmux') ? null : `unexpected \`tmux -V\` output: ${version}`;
  } catch (error) {
    return `tmux -V failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/**
 * Whether a tmux test can run: true, or it skips (false) where tmux is missing, except under CI (.ci/run
 * sets it and installs tmux), where a missing tmux is a failure, not a quiet skip.
 */
export function requireTmux(t: {skip: (why: string) => void}): boolean {
  const unavailable = tmuxUnavailable();
  if (unavailable === null) return true;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`tmux is required under CI but unavailable: ${unavailable}`);
  t.skip(`tmux not installed: ${unavailable}`);
  return false;
}

export interface TmuxConsole {
  /** the private server's socket name (-L) */
  readonly socket: string;
  /** the visible screen, one string of `height` lines (trailing blanks trimmed by tmux) */
  screen(): string;
  /** keys as tmux names them ("p", "y", "C-c", "Enter"), sent one by one */
  sendKeys(...keys: string[]): void;
  /** polls the screen every 200 ms until `accept` says yes; throws with the last screen at the deadline */
  waitForScreen(what: string, accept: (screen: string) => boolean, timeoutMs: number): Promise<string>;
  /** the exit code the pane's shell recorded, or null while the command still runs */
  exitCode(): number | null;
  /** waits for the exit code file; throws at the deadline */
  waitForExit(timeoutMs: number): Promise<number>;
  /** pid of the command itself (the pane shell's child), or null when it is gone */
  commandPid(): number | null;
  /** SIGKILLs whatever still runs in the pane and stops the server; safe to call more than once */
  close(): void;
}

const quote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;

/** Environment variables that change how Ink renders: under CI it draws nothing until it exits. */
const RENDERING_VARS = ['CI', 'CONTINUOUS_INTEGRATION', 'FORCE_COLOR', 'NO_COLOR', 'TMUX', 'TMUX_PANE'];

export function startTmuxConsole(opts: {
  /** argv of the command (e.g. [process.execPath, 'bin/mexc-mm.js', ...]: processHarness.ts CLI) */
  command: readonly string[];
  cwd: string;
  /** where the pane's shell writes the command's exit code */
  exitCodeFile: string;
  /** when set, the command's stderr goes to this file instead of the terminal */
  stderrFile?: string;
  /** extra environment for the command (e.g. NO_COLOR) */
  env?: Record<string, string>;
  width?: number;
  height?: number;
  socketPrefix?: string;
}): TmuxConsole {
  const socket = `${opts.socketPrefix ?? 'mexc-mm'}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const session = 'console';
  const env: NodeJS.ProcessEnv = {...process.env};
  for (const name of RENDERING_VARS) delete env[name];
  const assignments = Object.entries(opts.env ?? {}).map(([name, value]) => `${name}=${quote(value)}`);
  const script = [
    `unset ${RENDERING_VARS.join(' ')}`,
    `${assignments.length > 0 ? `env ${assignments.join(' ')} ` : ''}${opts.command.map(quote).join(' ')}${opts.stderrFile ? ` 2> ${quote(opts.stderrFile)}` : ''}`,
    `echo $? > ${quote(opts.exitCodeFile)}`,
  ].join('; ');
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000});
  // -f /dev/null: no user config; the command is given as argv, so tmux execs it without another shell
  execFileSync(
    'tmux',
    ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', session, '-x', String(opts.width ?? 80), '-y', String(opts.height ?? 24), '-c', opts.cwd, 'sh', '-c', script],
    {encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000},
  );
  let panePid: number | null = null;
  try {
    panePid = Number(tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim()) || null;
  } catch {
    // the command already ended (and took the server with it); exitCode() tells
  }
  let lastScreen = '';
  const exitCode = (): number | null => {
    try {
      const text = readFileSync(opts.exitCodeFile, 'utf8').trim();
      return text === '' ? null : Number(text);
    } catch {
      return null;
    }
  };
  const commandPid = (): number | null => (panePid === null ? null : childrenOf(panePid)[0] ?? null);
  let closed = false;
  return {
    socket,
    screen: () => {
      lastScreen = tmux('capture-pane', '-p', '-t', session);
      return lastScreen;
    },
    sendKeys: (...keys) => {
      for (const key of keys) tmux('send-keys', '-t', session, key);
    },
    waitForScreen: async function (what, accept, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let screen: string | null = null;
        try {
          screen = this.screen();
        } catch {
          // the session is gone: the command ended
        }
        if (screen !== null && accept(screen)) return screen;
        if (screen === null || Date.now() > deadline) {
          const code = exitCode();
          throw new Error(
            `${screen === null ? 'the console ended' : `timed out after ${timeoutMs} ms`} waiting for ${what}` +
              `${code === null ? '' : ` (exit code ${code})`}; last screen:\n${lastScreen}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    exitCode,
    waitForExit: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const code = exitCode();
        if (code !== null) return code;
        if (Date.now() > deadline) throw new Error(`no exit code within ${timeoutMs} ms; last screen:\n${lastScreen}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    commandPid,
    close: () => {
      if (closed) return;
      closed = true;
      if (panePid !== null) for (const pid of descendantsOf(panePid)) signal(pid, 'SIGKILL');
      try {
        tmux('kill-server');
      } catch {
        // already gone: the session ended with its command
      }
      // tmux 3.3 leaves the socket file of a server that exited when its last session ended
      rmSync(join(env['TMUX_TMPDIR'] || '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), {force: true});
    },
  };
}

/**
 * A bot's console in tmux with its own temp dir (data dir, exit-code file, stderr file), closed and
 * removed after the test.
 */
export function startTmuxConsoleInTempDir(
  t: {after: (fn: () => void) => void},
  opts: {command: (dataDir: string) => readonly string[]; cwd: string; tempPrefix: string; socketPrefix: string; env?: Record<string, string>},
): {tmux: TmuxConsole; dir: string; dataDir: string; stderr: () => string} {
  const dir = mkdtempSync(join(tmpdir(), opts.tempPrefix));
  const dataDir = join(dir, 'data');
  const stderrFile = join(dir, 'stderr.log');
  const tmux = startTmuxConsole({
    command: opts.command(dataDir),
    cwd: opts.cwd,
    exitCodeFile: join(dir, 'exit-code'),
    stderrFile,
    ...(opts.env ? {env: opts.env} : {}),
    socketPrefix: opts.socketPrefix,
  });
  t.after(() => {
    tmux.close();
    rmSync(dir, {recursive: true, force: true});
  });
  const stderr = (): string => {
    try {
      return readFileSync(stderrFile, 'utf8').slice(-2000);
    } catch {
      return '';
    }
  };
  return {tmux, dir, dataDir, stderr};
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** Direct children of `pid`, from /proc (Linux), lowest pid first. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return out.sort((a, b) => a - b);
}

/** Every process below `pid`, children before their own children. */
function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of childrenOf(queue.shift()!)) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}
