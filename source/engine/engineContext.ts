// What the engine's handlers share: the state they alone write, the executor they send through, and the
// outputs (journal, notices, resync requests, persistence) through which everything leaves the engine.
import type {EngineState} from './engineState.js';
import type {Venue} from './events.js';
import type {OrderExecutor} from './orders/orderExecutor.js';
import type {BookJournal, OrderAction} from './view/journalRecords.js';
import type {Notices} from './view/notices.js';
import type {JournalRecord} from './view/records.js';
import type {RecentEvent} from './view/snapshot.js';
import type {LocalOrder} from './orders/localOrder.js';

export interface EngineOutputs {
  /** a book went out of sequence: the feed must rebuild from a fresh snapshot */
  resync(venue: Venue, reason: string): void;
  journal(record: JournalRecord): void;
  /** operator-facing notice (recent events panel, headless log line) */
  notice(event: RecentEvent): void;
  /** an important change (halt, pause, ...) that should reach the state file now */
  persistNow(): void;
}

export interface EngineContext {
  readonly state: EngineState;
  readonly executor: OrderExecutor;
  readonly outputs: EngineOutputs;
  readonly notices: Notices;
  readonly books: BookJournal;
  readonly nextClientOrderId: () => string;
  journalOrder(action: OrderAction, order: LocalOrder, reason: string): void;
}
