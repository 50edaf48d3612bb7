// `mexc-mm report` as text (the default): the compliance tables, the failing gaps, order and fill
// counts, the P&L tables and, with --fills, the trades.
import {formatDuration, formatTime} from '../displayFormat.js';
import type {JournalReport} from './journalReport.js';
import {fillSentence, noPnlSentence, orderSentences, pnlIntro, pnlNotes, readSentence, rulesSentence, titleSentence, tradeNotes} from './reportSentences.js';
import {complianceTable, pnlTable, tradesTable} from './reportTables.js';
import type {CellTable} from './reportTable.js';
import {textTable} from './textTable.js';

/** Words of `text` in lines of at most `width` characters (a longer word keeps a line of its own). */
export function wrapWords(text: string, width = 80): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** a table after a blank line; nothing for a table without rows */
const block = (table: CellTable): string[] => (table.rows.length === 0 ? [] : ['', ...textTable(table)]);

export function formatReportText(r: JournalReport): string[] {
  const lines: string[] = [titleSentence(r), rulesSentence(r)];
  lines.push('', ...textTable(complianceTable('compliance-total', 'overall', [r.total])));
  lines.push(...block(complianceTable('compliance-days', 'per day (UTC)', r.days)));
  lines.push(...block(complianceTable('compliance-hours', 'per hour (UTC)', r.hours)));
  lines.push('');
  if (r.gaps.length === 0) {
    lines.push('longest failing gaps: none');
  } else {
    lines.push('longest failing gaps:');
    for (const gap of r.gaps) {
      const reasons = gap.reasons.map((x) => `${x.reason} ×${x.count}`).join(', ');
      lines.push(
        `  ${formatDuration(gap.durationSec).padStart(7)} from ${formatTime(gap.start)} to ${formatTime(gap.end)}${gap.ongoing ? ' (still failing at the end of the journal)' : ''}, ${gap.samples} failing samples: ${reasons}`,
      );
    }
  }
  const [orders, ...orderDetail] = orderSentences(r);
  lines.push('', orders!, ...orderDetail.map((line) => `  ${line}`), fillSentence(r));
  lines.push('', ...pnlText(r));
  if (r.trades) {
    lines.push(...block(tradesTable(r.trades.trades)));
    lines.push(...tradeNotes(r.trades));
  }
  lines.push('', readSentence(r));
  return lines;
}

function pnlText(r: JournalReport): string[] {
  const {pnl} = r;
  if (!pnl.total) return [noPnlSentence];
  return [
    ...wrapWords(pnlIntro),
    '',
    ...textTable(pnlTable('pnl-total', 'P&L overall', [pnl.total])),
    ...block(pnlTable('pnl-days', 'P&L per day (UTC)', pnl.days)),
    ...block(pnlTable('pnl-hours', 'P&L per hour (UTC)', pnl.hours)),
    ...pnlNotes(pnl).map((note) => `  ${note}`),
  ];
}
