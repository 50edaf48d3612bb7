// `npm run bench [-- --quick]`: measures every figure of the performance issue side by side with its
// baseline, writes bench/report.json and bench/report.md, and prints the table. Figures are measured,
// never asserted: a failing goal is a FAIL row, a figure that could not be measured is a FAIL row with
// the reason.
//
// Order matters on a small machine: the CPU-bound in-process benchmarks run first, alone; then the
// process-level runs. Every scenario run repeats on --seeds consecutive seeds (3 in the full run, 1 in
// --quick), run side by side, and its rows give the median and the min–max across them. --quick
// (< 2 min on 2 cores) runs the five scenario processes concurrently (each uses a few % of a core; their CPU
// is measured and reported) after the cold start was measured alone; the full run runs one scenario at a
// time, ours and the baseline side by side. The console (TUI in tmux at 80x24, volatile) runs alongside the
// scenario runs in --quick and after them in the full run. The full run's quiet run lasts 2 hours
// (--quiet-sec) with RSS sampled every 10 s for its slope: it starts with the process sections and goes on
// alongside them and the outage and cost sections, then alone; its CPU figure is taken from the stretch
// alone, so the whole full bench takes a little over 2 hours.
//
// The reference outage runs (docs/strategy.md §4.1) come last in the full run: calm and volatile, each
// outage length, the fallback chain and the old hold-then-cancel rule side by side, all concurrently
// (each pair of processes uses a few % of a core). --quick skips them; `--only outage` runs them alone.
//
// Start-up (startupRuns.ts): cold start and quiet RSS of the compiled binary against the same code run
// through tsx, alone, after the in-process benchmarks. --quick skips it; `--only startup` runs it alone.
//
// Metrics (metricsRuns.ts, docs/monitoring.md §5): what a scrape every second costs the bot, three bots
// side by side (no endpoint, unscraped, scraped) and one render in process. The full run runs it after
// start-up, alone; --quick skips it; `--only metrics` runs it alone.
//
// What compliance costs (costRuns.ts, docs/strategy.md §5.1): calm and volatile, each with the fixed
// ladder, the cost-aware quoting and the Hummingbot-style baseline side by side on the same seed and
// length, all six at once (each uses a few % of a core). The full run runs it last; --quick skips it;
// `--only cost` runs it alone.
//
// Options: --quick, --seed N (default 1), --seeds N (default 3, --quick 1), --run-sec N (scenario run length), --quiet-sec N,
//          --console-sec N (console sampling window), --outage-sec A,B (default 120,600),
//          --startup-rounds N (default 5), --startup-quiet-sec N (default 60),
//          --metrics-sec N (default 120), --cost-sec N (default 600),
//          --only in-process|startup|processes|console|outage|metrics|cost
import {parseArgs} from 'node:util';
import type {BookBenchResult} from './bookThroughput.js';
import type {WirePathResult} from './wirePath.js';
import type {LatencyResult, RateResult} from './decisionLatency.js';
import type {FuzzBenchResult} from './fuzzCases.js';
import {exitWithin, jsonLines, startProcess} from './childProcess.js';
import {runBaseline, runOurs, type BaselineRun, type OurRun, type Scenario} from './scenarioRuns.js';
import {startQuietRun, type QuietRun, type QuietRunHandle} from './quietRun.js';
import {runConsoleCpu, type ConsoleRun} from './consoleCpu.js';
import {runOutage, type OnStale, type OutageRun, type OutageScenario} from './outageRuns.js';
import {runStartup, type StartupRun} from './startupRuns.js';
import {startupRows} from './startupFigures.js';
import {runMetricsCost, type MetricsCostRun} from './metricsRuns.js';
import {metricsRows} from './metricsFigures.js';
import {runCost, type CostRun} from './costRuns.js';
import {costRows, costTable} from './costFigures.js';
import {bookRows, capitalRow, complianceRow, consoleRows, fuzzRows, latencyRows, requestRows, wireRows} from './figures.js';
import {outageRows} from './outageFigures.js';
import {quietRows} from './quietFigures.js';
import {machineInfo, markdownTable, writeReport, type BenchReport, type FigureRow} from './report.js';

