// `mexc-mm report --format md`: the report as GitHub markdown, for a token team's issue or wiki page —
// headings, the same tables as the text format (gaps as a table too), the counts as a list.
import type {JournalReport} from './journalReport.js';
import {markdownTable} from './markdownTable.js';
import {fillSentence, noPnlSentence, orderSentences, pnlIntro, pnlNotes, readSentence, rulesSentence, titleSentence, tradeNotes} from './reportSentences.js';
import {complianceTable, gapsTable, pnlTable, tradesTable} from './reportTables.js';
import type {CellTable} from './reportTable.js';

const section = (heading: string, table: CellTable, empty: string): string[] =>
  ['', `### ${heading}`, '', ...(table.rows.length === 0 ? [empty] : markdownTable(table))];

const list = (items: string[]): string[] => items.map((item) => `- ${item}`);

export function formatReportMarkdown(r: JournalReport): string[] {
  const lines = [`# ${titleSentence(r)}`, '', rulesSentence(r), '', '## Compliance'];
  lines.push(...section('Overall', complianceTable('compliance-total', 'overall', [r.total]), 'No samples.'));
  lines.push(...section('Per day (UTC)', complianceTable('compliance-days', 'per day (UTC)', r.days), 'No samples.'));
  lines.push(...section('Per hour (UTC)', complianceTable('compliance-hours', 'per hour (UTC)', r.hours), 'No samples.'));
  lines.push(...section('Longest failing gaps', gapsTable(r.gaps), 'None.'));
  lines.push('', '### Orders and fills', '', ...list([...orderSentences(r), fillSentence(r)]));
  lines.push('', '## P&L', '');
  const {pnl} = r;
  if (pnl.total) {
    lines.push(pnlIntro);
    lines.push(...section('Overall', pnlTable('pnl-total', 'P&L overall', [pnl.total]), 'No hours.'));
    lines.push(...section('Per day (UTC)', pnlTable('pnl-days', 'P&L per day (UTC)', pnl.days), 'No hours.'));
    lines.push(...section('Per hour (UTC)', pnlTable('pnl-hours', 'P&L per hour (UTC)', pnl.hours), 'No hours.'));
    const notes = pnlNotes(pnl);
    if (notes.length > 0) lines.push('', ...list(notes));
  } else {
    lines.push(noPnlSentence);
  }
  if (r.trades) {
    lines.push('', '## Trades', '', ...(r.trades.trades.length === 0 ? ['None.'] : markdownTable(tradesTable(r.trades.trades))));
    lines.push('', ...list(tradeNotes(r.trades)));
  }
  lines.push('', readSentence(r));
  return lines;
}
