// Mounts the console on a terminal. Ctrl-C is not Ink's to handle: it becomes a quit command, so our orders
// are cancelled before the process ends. Ink restores the cursor and raw mode on unmount and on process exit.
import React from 'react';
import {render} from 'ink';
import type {OperatorCommand} from '../engine/operatorCommand.js';
import type {Mode} from '../engine/view/snapshot.js';
import {App, type SnapshotSource} from './components/App.js';
import {ConsoleRoot} from './components/ConsoleRoot.js';
import type {StartupSource} from './hooks/use-startup-view.js';

export type {StartupSource} from './hooks/use-startup-view.js';

/** Frame cap: a busy market must not burn CPU on redraws (snapshots are further throttled to 2/s). */
export const CONSOLE_MAX_FPS = 10;

export interface ConsoleHandle {
  waitUntilExit(): Promise<void>;
  unmount(): void;
}

export interface ConsoleOptions {
  snapshots: SnapshotSource;
  onCommand: (c: OperatorCommand) => void;
  /** start-up progress: the start-up screen shows until its phase is 'done', then the normal view */
  startup?: StartupSource;
  /** the start-up screen's title */
  mode?: Mode;
  symbol?: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

export function renderConsole(opts: ConsoleOptions): ConsoleHandle {
  const tree =
    opts.startup === undefined ? (
      <App snapshots={opts.snapshots} onCommand={opts.onCommand} />
    ) : (
      <ConsoleRoot startup={opts.startup} snapshots={opts.snapshots} onCommand={opts.onCommand} mode={opts.mode} symbol={opts.symbol} />
    );
  const instance = render(tree, {
    stdout: opts.stdout ?? process.stdout,
    stdin: opts.stdin ?? process.stdin,
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: CONSOLE_MAX_FPS,
    // Ink 6.8's incremental mode misplaces lines in tmux (seen at 80x24: rows duplicated after a few
    // frames). The standard mode redraws inside synchronized-output brackets, which does not flicker, and
    // the frame is kept one line shorter than the terminal so Ink never falls back to clearing the screen.
    incrementalRendering: false,
  });
  return {
    waitUntilExit: async () => {
      await instance.waitUntilExit();
    },
    unmount: () => instance.unmount(),
  };
}
