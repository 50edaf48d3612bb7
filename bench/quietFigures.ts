// Report rows of the quiet-market run (bench/quietRun.ts): CPU, RSS, its slope and the cold start, judged
// against the performance issue's goals.
import type {FigureRow} from './report.js';
import type {QuietRun} from './quietRun.js';
import {finite, unmeasured} from './figureRow.js';

/** the performance issue's quiet-market goals: under 1 % of a core, under 90 MB, flat */
const QUIET_CPU_GOAL_PCT = 1;
const QUIET_RSS_GOAL_MB = 90;
/** flat: over the whole window, the least-squares line may rise at most 5 % of the goal */
const QUIET_SLOPE_GOAL_MB_PER_H = 2;

function cpuStretch(quiet: QuietRun): string {
  const stretch = quiet.cpuWindowSec === null ? '—' : `${(quiet.cpuWindowSec / 60).toFixed(0)} min`;
  const where = quiet.cpuAlone
    ? `CPU over the last ${stretch}, after every other bench section had finished (nothing else running)`
    : `CPU over the whole ${stretch} window, other bench sections possibly running alongside`;
  const slices = quiet.cpuSlices ? `; the figure shown first is that whole stretch, the range is over ${quiet.cpuSlices.n} consecutive slices of it` : '';
  return where + slices;
}

export function quietRows(quiet: QuietRun | Error): FigureRow[] {
  const cpuGoal = `< ${QUIET_CPU_GOAL_PCT} %`;
  const rssGoal = `< ${QUIET_RSS_GOAL_MB} MB`;
  const slopeGoal = `flat (≤ ${QUIET_SLOPE_GOAL_MB_PER_H} MB/h)`;
  if (quiet instanceof Error) {
    return [
      unmeasured('quiet.cpu', 'Quiet-market CPU (bot alone)', '% of a core', cpuGoal, quiet.message, ''),
      unmeasured('quiet.rss', 'Quiet-market RSS max', 'MB', rssGoal, quiet.message, ''),
      unmeasured('quiet.rssSlope', 'Quiet-market RSS slope', 'MB/h', slopeGoal, quiet.message, ''),
      unmeasured('coldStart', 'Cold start → first passing observer sample', 's', '< 5 s', quiet.message, ''),
    ];
  }
  const every = quiet.sampleSec === 1 ? 'every second' : `every ${quiet.sampleSec} s`;
  const windowText = quiet.windowSec === null ? '—' : quiet.windowSec >= 3600 ? `${(quiet.windowSec / 3600).toFixed(1)} h` : `${quiet.windowSec.toFixed(0)} s`;
  const window = `bot in live mode against a separate \`mexc-mm sim\` (calm), /proc/<pid> sampled ${every} over ${windowText} after start-up`;
  const woken =
    finite(quiet.wakeupsPerSec) && finite(quiet.eventsPerSec) && finite(quiet.decisionsPerSec)
      ? `; the main thread was woken ${quiet.wakeupsPerSec.toFixed(0)} times a second, the engine handled ${quiet.eventsPerSec.toFixed(1)} events and ${quiet.decisionsPerSec.toFixed(1)} decision passes a second (market data, its own orders' pushes, one timer tick a second)`
      : '';
  const rows: FigureRow[] = [];
  rows.push(
    finite(quiet.cpuPct)
      ? {
          id: 'quiet.cpu',
          figure: 'Quiet-market CPU (bot alone)',
          ours: quiet.cpuPct,
          baseline: null,
          unit: '% of a core',
          ratio: null,
          goal: cpuGoal,
          pass: quiet.cpuPct < QUIET_CPU_GOAL_PCT,
          ...(quiet.cpuSlices ? {spread: {ours: quiet.cpuSlices, of: 'slices' as const}} : {}),
          note: `${window}${woken}; ${cpuStretch(quiet)}`,
        }
      : unmeasured('quiet.cpu', 'Quiet-market CPU (bot alone)', '% of a core', cpuGoal, `no /proc samples (exit ${quiet.exitCode}): ${quiet.stderrTail}`, window),
  );
  rows.push(
    finite(quiet.rssMaxMb)
      ? {id: 'quiet.rss', figure: 'Quiet-market RSS max', ours: quiet.rssMaxMb, baseline: null, unit: 'MB', ratio: null, goal: rssGoal, pass: quiet.rssMaxMb < QUIET_RSS_GOAL_MB, note: `${window}; the compiled binary (dist/ under plain node, no TypeScript loader)`}
      : unmeasured('quiet.rss', 'Quiet-market RSS max', 'MB', rssGoal, 'no /proc samples', window),
  );
  rows.push(
    finite(quiet.rssSlopeMbPerHour) && finite(quiet.rssGrowth)
      ? {
          id: 'quiet.rssSlope',
          figure: 'Quiet-market RSS slope',
          ours: quiet.rssSlopeMbPerHour,
          baseline: null,
          unit: 'MB/h',
          ratio: null,
          goal: slopeGoal,
          pass: quiet.rssSlopeMbPerHour <= QUIET_SLOPE_GOAL_MB_PER_H,
          note: `least-squares line through every sample of the window; ${quiet.rssStartMb?.toFixed(1)} MB at its start, ${quiet.rssEndMb?.toFixed(1)} MB at its end, median of the last third ${(quiet.rssGrowth * 100).toFixed(1)} % over the first third (a window of minutes exaggerates the GC sawtooth: the full bench's runs 2 h)`,
        }
      : unmeasured('quiet.rssSlope', 'Quiet-market RSS slope', 'MB/h', slopeGoal, 'too few samples', window),
  );
  rows.push(
    finite(quiet.coldStartSec)
      ? {
          id: 'coldStart',
          figure: 'Cold start → first passing observer sample',
          ours: quiet.coldStartSec,
          baseline: null,
          unit: 's',
          ratio: null,
          goal: '< 5 s',
          pass: quiet.coldStartSec < 5,
          note: 'from spawning the binary (loading dist/, live banner, exchangeInfo, snapshots, first ladder) to the first observer sample that passes and was taken after the spawn; the observer samples once a second, so up to 1 s of this is sampling phase',
        }
      : unmeasured('coldStart', 'Cold start → first passing observer sample', 's', '< 5 s', quiet.coldStartError ?? 'unknown', ''),
  );
  return rows;
}
