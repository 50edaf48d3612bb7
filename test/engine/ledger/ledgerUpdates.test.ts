import {test} from 'node:test';
import assert from 'node:assert/strict';
import {currentReferenceMid, ledgerFillOf, referenceMidAt, tickLedger} from '../../../source/engine/ledger/ledgerUpdates.js';
import {applyFill} from '../../../source/engine/orders/orderEvents.js';
import {applyMarket, makeState, marketEvents, recordedContext, T0} from '../engineFixtures.js';
import type {EventOf} from '../../../source/engine/events.js';

const fillEvent = (over: Partial<EventOf<'fill'>> = {}): EventOf<'fill'> => ({
  type: 'fill', clientOrderId: 'mmx1', orderId: 'E1', tradeId: 'T1', side: 'BUY', priceTicks: 24_900, qtyLots: 400, fee: '0', feeAsset: 'USDT', isMaker: true, at: T0, ...over,
});

test('a fill is valued as the ledger takes it: a base fee at the fill price, the mids of the moment, the inventory change', () => {
  const state = applyMarket(makeState(), marketEvents(0.25));
  const entry = ledgerFillOf(state, fillEvent({fee: '0.04', feeAsset: 'RMV', side: 'BUY'}));
  assert.equal(entry.feeQuote, 0.04 * 0.249);
  assert.equal(entry.baseChange, 4 - 0.04);
  assert.equal(entry.quoteChange, -0.249 * 4);
  assert.ok(entry.refMid !== null && Math.abs(entry.refMid - 0.25) < 1e-4);
  assert.ok(entry.mexcMid !== null && Math.abs(entry.mexcMid - 0.25) < 1e-4);
  const sell = ledgerFillOf(state, fillEvent({fee: '0.1', feeAsset: 'USDT', side: 'SELL'}));
  assert.equal(sell.quoteChange, 0.249 * 4 - 0.1);
  assert.equal(sell.baseChange, -4);
  // a fee in a third asset moves neither side of the pair
  const mx = ledgerFillOf(state, fillEvent({fee: '1', feeAsset: 'MX'}));
  assert.deepEqual([mx.feeQuote, mx.baseChange], [0, 4]);
});

test('the reference mid is the mark only while the reference is fresh', () => {
  const state = applyMarket(makeState(), marketEvents(0.25));
  assert.ok(currentReferenceMid(state) !== null);
  state.referenceStaleSince = T0;
  assert.equal(currentReferenceMid(state), null);
  assert.equal(ledgerFillOf(state, fillEvent()).refMid, null);
});

test('a markout reads the mid in force at its horizon, unless that reading is older than the staleness limit', () => {
  const state = makeState();
  state.referencePath.record(T0, 0.25);
  state.referencePath.record(T0 + 500, 0.251);
  assert.equal(referenceMidAt(state, T0 + 400), 0.25);
  assert.equal(referenceMidAt(state, T0 + 900), 0.251);
  assert.equal(referenceMidAt(state, T0 - 1), null);
  assert.equal(referenceMidAt(state, T0 + 500 + state.config.risk.staleAfterSec * 1000 + 1), null);
});

test('the ledger begins on the first tick with balances and a fresh reference, then journals each fill\'s markouts once its 60 s passed', () => {
  const r = recordedContext(applyMarket(makeState(), marketEvents(0.25)));
  r.state.now = T0;
  tickLedger(r.ctx);
  assert.equal(r.state.ledger.begun, true);
  assert.equal(r.persistSoon, 1);
  const view = r.state.ledger.view(T0)!;
  assert.deepEqual([view.start.base, view.start.quote], [16000, 4000]);
  applyFill(r.ctx, fillEvent({at: T0 + 100}));
  r.state.referencePath.record(T0 + 1000, 0.2492);
  r.state.referencePath.record(T0 + 60_050, 0.2485);
  r.state.now = T0 + 60_099; // the 60 s horizon (T0 + 60,100) is not yet due
  tickLedger(r.ctx);
  assert.equal(r.journal.filter((j) => j.stream === 'markouts').length, 0);
  r.state.now = T0 + 60_300;
  tickLedger(r.ctx);
  const markouts = r.journal.filter((j) => j.stream === 'markouts');
  assert.equal(markouts.length, 1);
  const record = markouts[0] as Extract<(typeof markouts)[number], {stream: 'markouts'}>;
  assert.equal(record.markoutMids.s1, 0.2492);
  assert.equal(record.markoutMids.s60, 0.2485);
  assert.ok(Math.abs(record.markouts.s60! - 4 * (0.2485 - 0.249)) < 1e-12);
});

test('before balances are known the ledger does not begin', () => {
  const state = makeState();
  applyMarket(state, marketEvents(0.25).filter((e) => e.type !== 'balance'));
  const r = recordedContext(state);
  tickLedger(r.ctx);
  assert.equal(r.state.ledger.begun, false);
});
