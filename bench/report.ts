// The benchmark report: one row per figure (ours, baseline, ratio, goal, pass/fail), written as JSON and
// as a markdown table, and printed. A figure that could not be measured is a failing row with the reason,
// never a placeholder number.
import {writeFile} from 'node:fs/promises';
import os from 'node:os';
import type {Spread} from './sampleStats.js';

export interface FigureRow {
  /** stable key, e.g. "book.apply" */
  id: string;
  figure: string;
  /** measured value in the unit of `unit` (null when not measured) */
  ours: number | null;
  baseline: number | null;
  unit: string;
  /** ours / baseline, or the direction the goal reads in (see goal) */
  ratio: number | null;
  goal: string;
  /** null for an informational row without a goal */
  pass: boolean | null;
  /** how it was measured, sample sizes, caveats */
  note: string;
  /** shown instead of the value when not measured */
  error?: string;
  /** min / median / max over the figure's rounds or runs (ours and baseline are then the medians) */
  spread?: {ours?: Spread; baseline?: Spread; /** what the n counts (default rounds) */ of?: 'rounds' | 'seeds' | 'runs' | 'slices'};
}

export interface BenchReport {
  date: string;
  quick: boolean;
  machine: {cpus: string; cores: number; memoryGb: number; node: string; platform: string};
  durationSec: number;
  figures: FigureRow[];
  /** markdown printed after the figures table (a section's own side-by-side table) */
  sections?: string[];
  details: Record<string, unknown>;
}

export function machineInfo(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** A number with a sensible count of significant digits and thousands separators. */
export function formatNumber(value: number | null, unit = ''): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: 0});
  return unit ? `${text} ${unit}` : text;
}

/** "median (min–max, n rounds)" when the figure has rounds */
function withSpread(median: string, spread: Spread | undefined, of = 'rounds'): string {
  if (!spread || spread.n < 2) return median;
  return `${median} (${formatNumber(spread.min)}–${formatNumber(spread.max)}, ${spread.n} ${of})`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(report: BenchReport): string {
  const lines = [
    `# mexc-mm benchmark${report.quick ? ' (quick)' : ''}`,
    '',
    `${report.date} · ${report.machine.cpus} × ${report.machine.cores} · ${report.machine.memoryGb} GB · Node ${report.machine.node} · ${report.machine.platform} · ${Math.round(report.durationSec)} s`,
    '',
    '| figure | ours | baseline | ratio | goal | result |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of report.figures) {
    const ours = row.error ? `not measured: ${row.error}` : withSpread(formatNumber(row.ours, row.unit), row.spread?.ours, row.spread?.of);
    const baseline = row.baseline === null ? '—' : withSpread(formatNumber(row.baseline, row.unit), row.spread?.baseline, row.spread?.of);
    const ratio = row.ratio === null ? '—' : `${formatNumber(row.ratio)}×`;
    lines.push(`| ${cell(row.figure)} | ${cell(ours)} | ${cell(baseline)} | ${ratio} | ${cell(row.goal)} | ${row.pass === null ? 'info' : row.pass ? 'pass' : '**FAIL**'} |`);
  }
  for (const section of report.sections ?? []) lines.push('', section);
  lines.push('', '## Notes', '');
  for (const row of report.figures) lines.push(`- **${row.figure}**: ${row.note}${row.error ? ` — not measured: ${row.error}` : ''}`);
  lines.push('');
  return lines.join('\n');
}

export async function writeReport(report: BenchReport, dir: URL): Promise<{json: string; md: string}> {
  const json = new URL('report.json', dir);
  const md = new URL('report.md', dir);
  await writeFile(json, JSON.stringify(report, (_key, value: unknown) => (value instanceof Error ? {error: value.message} : value), 2) + '\n');
  await writeFile(md, markdownTable(report));
  return {json: json.pathname, md: md.pathname};
}
