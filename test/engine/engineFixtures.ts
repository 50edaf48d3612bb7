// Shared fixtures for engine tests: a realistic symbol, two books around 0.25 USDT and a funded account.
import {defaultConfig, type Config} from '../../source/config/configSchema.js';
import {createEngineState, type EngineState} from '../../source/engine/engineState.js';
import type {EngineEvent, ExchangeOrder} from '../../source/engine/events.js';
import type {CancelIntent, CancelOutcome, PlaceIntent, PlaceOutcome, TradingPort} from '../../source/engine/ports.js';
import type {SymbolRules} from '../../source/engine/symbolRules.js';
import {createEngineContext, type EngineContext} from '../../source/engine/engineContext.js';
import {OrderExecutor} from '../../source/engine/orders/orderExecutor.js';
import type {JournalRecord} from '../../source/engine/view/records.js';
import type {RecentEvent} from '../../source/engine/view/snapshot.js';
import {localOrder, type LocalOrder, type LocalOrderState} from '../../source/engine/orders/localOrder.js';
import {fairPrice} from '../../source/engine/market/fairPrice.js';
import {bestAfterExclusion} from '../../source/engine/market/depth.js';
import {ownLevels} from '../../source/engine/market/ownLevels.js';
import {choosePricing, type PricingInput} from '../../source/engine/market/pricingChain.js';
import {mexcBookUsable} from '../../source/engine/risk/staleness.js';
import {suspensionCause} from '../../source/engine/risk/suspension.js';
import type {GateInput} from '../../source/engine/planner/gates.js';
import {ticksToPrice} from '../../source/engine/symbolRules.js';

