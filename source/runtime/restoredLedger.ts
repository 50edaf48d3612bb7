// Which of the last run's ledger and history a new run takes over (docs/strategy.md §19.3). The ledger
// follows an account: live mode's account outlives the process, so a restart goes on counting where it
// stopped (a kill -9 included) and the exchange's own trade list fills the gap. The simulator and the
// paper matcher start a fresh account every run: their ledger starts afresh too. The minute history is
// the pair's, like the compliance history: kept whenever the symbol is the same.
import type {PersistedState} from '../engine/view/snapshot.js';
import type {HistoryMinute, PersistedLedger} from '../engine/view/ledgerView.js';
import type {Mode} from '../engine/view/snapshot.js';

export function restoredLedger(previous: PersistedState | null, mode: Mode, symbol: string): PersistedLedger | null {
  if (!previous || previous.symbol !== symbol || mode !== 'live' || previous.mode !== 'live') return null;
  return previous.ledgerState ?? null;
}

export function restoredHistory(previous: PersistedState | null, symbol: string): HistoryMinute[] | null {
  if (!previous || previous.symbol !== symbol) return null;
  return previous.minuteHistory ?? null;
}
