// `mexc-mm report [--data-dir DIR] [--since ...] [--json]`: the compliance summary from the journals.
import {defaultConfig} from '../config/configSchema.js';
import {ComplianceReportBuilder, type ComplianceReport, type PassBucket, type Thresholds} from '../store/complianceReport.js';
import {formatAmount, formatDuration, formatPercent, formatTime} from '../store/displayFormat.js';
import {journalDir, listJournalFiles} from '../store/journalFiles.js';
import {readJournalStream, type ReadCounters} from '../store/journalReader.js';

export interface ReportOptions {
  dataDir: string;
  /** epoch ms; records before it are ignored */
  since?: number;
  out: NodeJS.WritableStream;
  json?: boolean;
  /** the compliance rules the per-criterion readings use; default: the config defaults (1,000 USDT, 2 %) */
  thresholds?: Thresholds;
}

/** Reads the journals under `dataDir` and builds the report (no output). null when there are no journals. */
export async function buildComplianceReport(dataDir: string, since: number | null, thresholds: Thresholds): Promise<ComplianceReport | null> {
  const dir = journalDir(dataDir);
  if ((await listJournalFiles(dir)).length === 0) return null;
  const builder = new ComplianceReportBuilder(thresholds, since);
  const counters: ReadCounters = {files: 0, lines: 0, corrupt: 0};
  await readJournalStream(dir, 'compliance', since, counters, (record) => builder.addSample(record));
  await readJournalStream(dir, 'orders', since, counters, (record) => builder.addOrder(record));
  await readJournalStream(dir, 'fills', since, counters, (record) => builder.addFill(record));
  return builder.build(counters);
}

/** Exit code: 0 printed, 1 no journals (or unreadable) under the data dir. */
export async function runReportCommand(opts: ReportOptions): Promise<number> {
  const compliance = defaultConfig().compliance;
  const thresholds = opts.thresholds ?? {minDepthUsdt: compliance.minDepthUsdt, maxSpreadPct: compliance.maxSpreadPct};
  let report: ComplianceReport | null;
  try {
    report = await buildComplianceReport(opts.dataDir, opts.since ?? null, thresholds);
  } catch (error) {
    opts.out.write(`mexc-mm report: cannot read the journals under ${journalDir(opts.dataDir)}: ${(error as Error).message}\n`);
    return 1;
  }
  if (!report) {
    opts.out.write(`mexc-mm report: no journals under ${journalDir(opts.dataDir)} (has mexc-mm run with --data-dir ${opts.dataDir}?)\n`);
    return 1;
  }
  opts.out.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report).join('\n') + '\n');
  return 0;
}

const bucketLine = (b: PassBucket, width: number): string =>
  `${b.label.padEnd(width)} ${formatAmount(b.samples, 0).padStart(9)}  ${formatPercent(b.perSidePct).padStart(8)}  ${formatPercent(b.combinedPct).padStart(8)}  ${formatPercent(b.bidPct).padStart(8)}  ${formatPercent(b.askPct).padStart(8)}  ${formatPercent(b.spreadPct).padStart(8)}`;

const header = (label: string, width: number): string =>
  `${label.padEnd(width)} ${'samples'.padStart(9)}  ${'per-side'.padStart(8)}  ${'combined'.padStart(8)}  ${'bid'.padStart(8)}  ${'ask'.padStart(8)}  ${'spread'.padStart(8)}`;

export function formatReport(r: ComplianceReport): string[] {
  const lines: string[] = [];
  const range =
    r.firstSampleAt === null || r.lastSampleAt === null
      ? 'no compliance samples'
      : `${formatTime(r.firstSampleAt)} → ${formatTime(r.lastSampleAt)}`;
  lines.push(`mexc-mm compliance report${r.since === null ? '' : ` since ${formatTime(r.since)}`}: ${range}`);
  lines.push(
    `rules: spread < ${(r.thresholds.maxSpreadPct * 100).toFixed(2)} %, ≥ ${formatAmount(r.thresholds.minDepthUsdt)} USDT per side (per-side reading) or in total (combined reading)`,
  );
  lines.push('');
  lines.push(header('overall', 17));
  lines.push(bucketLine(r.total, 17));
  if (r.days.length > 0) {
    lines.push('');
    lines.push(header('per day (UTC)', 17));
    for (const day of r.days) lines.push(bucketLine(day, 17));
  }
  if (r.hours.length > 0) {
    lines.push('');
    lines.push(header('per hour (UTC)', 17));
    for (const hour of r.hours) lines.push(bucketLine(hour, 17));
  }
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
  const o = r.orders;
  lines.push('');
  lines.push(
    `orders: placed ${o.placed} (bid ${o.placedBySide.BUY}, ask ${o.placedBySide.SELL}), cancelled ${o.cancelled}, rejected ${o.rejected}`,
  );
  const others = Object.entries(o.byAction)
    .filter(([action]) => !['placed', 'cancelled', 'rejected'].includes(action))
    .map(([action, count]) => `${action} ${count}`);
  if (others.length > 0) lines.push(`  other order events: ${others.join(', ')}`);
  if (o.rejectReasons.length > 0) lines.push(`  rejections: ${o.rejectReasons.map((x) => `${x.reason} ×${x.count}`).join(', ')}`);
  const f = r.fills;
  lines.push(
    `fills: ${f.count}: ${f.bySide.BUY} buys (${formatAmount(f.baseVolume.BUY, 8)} base for ${formatAmount(f.quoteVolume.BUY)} quote), ${f.bySide.SELL} sells (${formatAmount(f.baseVolume.SELL, 8)} base for ${formatAmount(f.quoteVolume.SELL)} quote)`,
  );
  lines.push(`read ${r.read.files} files, ${formatAmount(r.read.lines, 0)} lines${r.read.corrupt > 0 ? `, ${r.read.corrupt} corrupt lines skipped` : ''}`);
  return lines;
}
