// The console's root: lays the panels out for the terminal's size and turns keys into operator commands.
// It reads snapshots and sends commands; it never touches the engine's state or an exchange.
import React, {useMemo} from 'react';
import {Box} from 'ink';
import type {OperatorCommand} from '../../engine/operatorCommand.js';
import type {EngineSnapshot} from '../../engine/view/snapshot.js';
import {BalancePanel} from './BalancePanel.js';
import {BookPanel} from './BookPanel.js';
import {ComplianceGauge} from './ComplianceGauge.js';
import {CountersPanel} from './CountersPanel.js';
import {EventsPanel} from './EventsPanel.js';
import {FairPricePanel} from './FairPricePanel.js';
import {sharedDecimals} from '../viewModel/format.js';
import {HelpOverlay} from './HelpOverlay.js';
import {HistorySparklines} from './HistorySparklines.js';
import {KeyBar} from './KeyBar.js';
import {planLayout, type ConsoleLayout} from '../viewModel/layout.js';
import {MarkoutsPanel} from './MarkoutsPanel.js';
import {OrdersPanel} from './OrdersPanel.js';
import {PanelGuard} from './PanelGuard.js';
import {PnlLine} from './PnlLine.js';
import {SideStatusPanel} from './SideStatusPanel.js';
import {StatusBar} from './StatusBar.js';
import {StreamHealthPanel} from './StreamHealthPanel.js';
import {ThemeContext, themeFor} from '../viewModel/theme.js';
import {useClock} from '../hooks/use-clock.js';
import {useEngineSnapshot, type SnapshotSource} from '../hooks/use-engine-snapshot.js';
import {useKeyCommands} from '../hooks/use-key-commands.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';

export type {SnapshotSource} from '../hooks/use-engine-snapshot.js';

export interface AppProps {
  snapshots: SnapshotSource;
  onCommand: (command: OperatorCommand) => void;
  /** clock for countdowns and ages (tests pin it) */
  now?: () => number;
  /** quit was already sent on the start-up screen: open on the stopping notice */
  stopping?: boolean;
}

/** Price decimals shared by both books, the fair price and our orders, so the columns line up. */
export function snapshotDecimals(snapshot: EngineSnapshot): number {
  const {mexc, kucoin} = snapshot.books;
  const prices = [mexc, kucoin].flatMap((book) => [...book.bids, ...book.asks].map((level) => level.price));
  return sharedDecimals([...prices, ...snapshot.orders.map((order) => order.price)]);
}

export function App({snapshots, onCommand, now = Date.now, stopping = false}: AppProps): React.JSX.Element {
  const snapshot = useEngineSnapshot(snapshots);
  const time = useClock(now);
  const size = useTerminalSize();
  const layout = planLayout(size.columns, size.rows);
  const keys = useKeyCommands({paused: snapshot.paused, halted: snapshot.halted !== null}, onCommand, stopping);
  const theme = useMemo(() => themeFor(process.env), []);
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={layout.columns}>
        {keys.help ? (
          <HelpOverlay />
        ) : (
          <PanelGuard resetKey={snapshot}>
            <Dashboard snapshot={snapshot} layout={layout} now={time} />
          </PanelGuard>
        )}
        <KeyBar keys={keys} paused={snapshot.paused} halted={snapshot.halted !== null} />
      </Box>
    </ThemeContext.Provider>
  );
}

function Dashboard(props: {snapshot: EngineSnapshot; layout: ConsoleLayout; now: number}): React.JSX.Element {
  const {snapshot, layout, now} = props;
  const decimals = snapshotDecimals(snapshot);
  const rightWidth = layout.columns - layout.leftWidth;
  return (
    <Box flexDirection="column">
      <StatusBar snapshot={snapshot} now={now} />
      <FairPricePanel snapshot={snapshot} decimals={decimals} wide={layout.wide} />
      <ComplianceGauge compliance={snapshot.compliance} depthTarget={snapshot.depthTarget} />
      <Box flexDirection="row">
        <Box width={layout.leftWidth} flexDirection="column">
          <BookPanel
            venue="KuCoin"
            symbol={snapshot.referenceSymbol}
            role="ref"
            book={snapshot.books.kucoin}
            health={snapshot.streams['kucoin.book']}
            levels={layout.bookLevels}
            decimals={decimals}
            showOwnColumn={false}
            now={now}
          />
        </Box>
        <Box width={rightWidth} flexDirection="column" borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} paddingLeft={1}>
          <BookPanel
            venue="MEXC"
            symbol={snapshot.symbol}
            role={null}
            book={snapshot.books.mexc}
            health={snapshot.streams['mexc.book']}
            levels={layout.bookLevels}
            decimals={decimals}
            showOwnColumn={layout.wide}
            now={now}
          />
        </Box>
      </Box>
      <Box flexDirection="row">
        <Box width={layout.orderRows === 0 ? layout.leftWidth : layout.columns} flexDirection="column">
          <SideStatusPanel side="bid" status={snapshot.sides.bid} />
          <SideStatusPanel side="ask" status={snapshot.sides.ask} />
        </Box>
        {layout.orderRows === 0 ? (
          <Box width={rightWidth} flexDirection="column" paddingLeft={2}>
            <OrdersPanel orders={snapshot.orders} rows={0} decimals={decimals} now={now} />
          </Box>
        ) : null}
      </Box>
      {layout.orderRows > 0 ? <OrdersPanel orders={snapshot.orders} rows={layout.orderRows} decimals={decimals} now={now} /> : null}
      <BalancePanel balances={snapshot.balances} />
      <PnlLine ledger={snapshot.ledger} baseAsset={snapshot.baseAsset} wide={layout.wide} />
      <LedgerHistory snapshot={snapshot} layout={layout} decimals={decimals} />
      <StreamHealthPanel streams={snapshot.streams} now={now} wide={layout.wide} />
      {layout.showCounters ? <CountersPanel counters={snapshot.counters} /> : null}
      <EventsPanel events={snapshot.recentEvents} lastError={snapshot.lastError} lines={layout.eventLines} />
    </Box>
  );
}

/**
 * The markouts panel and the sparklines, as the layout allows (viewModel/layout.ts): side by side on a wide
 * terminal, else one above the other; nothing when neither fits. Both read the snapshot's time, not the
 * clock: a fill's markout is pending until the snapshot that carries it.
 */
function LedgerHistory(props: {snapshot: EngineSnapshot; layout: ConsoleLayout; decimals: number}): React.JSX.Element | null {
  const {snapshot, layout, decimals} = props;
  if (!layout.showMarkouts && !layout.showSparklines) return null;
  const markouts = layout.showMarkouts ? <MarkoutsPanel ledger={snapshot.ledger} now={snapshot.updatedAt} decimals={decimals} /> : null;
  const nowMinute = Math.floor(snapshot.updatedAt / 60_000);
  if (layout.historyBesideMarkouts) {
    const rightWidth = layout.columns - layout.leftWidth;
    return (
      <Box flexDirection="row">
        <Box width={layout.leftWidth} flexDirection="column">
          {markouts}
        </Box>
        {layout.showSparklines ? (
          <Box width={rightWidth} flexDirection="column" borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} paddingLeft={1}>
            <HistorySparklines history={snapshot.history} nowMinute={nowMinute} width={rightWidth - 2} />
          </Box>
        ) : null}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {markouts}
      {layout.showSparklines ? <HistorySparklines history={snapshot.history} nowMinute={nowMinute} width={layout.columns} /> : null}
    </Box>
  );
}
