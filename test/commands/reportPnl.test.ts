import {test} from 'node:test';
import assert from 'node:assert/strict';
import {runReportCommand, type ReportOptions} from '../../source/commands/report.js';
import type {JournalReport} from '../../source/store/report/journalReport.js';
import {captureStream} from '../store/fixtures.js';
import {at, fills, hour00, hour01, hour02, hour23, ledgerDataDir, markouts, olderFill, stateLedger} from './ledgerJournal.js';

async function reportJson(options: Omit<ReportOptions, 'out' | 'format'>): Promise<JournalReport> {
  const out = captureStream();
  assert.equal(await runReportCommand({...options, format: 'json', out: out.stream}), 0);
  return JSON.parse(out.text()) as JournalReport;
}

const figures = (p: {fills: number; turnover: number; fees: number; vsHold: number; markToMarket: number; realised: number}) =>
  [p.fills, p.turnover, p.fees, p.vsHold, p.markToMarket, p.realised];

test('P&L per hour: the closed hours from the pnl journal, then the state file\'s hours the journal has not got yet', async (t) => {
  const dir = await ledgerDataDir(t);
  const {pnl} = await reportJson({dataDir: dir});
  assert.deepEqual(pnl.hours.map((h) => [h.label, h.open]), [
    ['2025-03-13 23:00Z', false],
    ['2025-03-14 00:00Z', false],
    ['2025-03-14 01:00Z', false],
    ['2025-03-14 02:00Z', true],
  ]);
  // 00:00 was journalled twice: the later record counts, and the state file's own copy of it does not
  assert.deepEqual(figures(pnl.hours[1]!), figures(hour00));
  assert.equal(pnl.repeatedHours, 1);
  assert.equal(pnl.journalHours, 2);
  assert.deepEqual(pnl.stateHours, [at('14T01:00:00'), at('14T02:00:00')]);
  // inventory at each hour's end: the journal's, unknown for an hour only the state file has, the ledger's now for the open hour
  assert.deepEqual(pnl.hours.map((h) => h.inventory?.base ?? null), [101_400, 99_400, null, 99_500]);
  assert.equal(pnl.hours[3]!.to, at('14T02:30:00'), 'the open hour runs up to the state file\'s mark');
});

test('a day is the sum of its hours and the total the sum of all, inventory at the end of the last', async (t) => {
  const dir = await ledgerDataDir(t);
  const {pnl} = await reportJson({dataDir: dir});
  assert.deepEqual(pnl.days.map((d) => [d.label, d.fills, d.open]), [['2025-03-13', 2, false], ['2025-03-14', 2, true]]);
  const day14 = pnl.days[1]!;
  assert.deepEqual(figures(day14), [2, 1550, 0.875, -1.5 - 0.25 + 0.25, -0.5 + 0.5 + 0.75, 500]);
  assert.deepEqual([day14.from, day14.to], [at('14T00:00:00'), at('14T02:30:00')]);
  assert.deepEqual([day14.baseChange, day14.quoteChange], [-1900, 1449.125]);
  assert.deepEqual(day14.inventory, stateLedger().now);
  const total = pnl.total!;
  assert.equal(total.label, 'total');
  assert.deepEqual(figures(total), [4, 2150, 1.125, -2, 2, 500]);
  assert.deepEqual(total.markoutSums, {s1: 0.75, s10: 0.25, s60: -3});
  assert.deepEqual(total.markoutCounts, {s1: 3, s10: 3, s60: 3});
  assert.equal(total.adverseSelection, 3, 'what being picked off at 60 s cost');
  assert.deepEqual([total.buys, total.sells, total.boughtBase, total.soldQuote], [3, 1, 1500, 1500]);
  for (const key of ['fills', 'turnover', 'fees', 'vsHold', 'markToMarket'] as const)
    assert.equal(total[key], [hour23, hour00, hour01, hour02].reduce((sum, h) => sum + h[key], 0), key);
});

test('--since keeps the hours that end after it, whole', async (t) => {
  const dir = await ledgerDataDir(t);
  const {pnl} = await reportJson({dataDir: dir, since: at('14T00:30:00')});
  assert.deepEqual(pnl.hours.map((h) => h.label), ['2025-03-14 00:00Z', '2025-03-14 01:00Z', '2025-03-14 02:00Z']);
  assert.deepEqual(pnl.days.map((d) => d.label), ['2025-03-14']);
});

test('without a ledger in the state file the P&L is the journal\'s hours alone', async (t) => {
  const dir = await ledgerDataDir(t, null);
  const {pnl} = await reportJson({dataDir: dir});
  assert.deepEqual(pnl.hours.map((h) => h.label), ['2025-03-13 23:00Z', '2025-03-14 00:00Z']);
  assert.deepEqual(pnl.stateHours, []);
  assert.equal(pnl.total?.open, false);
});

test('--fills lists each trade once, joined with its markouts by trade id; an older fill reads as unknown', async (t) => {
  const dir = await ledgerDataDir(t);
  const report = await reportJson({dataDir: dir, fills: true});
  const list = report.trades!;
  assert.deepEqual(list.trades.map((x) => [x.tradeId, x.side, x.price, x.qty, x.quote, x.measured]), [
    ['t1', 'BUY', 0.5, 1000, 500, true],
    ['t2', 'BUY', 0.25, 400, 100, false],
    ['t3', 'SELL', 0.75, 2000, 1500, true],
  ]);
  const [t1, t2, t3] = list.trades;
  assert.deepEqual([t1!.feeQuote, t1!.refMid, t1!.mexcMid, t1!.fee, t1!.feeAsset], [0.25, fills.t1.refMid, fills.t1.mexcMid, '0.25', 'USDT']);
  // the first markouts record of t1 counts, not the repeat
  assert.deepEqual([t1!.markouts, t1!.markoutMids], [markouts.t1.markouts, markouts.t1.markoutMids]);
  assert.deepEqual([t2!.feeQuote, t2!.refMid, t2!.mexcMid, t2!.at], [null, null, null, olderFill.at]);
  assert.deepEqual(t2!.markouts, {s1: null, s10: null, s60: null});
  assert.deepEqual(t3!.markouts, {s1: 0, s10: -5, s60: null});
  assert.deepEqual([list.repeatedFills, list.repeatedMarkouts, list.unmeasured], [1, 1, 1]);
  // the fill counts take each trade id once too
  assert.deepEqual([report.fills.count, report.fills.duplicates, report.fills.bySide], [3, 1, {BUY: 2, SELL: 1}]);
  assert.equal(report.read.corrupt, 0);
});

test('without --fills the json has no trade list, and the fill counts are still deduplicated', async (t) => {
  const dir = await ledgerDataDir(t);
  const report = await reportJson({dataDir: dir});
  assert.equal(report.trades, null);
  assert.equal(report.fills.count, 3);
});
