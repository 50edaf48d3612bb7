// Everything the console's normal view shows, as one plain value computed from the snapshot, the clock and
// the terminal's size: the layout and one view model per panel, every time at the resolution it is shown.
// The console compares it with the one on screen and draws only what changed (hooks/use-screen-view.ts).
import type {EngineSnapshot} from '../../engine/view/snapshot.js';
import {bookPanelView, type BookPanelView} from './bookView.js';
import {complianceView, type ComplianceView} from './complianceView.js';
import {countersView, type CountersView} from './countersView.js';
import {eventsView, type EventsView} from './eventsView.js';
import {fairPriceView, type FairPriceView} from './fairPriceView.js';
import {sharedDecimals} from './format.js';
import type {ConsoleLayout} from './layout.js';
import {markoutsView, type MarkoutsView} from './markoutsView.js';
import {ordersView, type OrdersView} from './ordersView.js';
import {pnlView, type PnlView} from './pnlView.js';
import {balanceView, sideStatusView, type BalanceView, type SideStatusView} from './sideStatusView.js';
import {sparklinesView, type SparklinesView} from './sparklinesView.js';
import {statusBarView, type StatusBarView} from './statusBarView.js';
import {streamHealthView, type StreamEntryView} from './streamHealthView.js';

export interface DashboardView {
  kind: 'dashboard';
  layout: ConsoleLayout;
  /** what the keys and the key bar need */
  paused: boolean;
  halted: boolean;
  status: StatusBarView;
  fair: FairPriceView;
  compliance: ComplianceView;
  kucoinBook: BookPanelView;
  mexcBook: BookPanelView;
  bid: SideStatusView;
  ask: SideStatusView;
  orders: OrdersView;
  balances: BalanceView;
  pnl: PnlView;
  /** null when the layout has no room for it */
  markouts: MarkoutsView | null;
  sparklines: SparklinesView | null;
  streams: StreamEntryView[];
  counters: CountersView | null;
  events: EventsView;
}

/** Building the view failed (a display bug): the console says so on one line and keeps its keys. */
export interface DisplayErrorView {
  kind: 'error';
  layout: ConsoleLayout;
  paused: boolean;
  halted: boolean;
  message: string;
}

export type ScreenView = DashboardView | DisplayErrorView;

/** Price decimals shared by both books, the fair price and our orders, so the columns line up. */
export function snapshotDecimals(snapshot: EngineSnapshot): number {
  const {mexc, kucoin} = snapshot.books;
  const prices = [mexc, kucoin].flatMap((book) => [...book.bids, ...book.asks].map((level) => level.price));
  return sharedDecimals([...prices, ...snapshot.orders.map((order) => order.price)]);
}

/** The whole screen for a snapshot at `now` (the clock, for ages and countdowns) on a terminal laid out as `layout`. */
export function dashboardView(snapshot: EngineSnapshot, now: number, layout: ConsoleLayout): DashboardView {
  const decimals = snapshotDecimals(snapshot);
  const rightWidth = layout.columns - layout.leftWidth;
  const book = (venue: 'KuCoin' | 'MEXC'): BookPanelView =>
    bookPanelView({
      venue,
      symbol: venue === 'KuCoin' ? snapshot.referenceSymbol : snapshot.symbol,
      role: venue === 'KuCoin' ? 'ref' : null,
      book: venue === 'KuCoin' ? snapshot.books.kucoin : snapshot.books.mexc,
      health: snapshot.streams[venue === 'KuCoin' ? 'kucoin.book' : 'mexc.book'],
      levels: layout.bookLevels,
      decimals,
      showOwnColumn: venue === 'MEXC' && layout.wide,
      now,
    });
  return {
    kind: 'dashboard',
    layout,
    paused: snapshot.paused,
    halted: snapshot.halted !== null,
    status: statusBarView(snapshot, now),
    fair: fairPriceView(snapshot, decimals, layout.wide),
    compliance: complianceView(snapshot.compliance, snapshot.depthTarget),
    kucoinBook: book('KuCoin'),
    mexcBook: book('MEXC'),
    bid: sideStatusView('bid', snapshot.sides.bid),
    ask: sideStatusView('ask', snapshot.sides.ask),
    orders: ordersView(snapshot.orders, layout.orderRows, decimals, now),
    balances: balanceView(snapshot.balances),
    pnl: pnlView(snapshot.ledger, snapshot.baseAsset, layout.wide),
    // the markouts and the sparklines read the snapshot's time, not the clock: a fill's markout is pending
    // until the snapshot that carries it
    markouts: layout.showMarkouts ? markoutsView(snapshot.ledger, snapshot.updatedAt, decimals) : null,
    sparklines: layout.showSparklines
      ? sparklinesView(snapshot.history, Math.floor(snapshot.updatedAt / 60_000), layout.historyBesideMarkouts ? rightWidth - 2 : layout.columns)
      : null,
    streams: streamHealthView(snapshot.streams, now, layout.wide),
    counters: layout.showCounters ? countersView(snapshot.counters) : null,
    events: eventsView(snapshot.recentEvents, snapshot.lastError, layout.eventLines),
  };
}

/** The screen, or the display error that building it raised (the next snapshot tries again). */
export function screenView(snapshot: EngineSnapshot, now: number, layout: ConsoleLayout): ScreenView {
  try {
    return dashboardView(snapshot, now, layout);
  } catch (error) {
    return {kind: 'error', layout, paused: snapshot.paused, halted: snapshot.halted !== null, message: error instanceof Error ? error.message : String(error)};
  }
}
