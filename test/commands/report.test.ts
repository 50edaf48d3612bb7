import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {JournalRecord} from '../../source/engine/view/records.js';
import type {ComplianceReport} from '../../source/store/report/complianceReport.js';
import type {JournalReport} from '../../source/store/report/journalReport.js';
import {Journals} from '../../source/store/journals.js';
import {parse} from 'csv-parse/sync';
import {parseCommandLine} from '../../source/cli/parseCommandLine.js';
import {runReportCommand} from '../../source/commands/report.js';
import {captureStream, tempDir} from '../store/fixtures.js';

const t0 = Date.parse('2025-03-13T23:59:55Z');
const at = (iso: string) => Date.parse(`2025-03-${iso}Z`);

type Sample = Extract<JournalRecord, {stream: 'compliance'}>;
const ok = (time: number): Sample => ({
  stream: 'compliance', at: time, pass: true, passCombined: true, spread: 0.006,
  bidDepth: 1400, askDepth: 1380, combinedDepth: 2780, ownBidDepth: 990, ownAskDepth: 1000, reason: null, checks: {bid: true, ask: true, spread: true},
});
const fail = (time: number, change: Partial<Sample>): Sample => ({...ok(time), pass: false, ...change});

const bidLow = {bidDepth: 600, combinedDepth: 1980, reason: 'bid depth 600.00 < 1000 USDT'};
const spreadWide = {spread: 0.03, passCombined: false, reason: 'spread 3.00 % ≥ 2 %'};
const askLow = {askDepth: 900, combinedDepth: 2300, reason: 'ask depth 900.00 < 1000 USDT'};
const stale = {passCombined: false, spread: null, bidDepth: 0, askDepth: 0, combinedDepth: 0, reason: 'MEXC book stale'};

// 14 samples across two UTC days and three hours; the last two files are one day split by rotation.
const day13 = [ok(t0), ok(t0 + 1000), fail(t0 + 2000, bidLow), fail(t0 + 3000, bidLow), ok(t0 + 4000)];
const day14 = [
  ok(at('14T00:00:00')),
  fail(at('14T00:00:01'), spreadWide),
  fail(at('14T00:00:02'), spreadWide),
  fail(at('14T00:00:03'), askLow),
  ok(at('14T00:00:04')),
];
const day14rotated = [
  fail(at('14T01:00:00'), stale),
  fail(at('14T01:00:01'), stale),
  // the bot was down for five minutes here
  ok(at('14T01:05:00')),
  fail(at('14T01:05:01'), {bidDepth: 999.99, combinedDepth: 2379.99, reason: 'bid depth 999.99 < 1000 USDT'}),
];

type OrderRecord = Extract<JournalRecord, {stream: 'orders'}>;
const ord = (time: number, action: OrderRecord['action'], side: 'BUY' | 'SELL', reason = 'ladder'): OrderRecord => ({
  stream: 'orders', at: time, action, clientOrderId: `mmx${time}`, orderId: null, side, price: 0.0125, qty: 16000, reason,
});

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function handBuiltJournal(t: Parameters<typeof tempDir>[0]): Promise<string> {
  const dir = await tempDir(t);
  const j = join(dir, 'journal');
  await mkdir(j);
  await writeFile(join(j, 'compliance-2025-03-13.ndjson'), ndjson(day13) + '{not json\n');
  await writeFile(join(j, 'compliance-2025-03-14.ndjson'), ndjson(day14) + '[1,2]\n\n');
  await writeFile(join(j, 'compliance-2025-03-14.1.ndjson'), ndjson(day14rotated));
  await writeFile(join(j, 'orders-2025-03-13.ndjson'), ndjson([ord(t0, 'placed', 'BUY')]));
  await writeFile(
    join(j, 'orders-2025-03-14.ndjson'),
    ndjson([
      ord(at('14T00:00:01'), 'place', 'BUY'),
      ord(at('14T00:00:01'), 'place', 'SELL'),
      ord(at('14T00:00:01'), 'place', 'SELL'),
      ord(at('14T00:00:02'), 'placed', 'BUY'),
      ord(at('14T00:00:02'), 'placed', 'SELL'),
      ord(at('14T00:00:02'), 'rejected', 'SELL', 'post-only order would cross'),
      ord(at('14T00:10:00'), 'cancel', 'BUY'),
      ord(at('14T00:10:01'), 'cancelled', 'BUY'),
      ord(at('14T00:10:02'), 'cancel-rejected', 'SELL'),
      {stream: 'orders', at: at('14T00:10:03')},
    ]),
  );
  const fill = (time: number, side: 'BUY' | 'SELL', price: number, qty: number) => ({
    stream: 'fills', at: time, clientOrderId: 'mmx1', orderId: 'C02__1', tradeId: String(time), side, price, qty, fee: '0', feeAsset: 'USDT',
  });
  await writeFile(
    join(j, 'fills-2025-03-14.ndjson'),
    ndjson([fill(at('14T00:20:00'), 'BUY', 0.5, 1000), fill(at('14T00:21:00'), 'BUY', 0.25, 400), fill(at('14T00:22:00'), 'SELL', 0.75, 2000)]),
  );
  // Streams the report does not read.
  await writeFile(join(j, 'book.mexc-2025-03-14.ndjson'), ndjson([{stream: 'book.mexc', at: t0, version: 1, bids: [], asks: []}]));
  return dir;
}

