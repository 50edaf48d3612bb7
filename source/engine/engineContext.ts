// What the engine's handlers share: the state they alone write, the executor they send through, and the
// outputs (journal, notices, resync requests, persistence) through which everything leaves the engine.
import type {EngineState} from './engineState.js';
import type {Venue} from './events.js';
import type {OrderExecutor} from './orders/orderExecutor.js';
import {BookJournal, orderRecord, type OrderAction} from './view/journalRecords.js';
import {Notices} from './view/notices.js';
import type {JournalRecord} from './view/records.js';
import type {EngineSnapshot, PersistedState, RecentEvent} from './view/snapshot.js';
import type {LocalOrder} from './orders/localOrder.js';

export interface EngineOutputs {
  /** a book went out of sequence: the feed must rebuild from a fresh snapshot */
  resync(venue: Venue, reason: string): void;
  journal(record: JournalRecord): void;
  /** operator-facing notice (recent events panel, headless log line) */
  notice(event: RecentEvent): void;
  /** the snapshot for readers (console, headless log), on every `snapshot` timer */
  snapshot(snapshot: EngineSnapshot): void;
  /** the state to persist, on every `stateFlush` timer and after an important change (halt, pause, ...) */
  persist(state: PersistedState): void;
}

export interface EngineContext {
  readonly state: EngineState;
  readonly executor: OrderExecutor;
  readonly outputs: EngineOutputs;
  readonly notices: Notices;
  readonly books: BookJournal;
  readonly nextClientOrderId: () => string;
  journalOrder(action: OrderAction, order: LocalOrder, reason: string): void;
  /** an important change: persist the state at the end of this batch */
  persistSoon(): void;
}

/** The context the kernel hands its handlers: notices and order journal records go to `outputs`. */
export function createEngineContext(
  state: EngineState,
  executor: OrderExecutor,
  outputs: EngineOutputs,
  nextClientOrderId: () => string,
  clock: () => number,
  persistSoon: () => void,
): EngineContext {
  return {
    state,
    executor,
    outputs,
    notices: new Notices(state, (event) => outputs.notice(event), clock),
    books: new BookJournal(state),
    nextClientOrderId,
    journalOrder: (action, order, reason) => outputs.journal(orderRecord(state, action, order, reason)),
    persistSoon,
  };
}
