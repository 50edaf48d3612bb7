// `mexc-mm report [--data-dir DIR] [--since ...] [--config FILE] [--fills] [--format text|md|csv|json]`:
// the compliance summary and the P&L from the journals, in one of four formats.
import {defaultRules, type ComplianceRules} from '../store/report/complianceRules.js';
import {journalDir} from '../store/journalFiles.js';
import {readJournalReport, type JournalReport} from '../store/report/journalReport.js';
import type {ReportFormat} from '../store/report/reportFormat.js';
import {renderReport} from '../store/report/renderReport.js';

export interface ReportOptions {
  dataDir: string;
  /** epoch ms; records before it are ignored */
  since?: number;
  out: NodeJS.WritableStream;
  /** default text */
  format?: ReportFormat;
  /** list the trades */
  fills?: boolean;
  /** the compliance rules the samples are judged by; default: the config defaults (1,000 USDT, 2 %, ±2 %) */
  rules?: ComplianceRules;
  /** the config file the rules came from, said in the report; null or absent: the defaults */
  rulesFrom?: string | null;
}

/** Exit code: 0 printed, 1 no journals (or unreadable) under the data dir. */
export async function runReportCommand(opts: ReportOptions): Promise<number> {
  let report: JournalReport | null;
  try {
    report = await readJournalReport(opts.dataDir, {
      since: opts.since ?? null,
      rules: opts.rules ?? defaultRules(),
      rulesFrom: opts.rules ? (opts.rulesFrom ?? null) : null,
      fills: opts.fills ?? false,
    });
  } catch (error) {
    opts.out.write(`mexc-mm report: cannot read the journals under ${journalDir(opts.dataDir)}: ${(error as Error).message}\n`);
    return 1;
  }
  if (!report) {
    opts.out.write(`mexc-mm report: no journals under ${journalDir(opts.dataDir)} (has mexc-mm run with --data-dir ${opts.dataDir}?)\n`);
    return 1;
  }
  opts.out.write(renderReport(report, opts.format ?? 'text'));
  return 0;
}