const {values} = parseArgs({
  options: {
    quick: {type: 'boolean', default: false},
    seed: {type: 'string', default: '1'},
    seeds: {type: 'string'},
    'run-sec': {type: 'string'},
    'quiet-sec': {type: 'string'},
    'console-sec': {type: 'string'},
    only: {type: 'string'},
    'outage-sec': {type: 'string'},
    'startup-rounds': {type: 'string', default: '5'},
    'startup-quiet-sec': {type: 'string', default: '60'},
    'metrics-sec': {type: 'string', default: '120'},
    'cost-sec': {type: 'string', default: '600'},
  },
});
const quick = values.quick;
const seed = Number(values.seed);
// the scenario runs repeat on this many consecutive seeds (min / median / max across them); --quick runs one
const seedCount = Number(values.seeds ?? (quick ? 1 : 3));
if (!Number.isInteger(seedCount) || seedCount < 1) {
  process.stderr.write('bench: --seeds expects a whole number ≥ 1\n');
  process.exit(2);
}
const seeds = Array.from({length: seedCount}, (_, i) => seed + i);
const runSec = Number(values['run-sec'] ?? (quick ? 65 : 300));
const warmSec = quick ? 5 : 15;
// the full run's quiet run lasts 2 h (RSS flat over hours, not minutes) and samples every 10 s
const quietSec = Number(values['quiet-sec'] ?? (quick ? runSec + 15 : 7200));
const quietSampleSec = quietSec >= 1800 ? 10 : 1;
const consoleSec = Number(values['console-sec'] ?? (quick ? 30 : 120));
const consoleSettleSec = quick ? 5 : 15;
const only = values.only;
if (only !== undefined && !['in-process', 'startup', 'processes', 'console', 'outage', 'metrics', 'cost'].includes(only)) {
  process.stderr.write('bench: --only expects in-process, startup, processes, console, outage, metrics or cost\n');
  process.exit(2);
}
const outageSecs = (values['outage-sec'] ?? '120,600').split(',').map(Number);
if (outageSecs.some((n) => !Number.isInteger(n) || n < 10)) {
  process.stderr.write('bench: --outage-sec expects whole seconds ≥ 10, comma-separated\n');
  process.exit(2);
}
for (const [name, value] of [['--seed', seed], ['--run-sec', runSec], ['--quiet-sec', quietSec], ['--console-sec', consoleSec]] as const) {
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`bench: ${name} expects a number ≥ 0\n`);
    process.exit(2);
  }
}
const startupRounds = Number(values['startup-rounds']);
const startupQuietSec = Number(values['startup-quiet-sec']);
const startupSettleSec = 15;
if (!Number.isInteger(startupRounds) || startupRounds < 3) {
  process.stderr.write('bench: --startup-rounds expects a whole number ≥ 3 (min, median and max need three)\n');
  process.exit(2);
}
if (!Number.isFinite(startupQuietSec) || startupQuietSec < startupSettleSec + 10) {
  process.stderr.write(`bench: --startup-quiet-sec expects seconds ≥ ${startupSettleSec + 10}\n`);
  process.exit(2);
}
const metricsSec = Number(values['metrics-sec']);
if (!Number.isFinite(metricsSec) || metricsSec < 40) {
  process.stderr.write('bench: --metrics-sec expects seconds ≥ 40\n');
  process.exit(2);
}
const costSec = Number(values['cost-sec']);
if (!Number.isFinite(costSec) || costSec < 120) {
  process.stderr.write('bench: --cost-sec expects seconds ≥ 120 (the 60 s markouts need a path past each fill)\n');
  process.exit(2);
}
if (runSec <= warmSec + 10) {
  process.stderr.write(`bench: --run-sec must be > ${warmSec + 10}\n`);
  process.exit(2);
}

const started = Date.now();
const log = (line: string): void => void process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | Error> => {
  try {
    return await work();
  } catch (error) {
    log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof Error ? error : new Error(String(error));
  }
};

/** One in-process benchmark in its own fresh process (see inProcessWorker.ts). */
async function inProcess<T>(which: 'book' | 'wire' | 'latency' | 'rate' | 'fuzz'): Promise<T> {
  const worker = new URL('./inProcessWorker.ts', import.meta.url).pathname;
  const proc = startProcess([worker, which, ...(quick ? ['--quick'] : [])], {node: ['--import', 'tsx']});
  proc.child.stderr!.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.trim()) log(line.trim());
  });
  const exit = await exitWithin(proc, 10 * 60_000);
  const line = jsonLines(proc.stdoutLines).find((r) => r.bench === which);
  if (exit.code !== 0 || !line) throw new Error(`${which} worker exited ${exit.code ?? exit.signal}: ${proc.stderr().slice(-600)}`);
  return line.result as T;
}

const rows: FigureRow[] = [];
const details: Record<string, unknown> = {seed, runSec, warmSec, quietSec, consoleSec};
const consoleRun = () =>
  attempt<ConsoleRun>('console run', () => runConsoleCpu({scenario: 'volatile', seed, durationSec: consoleSec, settleSec: consoleSettleSec}));

