import {test} from 'node:test';
import assert from 'node:assert/strict';
import {buildPersistedState, buildSnapshot} from '../../../source/engine/view/snapshotBuilder.js';
import {localOrder, type LocalOrderState} from '../../../source/engine/orders/localOrder.js';
import type {EngineState} from '../../../source/engine/engineState.js';
import type {Plan} from '../../../source/engine/planner/plan.js';
import {makeState, T0} from '../engineFixtures.js';

// rules: 5 price decimals, 2 qty decimals (1 lot = 0.01 RMV)
const put = (state: EngineState, id: string, side: 'BUY' | 'SELL', priceTicks: number, qtyLots: number, orderState: LocalOrderState, filledLots = 0) =>
  void state.orders.set(
    id,
    localOrder({clientOrderId: id, orderId: `X${id}`, side, priceTicks, qtyLots, filledLots, state: orderState, retiring: null, createdAt: T0 - 1, changedAt: T0, reason: 'fill ladder'}),
  );

/** MEXC 0.249×100, 0.248×200 / 0.251×100, 0.252×50 (mid 0.25); KuCoin 0.2499×1000 / 0.2501×1000 (mid 0.25). */
function viewState(): EngineState {
  const state = makeState();
  state.now = T0 + 5000;
  state.mexcBook.applySnapshot(7, [['0.24900', '100'], ['0.24800', '200']], [['0.25100', '100'], ['0.25200', '50']], T0 + 1000);
  state.kucoinBook.applySnapshot(70, [['0.24990', '1000']], [['0.25010', '1000']], T0 + 2000);
  state.balances = {RMV: {free: 100, locked: 50}, USDT: {free: 30, locked: 20}};
  state.balancesKnown = true;
  put(state, 'b-part', 'BUY', 24_900, 4_000, 'open', 1_000); //  40 RMV, 10 filled: 30 rest, inside the band
  put(state, 'b-new', 'BUY', 24_800, 1_000, 'pendingNew');
  put(state, 's-open', 'SELL', 25_100, 2_000, 'open'); //         20 RMV inside the band
  put(state, 's-cancel', 'SELL', 25_200, 500, 'pendingCancel'); // rests until the cancel is confirmed
  put(state, 's-cu', 'SELL', 26_000, 100, 'cancelUnknown');
  put(state, 'b-unknown', 'BUY', 24_000, 100, 'unknown');
  put(state, 'b-far', 'BUY', 20_000, 100, 'open'); //              outside ±2 % of 0.25
  state.sideReasons = {bid: null, ask: 'no balance: short 5 USDT'};
  state.sideShortfall = {bid: 0, ask: 5};
  state.tallies.rejectedByReason.insufficientFunds = 2;
  state.tallies.fills.bid = {count: 1, base: 10, quote: 2.5};
  state.streams['mexc.book'] = {state: 'live', reason: null, lastMessageAt: T0 + 1000};
  state.streams['kucoin.book'] = {state: 'stale', reason: 'no update for 12 s', lastMessageAt: T0 - 7000};
  state.counters.rateLimited = 2;
  state.portRateLimited = 5;
  state.lastError = {at: T0 + 10, message: 'place failed'};
  return state;
}

const order = (clientOrderId: string, side: 'BUY' | 'SELL', price: number, qty: number, filled: number, status: string) =>
  ({clientOrderId, orderId: `X${clientOrderId}`, side, price, qty, filled, status, createdAt: T0 - 1});

