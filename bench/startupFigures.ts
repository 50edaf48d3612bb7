// Report rows of the start-up section (startupRuns.ts): ours is the compiled binary, the baseline the same
// code run from source/ through tsx; medians over the rounds, min and max in the note.
import type {FigureRow} from './report.js';
import {formatNumber} from './report.js';
import type {Spread, StartupRun} from './startupRuns.js';

const GOAL = 'below tsx';

const range = (s: Spread, unit: string): string => `median ${formatNumber(s.median, unit)} (min ${formatNumber(s.min, unit)}, max ${formatNumber(s.max, unit)}, ${s.runs} runs)`;

function row(id: string, figure: string, unit: string, ours: Spread | null, tsx: Spread | null, how: string, errors: readonly string[]): FigureRow {
  const both = `compiled ${ours ? range(ours, unit) : 'not measured'}; tsx ${tsx ? range(tsx, unit) : 'not measured'}`;
  if (ours === null || tsx === null) {
    const error = errors.length > 0 ? errors.join('; ') : 'no successful run';
    return {id, figure, ours: ours?.median ?? null, baseline: tsx?.median ?? null, unit, ratio: null, goal: GOAL, pass: false, note: `${how}; ${both}`, error};
  }
  return {
    id,
    figure,
    ours: ours.median,
    baseline: tsx.median,
    unit,
    ratio: ours.median / tsx.median,
    goal: GOAL,
    pass: ours.median < tsx.median,
    note: `${how}; ${both}`,
  };
}

export function startupRows(run: StartupRun | Error): FigureRow[] {
  const errors = run instanceof Error ? [run.message] : run.errors;
  const get = <K extends 'versionMs' | 'firstLineMs' | 'quietRssMb'>(key: K) => (run instanceof Error ? {tsx: null, compiled: null} : run[key]);
  const rounds = run instanceof Error ? 0 : run.rounds;
  const baseline = 'baseline: the same code run from source/ through tsx (node --import tsx source/cli.tsx, the binary before dist/); the variants alternate, one process at a time';
  const rows = [
    row('startup.version', 'Cold start → `--version` exits', 'ms', get('versionMs').compiled, get('versionMs').tsx, `spawn to exit, ${rounds} rounds; ${baseline}`, errors),
    row(
      'startup.firstLine',
      'Cold start → first JSON line (--no-ui, sim)',
      'ms',
      get('firstLineMs').compiled,
      get('firstLineMs').tsx,
      `spawn of a headless sim run (calm, in-process simulator) to its first log line on stdout, ${rounds} rounds; ${baseline}`,
      errors,
    ),
  ];
  const maxNote = run instanceof Error ? '' : `; highest sample: compiled ${formatNumber(run.quietRssMaxMb.compiled, 'MB')}, tsx ${formatNumber(run.quietRssMaxMb.tsx, 'MB')}`;
  const window = run instanceof Error ? '' : `${run.quietSec} s runs, window from ${run.settleSec} s to 1 s before the stop`;
  rows.push(
    row(
      'startup.quietRss',
      'Quiet RSS, calm (bot alone, median of the window)',
      'MB',
      get('quietRssMb').compiled,
      get('quietRssMb').tsx,
      `bot in live mode against its own \`mexc-mm sim\` (calm), /proc/<pid> RSS every second, ${window}; each run's median, ${rounds} rounds with both variants side by side${maxNote}`,
      errors,
    ),
  );
  return rows;
}
