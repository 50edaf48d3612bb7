// `mexc-mm status` exit codes for health probes, in the manner of an LSB init script's `status` action
// (0 running, 3 not running, 4 unknown), with 1 for a bot that runs but is not doing its job.
import type {PersistedState} from '../engine/view/snapshot.js';

export const statusExitCodes = {
  /** running, not halted, and the latest compliance reading passes */
  compliant: 0,
  /** running, but halted, or the latest compliance reading fails (or there is none yet) */
  notCompliant: 1,
  /** not running: stopped, killed, or hung (the state file is no longer updated) */
  notRunning: 3,
  /** unknown: no state file, or one that cannot be read (corrupt or of an unexpected shape) */
  unknown: 4,
} as const;

export function statusExitCode(state: PersistedState, running: boolean): number {
  if (!running) return statusExitCodes.notRunning;
  if (state.halted !== null) return statusExitCodes.notCompliant;
  return state.compliance.now?.pass === true ? statusExitCodes.compliant : statusExitCodes.notCompliant;
}