test('buildSnapshot: the whole picture in display units (hand-worked)', () => {
  const state = viewState();
  const snapshot = buildSnapshot(state, null);
  assert.deepEqual(snapshot, {
    mode: 'sim',
    symbol: 'RMVUSDT',
    referenceSymbol: 'RMV-USDT',
    baseAsset: 'RMV',
    quoteAsset: 'USDT',
    pid: process.pid,
    startedAt: T0,
    updatedAt: T0 + 5000,
    paused: false,
    halted: null,
    suspension: null,
    // the reference stream says stale, but the stale clock has not run yet (the next staleCheck starts it)
    pricing: {step: 'reference', since: T0, detail: 'pricing from the reference', widenLevel: 0, referenceStaleSince: null, outage: 'KuCoin stale'},
    books: {
      mexc: {
        bids: [
          {price: 0.249, size: 100, cumulativeQuote: 0.249 * 100, ownSize: 30},
          {price: 0.248, size: 200, cumulativeQuote: 0.249 * 100 + 0.248 * 200, ownSize: 0}, // the pendingNew bid is not on the book
        ],
        asks: [
          {price: 0.251, size: 100, cumulativeQuote: 0.251 * 100, ownSize: 20},
          {price: 0.252, size: 50, cumulativeQuote: 0.251 * 100 + 0.252 * 50, ownSize: 5},
        ],
        synced: true,
        lastUpdateAt: T0 + 1000,
        version: 7,
      },
      kucoin: {
        bids: [{price: 0.2499, size: 1000, cumulativeQuote: 0.2499 * 1000, ownSize: 0}],
        asks: [{price: 0.2501, size: 1000, cumulativeQuote: 0.2501 * 1000, ownSize: 0}],
        synced: true,
        lastUpdateAt: T0 + 2000,
        version: 70,
      },
    },
    // no plan yet: no fair price, mids from the books
    fair: {price: null, model: 'cross-venue-depth-weighted', mexcMid: 0.25, kucoinMid: 0.25, mexcDepth: null, kucoinDepth: null},
    spread: {mexc: (25_100 - 24_900) / 25_000, kucoin: (25_010 - 24_990) / 25_000},
    // ±2 % of 0.25: bids ≥ 0.245 and asks ≤ 0.255, every level
    depth: {bid: 0.249 * 100 + 0.248 * 200, ask: 0.251 * 100 + 0.252 * 50, combined: 0.249 * 100 + 0.248 * 200 + (0.251 * 100 + 0.252 * 50)},
    depthTarget: 1250,
    bandPct: 0.02,
    compliance: {
      now: null,
      lastHour: {perSide: null, combined: null, bid: null, ask: null, spread: null, samples: 0},
      lastDay: {perSide: null, combined: null, bid: null, ask: null, spread: null, samples: 0},
      streakSec: 0,
      longestGapSec: 0,
      lastFailure: null,
    },
    // highest price first
    orders: [
      order('s-cu', 'SELL', 0.26, 1, 0, 'PENDING_CANCEL'),
      order('s-cancel', 'SELL', 0.252, 5, 0, 'PENDING_CANCEL'),
      order('s-open', 'SELL', 0.251, 20, 0, 'NEW'),
      order('b-part', 'BUY', 0.249, 40, 10, 'PARTIALLY_FILLED'),
      order('b-new', 'BUY', 0.248, 10, 0, 'PENDING_NEW'),
      order('b-unknown', 'BUY', 0.24, 1, 0, 'UNKNOWN'),
      order('b-far', 'BUY', 0.2, 1, 0, 'NEW'),
    ],
    balances: {
      base: {asset: 'RMV', free: 100, locked: 50},
      quote: {asset: 'USDT', free: 30, locked: 20},
      baseRatio: (150 * 0.25) / (150 * 0.25 + 50), // at the KuCoin mid
    },
    sides: {
      // only open orders inside the band count: 30 RMV at 0.249 and 20 RMV at 0.251
      bid: {quoting: true, reason: null, ownDepth: 0.249 * 30, target: 1250, shortfall: 0},
      ask: {quoting: false, reason: 'no balance: short 5 USDT', ownDepth: 0.251 * 20, target: 1250, shortfall: 5},
    },
    streams: {
      'kucoin.book': {state: 'stale', reason: 'no update for 12 s', lastMessageAt: T0 + 2000}, // its book's last update, newer than the connection event
      'mexc.book': {state: 'live', reason: null, lastMessageAt: T0 + 1000},
      'mexc.user': {state: 'connecting', reason: null, lastMessageAt: null},
      'mexc.listenKey': {state: 'connecting', reason: null, lastMessageAt: null},
      'mexc.rest': {state: 'connecting', reason: null, lastMessageAt: null},
    },
    counters: {...state.counters, rateLimited: 5}, // the port's 429 count is the larger one
    tallies: state.tallies,
    lastError: {at: T0 + 10, message: 'place failed'},
    nextResetAt: state.nextResetAt,
    reconciledAt: null,
    recentEvents: [],
    ledger: null, // no balances yet: the ledger has not begun
    history: [],
  });
});

