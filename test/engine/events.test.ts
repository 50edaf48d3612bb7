// The event union's one helper (events.ts): which events are book events.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isBookEvent, type EngineEvent} from '../../source/engine/events.js';
import {marketEvents, T0} from './engineFixtures.js';

test('isBookEvent: book snapshots and deltas of either venue, nothing else', () => {
  const delta: EngineEvent = {type: 'book.delta', venue: 'kucoin', fromVersion: 1, toVersion: 1, bids: [], asks: [], at: T0};
  const others: EngineEvent[] = [
    {type: 'timer', timer: 'depthCheck', at: T0},
    {type: 'connection', stream: 'mexc.book', state: 'live', reason: null, at: T0},
    {type: 'stream.malformed', stream: 'mexc.book', reason: 'x', at: T0},
    {type: 'balance', balances: {}, complete: true, at: T0},
  ];
  const [kucoinSnapshot, mexcSnapshot] = marketEvents();
  assert.deepEqual([kucoinSnapshot!, mexcSnapshot!, delta].map(isBookEvent), [true, true, true]);
  assert.deepEqual(others.map(isBookEvent), [false, false, false, false]);
});
