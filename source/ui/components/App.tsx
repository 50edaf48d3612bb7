// The console's root: lays the panels out for the terminal's size and turns keys into operator commands.
// It reads snapshots and sends commands; it never touches the engine's state or an exchange. What it shows
// is one view model of the whole screen (viewModel/screenView.ts), rebuilt from each snapshot and clock
// tick and drawn only when it changed; each panel renders again only when its own part changed.
import React, {memo, useMemo} from 'react';
import {Box} from 'ink';
import type {OperatorCommand} from '../../engine/operatorCommand.js';
import {BalancePanel} from './BalancePanel.js';
import {BookPanel} from './BookPanel.js';
import {ComplianceGauge} from './ComplianceGauge.js';
import {CountersPanel} from './CountersPanel.js';
import {EventsPanel} from './EventsPanel.js';
import {FairPricePanel} from './FairPricePanel.js';
import {HelpOverlay} from './HelpOverlay.js';
import {HistorySparklines} from './HistorySparklines.js';
import {KeyBar} from './KeyBar.js';
import type {ConsoleLayout} from '../viewModel/layout.js';
import type {MarkoutsView} from '../viewModel/markoutsView.js';
import {MarkoutsPanel} from './MarkoutsPanel.js';
import {OrdersPanel} from './OrdersPanel.js';
import {DisplayError, PanelGuard} from './PanelGuard.js';
import {PnlLine} from './PnlLine.js';
import type {DashboardView} from '../viewModel/screenView.js';
import {SideStatusPanel} from './SideStatusPanel.js';
import type {SparklinesView} from '../viewModel/sparklinesView.js';
import {StatusBar} from './StatusBar.js';
import {StreamHealthPanel} from './StreamHealthPanel.js';
import {ThemeContext, themeFor} from '../viewModel/theme.js';
import type {SnapshotSource} from '../hooks/use-engine-snapshot.js';
import {useKeyCommands} from '../hooks/use-key-commands.js';
import {useScreenView} from '../hooks/use-screen-view.js';

export type {SnapshotSource} from '../hooks/use-engine-snapshot.js';

export interface AppProps {
  snapshots: SnapshotSource;
  onCommand: (command: OperatorCommand) => void;
  /** clock for countdowns and ages (tests pin it) */
  now?: () => number;
  /** quit was already sent on the start-up screen: open on the stopping notice */
  stopping?: boolean;
}

export function App({snapshots, onCommand, now = Date.now, stopping = false}: AppProps): React.JSX.Element {
  const view = useScreenView(snapshots, now);
  const keys = useKeyCommands({paused: view.paused, halted: view.halted}, onCommand, stopping);
  const theme = useMemo(() => themeFor(process.env), []);
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={view.layout.columns}>
        {keys.help ? (
          <HelpOverlay />
        ) : (
          <PanelGuard resetKey={view}>{view.kind === 'dashboard' ? <Dashboard view={view} /> : <DisplayError message={view.message} />}</PanelGuard>
        )}
        <KeyBar keys={keys} paused={view.paused} halted={view.halted} />
      </Box>
    </ThemeContext.Provider>
  );
}

const Dashboard = memo(function Dashboard({view}: {view: DashboardView}): React.JSX.Element {
  const {layout} = view;
  const rightWidth = layout.columns - layout.leftWidth;
  return (
    <Box flexDirection="column">
      <StatusBar view={view.status} />
      <FairPricePanel view={view.fair} />
      <ComplianceGauge view={view.compliance} />
      <Box flexDirection="row">
        <Box width={layout.leftWidth} flexDirection="column">
          <BookPanel view={view.kucoinBook} />
        </Box>
        <Box width={rightWidth} flexDirection="column" borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} paddingLeft={1}>
          <BookPanel view={view.mexcBook} />
        </Box>
      </Box>
      <Box flexDirection="row">
        <Box width={layout.orderRows === 0 ? layout.leftWidth : layout.columns} flexDirection="column">
          <SideStatusPanel view={view.bid} />
          <SideStatusPanel view={view.ask} />
        </Box>
        {layout.orderRows === 0 ? (
          <Box width={rightWidth} flexDirection="column" paddingLeft={2}>
            <OrdersPanel view={view.orders} />
          </Box>
        ) : null}
      </Box>
      {layout.orderRows > 0 ? <OrdersPanel view={view.orders} /> : null}
      <BalancePanel view={view.balances} />
      <PnlLine view={view.pnl} />
      <LedgerHistory markouts={view.markouts} sparklines={view.sparklines} layout={layout} />
      <StreamHealthPanel view={view.streams} />
      {view.counters === null ? null : <CountersPanel view={view.counters} />}
      <EventsPanel view={view.events} />
    </Box>
  );
});

/**
 * The markouts panel and the sparklines, as the layout allows (viewModel/layout.ts): side by side on a wide
 * terminal, else one above the other; nothing when neither fits.
 */
function LedgerHistory(props: {markouts: MarkoutsView | null; sparklines: SparklinesView | null; layout: ConsoleLayout}): React.JSX.Element | null {
  const {layout} = props;
  if (props.markouts === null && props.sparklines === null) return null;
  const markouts = props.markouts === null ? null : <MarkoutsPanel view={props.markouts} />;
  const sparklines = props.sparklines === null ? null : <HistorySparklines view={props.sparklines} />;
  if (layout.historyBesideMarkouts) {
    const rightWidth = layout.columns - layout.leftWidth;
    return (
      <Box flexDirection="row">
        <Box width={layout.leftWidth} flexDirection="column">
          {markouts}
        </Box>
        {sparklines === null ? null : (
          <Box width={rightWidth} flexDirection="column" borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} paddingLeft={1}>
            {sparklines}
          </Box>
        )}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {markouts}
      {sparklines}
    </Box>
  );
}
