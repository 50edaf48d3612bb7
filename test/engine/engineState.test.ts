// The engine state a run starts from (engineState.ts): every field that later code reads a meaning
// into (sentinels, clocks, the halt and compliance history carried over from the last run).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {defaultConfig} from '../../source/config/configSchema.js';
import {createEngineState} from '../../source/engine/engineState.js';
import type {PersistedCompliance} from '../../source/engine/view/snapshot.js';
import {makeState, rules, T0} from './engineFixtures.js';

test('every tracked stream starts connecting, with no reason and no message yet', () => {
  const state = makeState();
  const connecting = {state: 'connecting', reason: null, lastMessageAt: null};
  assert.deepEqual(state.streams, {
    'kucoin.book': connecting,
    'mexc.book': connecting,
    'mexc.user': connecting,
    'mexc.listenKey': connecting,
    'mexc.rest': connecting,
  });
  assert.notEqual(state.streams['mexc.book'], state.streams['mexc.user'], 'each stream has its own record');
});

test('a fresh state: clocks at start, nothing known, nothing held, every counter zero', () => {
  const state = makeState();
  assert.equal(state.config.levels, 5);
  assert.equal(state.mode, 'sim');
  assert.equal(state.rules, rules);
  assert.deepEqual([state.startedAt, state.now], [T0, T0]);
  assert.deepEqual(state.trading, {kind: 'active'});
  assert.deepEqual([state.mexcBook.version, state.mexcBook.synced, state.kucoinBook.version, state.kucoinBook.synced], [null, false, null, false]);
  assert.equal(state.orders.size, 0);
  assert.deepEqual(state.balances, {});
  assert.equal(state.balancesKnown, false);
  assert.equal(state.rateLimitedUntil, 0);
  assert.equal(state.consecutiveOrderErrors, 0);
  assert.equal(state.lastFailedRequestId, -1, 'no request id (they start at 1) is mistaken for the last failed one');
  assert.equal(state.referenceStaleSince, null);
  assert.deepEqual([state.lastReferenceFair, state.lastFair], [null, null], 'no fair price known yet: nothing for the fallback chain to hold');
  assert.deepEqual(state.pricing, {step: 'reference', since: T0, price: null, widenLevel: 0, detail: 'pricing from the reference', awaySince: null});
  assert.equal(state.suspension, null);
  assert.equal(state.venueRefusal, null);
  assert.equal(state.nextResetAt, T0 + 1_800_000, 'the first reset one resetIntervalSec after start');
  assert.equal(state.reconcileInFlight, false);
  assert.equal(state.lastReconcileAt, null);
  assert.equal(state.lastBalanceRefreshAt, -Infinity, 'the first reconcile always refreshes balances');
  assert.equal(state.portRateLimited, 0);
  assert.deepEqual(state.counters, {
    events: 0, decisions: 0, coalescedBookEvents: 0, queueDepth: 0, queueHighWater: 0, requests: 0, throttled: 0, rateLimited: 0,
    ordersPlaced: 0, ordersCancelled: 0, ordersRejected: 0, unknownOutcomes: 0, fills: 0, resyncs: 0, malformed: 0, invalidTransitions: 0, errors: 0,
  });
  assert.equal(state.lastError, null);
  assert.deepEqual(state.recentEvents, []);
  assert.deepEqual(state.sideReasons, {bid: null, ask: null});
  assert.deepEqual(state.sideShortfall, {bid: 0, ask: 0});
  assert.equal(state.compliance.gauges(T0).lastDay.samples, 0);
});

test('the books use the price decimals of their venue', () => {
  const config = defaultConfig();
  const state = createEngineState({config, mode: 'paper', rules, kucoinPriceDecimals: 6, now: T0, halted: null, complianceHistory: null});
  assert.equal(state.mode, 'paper');
  assert.equal(state.mexcBook.priceDecimals, 5);
  assert.equal(state.kucoinBook.priceDecimals, 6);
});

test('the next reset follows the configured interval', () => {
  const state = makeState((c) => (c.timers.resetIntervalSec = 600));
  assert.equal(state.nextResetAt, T0 + 600_000);
});

test('a persisted halt starts the engine halted', () => {
  const config = defaultConfig();
  const state = createEngineState({config, mode: 'live', rules, kucoinPriceDecimals: 5, now: T0, halted: {since: T0 - 1, reason: 'kill'}, complianceHistory: null});
  assert.deepEqual(state.trading, {kind: 'halted', since: T0 - 1, reason: 'kill', resumeTo: {kind: 'active'}});
});

test('persisted compliance history is restored', () => {
  const minute = Math.floor(T0 / 60_000) - 1;
  const history: PersistedCompliance = {
    version: 1,
    minutes: [{minute, samples: 60, pass: 30, passCombined: 45, bidPass: 40, askPass: 50, spreadPass: 60}],
    longestGapSec: 12,
    lastFailure: {at: T0 - 61_000, reason: 'spread 3% ≥ 2%'},
    streakStartAt: T0 - 30_000,
    streakPass: true,
  };
  const state = createEngineState({config: defaultConfig(), mode: 'sim', rules, kucoinPriceDecimals: 5, now: T0, halted: null, complianceHistory: history});
  assert.deepEqual(state.compliance.persisted(), history);
});
