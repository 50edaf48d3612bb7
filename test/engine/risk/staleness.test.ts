// When market data counts as stale (staleness.ts): the reference feed alone (hold, then cancel quotes)
// and any feed (kill-on-stale). Each at the staleAfterSec limit and one ms past it; the stale clocks
// keep the moment staleness began and clear as soon as the data is fresh again.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {updateStaleness} from '../../../source/engine/risk/staleness.js';
import {makeState, T0} from '../engineFixtures.js';

/** Both books synced at T0 and both streams live; staleAfterSec = 10 (the default). */
function freshState() {
  const state = makeState();
  state.kucoinBook.applySnapshot(1, [['0.24990', '100']], [['0.25010', '100']], T0);
  state.mexcBook.applySnapshot(1, [['0.24900', '100']], [['0.25100', '100']], T0);
  state.streams['kucoin.book'].state = 'live';
  state.streams['mexc.book'].state = 'live';
  return state;
}

test('fresh books on live streams: nothing is stale', () => {
  const state = freshState();
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, null);
  assert.equal(state.dataStaleSince, null);
});

test('a reference book last updated exactly staleAfterSec ago is fresh; one ms more and it is stale', () => {
  const state = freshState();
  state.now = T0 + 10_000;
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, null);
  assert.equal(state.dataStaleSince, null);
  state.now = T0 + 10_001;
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0 + 10_001);
  assert.equal(state.dataStaleSince, T0 + 10_001);
});

test('the stale clocks keep when staleness began, and clear when the reference updates again', () => {
  const state = freshState();
  state.now = T0 + 11_000;
  updateStaleness(state);
  state.now = T0 + 20_000;
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0 + 11_000);
  assert.equal(state.dataStaleSince, T0 + 11_000);
  state.kucoinBook.applySnapshot(2, [['0.24990', '100']], [['0.25010', '100']], T0 + 20_000);
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, null);
  assert.equal(state.dataStaleSince, null);
});

test('the reference stream not live makes the reference stale, however recent its book', () => {
  for (const s of ['connecting', 'syncing', 'stale', 'down'] as const) {
    const state = freshState();
    state.streams['kucoin.book'].state = s;
    updateStaleness(state);
    assert.equal(state.referenceStaleSince, T0, s);
    assert.equal(state.dataStaleSince, T0, s);
  }
});

test('an unsynced reference book is stale', () => {
  const state = freshState();
  state.kucoinBook.markUnsynced();
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0);
  assert.equal(state.dataStaleSince, T0);
});

test('a reference book that never updated is stale', () => {
  const state = makeState();
  state.streams['kucoin.book'].state = 'live';
  state.streams['mexc.book'].state = 'live';
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0);
  assert.equal(state.dataStaleSince, T0);
});

test('the MEXC book down or unsynced makes the data stale but not the reference', () => {
  const down = freshState();
  down.streams['mexc.book'].state = 'down';
  updateStaleness(down);
  assert.equal(down.referenceStaleSince, null);
  assert.equal(down.dataStaleSince, T0);

  const unsynced = freshState();
  unsynced.mexcBook.markUnsynced();
  updateStaleness(unsynced);
  assert.equal(unsynced.referenceStaleSince, null);
  assert.equal(unsynced.dataStaleSince, T0);
});

test('the data stale clock keeps its start while the reference recovers but MEXC does not', () => {
  const state = freshState();
  state.streams['mexc.book'].state = 'down';
  state.streams['kucoin.book'].state = 'down';
  updateStaleness(state);
  state.now = T0 + 5_000;
  state.streams['kucoin.book'].state = 'live';
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, null);
  assert.equal(state.dataStaleSince, T0);
  state.streams['mexc.book'].state = 'live';
  updateStaleness(state);
  assert.equal(state.dataStaleSince, null);
});

test('the configured staleAfterSec is the limit', () => {
  const state = makeState((c) => (c.risk.staleAfterSec = 3));
  state.kucoinBook.applySnapshot(1, [['0.24990', '100']], [['0.25010', '100']], T0);
  state.streams['kucoin.book'].state = 'live';
  state.now = T0 + 3_000;
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, null);
  state.now = T0 + 3_001;
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0 + 3_001);
});