async function reportJson(dir: string, since?: number): Promise<{code: number; report: JournalReport}> {
  const out = captureStream();
  const code = await runReportCommand({dataDir: dir, out: out.stream, format: 'json', since});
  return {code, report: JSON.parse(out.text()) as JournalReport};
}

const pct = (n: number, of: number) => (n / of) * 100;

test('report figures equal the ones counted by hand from a hand-built journal', async (t) => {
  const dir = await handBuiltJournal(t);
  const {code, report} = await reportJson(dir);
  assert.equal(code, 0);
  assert.deepEqual(report.thresholds, {minDepthUsdt: 1000, maxSpreadPct: 0.02, bandPct: 0.02});
  assert.equal(report.rulesFrom, null);
  assert.equal(report.firstSampleAt, t0);
  assert.equal(report.lastSampleAt, at('14T01:05:01'));

  // Every sample is judged again under the report's rules (here the defaults) from its spread and depths.
  // Per-side pass: samples 1,2,5,6,10,13. Combined fails while stale and while the spread is wide: 7,8,11,12.
  // Bid < 1000: 3,4,11,12,14. Ask < 1000: 9,11,12. Spread ≥ 2 % or unknown: 7,8,11,12.
  const {total} = report;
  assert.deepEqual(
    [total.samples, total.pass, total.passCombined, total.bidPass, total.askPass, total.spreadPass],
    [14, 6, 10, 9, 11, 10],
  );
  assert.equal(total.perSidePct, pct(6, 14));
  assert.equal(total.combinedPct, pct(10, 14));
  assert.equal(total.bidPct, pct(9, 14));
  assert.equal(total.askPct, pct(11, 14));
  assert.equal(total.spreadPct, pct(10, 14));

  const counts = (b: ComplianceReport['days'][number]) => [b.label, b.samples, b.pass, b.passCombined, b.bidPass, b.askPass, b.spreadPass];
  assert.deepEqual(report.days.map(counts), [
    ['2025-03-13', 5, 3, 5, 3, 5, 5],
    ['2025-03-14', 9, 3, 5, 6, 6, 5],
  ]);
  assert.deepEqual(report.hours.map(counts), [
    ['2025-03-13 23:00Z', 5, 3, 5, 3, 5, 5],
    ['2025-03-14 00:00Z', 5, 2, 3, 5, 4, 3],
    ['2025-03-14 01:00Z', 4, 1, 2, 1, 2, 2],
  ]);
  assert.equal(report.days[1]?.perSidePct, pct(3, 9));
  assert.equal(report.hours[1]?.start, at('14T00:00:00'));

  assert.deepEqual(report.gaps, [
    {
      start: at('14T00:00:01'), end: at('14T00:00:04'), durationSec: 3, samples: 3, ongoing: false,
      reasons: [{reason: 'spread 3.00 % ≥ 2 %', count: 2}, {reason: 'ask depth 900.00 < 1000 USDT', count: 1}],
    },
    {start: t0 + 2000, end: t0 + 4000, durationSec: 2, samples: 2, ongoing: false, reasons: [{reason: 'bid depth 600.00 < 1000 USDT', count: 2}]},
    // The bot stopped inside this gap: it ends at its last failing sample, not five minutes later.
    {start: at('14T01:00:00'), end: at('14T01:00:01'), durationSec: 1, samples: 2, ongoing: false, reasons: [{reason: 'MEXC book stale', count: 2}]},
    {start: at('14T01:05:01'), end: at('14T01:05:01'), durationSec: 0, samples: 1, ongoing: true, reasons: [{reason: 'bid depth 999.99 < 1000 USDT', count: 1}]},
  ]);

  assert.equal(report.orders.placed, 3);
  assert.equal(report.orders.cancelled, 1);
  assert.equal(report.orders.rejected, 1);
  assert.deepEqual(report.orders.placedBySide, {BUY: 2, SELL: 1});
  assert.deepEqual(report.orders.byAction, {cancel: 1, 'cancel-rejected': 1, cancelled: 1, place: 3, placed: 3, rejected: 1});
  assert.deepEqual(report.orders.rejectReasons, [{reason: 'post-only order would cross', count: 1}]);
  assert.deepEqual(report.fills, {
    count: 3,
    bySide: {BUY: 2, SELL: 1},
    baseVolume: {BUY: 1400, SELL: 2000},
    quoteVolume: {BUY: 600, SELL: 1500},
    duplicates: 0,
  });
  // Two unparseable compliance lines and one order record without an action; the blank line is not a record.
  assert.deepEqual(report.read, {files: 6, lines: 14 + 2 + 11 + 3, corrupt: 3});
});