test('buildSnapshot: the fair price and venue readings come from the plan when there is one', () => {
  const state = viewState();
  const plan: Plan = {
    fair: {price: 0.2503, mexcMid: 0.2504, kucoinMid: 0.2502, mexcDepth: 111, kucoinDepth: 222},
    pricing: null,
    suspension: null,
    places: [], cancels: [], retire: [], sides: {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}},
  };
  assert.deepEqual(buildSnapshot(state, plan).fair, {price: 0.2503, model: 'cross-venue-depth-weighted', mexcMid: 0.2504, kucoinMid: 0.2502, mexcDepth: 111, kucoinDepth: 222});
  const noFair = {...plan, fair: null};
  assert.deepEqual(buildSnapshot(state, noFair).fair, {price: null, model: 'cross-venue-depth-weighted', mexcMid: 0.25, kucoinMid: 0.25, mexcDepth: null, kucoinDepth: null});
});

test('buildSnapshot: our own rate-limit count shows when it is the larger one', () => {
  const state = viewState();
  state.counters.rateLimited = 7;
  state.portRateLimited = 3;
  assert.equal(buildSnapshot(state, null).counters.rateLimited, 7);
  assert.equal(state.counters.rateLimited, 7); // the engine's own counter is not changed
});

test('buildSnapshot: the latest 20 recent events, oldest first', () => {
  const state = viewState();
  for (let i = 0; i < 25; i++) state.recentEvents.push({at: T0 + i, level: 'info', text: `e${i}`});
  assert.deepEqual(buildSnapshot(state, null).recentEvents.map((e) => e.text), Array.from({length: 20}, (_, i) => `e${i + 5}`));
});

test('buildSnapshot: paused and halted states', () => {
  const state = viewState();
  state.trading = {kind: 'paused'};
  assert.deepEqual([buildSnapshot(state, null).paused, buildSnapshot(state, null).halted], [true, null]);
  state.trading = {kind: 'halted', since: T0 + 3, reason: 'kill switch: 5 order errors', resumeTo: {kind: 'active'}};
  assert.deepEqual(buildSnapshot(state, null).halted, {since: T0 + 3, reason: 'kill switch: 5 order errors'});
});

test('buildSnapshot: without balances or books everything reads as zero or unknown', () => {
  const state = makeState();
  const snapshot = buildSnapshot(state, null);
  assert.deepEqual(snapshot.balances, {base: {asset: 'RMV', free: 0, locked: 0}, quote: {asset: 'USDT', free: 0, locked: 0}, baseRatio: null});
  assert.deepEqual(snapshot.books.mexc, {bids: [], asks: [], synced: false, lastUpdateAt: null, version: null});
  assert.deepEqual(snapshot.fair, {price: null, model: 'cross-venue-depth-weighted', mexcMid: null, kucoinMid: null, mexcDepth: null, kucoinDepth: null});
  assert.deepEqual(snapshot.spread, {mexc: null, kucoin: null});
  assert.deepEqual(snapshot.depth, {bid: 0, ask: 0, combined: 0});
  assert.deepEqual(snapshot.sides.bid, {quoting: true, reason: null, ownDepth: 0, target: 1250, shortfall: 0});
  // an open order with no MEXC mid to measure the band against counts for no side
  put(state, 'b', 'BUY', 24_900, 100, 'open');
  assert.equal(buildSnapshot(state, null).sides.bid.ownDepth, 0);
});

