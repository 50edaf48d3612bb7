// When market data may be acted on (staleness.ts): the reference (KuCoin) stale clock — at the
// staleAfterSec limit and one ms past it, one-sided books included; it keeps the moment staleness began
// and clears as soon as the data is fresh again — and whether the MEXC book is usable (live, or polled by
// REST with a snapshot younger than staleAfterSec).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mexcBookUsable, updateStaleness} from '../../../source/engine/risk/staleness.js';
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

test('fresh books on live streams: the reference is not stale', () => {
  const state = freshState();
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, null);
});

test('a reference book last updated exactly staleAfterSec ago is fresh; one ms more and it is stale', () => {
  const state = freshState();
  state.now = T0 + 10_000;
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, null);
  state.now = T0 + 10_001;
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0 + 10_001);
});

test('the stale clock keeps when staleness began, and clears when the reference updates again', () => {
  const state = freshState();
  state.now = T0 + 11_000;
  updateStaleness(state);
  state.now = T0 + 20_000;
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0 + 11_000);
  state.kucoinBook.applySnapshot(2, [['0.24990', '100']], [['0.25010', '100']], T0 + 20_000);
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, null);
});

test('the reference stream not live makes the reference stale, however recent its book', () => {
  for (const s of ['connecting', 'syncing', 'stale', 'down', 'polling'] as const) {
    const state = freshState();
    state.streams['kucoin.book'].state = s;
    updateStaleness(state);
    assert.equal(state.referenceStaleSince, T0, s);
  }
});

test('an unsynced reference book is stale', () => {
  const state = freshState();
  state.kucoinBook.markUnsynced();
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0);
});

test('a reference book that never updated is stale', () => {
  const state = makeState();
  state.streams['kucoin.book'].state = 'live';
  state.streams['mexc.book'].state = 'live';
  updateStaleness(state);
  assert.equal(state.referenceStaleSince, T0);
});

test('a one-sided reference book is stale, on either side, however recent', () => {
  for (const [bids, asks, which] of [
    [[], [['0.25010', '100']], 'no bids'],
    [[['0.24990', '100']], [], 'no asks'],
  ] as const) {
    const state = freshState();
    state.kucoinBook.applySnapshot(2, bids, asks, T0);
    updateStaleness(state);
    assert.equal(state.referenceStaleSince, T0, which);
  }
});

test('the MEXC book down or unsynced does not make the reference stale', () => {
  const down = freshState();
  down.streams['mexc.book'].state = 'down';
  updateStaleness(down);
  assert.equal(down.referenceStaleSince, null);

  const unsynced = freshState();
  unsynced.mexcBook.markUnsynced();
  updateStaleness(unsynced);
  assert.equal(unsynced.referenceStaleSince, null);
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

// ---- mexcBookUsable ---------------------------------------------------------------------------------

test('mexcBookUsable: a synced book on a live stream is usable, however old its last update', () => {
  const state = freshState();
  state.now = T0 + 3_600_000;
  assert.equal(mexcBookUsable(state), true);
});

test('mexcBookUsable: an unsynced book is not usable, whatever the stream says', () => {
  for (const s of ['live', 'polling'] as const) {
    const state = freshState();
    state.streams['mexc.book'].state = s;
    state.mexcBook.markUnsynced();
    assert.equal(mexcBookUsable(state), false, s);
  }
});

test('mexcBookUsable: a polled snapshot exactly staleAfterSec old is usable; one ms older it is not', () => {
  const state = freshState();
  state.streams['mexc.book'].state = 'polling';
  state.now = T0 + 10_000;
  assert.equal(mexcBookUsable(state), true);
  state.now = T0 + 10_001;
  assert.equal(mexcBookUsable(state), false);
});

test('mexcBookUsable: the polling age limit is the configured staleAfterSec', () => {
  const state = makeState((c) => (c.risk.staleAfterSec = 3));
  state.mexcBook.applySnapshot(1, [['0.24900', '100']], [['0.25100', '100']], T0);
  state.streams['mexc.book'].state = 'polling';
  state.now = T0 + 3_000;
  assert.equal(mexcBookUsable(state), true);
  state.now = T0 + 3_001;
  assert.equal(mexcBookUsable(state), false);
});

test('mexcBookUsable: a synced, fresh book on a stream neither live nor polling is not usable', () => {
  for (const s of ['connecting', 'syncing', 'stale', 'down'] as const) {
    const state = freshState();
    state.streams['mexc.book'].state = s;
    assert.equal(mexcBookUsable(state), false, s);
  }
});
