// The end of a run that got as far as trading, whichever way it ended: timers off, requests in flight
// answered, our orders swept off the exchange until it confirms none is left, streams closed, the last
// state written. An orderly quit has the engine cancel first and publish its final state; after a crash
// the engine is not trusted with anything more: the sweep goes straight through the trading port, within
// a tighter bound, and the state file records the error (docs/architecture.md §6).
import type {Engine} from '../engine/kernel.js';
import type {OrderExecutor} from '../engine/orders/orderExecutor.js';
import type {StreamPort, TradingPort} from '../engine/ports.js';
import type {EngineSnapshot, PersistedState} from '../engine/view/snapshot.js';
import type {Logger} from '../exchanges/shared/logger.js';
import type {Journals} from '../store/journals.js';
import {requestCountersEvent, type EngineTimers} from './engineTimers.js';
import {finalSweep} from './finalSweep.js';
import {CATCH_UP_OVERLAP_MS} from './fillCatchUp.js';
import type {EngineEvent} from '../engine/events.js';
import type {StateWriter} from './stateWriter.js';

export interface Crash {
  error: unknown;
  origin: string;
}

/** the sweep's bound: an orderly stop may wait out a rate-limit block; a crash stop must end soon */
export const SWEEP_DEADLINE_MS = {quit: 30_000, crash: 15_000} as const;
/** how long a crash stop waits for requests in flight and for each stream to close */
const CRASH_WAIT_MS = 3000;

export function describeCrash(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What a stop that cannot finish may leave behind, from the engine's last snapshot. */
export function maybeLeftText(snapshot: EngineSnapshot | null): string {
  if (snapshot === null) return 'this run had placed no order';
  const orders = snapshot.orders;
  if (orders.length === 0) return 'no order of ours was open';
  const ids = orders.slice(0, 5).map((order) => order.clientOrderId).join(', ');
  return `${orders.length} order(s) of ours may be left open on MEXC (${ids}${orders.length > 5 ? ', …' : ''}): check the exchange`;
}

/** The state file after a crash: the last state the engine published, with the error and what is left. */
export function crashedState(last: PersistedState, crash: Crash, leftovers: number | null, at: number): PersistedState {
  const left = leftovers === 0 ? 'no order of ours left' : leftovers === null ? 'could not confirm that no order of ours is left' : `${leftovers} order(s) of ours left open`;
  return {
    ...last,
    updatedAt: at,
    orders: leftovers === 0 ? [] : last.orders,
    lastError: {at, message: `crashed (${crash.origin}): ${describeCrash(crash.error)}; ${left}`},
  };
}

function bounded<T>(promise: Promise<T>, ms: number | null): Promise<T | undefined> {
  if (ms === null) return promise;
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]).finally(() => clearTimeout(timer));
}

export interface StopInput {
  /** the crash that ended the run; null for an orderly quit */
  crash: Crash | null;
  engine: Engine;
  executor: OrderExecutor;
  timers: EngineTimers;
  trading: TradingPort;
  streams: readonly StreamPort[];
  prefix: string;
  log: Logger;
  stateWriter: StateWriter;
  lastPersisted: () => PersistedState | null;
  saveState: (state: PersistedState) => Promise<void>;
  journals: Journals;
  now: () => number;
}

/** how long the stop waits for the exchange's trade list (docs/strategy.md §19.3) */
export const LATE_FILLS_WAIT_MS = 5000;

/** Our trades since the ledger's newest fill (the engine counts a trade id once), as fill events. */
async function lateFills(input: StopInput): Promise<EngineEvent[]> {
  const ledger = input.engine.state.ledger;
  const since = ledger.newestFillAt ?? ledger.startedAt;
  if (since === null || !input.trading.tradesSince) return [];
  try {
    const {trades} = await input.trading.tradesSince(since - CATCH_UP_OVERLAP_MS);
    return trades.map((trade) => ({type: 'fill', ...trade}));
  } catch (error) {
    input.log('warn', `trades at the stop: ${describeCrash(error)}; a fill pushed after the engine stopped may be missing from the ledger`);
    return [];
  }
}

/** Our orders left open when the stop ended (0 = confirmed none), or null when the exchange never said. */
export async function stopRun(input: StopInput): Promise<number | null> {
  const crashed = input.crash !== null;
  const wait = crashed ? CRASH_WAIT_MS : null;
  input.timers.stop();
  await bounded(input.executor.drained(), wait);
  const leftovers = await finalSweep(input.trading, input.prefix, input.log, {deadlineMs: crashed ? SWEEP_DEADLINE_MS.crash : SWEEP_DEADLINE_MS.quit});
  for (const stream of input.streams) await bounded(stream.stop().catch(() => undefined), wait);
  // the engine's loop ended in order: it applies the sweep's request counters and publishes its final state,
  // with any fill whose push came after its loop ended (a fill just before a cancel is pushed after the
  // cancel's answer): once none of our orders is left, the exchange's trade list is complete
  if (!crashed) {
    const late = await bounded(lateFills(input), LATE_FILLS_WAIT_MS);
    input.engine.finish([...(late ?? []), requestCountersEvent(input.trading.counters(), input.now())]);
  }
  await input.stateWriter.idle();
  const last = input.lastPersisted();
  if (input.crash && last) {
    await input.saveState(crashedState(last, input.crash, leftovers, input.now())).catch((error: unknown) => input.log('error', `state file: ${describeCrash(error)}`));
  }
  await input.journals.flush();
  return leftovers;
}
