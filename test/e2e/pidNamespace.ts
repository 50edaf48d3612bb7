// Starts the CLI as pid 1 of a pid namespace of its own (`unshare --pid --fork --mount-proc`, root only), the
// way a container runs it: two such bots on one data dir are both pid 1, and each sees pid 1 alive. The
// argv is processHarness's CLI, prefixed. Signals go to the bot's pid as this namespace sees it (unshare
// does not forward them).
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {CLI, waitFor, type RunningCli} from './processHarness.js';

const unshare = ['--pid', '--fork', '--mount-proc'];

/** null when `unshare --pid --fork --mount-proc` works here; otherwise why not. */
export function pidNamespaceUnavailable(): string | null {
  const probe = spawnSync('unshare', [...unshare, 'true'], {encoding: 'utf8', timeout: 10_000});
  if (probe.error) return `unshare cannot run: ${probe.error.message}`;
  if (probe.status !== 0) return `unshare ${unshare.join(' ')} true exited ${probe.status}: ${probe.stderr.trim()}`;
  return null;
}

export interface NamespacedCli extends RunningCli {
  /** the bot's pid here (in its own namespace it is 1); resolves once it has started */
  botPid: () => Promise<number>;
}

/** Children of `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function startCliInPidNamespace(args: string[]): NamespacedCli {
  const child = spawn('unshare', [...unshare, process.execPath, ...CLI, ...args], {env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
  let out = '';
  let err = '';
  let partial = '';
  const lines: Array<Record<string, unknown>> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim().startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({msg: 'unparsable stdout line', line});
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const botPid = () =>
    waitFor(
      'the bot under unshare to start',
      () => {
        if (child.exitCode !== null) throw new Error(`unshare exited ${child.exitCode}: ${err.slice(-600)}`);
        return childrenOf(child.pid!)[0];
      },
      10_000,
    );
  return {child, lines, stdout: () => out, stderr: () => err, exited, botPid};
}

/** SIGKILL the bot (and so its namespace) if it still runs, and wait for unshare to end. */
export async function killNamespacedCli(run: NamespacedCli): Promise<void> {
  if (run.child.exitCode === null && run.child.signalCode === null) {
    for (const pid of childrenOf(run.child.pid!)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    run.child.kill('SIGKILL');
  }
  await run.exited;
}