if (only === undefined || only === 'in-process') {
  log('in-process: book apply throughput (ours vs ccxt)');
  const book = await attempt<BookBenchResult>('book bench', () => inProcess('book'));
  log('in-process: whole wire path, decode → validation → sequencing → book (ours vs ccxt, MEXC and KuCoin)');
  const wire = await attempt<WirePathResult>('wire path bench', () => inProcess('wire'));
  log('in-process: event → intent latency');
  const latency = await attempt<LatencyResult>('latency bench', () => inProcess('latency'));
  log('in-process: sustained event rate');
  const rate = await attempt<RateResult>('rate bench', () => inProcess('rate'));
  log('in-process: slowest single fuzz case');
  const fuzz = await attempt<FuzzBenchResult>('fuzz bench', () => inProcess('fuzz'));
  rows.push(...bookRows(book), ...wireRows(wire), ...latencyRows(latency, rate), ...fuzzRows(fuzz));
  Object.assign(details, {book, wire, latency, rate, fuzz});
}

if (only === 'startup' || (only === undefined && !quick)) {
  log(`start-up: compiled vs tsx, ${startupRounds} rounds of cold starts, then ${startupRounds} quiet runs of ${startupQuietSec} s, alone`);
  const startup = await attempt<StartupRun>('start-up runs', () =>
    runStartup({rounds: startupRounds, seed, quietSec: startupQuietSec, settleSec: startupSettleSec, log}),
  );
  rows.push(...startupRows(startup));
  details.startup = startup;
}

if (only === 'metrics' || (only === undefined && !quick)) {
  log(`metrics: three bots side by side for ${metricsSec} s (no endpoint, unscraped, scraped every second), then one render in process`);
  const metrics = await attempt<MetricsCostRun>('metrics runs', () => runMetricsCost({seed, durationSec: metricsSec, settleSec: 20, log}));
  rows.push(...metricsRows(metrics));
  details.metrics = metrics;
}

if (only === 'console') {
  log(`console: TUI in tmux at 80x24, volatile, ${consoleSec} s window`);
  const consoleResult = await consoleRun();
  rows.push(...consoleRows(consoleResult, null));
  Object.assign(details, {console: consoleResult});
}

// The full run's 2-hour quiet run starts with the process sections and runs alongside them (its bot and
// simulator are separate processes, read through /proc); once they are done it goes on alone, and its CPU
// figure comes from that stretch alone (quietRun.ts markAlone). Its rows are added at the end.
let quietPending: {handle: QuietRunHandle; rowsAt: number} | null = null;

