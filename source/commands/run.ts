// `mexc-mm [run]`: the bot, with the console or headless. Falls back to headless (with a notice) when
// stdout is not a terminal, and turns the known start-up failures into their exit codes: 2 for a data
// dir problem (usage), the StartupError's own code otherwise. The wiring lives in runtime/runBot.ts.
import type {Config} from '../config/configSchema.js';
import type {Mode} from '../engine/view/snapshot.js';
import type {VenueEndpointOverrides} from '../exchanges/shared/venueEndpoints.js';
import {runBot} from '../runtime/runBot.js';
import {StartupError} from '../runtime/startupError.js';
import {DataDirError} from '../store/dataDir.js';

/** What the command line asks of a run. */
export interface RunRequest {
  mode: Mode;
  ui: boolean;
  config: Config;
  dataDir: string;
  durationSec: number | null;
  yes: boolean;
  overrides: VenueEndpointOverrides;
}

export interface Terminal {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

export async function runCommand(invocation: RunRequest, terminal: Terminal): Promise<number> {
  let ui = invocation.ui;
  if (ui && !(terminal.stdout.isTTY && terminal.stdin.isTTY)) {
    terminal.stderr.write('mexc-mm: stdout is not a terminal: running headless (use --no-ui to silence this notice)\n');
    ui = false;
  }
  try {
    return await runBot({
      config: invocation.config,
      mode: invocation.mode,
      ui,
      dataDir: invocation.dataDir,
      durationSec: invocation.durationSec,
      yes: invocation.yes,
      overrides: invocation.overrides,
      ...terminal,
    });
  } catch (error) {
    if (error instanceof DataDirError) {
      terminal.stderr.write(`mexc-mm: ${error.message}\n`);
      return 2;
    }
    if (error instanceof StartupError) {
      terminal.stderr.write(`mexc-mm: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
