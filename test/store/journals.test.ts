import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile, stat, writeFile, mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import type {JournalRecord} from '../../source/engine/view/records.js';
import {Journals, type JournalOptions} from '../../source/store/journals.js';
import {fixtureNow, tempDir, waitFor} from './fixtures.js';

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const dayMs = 86_400_000;

const options = (extra: Partial<JournalOptions> = {}): JournalOptions => ({
  bookIntervalMs: 1000,
  bookLevels: 3,
  maxFileBytes: 50 * 1024 * 1024,
  retentionDays: 14,
  ...extra,
});

const order = (at: number, n: number): JournalRecord => ({
  stream: 'orders',
  at,
  action: 'placed',
  clientOrderId: `mmx${n.toString(36).padStart(6, '0')}`,
  orderId: `C02__${n}`,
  side: n % 2 === 0 ? 'BUY' : 'SELL',
  price: 0.0125,
  qty: 16000,
  reason: 'ladder level missing',
});

const sample = (at: number, pass = true): JournalRecord => ({
  stream: 'compliance',
  at,
  pass,
  passCombined: true,
  spread: 0.006,
  bidDepth: pass ? 1400 : 600,
  askDepth: 1380,
  combinedDepth: pass ? 2780 : 1980,
  ownBidDepth: 990,
  ownAskDepth: 1000,
  reason: pass ? null : 'bid depth 600.00 < 1000 USDT',
  checks: {bid: pass, ask: true, spread: true},
});

const readLines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalRecord);

function clock(start: number) {
  const c = {now: start, fn: () => c.now};
  return c;
}

test('records land in one NDJSON file per stream per UTC day, named <stream>-YYYY-MM-DD.ndjson, mode 0600', async (t) => {
  const dir = await tempDir(t);
  const c = clock(fixtureNow);
  const journals = new Journals(dir, options(), c.fn);
  t.after(() => journals.close());
  const lateYesterday = Date.parse('2025-03-13T23:59:59.500Z');
  journals.append(order(lateYesterday, 1));
  journals.append(order(fixtureNow, 2));
  journals.append(sample(fixtureNow));
  journals.append({stream: 'events', at: fixtureNow, mode: 'sim', level: 'warn', text: 'stale reference'});
  await journals.flush();
  const files = (await readdir(join(dir, 'journal'))).sort();
  assert.deepEqual(files, ['compliance-2025-03-14.ndjson', 'events-2025-03-14.ndjson', 'orders-2025-03-13.ndjson', 'orders-2025-03-14.ndjson']);
  assert.deepEqual(await readLines(join(dir, 'journal', 'orders-2025-03-13.ndjson')), [order(lateYesterday, 1)]);
  assert.deepEqual(await readLines(join(dir, 'journal', 'compliance-2025-03-14.ndjson')), [sample(fixtureNow)]);
  assert.equal((await stat(join(dir, 'journal', 'orders-2025-03-14.ndjson'))).mode & 0o777, 0o600);
  const stats = journals.stats();
  assert.equal(stats.written, 4);
  assert.equal(stats.dropped, 0);
  assert.equal(stats.errors, 0);
  assert.equal(stats.bufferedBytes, 0);
  assert.equal(stats.bytes, stats.diskBytes);
});