if (only === undefined || only === 'processes') {
  const scenarioRuns = (scenario: Scenario) =>
    Promise.all(seeds.map((s) => attempt<OurRun>(`our ${scenario} run, seed ${s}`, () => runOurs({scenario, seed: s, durationSec: runSec, warmSec}))));
  const baselineRuns = (scenario: Scenario) =>
    Promise.all(seeds.map((s) => attempt<BaselineRun>(`baseline ${scenario} run, seed ${s}`, () => runBaseline({scenario, seed: s, durationSec: runSec, warmSec}))));
  let ours: Record<Scenario, (OurRun | Error)[]>;
  let baseline: Record<'calm' | 'volatile', (BaselineRun | Error)[]>;
  let consoleResult: ConsoleRun | Error;
  let quiet: QuietRun | Error | null = null;
  /** the full run's quiet run, still going: its rows are added once it ends */
  let quietGoingOn: QuietRunHandle | null = null;
  if (quick) {
    log(`processes: cold start, then quiet-market cost (${quietSec} s) alongside five ${runSec} s scenario runs and the console (${consoleSec} s window)`);
    const quietHandle = startQuietRun({seed, durationSec: quietSec, settleSec: 8});
    const quietDone = attempt<QuietRun>('quiet run', () => quietHandle.done);
    await quietHandle.coldStart;
    const [calm, calmBase, volatile, volatileBase, stress, consoleDone] = await Promise.all([
      scenarioRuns('calm'),
      baselineRuns('calm'),
      scenarioRuns('volatile'),
      baselineRuns('volatile'),
      scenarioRuns('stress'),
      consoleRun(),
    ]);
    consoleResult = consoleDone;
    ours = {calm, volatile, stress};
    baseline = {calm: calmBase, volatile: volatileBase};
    quiet = await quietDone;
  } else {
    log(`processes: cold start, then the quiet-market run (${quietSec} s, /proc every ${quietSampleSec} s), which goes on alongside the rest`);
    const handle = startQuietRun({seed, durationSec: quietSec, settleSec: 15, sampleSec: quietSampleSec});
    await handle.coldStart;
    const seedText = `${seeds.length} seed(s) side by side: ${seeds.join(', ')}`;
    log(`processes: calm, ours and baseline side by side, ${seedText} (${runSec} s)`);
    const [calm, calmBase] = await Promise.all([scenarioRuns('calm'), baselineRuns('calm')]);
    log(`processes: volatile, ours and baseline side by side, ${seedText} (${runSec} s)`);
    const [volatile, volatileBase] = await Promise.all([scenarioRuns('volatile'), baselineRuns('volatile')]);
    log(`processes: stress, ${seedText} (${runSec} s)`);
    const stress = await scenarioRuns('stress');
    log(`processes: console, TUI in tmux at 80x24, volatile (${consoleSec} s window)`);
    consoleResult = await consoleRun();
    ours = {calm, volatile, stress};
    baseline = {calm: calmBase, volatile: volatileBase};
    quietGoingOn = handle;
  }
  rows.push(
    ...requestRows('calm', ours.calm, baseline.calm, seeds),
    ...requestRows('volatile', ours.volatile, baseline.volatile, seeds),
    complianceRow('calm', ours.calm, baseline.calm, seeds),
    complianceRow('volatile', ours.volatile, baseline.volatile, seeds),
    complianceRow('stress', ours.stress, null, seeds),
    capitalRow([...ours.calm, ...ours.volatile, ...ours.stress]),
  );
  if (quiet !== null) rows.push(...quietRows(quiet));
  if (quietGoingOn) quietPending = {handle: quietGoingOn, rowsAt: rows.length};
  rows.push(...consoleRows(consoleResult, ours.volatile[0] ?? null));
  if (quick) {
    const loads = [...Object.values(ours), ...Object.values(baseline)].flat().map((r) => (r instanceof Error ? null : r.cpuPct)).filter((v): v is number => v !== null);
    const total = loads.reduce((a, b) => a + b, 0);
    const consoleLoad = consoleResult instanceof Error ? null : consoleResult.cpuPct;
    const alongside = `the five scenario runs used ${total.toFixed(1)} % of a core in total${consoleLoad === null ? '' : ` and the console ${consoleLoad.toFixed(1)} %`} (2 cores available)`;
    for (const row of rows) {
      if (row.id.startsWith('quiet.') || row.id.startsWith('console.')) row.note += `; quick mode: sampled while ${alongside}`;
    }
  }
  Object.assign(details, {seeds, ours, baseline, console: consoleResult, ...(quiet === null ? {} : {quiet})});
}

if (only === 'outage' || (only === undefined && !quick)) {
  const scenarios: OutageScenario[] = ['calm', 'volatile'];
  const keys = scenarios.flatMap((scenario) => outageSecs.map((outageSec) => ({scenario, outageSec})));
  log(`outage: ${keys.length} scenario/length pairs, fallback chain, hold-then-cancel and the held price alone side by side, all at once (longest ${Math.max(...outageSecs)} s + 105 s)`);
  const run = (key: (typeof keys)[number], onStale: OnStale) =>
    attempt<OutageRun>(`outage ${key.scenario} ${key.outageSec}s ${onStale}`, () => runOutage({...key, onStale, seed, warmSec: 45, afterSec: 60}));
  const results = await Promise.all(keys.map(async (key) => {
    const [chain, cancel, heldOnly] = await Promise.all([run(key, 'chain'), run(key, 'cancel'), run(key, 'heldOnly')]);
    return {key, chain, cancel, heldOnly};
  }));
  rows.push(...outageRows(results));
  details.outage = results;
}

const sections: string[] = [];
if (only === 'cost' || (only === undefined && !quick)) {
  const scenarios = ['calm', 'volatile'] as const;
  log(`cost: ${scenarios.join(' and ')}, the fixed ladder, the cost-aware quoting and the baseline side by side, all at once (${costSec} s)`);
  const runs = await Promise.all(scenarios.map((scenario) => attempt<CostRun>(`cost ${scenario}`, () => runCost({scenario, seed, durationSec: costSec, warmSec: 15}))));
  scenarios.forEach((scenario, i) => rows.push(...costRows(runs[i]!, scenario)));
  sections.push(costTable(runs));
  details.cost = runs;
}

if (quietPending) {
  const {handle, rowsAt} = quietPending;
  handle.markAlone();
  log('processes: the other sections are done; the quiet run goes on alone to its end');
  const quiet = await attempt<QuietRun>('quiet run', () => handle.done);
  rows.splice(rowsAt, 0, ...quietRows(quiet));
  details.quiet = quiet;
}

const report: BenchReport = {date: new Date().toISOString(), quick, machine: machineInfo(), durationSec: (Date.now() - started) / 1000, figures: rows, sections, details};
const paths = await writeReport(report, new URL('./', import.meta.url));
process.stdout.write(markdownTable(report));
log(`wrote ${paths.json} and ${paths.md}`);
