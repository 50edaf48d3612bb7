// `mexc-mm status [--json] [--data-dir DIR]`: prints the state file and says whether the bot is running.
// Running = the pid in the file is alive AND the file was updated within the last 10 s (a live engine
// saves at least once a second); either alone can lie (pid reuse, a hung process).
import type {PersistedState} from '../engine/view/snapshot.js';
import {isProcessAlive} from '../store/processAlive.js';
import {readStateFile} from '../store/stateFile.js';
import {formatStatusSummary, type Liveness} from '../store/statusSummary.js';

export const runningUpdateWindowSec = 10;

export function liveness(state: PersistedState, now: number): Liveness {
  const updatedAgoSec = Math.max(0, Math.round((now - state.updatedAt) / 100) / 10);
  const pidAlive = isProcessAlive(state.pid);
  return {pidAlive, updatedAgoSec, running: pidAlive && updatedAgoSec < runningUpdateWindowSec};
}

/** Exit code: 0 printed, 1 missing or corrupt state file (message on `out`). */
export async function runStatusCommand(opts: {dataDir: string; json: boolean; out: NodeJS.WritableStream; now?: number}): Promise<number> {
  const now = opts.now ?? Date.now();
  const result = await readStateFile(opts.dataDir);
  if ('problem' in result) {
    opts.out.write(`mexc-mm status: ${result.problem}\n`);
    return 1;
  }
  const live = liveness(result.state, now);
  if (opts.json) {
    opts.out.write(JSON.stringify({...result.state, running: live.running, updatedAgoSec: live.updatedAgoSec}, null, 2) + '\n');
  } else {
    opts.out.write(formatStatusSummary(result.state, live, now).join('\n') + '\n');
  }
  return 0;
}