test('book records are trimmed to bookLevels, skipped when unchanged, and written at most once per bookIntervalMs with the newest book', async (t) => {
  const dir = await tempDir(t);
  const c = clock(fixtureNow);
  const journals = new Journals(dir, options({bookIntervalMs: 1000, bookLevels: 2}), c.fn);
  t.after(() => journals.close());
  const book = (at: number, top: number): JournalRecord => ({
    stream: 'book.mexc',
    at,
    version: at,
    bids: [[top, 1], [top - 1, 2], [top - 2, 3]],
    asks: [[top + 1, 1], [top + 2, 2], [top + 3, 3]],
  });
  journals.append(book(c.now, 100)); // written (first)
  c.now += 100;
  journals.append(book(c.now, 100)); // unchanged: skipped
  c.now += 100;
  journals.append(book(c.now, 101)); // within the interval: held
  c.now += 100;
  journals.append(book(c.now, 102)); // supersedes the held one
  await journals.flush(); // interval not over yet: still held
  const path = join(dir, 'journal', `book.mexc-${day(fixtureNow)}.ndjson`);
  assert.equal((await readLines(path)).length, 1);
  c.now = fixtureNow + 1000;
  await journals.flush(); // now due
  const lines = await readLines(path);
  assert.deepEqual(
    lines.map((r) => r.stream === 'book.mexc' && [r.at, r.bids, r.asks]),
    [
      [fixtureNow, [[100, 1], [99, 2]], [[101, 1], [102, 2]]],
      [fixtureNow + 300, [[102, 1], [101, 2]], [[103, 1], [104, 2]]],
    ],
  );
  assert.equal(journals.stats().coalesced, 2);
  // The last held book is written on close, not lost.
  c.now += 10;
  journals.append(book(c.now, 110));
  await journals.close();
  assert.equal((await readLines(path)).length, 3);
});

test('a day file that would pass maxFileBytes rolls over to <stream>-DAY.1.ndjson, .2, …; no file exceeds the limit', async (t) => {
  const dir = await tempDir(t);
  const c = clock(fixtureNow);
  const journals = new Journals(dir, options({maxFileBytes: 4096}), c.fn);
  t.after(() => journals.close());
  for (let i = 0; i < 100; i++) journals.append(order(fixtureNow + i, i));
  await journals.flush();
  for (let i = 100; i < 130; i++) journals.append(order(fixtureNow + i, i));
  await journals.flush();
  const names = (await readdir(join(dir, 'journal'))).sort((a, b) => a.length - b.length || a.localeCompare(b));
  assert.ok(names.length >= 4, names.join(', '));
  assert.equal(names[0], `orders-${day(fixtureNow)}.ndjson`);
  assert.equal(names[1], `orders-${day(fixtureNow)}.1.ndjson`);
  const all: JournalRecord[] = [];
  for (const name of names) {
    const size = (await stat(join(dir, 'journal', name))).size;
    assert.ok(size <= 4096, `${name} is ${size} bytes`);
    all.push(...(await readLines(join(dir, 'journal', name))));
  }
  // Nothing lost, nothing duplicated, in order across the rotation.
  assert.deepEqual(all.map((r) => r.at - fixtureNow), Array.from({length: 130}, (_, i) => i));
});

test('a restarted writer continues the rotation where the previous one stopped', async (t) => {
  const dir = await tempDir(t);
  const c = clock(fixtureNow);
  const first = new Journals(dir, options({maxFileBytes: 4096}), c.fn);
  for (let i = 0; i < 40; i++) first.append(order(fixtureNow + i, i));
  await first.close();
  const before = (await readdir(join(dir, 'journal'))).length;
  const second = new Journals(dir, options({maxFileBytes: 4096}), c.fn);
  second.append(order(fixtureNow + 40, 40));
  await second.close();
  const names = await readdir(join(dir, 'journal'));
  for (const name of names) assert.ok((await stat(join(dir, 'journal', name))).size <= 4096);
  assert.ok(names.length === before || names.length === before + 1);
  const highest = names.map((n) => Number(/\.(\d+)\.ndjson$/.exec(n)?.[1] ?? 0)).sort((a, b) => b - a)[0];
  const last = await readLines(join(dir, 'journal', `orders-${day(fixtureNow)}${highest ? `.${highest}` : ''}.ndjson`));
  assert.equal(last.at(-1)?.at, fixtureNow + 40);
});

