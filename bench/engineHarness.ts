// The real engine (queue, consumer, executor, planner) wired in-process to an instant trading port,
// with a realistic symbol, a deep KuCoin reference book and a thin MEXC book around 0.25 USDT.
import {defaultConfig} from '../source/config/configSchema.js';
import {createEngineState, type EngineState} from '../source/engine/engineState.js';
import {Engine} from '../source/engine/kernel.js';
import {EventQueue} from '../source/engine/queue.js';
import {OrderExecutor} from '../source/engine/orders/orderExecutor.js';
import type {EngineEvent} from '../source/engine/events.js';
import type {SymbolRules} from '../source/engine/symbolRules.js';
import {InstantTradingPort} from './recordingPort.js';
import type {DepthStream} from './deltaStream.js';

export const benchRules: SymbolRules = {
  symbol: 'RMVUSDT',
  baseAsset: 'RMV',
  quoteAsset: 'USDT',
  priceDecimals: 5,
  qtyDecimals: 2,
  minQtyLots: 10,
  minNotional: 1,
  tradable: true,
  acceptedSides: 'both',
  specialTreatment: false,
};

const funds = {RMV: {free: 16000, locked: 0}, USDT: {free: 4000, locked: 0}};

export interface EngineHarness {
  state: EngineState;
  queue: EventQueue;
  engine: Engine;
  executor: OrderExecutor;
  port: InstantTradingPort;
  journalRecords: () => number;
  /** drain requests in flight and feed their outcomes through the engine until nothing is left */
  settle(): Promise<void>;
}

export function createEngineHarness(clock: () => number): EngineHarness {
  const config = defaultConfig();
  const state = createEngineState({config, mode: 'sim', rules: benchRules, kucoinPriceDecimals: 5, now: clock(), halted: null, complianceHistory: null});
  const queue = new EventQueue();
  const port = new InstantTradingPort(benchRules, funds);
  const executor = new OrderExecutor(port, (event) => queue.push(event), clock);
  let journal = 0;
  let sequence = 0;
  const engine = new Engine(
    state,
    queue,
    executor,
    {resync: () => undefined, journal: () => void journal++, notice: () => undefined, snapshot: () => undefined, persist: () => undefined},
    () => `mmxbench${(sequence++).toString(36)}`,
    clock,
  );
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      await executor.drained();
      await new Promise((resolve) => setImmediate(resolve));
      if (queue.depth === 0) return;
      engine.handleBatch(await queue.next());
    }
    throw new Error('engine harness did not settle');
  };
  return {state, queue, engine, executor, port, journalRecords: () => journal, settle};
}

/** The events that bring the engine to quoting: both books, live streams, balances. */
export function openingEvents(kucoin: DepthStream, mexc: DepthStream, at: number): EngineEvent[] {
  return [
    {type: 'book.snapshot', venue: 'kucoin', version: kucoin.snapshot.version, bids: kucoin.snapshot.bids, asks: kucoin.snapshot.asks, at},
    {type: 'book.snapshot', venue: 'mexc', version: mexc.snapshot.version, bids: mexc.snapshot.bids, asks: mexc.snapshot.asks, at},
    {type: 'connection', stream: 'kucoin.book', state: 'live', reason: null, at},
    {type: 'connection', stream: 'mexc.book', state: 'live', reason: null, at},
    {type: 'connection', stream: 'mexc.user', state: 'live', reason: null, at},
    {type: 'balance', balances: funds, complete: true, at},
  ];
}