test('--since drops earlier records and whole earlier day files', async (t) => {
  const dir = await handBuiltJournal(t);
  const {code, report} = await reportJson(dir, at('14T00:00:00'));
  assert.equal(code, 0);
  assert.equal(report.since, at('14T00:00:00'));
  assert.deepEqual([report.total.samples, report.total.pass], [9, 3]);
  assert.deepEqual(report.days.map((d) => d.label), ['2025-03-14']);
  assert.deepEqual(report.gaps.map((g) => g.durationSec), [3, 1, 0]);
  assert.equal(report.orders.placed, 2);
  assert.equal(report.read.files, 4);
});

test('the human report shows the buckets, the gaps with reasons, and the order and fill counts', async (t) => {
  const dir = await handBuiltJournal(t);
  const out = captureStream();
  assert.equal(await runReportCommand({dataDir: dir, out: out.stream}), 0);
  const text = out.text();
  assert.match(text, /^mexc-mm compliance report: 2025-03-13 23:59:55Z → 2025-03-14 01:05:01Z$/m);
  assert.match(text, /^rules \(defaults\): spread < 2\.00 %, ≥ 1,000 USDT per side \(per-side reading\) or in total \(combined reading\), depth within ±2 % of mid$/m);
  assert.match(text, /^overall +samples +per-side +combined +bid +ask +spread$/m);
  assert.match(text, /^total +14 +42\.9 % +71\.4 % +64\.3 % +78\.6 % +71\.4 %$/m);
  assert.match(text, /^2025-03-14 +9 +33\.3 % +55\.6 % +66\.7 % +66\.7 % +55\.6 %$/m);
  assert.match(text, /^2025-03-14 01:00Z +4 +25\.0 % +50\.0 %/m);
  assert.match(text, /^ +3s from 2025-03-14 00:00:01Z to 2025-03-14 00:00:04Z, 3 failing samples: spread 3\.00 % ≥ 2 % ×2, ask depth 900\.00 < 1000 USDT ×1$/m);
  assert.match(text, /still failing at the end of the journal/);
  assert.match(text, /^orders: placed 3 \(bid 2, ask 1\), cancelled 1, rejected 1$/m);
  assert.match(text, /^ {2}rejections: post-only order would cross ×1$/m);
  assert.match(text, /^fills: 3: 2 buys \(1,400 base for 600 quote\), 1 sells \(2,000 base for 1,500 quote\)$/m);
  assert.match(text, /3 corrupt lines skipped/);
});

test('the report reads what the journal writer wrote, across rotated files', async (t) => {
  const dir = await tempDir(t);
  const journals = new Journals(dir, {bookIntervalMs: 1000, bookLevels: 5, maxFileBytes: 4096, retentionDays: 30}, () => t0);
  const samples = [...day13, ...day14, ...day14rotated];
  for (const s of samples) journals.append(s);
  await journals.close();
  const {code, report} = await reportJson(dir);
  assert.equal(code, 0);
  assert.deepEqual([report.total.samples, report.total.pass, report.read.corrupt], [14, 6, 0]);
  assert.ok(report.read.files >= 2);
  assert.equal(report.gaps.length, 4);
});

