// The console when the runtime reports start-up: the start-up screen until start-up is done, then the
// normal view. App reads a snapshot as it mounts (use-engine-snapshot.ts), and there is none before the
// engine runs, so App mounts only then. A failed start-up stays on screen: the runtime unmounts the console
// and prints the reason.
import React, {useMemo} from 'react';
import type {OperatorCommand} from '../../engine/operatorCommand.js';
import type {Mode} from '../../engine/view/snapshot.js';
import {App, type SnapshotSource} from './App.js';
import {StartupScreen} from './StartupScreen.js';
import {ThemeContext, themeFor} from '../viewModel/theme.js';
import {useStartupKeys} from '../hooks/use-startup-keys.js';
import {useStartupView, type StartupSource} from '../hooks/use-startup-view.js';

export interface ConsoleRootProps {
  startup: StartupSource;
  snapshots: SnapshotSource;
  onCommand: (command: OperatorCommand) => void;
  /** for the start-up screen's title (the normal view takes both from the snapshot) */
  mode?: Mode | undefined;
  symbol?: string | undefined;
  now?: () => number;
}

export function ConsoleRoot({startup, snapshots, onCommand, mode, symbol, now = Date.now}: ConsoleRootProps): React.JSX.Element {
  const view = useStartupView(startup);
  const starting = view.phase !== 'done';
  // the start-up keys hand over to App's own once it shows; a quit sent before carries over to its key bar
  const stopping = useStartupKeys(onCommand, starting);
  const theme = useMemo(() => themeFor(process.env), []);
  if (!starting) return <App snapshots={snapshots} onCommand={onCommand} now={now} stopping={stopping} />;
  return (
    <ThemeContext.Provider value={theme}>
      <StartupScreen view={view} stopping={stopping} mode={mode} symbol={symbol} now={now} />
    </ThemeContext.Provider>
  );
}
