// `mexc-mm report --format csv`: every table of the report in one RFC 4180 document, told apart by its
// `section` column (csvDocument.ts): compliance-total, compliance-days, compliance-hours, gaps,
// pnl-total, pnl-days, pnl-hours, and with --fills trades. The counts and notes of the text are not
// tables: --format json has them.
import {csvDocument} from './csvDocument.js';
import type {JournalReport} from './journalReport.js';
import {complianceTable, gapsTable, pnlTable, tradesTable} from './reportTables.js';

export function formatReportCsv(r: JournalReport): string {
  const {pnl} = r;
  return csvDocument([
    complianceTable('compliance-total', 'overall', [r.total]),
    complianceTable('compliance-days', 'per day (UTC)', r.days),
    complianceTable('compliance-hours', 'per hour (UTC)', r.hours),
    gapsTable(r.gaps),
    pnlTable('pnl-total', 'P&L overall', pnl.total ? [pnl.total] : []),
    pnlTable('pnl-days', 'P&L per day (UTC)', pnl.days),
    pnlTable('pnl-hours', 'P&L per hour (UTC)', pnl.hours),
    ...(r.trades ? [tradesTable(r.trades.trades)] : []),
  ]);
}
