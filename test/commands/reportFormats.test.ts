import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parse} from 'csv-parse/sync';
import {runReportCommand} from '../../source/commands/report.js';
import type {JournalReport} from '../../source/store/report/journalReport.js';
import type {ReportFormat} from '../../source/store/report/reportFormat.js';
import {captureStream} from '../store/fixtures.js';
import {ledgerDataDir} from './ledgerJournal.js';

async function render(dir: string, format: ReportFormat): Promise<string> {
  const out = captureStream();
  assert.equal(await runReportCommand({dataDir: dir, format, fills: true, out: out.stream}), 0);
  return out.text();
}

test('text: the P&L tables beside the compliance ones, the open hour said, and the trades with --fills', async (t) => {
  const text = await render(await ledgerDataDir(t), 'text');
  // wider than 80 columns: two blocks of columns, each led by the period
  assert.match(text, /^P&L overall +fills +turnover +fees +vs hold +MtM +realised +adverse$/m);
  assert.match(text, /^total +4 +2,150 +1\.125 +-2 +\+2 +\+500 +3$/m);
  assert.match(text, /^P&L overall +Δ base +Δ USDT +base ratio +mo 1s +mo 10s +mo 60s$/m);
  assert.match(text, /^total +-500 +\+848\.875 +49\.0 % +\+0\.75 +\+0\.25 +-3$/m);
  assert.match(text, /^P&L per day \(UTC\) +fills/m);
  assert.match(text, /^2025-03-13 +2 +600 +0\.25 +-0\.5 +\+1\.25 +0 +1$/m);
  assert.match(text, /^2025-03-13 +\+1,400 +-600\.25 +50\.1 % +\+0\.5 +-0\.25 +-1$/m);
  assert.match(text, /^P&L per hour \(UTC\) +fills/m);
  assert.match(text, /^2025-03-14 01:00Z +0 +0 +0 +-0\.25 +\+0\.5 +0 +—$/m, 'an hour only the state file has: no markout measured');
  assert.match(text, /^2025-03-14 01:00Z +0 +0 +— +— +— +—$/m, 'and its inventory unknown');
  for (const line of text.split('\n')) assert.ok(!/^(P&L|total|20\d\d-)/.test(line) || line.length <= 80, `a table line fits 80 columns: ${line}`);
  assert.match(text, /^ {2}2025-03-14 02:00Z is still open: its figures up to 2025-03-14 02:30:00Z, from the state file$/m);
  assert.match(text, /^ {2}not journalled yet, from the state file: 2025-03-14 01:00Z$/m);
  assert.match(text, /^ {2}1 hours journalled twice: the later record counted$/m);
  assert.match(text, /^trades \(UTC\) +side +price +qty +USDT +fee +ref mid +MEXC mid +mo 1s$/m);
  assert.match(text, /^trades \(UTC\) +mo 10s +mo 60s$/m);
  assert.match(text, /^2025-03-14 00:20:00Z +BUY +0\.5 +1,000 +500 +0\.25 +0\.5025 +0\.5 +\+2\.5$/m);
  assert.match(text, /^2025-03-14 00:20:00Z +0 +-10$/m);
  assert.match(text, /^2025-03-14 00:21:00Z +BUY +0\.25 +400 +100 +— +— +— +—$/m, 'a fill from before the ledger');
  assert.match(text, /^3 trades; 1 without markouts/m);
  assert.match(text, /^1 fill records of a trade already listed ignored$/m);
  assert.match(text, /; 1 fill records of a trade already counted ignored$/m);
  // the compliance part keeps its look
  assert.match(text, /^per hour \(UTC\) +samples +per-side +combined +bid +ask +spread$/m);
});

/** Splits a markdown table row into its cells (a `\|` is part of a cell). */
const cells = (line: string): string[] => line.slice(2, -2).split(/ (?<!\\)\| /);

test('md: every table is a GitHub table (header, alignment row, the same number of cells in every row) under a heading', async (t) => {
  const md = await render(await ledgerDataDir(t), 'md');
  const lines = md.split('\n');
  assert.match(lines[0]!, /^# mexc-mm compliance report: /);
  for (const heading of ['## Compliance', '### Overall', '### Per day (UTC)', '### Per hour (UTC)', '### Longest failing gaps', '### Orders and fills', '## P&L', '## Trades'])
    assert.ok(lines.includes(heading), heading);
  const tables: string[][] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('|')) return;
    if (!lines[i - 1]!.startsWith('|')) {
      assert.equal(lines[i - 1], '', 'a table starts after a blank line');
      tables.push([]);
    }
    tables[tables.length - 1]!.push(line);
  });
  assert.equal(tables.length, 8, 'compliance ×3, gaps, P&L ×3, trades');
  for (const table of tables) {
    const [header, alignment, ...rows] = table;
    assert.match(alignment!, /^\|(:---|---:)(\|(:---|---:))*\|$/);
    const width = alignment!.split('|').length - 2;
    assert.ok(rows.length > 0);
    for (const line of [header!, ...rows]) {
      assert.match(line, /^\| .* \|$/);
      assert.equal(cells(line).length, width, line);
    }
  }
  const pnlHours = tables[6]!;
  assert.deepEqual(cells(pnlHours[0]!), ['period', 'fills', 'turnover', 'fees', 'vs hold', 'MtM', 'realised', 'adverse', 'Δ base', 'Δ USDT', 'base ratio', 'mo 1s', 'mo 10s', 'mo 60s']);
  assert.deepEqual(cells(pnlHours[5]!).slice(0, 5), ['2025-03-14 02:00Z', '1', '50', '0.125', '+0.25']);
  assert.ok(lines.includes('- 2025-03-14 02:00Z is still open: its figures up to 2025-03-14 02:30:00Z, from the state file'));
});

