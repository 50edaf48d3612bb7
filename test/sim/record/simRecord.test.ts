import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {makeSimSymbol} from '../../../source/sim/mexc/simSymbol.js';
import {readSimRecord, SimRecordError, writeSimRecord} from '../../../source/sim/record/recordFile.js';
import {SimRecorder} from '../../../source/sim/record/simRecord.js';

const rules = makeSimSymbol('RMVUSDT');
const meta = {scenario: 'calm', seed: 1, tickMs: 100, startedAt: 1000, startBalances: {RMV: 16_000n * 10n ** 12n, USDT: 4000n * 10n ** 12n}};
const stop = {endedAt: 5000, finalBalances: {RMV: 16_185_800_000_000_000n, USDT: 3_953_670_770_000_000n}, market: {steps: 10}, observer: null};

test('a trade is written as MEXC writes it: exact decimal text from ticks, lots and fee atoms', () => {
  const recorder = new SimRecorder(rules, meta);
  recorder.addTrade({
    tradeId: 'T1',
    orderId: 'O1',
    clientOrderId: 'mmx1',
    side: 'BUY',
    priceTicks: 24_935,
    lots: 18_580,
    isMaker: false,
    isSelfTrade: false,
    feeAtoms: 92_900_000_000n,
    feeAsset: 'RMV',
    time: 1234,
  });
  const record = recorder.record(stop);
  assert.deepEqual(record.trades, [
    // 0.24935 × 185.8 = 46.32923; fee 9.29e10 atoms of 1e-12 = 0.0929
    {time: 1234, tradeId: 'T1', orderId: 'O1', clientOrderId: 'mmx1', side: 'BUY', price: '0.24935', qty: '185.8', quoteQty: '46.32923', fee: '0.0929', feeAsset: 'RMV', isMaker: false},
  ]);
  assert.deepEqual(record.startBalances, {RMV: '16000', USDT: '4000'});
  assert.deepEqual(record.finalBalances, {RMV: '16185.8', USDT: '3953.67077'});
  assert.equal(record.reference.source, 'price process');
});

test('the reference path keeps every step up to its cap, then every other point on a doubled stride', () => {
  const recorder = new SimRecorder(rules, meta, 4);
  for (let step = 0; step < 10; step++) recorder.addReference(step * 100, step);
  const {reference} = recorder.record(stop);
  // steps 0..4 fill it past 4 → 0,2,4 (stride 2); 6 and 8 kept → 0,2,4,6,8 past 4 → 0,4,8 (stride 4); 9 skipped
  assert.deepEqual(reference.path, [
    [0, 0],
    [400, 4],
    [800, 8],
  ]);
  assert.equal(reference.strideSteps, 4);
  assert.deepEqual(reference.final, [900, 9], 'the last step is kept whatever the thinning');
});

test('the record file is written through a rename (no temporary left) and read back; another file is refused', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-simrecord-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const recorder = new SimRecorder(rules, meta);
  recorder.addReference(1000, 0.25);
  const path = join(dir, 'record.json');
  await writeSimRecord(path, recorder.record(stop));
  assert.deepEqual(readdirSync(dir), ['record.json']);
  const read = await readSimRecord(path);
  assert.deepEqual(read.reference.path, [[1000, 0.25]]);
  writeFileSync(join(dir, 'other.json'), JSON.stringify({format: 'something else'}));
  await assert.rejects(readSimRecord(join(dir, 'other.json')), SimRecordError);
  await assert.rejects(readSimRecord(join(dir, 'missing.json')), SimRecordError);
});