test('no journals under the data dir: exit 1 with a message naming the directory', async (t) => {
  const dir = await tempDir(t);
  const out = captureStream();
  assert.equal(await runReportCommand({dataDir: dir, out: out.stream}), 1);
  assert.match(out.text(), /^mexc-mm report: no journals under .*journal \(has mexc-mm run with --data-dir /);
});

/** `mexc-mm report --config FILE` as the command line hands it over: the config's rules. */
async function reportWithConfig(t: Parameters<typeof tempDir>[0], dir: string, config: object, format: 'json' | 'text') {
  const file = join(await tempDir(t), 'config.json');
  await writeFile(file, JSON.stringify(config));
  const inv = parseCommandLine(['report', '--data-dir', dir, '--config', file, '--format', format]);
  if (inv.command !== 'report') throw new Error('expected report');
  const out = captureStream();
  const {dataDir, since, fills, rules, rulesFrom} = inv;
  assert.equal(await runReportCommand({dataDir, format: inv.format, since, fills, rules, rulesFrom, out: out.stream}), 0);
  return {file, text: out.text()};
}

test('--config: a lower depth minimum passes the samples that fell short only of 1,000 USDT, and the header says the rules', async (t) => {
  const dir = await handBuiltJournal(t);
  const {file, text} = await reportWithConfig(t, dir, {compliance: {minDepthUsdt: 500}, bandPct: 0.03}, 'json');
  const report = JSON.parse(text) as JournalReport;
  assert.deepEqual(report.thresholds, {minDepthUsdt: 500, maxSpreadPct: 0.02, bandPct: 0.03});
  assert.equal(report.rulesFrom, file);
  // Bid 600, ask 900 and bid 999.99 now pass: per side fails only while the spread is wide (7, 8) or the book stale (11, 12).
  const {total} = report;
  assert.deepEqual([total.samples, total.pass, total.passCombined, total.bidPass, total.askPass, total.spreadPass], [14, 10, 10, 12, 12, 10]);
  assert.deepEqual(report.hours.map((h) => h.pass), [5, 3, 2]);
  assert.deepEqual(
    report.gaps.map((g) => [g.durationSec, g.samples, g.reasons]),
    [
      [2, 2, [{reason: 'spread 3.00 % ≥ 2 %', count: 2}]],
      [1, 2, [{reason: 'MEXC book stale', count: 2}]],
    ],
  );
  const human = (await reportWithConfig(t, dir, {compliance: {minDepthUsdt: 500}, bandPct: 0.03}, 'text')).text;
  assert.match(human, /^rules \(from --config .*config\.json\): spread < 2\.00 %, ≥ 500 USDT per side \(per-side reading\) or in total \(combined reading\), depth within ±3 % of mid$/m);
  assert.match(human, /^total +14 +71\.4 % +71\.4 % +85\.7 % +85\.7 % +71\.4 %$/m);
});

test('--config: a tighter spread rule fails samples the bot passed, with the report\'s own reason', async (t) => {
  const dir = await handBuiltJournal(t);
  const {text} = await reportWithConfig(t, dir, {compliance: {maxSpreadPct: 0.005}, fallback: {maxSpreadPct: 0.004}}, 'json');
  const report = JSON.parse(text) as JournalReport;
  assert.equal(report.thresholds.maxSpreadPct, 0.005);
  // every sample's spread is 0.6 % or wider (or unknown): none passes
  assert.deepEqual([report.total.pass, report.total.passCombined, report.total.spreadPass, report.total.bidPass], [0, 0, 0, 9]);
  // samples 1-10 are one second apart (across midnight): one gap of 10 samples, 8 of them at a 0.6 % spread
  const [first] = report.gaps;
  assert.deepEqual([first?.start, first?.durationSec, first?.samples], [t0, 9, 10]);
  assert.deepEqual(first?.reasons, [{reason: 'spread 0.60 % ≥ 0.5 %', count: 8}, {reason: 'spread 3.00 % ≥ 0.5 %', count: 2}]);
});

test('a stale book fails every criterion under any rules, whatever depths it recorded', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'journal'));
  const staleButDeep = fail(t0, {reason: 'book stale: no update for 12 s', checks: {bid: false, ask: false, spread: false}, passCombined: false});
  await writeFile(join(dir, 'journal', 'compliance-2025-03-13.ndjson'), ndjson([staleButDeep, fail(t0 + 1000, {reason: 'book not synced'})]));
  const {report} = await reportJson(dir);
  assert.deepEqual([report.total.samples, report.total.pass, report.total.passCombined, report.total.bidPass, report.total.askPass, report.total.spreadPass], [2, 0, 0, 0, 0, 0]);
  assert.deepEqual(report.gaps[0]?.reasons, [{reason: 'book not synced', count: 1}, {reason: 'book stale: no update for 12 s', count: 1}]);
});

test('--format md, csv and json of the hand-built journal: the same figures as the text', async (t) => {
  const dir = await handBuiltJournal(t);
  const run = async (format: 'md' | 'csv') => {
    const out = captureStream();
    assert.equal(await runReportCommand({dataDir: dir, out: out.stream, format}), 0);
    return out.text();
  };
  assert.match(await run('md'), /^\| total \| 14 \| 42\.9 % \| 71\.4 % \| 64\.3 % \| 78\.6 % \| 71\.4 % \|$/m);
  const rows = parse(await run('csv'), {columns: true}) as Record<string, string>[];
  const total = rows.find((row) => row.section === 'compliance-total')!;
  assert.deepEqual([total.samples, total.per_side_pass, total.combined_pass], ['14', '6', '10']);
  assert.equal(rows.filter((row) => row.section === 'gaps').length, 4);
  assert.equal(rows.filter((row) => (row.section ?? '').startsWith('pnl-')).length, 0, 'no pnl journal: no P&L rows');
});