type CsvRow = Record<string, string>;

test('csv: one RFC 4180 document a CSV parser reads, a section column per table, numbers plain', async (t) => {
  const dir = await ledgerDataDir(t);
  const csv = await render(dir, 'csv');
  assert.ok(csv.endsWith('\r\n'));
  assert.equal(csv.replace(/\r\n/g, '').includes('\n'), false, 'every line ends CRLF');
  const rows = parse(csv, {columns: true}) as CsvRow[];
  const header = (parse(csv, {to_line: 1}) as string[][])[0]!;
  assert.equal(header[0], 'section');
  assert.equal(new Set(header).size, header.length, 'each key once');
  const bySection = (name: string) => rows.filter((row) => row.section === name);
  assert.deepEqual(
    Object.fromEntries(['compliance-total', 'compliance-days', 'compliance-hours', 'gaps', 'pnl-total', 'pnl-days', 'pnl-hours', 'trades'].map((s) => [s, bySection(s).length])),
    {'compliance-total': 1, 'compliance-days': 2, 'compliance-hours': 2, gaps: 1, 'pnl-total': 1, 'pnl-days': 2, 'pnl-hours': 4, trades: 3},
  );
  assert.equal(rows.length, 16);

  const json = JSON.parse(await render(dir, 'json')) as JournalReport;
  const [total] = bySection('compliance-total');
  assert.deepEqual([total!.period, total!.samples, Number(total!.per_side_pct)], ['total', '4', 75]);
  assert.equal(total!.per_side_pass, '3');
  const [gap] = bySection('gaps');
  assert.equal(gap!.reasons, json.gaps[0]!.reasons.map((x) => `${x.reason} ×${x.count}`).join(', '));
  assert.deepEqual([gap!.start, gap!.ongoing, gap!.samples], ['2025-03-13T23:59:59.000Z', 'false', ''], 'a key means one thing: no samples column for a gap');

  const open = bySection('pnl-hours')[3]!;
  assert.deepEqual(
    [open.period, open.start, open.end, open.open, open.fills, open.turnover, open.fees, open.vs_hold, open.base_change, open.quote_change],
    ['2025-03-14 02:00Z', '2025-03-14T02:00:00.000Z', '2025-03-14T02:30:00.000Z', 'true', '1', '50', '0.125', '0.25', '100', '-50.125'],
  );
  const pnlTotal = bySection('pnl-total')[0]!;
  for (const [key, field] of [['turnover', 'turnover'], ['vsHold', 'vs_hold'], ['fees', 'fees'], ['adverseSelection', 'adverse_selection']] as const)
    assert.equal(Number(pnlTotal[field]), json.pnl.total![key], field);
  assert.ok(Math.abs(Number(pnlTotal.base_ratio_end) - json.pnl.total!.inventory!.baseRatio) <= 5e-11, 'rounded to at most 10 decimals');
  assert.equal(bySection('pnl-hours')[2]!.base_ratio_end, '', 'unknown: an empty field');

  const [t1, t2, t3] = bySection('trades');
  assert.deepEqual([t1!.time, t1!.trade_id, t1!.side, t1!.price, t1!.qty, t1!.fee_usdt, t1!.ref_mid, t1!.markout_s60, t1!.markout_mid_s60], ['2025-03-14T00:20:00.000Z', 't1', 'BUY', '0.5', '1000', '0.25', '0.5025', '-10', '0.49']);
  assert.deepEqual([t2!.trade_id, t2!.fee_usdt, t2!.ref_mid, t2!.mexc_mid, t2!.markout_s1], ['t2', '', '', '', '']);
  assert.deepEqual([t3!.markout_s10, t3!.markout_s60], ['-5', '']);
  for (const row of rows) for (const value of Object.values(row)) assert.doesNotMatch(value, /^-?\d[\d,]*\d{3}(\.\d+)?e|,\d{3}/, 'no exponent, no thousands separator');
});

test('json: the whole report is one object with compliance, P&L and the trades', async (t) => {
  const report = JSON.parse(await render(await ledgerDataDir(t), 'json')) as JournalReport;
  assert.deepEqual(Object.keys(report).filter((k) => ['total', 'days', 'hours', 'gaps', 'orders', 'fills', 'thresholds', 'pnl', 'trades'].includes(k)).length, 9);
  assert.equal(report.pnl.hours.length, 4);
  assert.equal(report.trades?.trades.length, 3);
});