test('disk use stays within maxTotalBytes however long it runs; the oldest files go first', async (t) => {
  const dir = await tempDir(t);
  const c = clock(fixtureNow);
  const cap = 6 * 4096;
  const journals = new Journals(dir, options({maxFileBytes: 4096, maxTotalBytes: cap}), c.fn);
  t.after(() => journals.close());
  let n = 0;
  for (let round = 0; round < 30; round++) {
    for (let i = 0; i < 40; i++, n++) {
      journals.append(order(c.now, n));
      journals.append(sample(c.now));
      c.now += 1000;
    }
    await journals.flush();
    const names = await readdir(join(dir, 'journal'));
    let total = 0;
    for (const name of names) total += (await stat(join(dir, 'journal', name))).size;
    assert.ok(total <= cap, `round ${round}: ${total} bytes on disk > cap ${cap}`);
    assert.equal(journals.stats().diskBytes, total);
  }
  assert.ok(journals.stats().deletedFiles > 0);
  assert.ok(journals.stats().bytes > 4 * cap, 'wrote far more than the cap');
  // The newest records survive.
  const names = await readdir(join(dir, 'journal'));
  const orders: JournalRecord[] = [];
  for (const name of names.filter((x) => x.startsWith('orders-'))) orders.push(...(await readLines(join(dir, 'journal', name))));
  assert.ok(orders.some((r) => r.at === c.now - 1000));
});

test('retention deletes day files older than retentionDays and leaves recent and unrelated files alone', async (t) => {
  const dir = await tempDir(t);
  const journalDir = join(dir, 'journal');
  await mkdir(journalDir, {recursive: true});
  const old = ['orders-2025-02-27.ndjson', 'book.kucoin-2025-02-20.3.ndjson', 'compliance-2025-02-27.1.ndjson'];
  const kept = ['compliance-2025-02-28.ndjson', 'compliance-2025-03-13.ndjson', 'notes.txt', 'orders-latest.ndjson'];
  for (const name of [...old, ...kept]) await writeFile(join(journalDir, name), '{"at":1}\n');
  // Retention 14 days at 2025-03-14 12:30 reaches back to 2025-02-28 12:30: 2025-02-27 ended before that
  // (gone), 2025-02-28 still holds records inside the window (kept).
  const journals = new Journals(dir, options({retentionDays: 14}), () => fixtureNow);
  journals.append(order(fixtureNow, 1));
  await journals.close();
  assert.deepEqual((await readdir(journalDir)).sort(), [...kept, `orders-${day(fixtureNow)}.ndjson`].sort());
  assert.equal(journals.stats().deletedFiles, 3);
});

test('memory is bounded: past maxBufferBytes records are dropped and counted, and append never throws', async (t) => {
  const dir = await tempDir(t);
  const journals = new Journals(dir, options({maxBufferBytes: 2048}), () => fixtureNow);
  t.after(() => journals.close());
  for (let i = 0; i < 100; i++) journals.append(order(fixtureNow + i, i));
  const stats = journals.stats();
  assert.ok(stats.bufferedBytes <= 2048);
  assert.ok(stats.dropped > 80, `dropped ${stats.dropped}`);
  const circular: Record<string, unknown> = {stream: 'events', at: fixtureNow};
  circular.self = circular;
  assert.doesNotThrow(() => journals.append(circular as unknown as JournalRecord));
  assert.doesNotThrow(() => journals.append({...order(fixtureNow, 1), at: 1e20}));
  assert.equal(journals.stats().errors, 2);
  await journals.flush();
  assert.equal(journals.stats().written, 100 - stats.dropped);
});

test('the owned timer flushes without being asked, and close() stops it; appends after close are counted as dropped', async (t) => {
  const dir = await tempDir(t);
  const journals = new Journals(dir, options({flushIntervalMs: 20}), () => fixtureNow);
  journals.append(order(fixtureNow, 1));
  await waitFor(() => journals.stats().written === 1, 'the timer flush');
  await journals.close();
  journals.append(order(fixtureNow, 2));
  await journals.flush();
  assert.equal(journals.stats().written, 1);
  assert.equal(journals.stats().dropped, 1);
  t.after(() => journals.close());
});

test('write failures are counted, never thrown, and the writer recovers when the cause goes away', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'journal'), 'a file where the journal directory should be');
  const journals = new Journals(dir, options(), () => fixtureNow);
  t.after(() => journals.close());
  journals.append(order(fixtureNow, 1));
  await journals.flush();
  assert.equal(journals.stats().written, 0);
  assert.equal(journals.stats().dropped, 1);
  assert.ok(journals.stats().errors >= 1);
  const {rm} = await import('node:fs/promises');
  await rm(join(dir, 'journal'));
  journals.append(order(fixtureNow, 2));
  await journals.flush();
  assert.equal(journals.stats().written, 1);
});
