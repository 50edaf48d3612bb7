// `mexc-mm status [--json] [--data-dir DIR]`: prints the state file, says whether the bot is running, and
// exits with a code a health probe can use (source/store/statusExitCode.ts). Running = a live process holds
// the data-dir lock AND the state file was updated within the last 10 s (a live engine saves at least once
// a second); either alone can lie (a hung process keeps its lock, a killed one leaves a fresh file). The
// lock's holder is judged as a contender for the lock would judge it (source/store/lockHolderProbe.ts):
// by pid in our own pid namespace, by heartbeat for a bot in another container or on another host. Status
// only reads: it never takes, rewrites or removes the lock.
import type {PersistedState} from '../engine/view/snapshot.js';
import {probeLockHolder, type LockHolder} from '../store/lockHolderProbe.js';
import type {IdentityReaders} from '../store/processIdentity.js';
import {readStateFile} from '../store/stateFile.js';
import {statusExitCode, statusExitCodes} from '../store/statusExitCode.js';
import {formatStatusSummary, type Liveness} from '../store/statusSummary.js';

export const runningUpdateWindowSec = 10;

export function liveness(state: PersistedState, holder: LockHolder, now: number): Liveness {
  const updatedAgoSec = Math.max(0, Math.round((now - state.updatedAt) / 100) / 10);
  const pidAlive = holder.kind === 'alive';
  return {pidAlive, updatedAgoSec, running: pidAlive && updatedAgoSec < runningUpdateWindowSec};
}

/** Exit code: see statusExitCodes (0 running and compliant, 1 running but not, 3 not running, 4 no usable state file). */
export async function runStatusCommand(opts: {
  dataDir: string;
  json: boolean;
  out: NodeJS.WritableStream;
  now?: number;
  /** who the status process is (tests stand in for another process) */
  readers?: IdentityReaders;
}): Promise<number> {
  const now = opts.now ?? Date.now();
  const result = await readStateFile(opts.dataDir);
  if ('problem' in result) {
    opts.out.write(`mexc-mm status: ${result.problem}\n`);
    return statusExitCodes.unknown;
  }
  const live = liveness(result.state, await probeLockHolder(opts.dataDir, now, opts.readers), now);
  if (opts.json) {
    opts.out.write(JSON.stringify({...result.state, running: live.running, updatedAgoSec: live.updatedAgoSec}, null, 2) + '\n');
  } else {
    opts.out.write(formatStatusSummary(result.state, live, now).join('\n') + '\n');
  }
  return statusExitCode(result.state, live.running);
}
