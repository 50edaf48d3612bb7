import {test} from 'node:test';
import assert from 'node:assert/strict';
import {persistedStateSchema, restorableStateSchema} from '../../source/store/persistedStateSchema.js';
import {buildPersistedState} from '../../source/engine/view/snapshotBuilder.js';
import {tickLedger} from '../../source/engine/ledger/ledgerUpdates.js';
import {applyFill} from '../../source/engine/orders/orderEvents.js';
import {applyMarket, makeState, marketEvents, recordedContext, T0} from '../engine/engineFixtures.js';

function stateWithLedger() {
  const r = recordedContext(applyMarket(makeState(), marketEvents(0.25)));
  r.state.now = T0;
  tickLedger(r.ctx);
  applyFill(r.ctx, {type: 'fill', clientOrderId: 'mmx1', orderId: 'E1', tradeId: 'T1', side: 'BUY', priceTicks: 24_900, qtyLots: 400, fee: '0', feeAsset: 'USDT', isMaker: true, at: T0 + 10});
  r.state.minuteHistory.record({at: T0, pass: true, bidDepth: 1300, askDepth: 1400, target: 1250, baseRatio: 0.5});
  return buildPersistedState(r.state, null);
}

test('a state file with a ledger and minute history reads back exactly as written (through JSON)', () => {
  const written = stateWithLedger();
  assert.ok(written.ledger !== null && written.ledgerState?.start !== null);
  const read = persistedStateSchema.parse(JSON.parse(JSON.stringify(written)));
  assert.deepEqual(read, JSON.parse(JSON.stringify(written)));
  assert.equal(read.ledger?.sinceStart.fills, 1);
});

test('a state file from before the ledger reads as no ledger and no history, in full and in the restart-critical part', () => {
  const old = JSON.parse(JSON.stringify(stateWithLedger())) as Record<string, unknown>;
  for (const key of ['ledger', 'history', 'ledgerState', 'minuteHistory']) delete old[key];
  const read = persistedStateSchema.parse(old);
  assert.deepEqual([read.ledger, read.history, read.ledgerState, read.minuteHistory], [null, [], null, []]);
  const restorable = restorableStateSchema.parse(old);
  assert.deepEqual([restorable.ledgerState, restorable.minuteHistory], [null, []]);
});

test('a damaged ledger field fails the full read, never the restart-critical one: the ledger then reads as none', () => {
  const broken = JSON.parse(JSON.stringify(stateWithLedger())) as {ledgerState: {baseChange: unknown}};
  broken.ledgerState.baseChange = 'lots';
  assert.equal(persistedStateSchema.safeParse(broken).success, false);
  // but the restart-critical part still reads, the halted flag with it, and the ledger as none
  const restorable = restorableStateSchema.parse(broken);
  assert.equal(restorable.ledgerState, null);
});
