// `mexc-mm report` in the format asked for (reportFormat.ts).
import type {JournalReport} from './journalReport.js';
import {formatReportCsv} from './reportCsv.js';
import type {ReportFormat} from './reportFormat.js';
import {formatReportMarkdown} from './reportMarkdown.js';
import {formatReportText} from './reportText.js';

/** The report as `format` prints it, ending with a newline. */
export function renderReport(report: JournalReport, format: ReportFormat): string {
  switch (format) {
    case 'text':
      return formatReportText(report).join('\n') + '\n';
    case 'md':
      return formatReportMarkdown(report).join('\n') + '\n';
    case 'csv':
      return formatReportCsv(report);
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
  }
}
