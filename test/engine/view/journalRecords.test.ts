import {test} from 'node:test';
import assert from 'node:assert/strict';
import {BookJournal, fillRecord, orderRecord} from '../../../source/engine/view/journalRecords.js';
import {localOrder} from '../../../source/engine/orders/localOrder.js';
import {makeState, T0} from '../engineFixtures.js';
import {ledgerFillOf} from '../../../source/engine/ledger/ledgerUpdates.js';

// rules: 5 price decimals, 2 qty decimals
test('orderRecord: an order in display units, at the engine time, with the action and reason', () => {
  const state = makeState();
  state.now = T0 + 7;
  const order = localOrder({
    clientOrderId: 'mmxt1', orderId: 'X1', side: 'SELL', priceTicks: 25_125, qtyLots: 123_456, filledLots: 100,
    state: 'open', retiring: null, createdAt: T0, changedAt: T0, reason: 'fill ladder',
  });
  assert.deepEqual(orderRecord(state, 'cancel', order, 'off ladder'), {
    stream: 'orders', at: T0 + 7, action: 'cancel', clientOrderId: 'mmxt1', orderId: 'X1', side: 'SELL', price: 0.25125, qty: 1234.56, reason: 'off ladder',
  });
  const unplaced = localOrder({...order, orderId: null, side: 'BUY'});
  assert.deepEqual(orderRecord(state, 'place', unplaced, 'fill ladder'), {
    stream: 'orders', at: T0 + 7, action: 'place', clientOrderId: 'mmxt1', orderId: null, side: 'BUY', price: 0.25125, qty: 1234.56, reason: 'fill ladder',
  });
});

test('fillRecord: a fill in display units, at the fill time, fee as reported, with the ledger reading of it', () => {
  const state = makeState();
  const event = {
    type: 'fill' as const, clientOrderId: 'mmxt2', orderId: 'X2', tradeId: 'T9', side: 'BUY' as const, priceTicks: 24_950, qtyLots: 5_050,
    fee: '0.0101', feeAsset: 'RMV', isMaker: true, at: T0 - 3,
  };
  const entry = ledgerFillOf(state, event);
  state.ledger.addFill(entry);
  assert.deepEqual(fillRecord(state, event, entry), {
    stream: 'fills', at: T0 - 3, clientOrderId: 'mmxt2', orderId: 'X2', tradeId: 'T9', side: 'BUY', price: 0.2495, qty: 50.5, fee: '0.0101', feeAsset: 'RMV',
    feeQuote: 0.0101 * 0.2495, refMid: null, mexcMid: null, baseChange: 50.5 - 0.0101, quoteChange: -0.2495 * 50.5,
  });
});

function bookState() {
  const state = makeState((c) => {
    c.journal.bookIntervalMs = 1000;
    c.journal.bookLevels = 2;
  });
  state.mexcBook.applySnapshot(500, [['0.24900', '10'], ['0.24800', '20'], ['0.24700', '30']], [['0.25100', '11'], ['0.25200', '21']], T0);
  state.kucoinBook.applySnapshot(100, [['0.24990', '1000']], [['0.25010', '2000']], T0);
  return state;
}

test('BookJournal: the top levels of each venue in display units, with the book version', () => {
  const state = bookState();
  const journal = new BookJournal(state);
  assert.deepEqual(journal.record('mexc', false), {
    stream: 'book.mexc', at: T0, version: 500, bids: [[0.249, 10], [0.248, 20]], asks: [[0.251, 11], [0.252, 21]],
  });
  assert.deepEqual(journal.record('kucoin', false), {
    stream: 'book.kucoin', at: T0, version: 100, bids: [[0.2499, 1000]], asks: [[0.2501, 2000]],
  });
});

test('BookJournal: at most one record per venue per interval, unless forced; venues are sampled apart', () => {
  const state = bookState();
  const journal = new BookJournal(state);
  assert.notEqual(journal.record('mexc', false), null);
  state.now = T0 + 999;
  assert.equal(journal.record('mexc', false), null); // 999 ms after the last one
  assert.notEqual(journal.record('kucoin', false), null); // the other venue has its own clock
  assert.equal(journal.record('mexc', true)?.at, T0 + 999); // a snapshot is always journalled ...
  state.now = T0 + 1998;
  assert.equal(journal.record('mexc', false), null); // ... and restarts the interval
  state.now = T0 + 1999;
  assert.equal(journal.record('mexc', false)?.at, T0 + 1999); // exactly one interval later
});

test('BookJournal: an empty, never-synced book is journalled with no levels and no version', () => {
  const state = makeState();
  assert.deepEqual(new BookJournal(state).record('mexc', false), {stream: 'book.mexc', at: T0, version: null, bids: [], asks: []});
});