export const rules: SymbolRules = {
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

export const T0 = 1_760_000_000_000;

/**
 * The engine tests' config: the defaults, with the fallback hold at 5 minutes (the numbers of the fallback
 * tests are worked by hand from it; the default is 15: docs/strategy.md §4.1).
 */
export function testConfig(): Config {
  const config = defaultConfig();
  config.fallback.holdSec = 300;
  return config;
}

export function makeState(overrides: (config: Config) => void = () => undefined): EngineState {
  const config = testConfig();
  overrides(config);
  return createEngineState({config, mode: 'sim', rules, kucoinPriceDecimals: 5, now: T0, halted: null, complianceHistory: null});
}

/** A deep KuCoin book around `mid` and a thin MEXC book (others only, spread ~4 %). */
export function marketEvents(mid = 0.25, at = T0): EngineEvent[] {
  const levels = (from: number, step: number, n: number, size: string) =>
    Array.from({length: n}, (_, i) => [(from + step * i).toFixed(5), size] as const);
  return [
    {type: 'book.snapshot', venue: 'kucoin', version: 100, bids: levels(mid * 0.9995, -0.00005, 50, '20000'), asks: levels(mid * 1.0005, 0.00005, 50, '20000'), at},
    {type: 'book.snapshot', venue: 'mexc', version: 500, bids: levels(mid * 0.98, -0.0002, 5, '300'), asks: levels(mid * 1.02, 0.0002, 5, '300'), at},
    {type: 'connection', stream: 'kucoin.book', state: 'live', reason: null, at},
    {type: 'connection', stream: 'mexc.book', state: 'live', reason: null, at},
    {type: 'connection', stream: 'mexc.user', state: 'live', reason: null, at},
    {type: 'balance', balances: {RMV: {free: 16000, locked: 0}, USDT: {free: 4000, locked: 0}}, complete: true, at},
  ];
}

/** A TradingPort that records calls and answers as told (a unit-test double; integration tests use the simulator). */
export class RecordingTradingPort implements TradingPort {
  placed: PlaceIntent[][] = [];
  cancelled: CancelIntent[][] = [];
  open: ExchangeOrder[] = [];
  placeAnswer: (intent: PlaceIntent) => PlaceOutcome = (i) => ({kind: 'placed', clientOrderId: i.clientOrderId, orderId: `X${i.clientOrderId}`});
  cancelAnswer: (intent: CancelIntent) => CancelOutcome = (i) => ({kind: 'cancelled', clientOrderId: i.clientOrderId});
  queried: string[] = [];
  queryAnswer: (id: string) => ExchangeOrder | null = () => null;

  async rules() {
    return rules;
  }
  async placeOrders(orders: readonly PlaceIntent[]) {
    this.placed.push([...orders]);
    return orders.map((o) => this.placeAnswer(o));
  }
  async cancelOrders(orders: readonly CancelIntent[]) {
    this.cancelled.push([...orders]);
    return orders.map((o) => this.cancelAnswer(o));
  }
  async openOrders() {
    return this.open;
  }
  async queryOrder(id: string) {
    this.queried.push(id);
    return this.queryAnswer(id);
  }
  async balances() {
    return {RMV: {free: 16000, locked: 0}, USDT: {free: 4000, locked: 0}};
  }
  counters() {
    return {requests: 0, throttled: 0, rateLimited: 0, blockedUntil: null};
  }
}

export function idFactory(prefix = 'mmx'): () => string {
  let n = 0;
  return () => `${prefix}t${n++}`;
}

/** Applies market-data events straight to the state's books (no decision pass), for planner tests. */
export function applyMarket(state: EngineState, events: readonly EngineEvent[]): EngineState {
  for (const event of events) {
    switch (event.type) {
      case 'book.snapshot':
        (event.venue === 'mexc' ? state.mexcBook : state.kucoinBook).applySnapshot(event.version, event.bids, event.asks, event.at);
        break;
      case 'connection':
        state.streams[event.stream] = {state: event.state, reason: event.reason, lastMessageAt: event.at};
        break;
      case 'balance':
        state.balances = {...event.balances};
        state.balancesKnown = true;
        break;
      default:
        throw new Error(`applyMarket does not handle ${event.type}`);
    }
  }
  return state;
}

// ---- kernel & risk helpers (test/engine/*.test.ts, test/engine/risk/*.test.ts) ----------------------
// A hand-built EngineContext whose outputs are recorded, for testing one handler without the kernel.

export interface RecordedContext {
  ctx: EngineContext;
  state: EngineState;
  port: RecordingTradingPort;
  executor: OrderExecutor;
  /** events the executor pushed (the queue, in a real engine) */
  pushed: EngineEvent[];
  journal: JournalRecord[];
  notices: RecentEvent[];
  resyncs: Array<[venue: string, reason: string]>;
  /** how many times persistSoon() was called */
  persistSoon: number;
}

export function recordedContext(state: EngineState = makeState(), port: RecordingTradingPort = new RecordingTradingPort()): RecordedContext {
  const pushed: EngineEvent[] = [];
  const executor = new OrderExecutor(port, (e) => pushed.push(e), () => state.now);
  const rec: RecordedContext = {ctx: undefined as unknown as EngineContext, state, port, executor, pushed, journal: [], notices: [], resyncs: [], persistSoon: 0};
  const outputs: EngineContext['outputs'] = {
    resync: (venue, reason) => void rec.resyncs.push([venue, reason]),
    journal: (record) => void rec.journal.push(record),
    notice: (event) => void rec.notices.push(event),
    snapshot: () => undefined,
    persist: () => undefined,
  };
  rec.ctx = createEngineContext(state, executor, outputs, idFactory(), () => state.now, () => void rec.persistSoon++);
  return rec;
}

/** One of our orders, put straight into the state's order map. */
export function putOrder(state: EngineState, clientOrderId: string, fields: {side?: 'BUY' | 'SELL'; priceTicks?: number; qtyLots?: number; state?: LocalOrderState; retiring?: string | null} = {}): LocalOrder {
  const order = localOrder({
    clientOrderId,
    orderId: `X${clientOrderId}`,
    side: fields.side ?? 'BUY',
    priceTicks: fields.priceTicks ?? 24_900,
    qtyLots: fields.qtyLots ?? 100_000,
    filledLots: 0,
    state: fields.state ?? 'open',
    retiring: fields.retiring ?? null,
    createdAt: state.now,
    changedAt: state.now,
    reason: 'fill ladder',
  });
  state.orders.set(clientOrderId, order);
  return order;
}
// ---- end of kernel & risk helpers ---------------------------------------------------------------------

// ---- pricing helpers (test/engine/planner/gates.test.ts, risk/*.test.ts) -----------------------------

/** What the fallback chain sees in this state, read the way the planner reads it (our orders left out of MEXC's book). */
export function pricingInputOf(state: EngineState): PricingInput {
  const own = ownLevels(state.orders.values(), state.rules);
  const fair = fairPrice({
    model: state.config.fairPrice.model,
    mexc: state.mexcBook,
    kucoin: state.kucoinBook,
    pct: state.config.bandPct,
    mexcOwn: own,
    includeOwnOrders: state.config.fairPrice.includeOwnOrders,
  });
  const bid = bestAfterExclusion(state.mexcBook, 'bids', own);
  const ask = bestAfterExclusion(state.mexcBook, 'asks', own);
  return {
    config: state.config,
    now: state.now,
    referenceStaleSince: state.referenceStaleSince,
    referenceFair: fair?.price ?? null,
    mexcUsable: mexcBookUsable(state),
    othersBid: bid === null ? null : ticksToPrice(bid, state.rules),
    othersAsk: ask === null ? null : ticksToPrice(ask, state.rules),
    lastReferenceFair: state.lastReferenceFair,
    lastFair: state.lastFair,
  };
}

/** The gates' input for this state: the real fallback-chain decision and the suspension it leads to, with `fair` as given. */
export function gateInputOf(state: EngineState, fair: GateInput['fair']): GateInput {
  const pricing = choosePricing(pricingInputOf(state));
  return {fair, pricing, suspension: suspensionCause(state, pricing)};
}
