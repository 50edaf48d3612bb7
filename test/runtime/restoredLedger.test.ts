import {test} from 'node:test';
import assert from 'node:assert/strict';
import {restoredHistory, restoredLedger} from '../../source/runtime/restoredLedger.js';
import type {PersistedState} from '../../source/engine/view/snapshot.js';
import {FillLedger} from '../../source/engine/ledger/fillLedger.js';

const ledgerState = new FillLedger().persisted();
const minuteHistory = [{minute: 1, samples: 1, pass: 1, bidDepthSum: 1, askDepthSum: 1, target: 1, baseRatio: 0.5}];
const previous = (mode: PersistedState['mode'], symbol = 'RMVUSDT') => ({mode, symbol, ledgerState, minuteHistory}) as unknown as PersistedState;

test('the ledger carries over only from live to live on the same symbol: a sim or paper account starts afresh every run', () => {
  assert.equal(restoredLedger(previous('live'), 'live', 'RMVUSDT'), ledgerState);
  assert.equal(restoredLedger(previous('sim'), 'sim', 'RMVUSDT'), null);
  assert.equal(restoredLedger(previous('paper'), 'paper', 'RMVUSDT'), null);
  assert.equal(restoredLedger(previous('sim'), 'live', 'RMVUSDT'), null);
  assert.equal(restoredLedger(previous('live'), 'live', 'OTHERUSDT'), null);
  assert.equal(restoredLedger(null, 'live', 'RMVUSDT'), null);
});

test('the minute history is the pair\'s: it carries over whenever the symbol is the same', () => {
  assert.equal(restoredHistory(previous('sim'), 'RMVUSDT'), minuteHistory);
  assert.equal(restoredHistory(previous('live'), 'OTHERUSDT'), null);
});