test('buildSnapshot: an open order exactly on the band edge counts in its side’s own depth, one tick beyond does not', () => {
  // mid 0.5 and a ±12.5 % band: the edges 0.4375 and 0.5625 are exact in floats
  const state = makeState((c) => void (c.bandPct = 0.125));
  state.mexcBook.applySnapshot(1, [['0.49000', '100']], [['0.51000', '100']], T0);
  put(state, 'edge-bid', 'BUY', 43_750, 100, 'open'); //   1 RMV at 0.4375
  put(state, 'out-bid', 'BUY', 43_749, 100, 'open');
  put(state, 'edge-ask', 'SELL', 56_250, 200, 'open'); //  2 RMV at 0.5625
  put(state, 'out-ask', 'SELL', 56_251, 200, 'open');
  const {sides} = buildSnapshot(state, null);
  assert.deepEqual([sides.bid.ownDepth, sides.ask.ownDepth], [0.4375, 1.125]);
});

test('buildSnapshot: the depth target shown is the one in force: the sized-down sides of a held price, else the configured one', () => {
  const state = viewState();
  const plan: Plan = {
    fair: {price: 0.25, mexcMid: 0.25, kucoinMid: 0.25, mexcDepth: 1, kucoinDepth: 1},
    pricing: {step: 'heldLast', price: 0.25, halfSpreadPct: 0.0045, depthTarget: 1100, placesAllowed: true, widenLevel: 1, detail: 'holding the last fair price, widened'},
    suspension: null,
    places: [], cancels: [], retire: [], sides: {bid: {reason: null, shortfallQuote: 0}, ask: {reason: null, shortfallQuote: 0}},
  };
  const held = buildSnapshot(state, plan);
  assert.deepEqual([held.depthTarget, held.sides.bid.target, held.sides.ask.target], [1100, 1100, 1100]);
  const configured = buildSnapshot(state, null);
  assert.deepEqual([configured.depthTarget, configured.sides.bid.target, configured.sides.ask.target], [1250, 1250, 1250]);
});

test('buildSnapshot: the suspension in force (a copy) and the pricing step with the outage timer', () => {
  const state = viewState();
  state.streams['kucoin.book'].state = 'down';
  state.referenceStaleSince = T0 + 5000 - 252_000; // 4m12s ago
  state.pricing = {step: 'heldLast', since: T0 + 1000, price: 0.25, widenLevel: 2, detail: 'holding the last fair price, widened', awaySince: T0 + 1000};
  state.suspension = {cause: 'mexcBook', since: T0 + 4000, reason: 'MEXC book down: orders frozen'};
  const snapshot = buildSnapshot(state, null);
  assert.deepEqual(snapshot.suspension, {cause: 'mexcBook', since: T0 + 4000, reason: 'MEXC book down: orders frozen'});
  assert.notEqual(snapshot.suspension, state.suspension, 'the view does not share the engine object');
  assert.deepEqual(snapshot.pricing, {
    step: 'heldLast',
    since: T0 + 1000,
    detail: 'holding the last fair price, widened',
    widenLevel: 2,
    referenceStaleSince: T0 + 5000 - 252_000,
    outage: 'KuCoin down 4m12s',
  });
  assert.equal(snapshot.halted, null, 'a suspension is not a halt');
});

test('buildPersistedState: the snapshot plus the schema version, the compliance history, the ledger and the minute history', () => {
  const state = viewState();
  const persisted = buildPersistedState(state, null);
  const {schemaVersion, complianceHistory, ledgerState, minuteHistory, ...snapshot} = persisted;
  assert.equal(schemaVersion, 1);
  assert.deepEqual([ledgerState?.start, ledgerState?.tradeIds, minuteHistory], [null, [], []]);
  assert.deepEqual(complianceHistory, {version: 1, minutes: [], longestGapSec: 0, lastFailure: null, streakStartAt: null, streakPass: null});
  assert.deepEqual(snapshot, buildSnapshot(state, null));
});
