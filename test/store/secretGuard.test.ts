import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {defaultConfig} from '../../source/config/configSchema.js';
import type {JournalRecord} from '../../source/engine/view/records.js';
import {openDataDir} from '../../source/store/dataDir.js';
import {Journals} from '../../source/store/journals.js';
import {redactionMark, SecretGuard} from '../../source/store/secretGuard.js';
import {StateFile} from '../../source/store/stateFile.js';
import {fixtureNow, inventoryAt, makePersistedState, makePnlFigures, tempDir} from './fixtures.js';

const canarySecret = 'c4n4ry5ecret0f1e2d3c4b5a69788796a5b';
const canaryKey = 'mx0vglCANARYKEY7Qx9a';

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push(path);
  }
  return out;
}

/** Every kind of journal record, as a live engine would write them during a session. */
function sessionRecords(at: number): JournalRecord[] {
  return [
    {stream: 'book.mexc', at, version: 88123456, bids: [[0.01249, 16000], [0.012452, 16000]], asks: [[0.01251, 16000], [0.012548, 9000]]},
    {stream: 'book.kucoin', at, version: 1790345123, bids: [[0.012493, 90000]], asks: [[0.012513, 120000]]},
    {stream: 'orders', at, action: 'place', clientOrderId: 'mmx1a2b', orderId: null, side: 'BUY', price: 0.012462, qty: 16000, reason: 'ladder level 1 missing'},
    {stream: 'orders', at: at + 40, action: 'placed', clientOrderId: 'mmx1a2b', orderId: 'C02__500000001', side: 'BUY', price: 0.012462, qty: 16000, reason: 'ack'},
    {
      stream: 'fills', at: at + 900, clientOrderId: 'mmx1a2b', orderId: 'C02__500000001', tradeId: '4411', side: 'BUY', price: 0.012462, qty: 1200,
      fee: '0', feeAsset: 'USDT', feeQuote: 0, refMid: 0.012503, mexcMid: 0.0125, baseChange: 1200, quoteChange: -14.9544,
    },
    {
      stream: 'markouts', at: at + 60_900, tradeId: '4411', side: 'BUY', price: 0.012462, qty: 1200, refMid: 0.012503,
      markoutMids: {s1: 0.012503, s10: 0.012499, s60: 0.012481}, markouts: {s1: 0.0492, s10: 0.0444, s60: 0.0228},
    },
    {
      stream: 'pnl', ...makePnlFigures(at - 3_600_000, at, {fills: 1, buys: 1, boughtBase: 1200, boughtQuote: 14.9544, turnover: 14.9544, baseChange: 1200, quoteChange: -14.9544, vsHold: 0.0228}),
      at: at + 61_000, inventory: inventoryAt(at, 330_000, 4_000, 0.012503),
    },
    {stream: 'compliance', at, pass: true, passCombined: true, spread: 0.006, bidDepth: 1402.5, askDepth: 1377.9, combinedDepth: 2780.4, ownBidDepth: 997.9, ownAskDepth: 1003.5, reason: null, checks: {bid: true, ask: true, spread: true}},
    {stream: 'events', at, mode: 'live', level: 'info', text: 'live mode: RMVUSDT, balances RMV 250000 USDT 2980'},
  ];
}

test('with the API key and secret in the environment, no file under the data dir contains either', async (t) => {
  const saved = {key: process.env.MEXC_API_KEY, secret: process.env.MEXC_API_SECRET};
  process.env.MEXC_API_KEY = canaryKey;
  process.env.MEXC_API_SECRET = canarySecret;
  t.after(() => {
    for (const [name, value] of [['MEXC_API_KEY', saved.key], ['MEXC_API_SECRET', saved.secret]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const dir = await tempDir(t);
  const lock = await openDataDir(dir);
  const state = await StateFile.open(dir);
  const journals = new Journals(dir, defaultConfig().journal, () => fixtureNow + 5_000);
  for (let i = 0; i < 5; i++) {
    for (const record of sessionRecords(fixtureNow + i * 1000)) journals.append(record);
    await state.save(makePersistedState({mode: 'live', updatedAt: fixtureNow + i * 1000}));
  }
  await journals.close();
  const files = await allFiles(dir);
  assert.ok(files.some((f) => f.endsWith('state.json')));
  assert.ok(files.filter((f) => f.endsWith('.ndjson')).length >= 6, `journals written: ${files.join(', ')}`);
  assert.ok(files.some((f) => f.endsWith('mexc-mm.lock')));
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes(canarySecret), `${file} contains the secret`);
    assert.ok(!text.includes(canaryKey), `${file} contains the key`);
  }
  // Nothing needed scrubbing: the types carry no secret, the guard is only the second line.
  assert.equal(state.stats().secretsRedacted, 0);
  assert.equal(journals.stats().secretsRedacted, 0);
  await lock.release();
});

test('a secret that slips into a message (an error echoing a request) is scrubbed before it is written', async (t) => {
  const dir = await tempDir(t);
  const secrets = [canaryKey, canarySecret];
  const state = await StateFile.open(dir, {secrets});
  const leaky = `POST /api/v3/order?apiKey=${canaryKey}&secret="${canarySecret}": 700002 signature invalid`;
  await state.save(makePersistedState({lastError: {at: fixtureNow, message: leaky}}));
  const scrubbing = new Journals(dir, {...defaultConfig().journal, secrets}, () => fixtureNow);
  scrubbing.append({stream: 'events', at: fixtureNow, mode: 'live', level: 'error', text: leaky});
  await scrubbing.close();
  for (const file of await allFiles(dir)) {
    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes(canarySecret) && !text.includes(canaryKey), `${file} leaks`);
  }
  assert.equal(state.stats().secretsRedacted, 1);
  assert.equal(scrubbing.stats().secretsRedacted, 1);
  assert.match(state.load()?.lastError?.message ?? '', /signature invalid/);
  const events = await readFile(join(dir, 'journal', `events-${new Date(fixtureNow).toISOString().slice(0, 10)}.ndjson`), 'utf8');
  assert.equal(JSON.parse(events).text, `POST /api/v3/order?apiKey=${redactionMark}&secret="${redactionMark}": 700002 signature invalid`);
});

test('SecretGuard ignores values too short to be keys and finds secrets in their JSON-escaped form', () => {
  const guard = new SecretGuard(['', 'abc', 'se"cr\\et-value-1']);
  assert.equal(guard.scrub('price 1 abc'), 'price 1 abc');
  const json = JSON.stringify({message: 'x se"cr\\et-value-1 y'});
  assert.equal(JSON.parse(guard.scrub(json)).message, `x ${redactionMark} y`);
  assert.equal(guard.redactions, 1);
});
