// The automatic suspension's cause (suspension.ts, docs/strategy.md §12.1): each cause alone with its
// exact reason, which pricing steps suspend, the precedence of the causes, and the venue refusal window
// at its boundary. The pricing decision is the real one for the state (pricingInputOf + choosePricing).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {EngineState} from '../../../source/engine/engineState.js';
import {choosePricing, pricingSteps, type PricingDecision} from '../../../source/engine/market/pricingChain.js';
import {suspensionCause, VENUE_REFUSAL_PAUSE_MS} from '../../../source/engine/risk/suspension.js';
import {applyMarket, makeState, marketEvents, pricingInputOf, T0} from '../engineFixtures.js';

/** Both books synced and live, the last fair price 0.25 from the reference at T0: nothing suspends. */
function ready(): EngineState {
  const state = applyMarket(makeState(), marketEvents());
  state.lastFair = {price: 0.25, at: T0};
  state.lastReferenceFair = {price: 0.25, at: T0};
  return state;
}

const cause = (state: EngineState) => suspensionCause(state, choosePricing(pricingInputOf(state)));

/** KuCoin gone since T0, and nothing left to price us `ms` later: MEXC unusable as a price (others one-sided). */
function referenceGone(state: EngineState, ms = 300_001): void {
  state.streams['kucoin.book'].state = 'down';
  state.referenceStaleSince = T0;
  state.now = T0 + ms;
  state.mexcBook.applySnapshot(501, [['0.24500', '300']], [], T0); // others quote bids only
}

const REFERENCE_REASON = 'no usable price: last fair price older than 300s and MEXC cannot price us; cancelling our orders until the reference is back';

test('a ready state is not suspended', () => {
  assert.equal(cause(ready()), null);
});

test('reference: the fallback chain ran out (pricing none) suspends, naming why there is no price', () => {
  const state = ready();
  referenceGone(state);
  assert.deepEqual(cause(state), {cause: 'reference', reason: REFERENCE_REASON});
});

test('reference: a held price exactly holdSec old is not yet a suspension', () => {
  const state = ready();
  referenceGone(state, 300_000);
  assert.equal(cause(state), null);
});

test('only the end of the chain suspends for the reference: every other step leaves the pair running', () => {
  const state = ready();
  for (const step of pricingSteps) {
    const decision: PricingDecision = {step, price: step === 'none' ? null : 0.25, halfSpreadPct: 0.003, depthTarget: 1250, placesAllowed: step !== 'none', widenLevel: 0, detail: 'd'};
    assert.deepEqual(suspensionCause(state, decision), step === 'none' ? {cause: 'reference', reason: 'd; cancelling our orders until the reference is back'} : null, step);
  }
});

test('mexcBook: an unsynced MEXC book, or a synced one whose stream is neither live nor freshly polled, freezes orders', () => {
  const unsynced = ready();
  unsynced.mexcBook.markUnsynced();
  assert.deepEqual(cause(unsynced), {cause: 'mexcBook', reason: 'MEXC book not synced: orders frozen'});
  for (const s of ['connecting', 'syncing', 'stale', 'down'] as const) {
    const state = ready();
    state.streams['mexc.book'].state = s;
    assert.deepEqual(cause(state), {cause: 'mexcBook', reason: `MEXC book ${s}: orders frozen`}, s);
  }
});

test('mexcBook: a polled MEXC book is usable while its snapshot is at most staleAfterSec old', () => {
  const state = ready();
  state.streams['mexc.book'].state = 'polling';
  state.now = T0 + 10_000;
  assert.equal(cause(state), null);
  state.now = T0 + 10_001;
  assert.deepEqual(cause(state), {cause: 'mexcBook', reason: 'MEXC book polling: orders frozen'});
});

test(`exchangeClosed: a "not now" refusal suspends new orders for ${VENUE_REFUSAL_PAUSE_MS} ms from the refusal, not one ms more`, () => {
  const state = ready();
  state.venueRefusal = {at: T0 + 500, detail: '30004 symbol paused'};
  state.now = T0 + 500;
  const closed = {cause: 'exchangeClosed', reason: 'MEXC refuses orders for now (30004 symbol paused): no new orders'};
  assert.deepEqual(cause(state), closed);
  state.now = T0 + 500 + VENUE_REFUSAL_PAUSE_MS - 1;
  assert.deepEqual(cause(state), closed);
  state.now = T0 + 500 + VENUE_REFUSAL_PAUSE_MS;
  assert.equal(cause(state), null, 'then one more try');
  assert.equal(VENUE_REFUSAL_PAUSE_MS, 30_000, 'docs/strategy.md §12.1 promises 30 s');
});

test('precedence: the reference beats the MEXC book, which beats the exchange refusing orders', () => {
  const state = ready();
  referenceGone(state);
  state.streams['mexc.book'].state = 'down';
  state.venueRefusal = {at: state.now, detail: 'paused'};
  assert.equal(cause(state)?.cause, 'reference');

  const frozen = ready();
  frozen.mexcBook.markUnsynced();
  frozen.venueRefusal = {at: frozen.now, detail: 'paused'};
  assert.equal(cause(frozen)?.cause, 'mexcBook');
});

test('precedence: the reference beats the exchange refusing orders with a usable MEXC book too', () => {
  const state = ready();
  referenceGone(state);
  state.venueRefusal = {at: state.now, detail: 'paused'};
  assert.deepEqual(cause(state), {cause: 'reference', reason: REFERENCE_REASON});
});

test('a suspension is not a halt: the trading state plays no part in it', () => {
  const state = ready();
  state.trading = {kind: 'halted', since: T0, reason: 'kill key', resumeTo: {kind: 'active'}};
  assert.equal(cause(state), null);
  referenceGone(state);
  assert.equal(cause(state)?.cause, 'reference');
});
