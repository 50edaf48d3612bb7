// Turns measurements into report rows: value, baseline, ratio, goal and verdict per figure. A run that
// produced no number gives a failing row with the reason.
import {defaultConfig} from '../source/config/configSchema.js';
import {SNAPSHOT_INTERVAL_MS} from '../source/ui/hooks/use-engine-snapshot.js';
import {formatNumber, type FigureRow} from './report.js';
import type {BookBenchResult} from './bookThroughput.js';
import type {WirePathResult, WireVenueResult} from './wirePath.js';
import {spread, type Spread} from './sampleStats.js';
import type {LatencyResult, RateResult} from './decisionLatency.js';
import type {FuzzBenchResult} from './fuzzCases.js';
import type {BaselineRun, OurRun, Scenario} from './scenarioRuns.js';
import type {RequestFloor} from './requestFloor.js';
import type {ConsoleRun} from './consoleCpu.js';
import {finite, unmeasured} from './figureRow.js';

/** a query's cost against a plain walk of sorted rows (ccxt's book sides): ours as cheap or cheaper */
const QUERY_GOAL = '≤ 1× ccxt (ns, lower is better)';

export function bookRows(book: BookBenchResult | Error): FigureRow[] {
  if (book instanceof Error) {
    return [unmeasured('book.apply', 'Book apply throughput', 'levels/s', '≥ 3× ccxt', book.message, 'ours vs ccxt OrderBookSide on one stream')];
  }
  const stream = `${book.pushes.toLocaleString('en-US')} pushes / ${book.levelChanges.toLocaleString('en-US')} level changes, median of ${book.rounds} alternating rounds after warm-up; ccxt ${book.ccxtVersion} Bids/Asks with parseFloat + store() as its MEXC handler does`;
  const applyRatio = book.oursLevelsPerSec / book.ccxtLevelsPerSec;
  return [
    {
      id: 'book.apply',
      figure: 'Book apply throughput',
      ours: book.oursLevelsPerSec,
      baseline: book.ccxtLevelsPerSec,
      unit: 'levels/s',
      ratio: applyRatio,
      goal: '≥ 3× ccxt',
      pass: applyRatio >= 3 && book.booksAgree,
      spread: {ours: book.spreads.oursLevelsPerSec, baseline: book.spreads.ccxtLevelsPerSec},
      note: `${stream}; final books ${book.booksAgree ? 'identical' : 'DIFFER'} (best bid/ask, level counts)`,
    },
    {
      id: 'book.topN',
      figure: 'Top-10 levels query (both sides)',
      ours: book.oursTopNNs,
      baseline: book.ccxtTopNNs,
      unit: 'ns',
      ratio: book.oursTopNNs / book.ccxtTopNNs,
      goal: QUERY_GOAL,
      pass: book.oursTopNNs <= book.ccxtTopNNs,
      spread: {ours: book.spreads.oursTopNNs, baseline: book.spreads.ccxtTopNNs},
      note: 'ours: OrderBook.levels(side, 10) ×2, a plain walk of the sorted level arrays; ccxt: copy of the first 10 rows ×2 (a loop: slice() on the Array subclass would construct a new side and inflate ccxt\'s cost)',
    },
    {
      id: 'book.depthBand',
      figure: 'Depth within ±2 % query (both sides)',
      ours: book.oursDepthBandNs,
      baseline: book.ccxtDepthBandNs,
      unit: 'ns',
      ratio: book.oursDepthBandNs / book.ccxtDepthBandNs,
      goal: QUERY_GOAL,
      pass: book.oursDepthBandNs <= book.ccxtDepthBandNs,
      spread: {ours: book.spreads.oursDepthBandNs, baseline: book.spreads.ccxtDepthBandNs},
      note: 'ours: marketDepth(book, 0.02) (mid, both sides, exact tick limits; a walk of each level\'s kept price × size from the touch); ccxt: a plain walk of the rows from the top. The book holds ~400 levels per side, all inside the band',
    },
  ];
}

const WIRE_GOAL = '≥ 3× ccxt';

const spreadText = (s: Spread, unit: string): string =>
  `median ${formatNumber(s.median, unit)} (min ${formatNumber(s.min, unit)}, max ${formatNumber(s.max, unit)})`;

const WIRE_FIGURES = {
  mexc: {
    id: 'wire.mexc',
    figure: 'Whole wire path, MEXC protobuf depth frames',
    ours: 'ours: classifyFrame (protobuf decode) → onPush checks, depthPushFromWrapper, priceFinerThan → DepthSync → OrderBook.applyDelta, as the client runs them per frame',
    ccxt: 'ccxt: its WsClient.onMessage({data}) on the pro.mexc instance\'s own (never connected) client, its market set as loadMarkets() would → handleMessage → decodeProtoMsg (static protobufjs module) → handleProtobufMessage → handleOrderBook → handleDelta → client.resolve (no futures waiting)',
    frames: 'simulator-encoded aggreDepthPush frames (mexcPushes.ts) after a /api/v3/depth snapshot',
  },
  kucoin: {
    id: 'wire.kucoin',
    figure: 'Whole wire path, KuCoin JSON level2 frames',
    ours: 'ours: Buffer → text, parseServerFrame (JSON.parse + validation) → topic/symbol checks → Level2SyncDriver.onUpdate → OrderBook.applyDelta, as the client runs them per frame (ours converts the Buffer ws hands it inside the timing)',
    ccxt: 'ccxt: its WsClient.onMessage({data: text}) on the pro.kucoin instance\'s own (never connected) client, its market set as loadMarkets() would → its JSON.parse → handleMessage → handleSubject → handleOrderBook → handleDelta → handleBidAsks → client.resolve (no futures waiting; handed the string its delivery loop would, converted outside the timing)',
    frames: 'trade.l2update messages cut by the simulator\'s buildL2Updates (with its 2 % price-0 sequence markers) after a level2 snapshot',
  },
} as const;

function wireRow(venue: 'mexc' | 'kucoin', result: WireVenueResult, ccxtVersion: string): FigureRow {
  const f = WIRE_FIGURES[venue];
  const rr = result.roundRatios;
  const note = [
    `${result.frames.toLocaleString('en-US')} ${f.frames} (${result.levelChanges.toLocaleString('en-US')} level changes, ${result.meanFrameBytes.toFixed(0)} bytes a frame), ${result.rounds} alternating rounds after a warm-up, fresh books each round, snapshot set-up untimed`,
    `ours ${spreadText(result.oursFramesPerSec, 'frames/s')}; ccxt ${ccxtVersion} ${spreadText(result.ccxtFramesPerSec, 'frames/s')}; ratio of medians ${formatNumber(result.ratio)}×, per-round ratios ${formatNumber(rr.min)}–${formatNumber(rr.max)}×`,
    f.ours,
    f.ccxt,
    `final books ${result.agree ? 'agree' : 'DIFFER'}: ${result.agreeDetail}`,
  ].join('; ');
  return {
    id: f.id,
    figure: f.figure,
    ours: result.oursFramesPerSec.median,
    baseline: result.ccxtFramesPerSec.median,
    unit: 'frames/s',
    ratio: result.ratio,
    goal: WIRE_GOAL,
    pass: result.ratio >= 3 && result.agree,
    spread: {ours: result.oursFramesPerSec, baseline: result.ccxtFramesPerSec},
    note,
  };
}

export function wireRows(wire: WirePathResult | Error): FigureRow[] {
  if (wire instanceof Error) {
    return (['mexc', 'kucoin'] as const).map((venue) =>
      unmeasured(WIRE_FIGURES[venue].id, WIRE_FIGURES[venue].figure, 'frames/s', WIRE_GOAL, wire.message, `ours vs ccxt decode + apply on the same ${WIRE_FIGURES[venue].frames}`),
    );
  }
  return [wireRow('mexc', wire.mexc, wire.ccxtVersion), wireRow('kucoin', wire.kucoin, wire.ccxtVersion)];
}

export function latencyRows(latency: LatencyResult | Error, rate: RateResult | Error): FigureRow[] {
  const rows: FigureRow[] = [];
  if (latency instanceof Error) {
    rows.push(unmeasured('latency.p99', 'Event → order intents p99', 'µs', '< 1,000 µs', latency.message, 'engine in-process'));
  } else {
    const note = `book event pushed on the queue → consumer batch → decision → intents at the trading port (instant recording port); ${latency.withIntents} of ${latency.samples} timed events led to intents and form this figure; over all events p50 ${latency.allP50Us.toFixed(1)} µs, p99 ${latency.allP99Us.toFixed(1)} µs; max ${latency.maxUs.toFixed(0)} µs`;
    rows.push({id: 'latency.p50', figure: 'Event → order intents p50', ours: latency.p50Us, baseline: null, unit: 'µs', ratio: null, goal: '—', pass: null, note});
    rows.push({id: 'latency.p99', figure: 'Event → order intents p99', ours: latency.p99Us, baseline: null, unit: 'µs', ratio: null, goal: '< 1,000 µs', pass: latency.p99Us < 1000, note: 'see p50'});
  }
  if (rate instanceof Error) {
    rows.push(unmeasured('rate.sustained', 'Sustained book event rate', 'events/s', '≥ 100,000 events/s', rate.message, 'engine in-process'));
  } else {
    const steps = rate.steps.map((s) => `${(s.offered / 1000).toFixed(0)}k→${s.held ? 'held' : 'backed up'}`).join(', ');
    rows.push({
      id: 'rate.sustained',
      figure: 'Sustained book event rate (coalesced)',
      ours: rate.sustainedEventsPerSec,
      baseline: null,
      unit: 'events/s',
      ratio: null,
      goal: '≥ 100,000 events/s',
      pass: rate.sustainedEventsPerSec >= 100_000,
      note: `real consumer loop (engine.run) with a producer offering KuCoin+MEXC deltas at a fixed rate, one chunk per macrotask; a rate holds when ≥ 99 % of offered events are consumed in the window and the queue never passes its high-water mark; offered rates doubled until one failed (${steps}; per-window counts); at the sustained rate ${finite(rate.eventsPerDecision) ? rate.eventsPerDecision.toFixed(1) : '—'} events per decision`,
    });
  }
  return rows;
}

/** no single fuzz case should hold the event loop longer than this (once asserted by the fuzz tests) */
const FUZZ_CASE_BUDGET_MS = 250;

export function fuzzRows(fuzz: FuzzBenchResult | Error): FigureRow[] {
  const goal = `< ${FUZZ_CASE_BUDGET_MS} ms`;
  if (fuzz instanceof Error) return [unmeasured('fuzz.slowestCase', 'Slowest single fuzz case', 'ms', goal, fuzz.message, 'reliability fuzz drivers in-process')];
  const perKind = fuzz.kinds.map((k) => `${k.what} ${k.slowestMs.toFixed(1)} ms over ${k.cases.toLocaleString('en-US')} cases`).join('; ');
  return [
    {
      id: 'fuzz.slowestCase',
      figure: 'Slowest single fuzz case (bad input holding the event loop)',
      ours: fuzz.slowestMs,
      baseline: null,
      unit: 'ms',
      ratio: null,
      goal,
      pass: fuzz.slowestMs < FUZZ_CASE_BUDGET_MS,
      note: `test/reliability/fuzz.ts drivers (the fuzz tests print this, never assert it), seed ${fuzz.seed}, each case timed through the real parsing entry points; a maximum, so one GC pause shows: ${perKind}`,
    },
  ];
}

/** per-side observer compliance each run must reach (stress: issue 20 asks for it in every run, on every seed) */
const complianceGoal: Record<Scenario, number> = {calm: 100, volatile: 99.9, stress: 99.5};

/** issue 20's goal for volatile markets: a third of what the bot spent before, at the compliance goal */
const VOLATILE_REQUEST_GOAL = 600;

/** One scenario's runs, one per seed (index i of ours and of the baseline ran on the same seed). */
export type SeedRuns<T> = ReadonlyArray<T | Error>;

const pct = (v: number): string => `${v.toFixed(2)} %`;
const seedsText = (runs: SeedRuns<OurRun | BaselineRun>, seeds: readonly number[]): string => (seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds.join(', ')} (${runs.length} runs side by side)`);
const errorsText = (what: string, runs: SeedRuns<unknown>, seeds: readonly number[]): string =>
  runs
    .map((r, i) => (r instanceof Error ? `; ${what} seed ${seeds[i]} not measured: ${r.message}` : ''))
    .join('');

const floorText = (label: string, floor: RequestFloor | null): string =>
  floor === null
    ? `${label} floor not measured (no simulator record)`
    : `${label} floor ${floor.requests} request(s) for ${floor.fills} fills (${formatNumber(floor.filledQuote.bid)} USDT bought, ${formatNumber(floor.filledQuote.ask)} sold → ${floor.orders} orders of ≤ ${formatNumber(defaultConfig().risk.maxOrderNotionalUsdt)} USDT)`;

interface RequestPair {
  seed: number;
  ours: OurRun;
  baseline: BaselineRun;
  oursPass: number;
  basePass: number;
}

export function requestRows(scenario: Scenario, ours: SeedRuns<OurRun>, baseline: SeedRuns<BaselineRun>, seeds: readonly number[]): FigureRow[] {
  const id = `requests.${scenario}`;
  const figure = `REST requests per hour (${scenario})`;
  const volatile = scenario === 'volatile';
  const goal = volatile ? `≤ ${VOLATILE_REQUEST_GOAL} req/h at ≥ ${complianceGoal.volatile} % observer compliance, every seed` : '≤ 1/5 of baseline, compliance ≥ baseline, every seed';
  const pairs: RequestPair[] = [];
  const missing: string[] = [];
  ours.forEach((o, i) => {
    const b = baseline[i];
    if (o instanceof Error) missing.push(`seed ${seeds[i]}: our run: ${o.message}`);
    else if (!b || b instanceof Error) missing.push(`seed ${seeds[i]}: baseline run: ${b?.message ?? 'missing'}`);
    else if (!o.window || !b.window) missing.push(`seed ${seeds[i]}: no request samples (ours exit ${o.exitCode}, baseline exit ${b.exitCode}) ${o.stderrTail} ${b.stderrTail}`);
    else pairs.push({seed: seeds[i]!, ours: o, baseline: b, oursPass: o.observer?.passPerSidePct ?? -1, basePass: b.observer?.passPerSidePct ?? 101});
  });
  if (pairs.length === 0) return [unmeasured(id, figure, 'req/h', goal, missing.join('; '), '')];
  const oursPerHour = spread(pairs.map((p) => p.ours.window!.perHour));
  const basePerHour = spread(pairs.map((p) => p.baseline.window!.perHour));
  const pairPasses = (p: RequestPair): boolean =>
    volatile ? p.ours.window!.perHour <= VOLATILE_REQUEST_GOAL && p.oursPass >= complianceGoal.volatile : p.ours.window!.perHour / p.baseline.window!.perHour <= 0.2 && p.oursPass >= p.basePass;
  const perSeed = pairs
    .map(
      (p) =>
        `seed ${p.seed}: ours ${formatNumber(p.ours.window!.perHour)} req/h (${p.ours.window!.requests} in ${p.ours.window!.seconds.toFixed(0)} s, ${p.ours.totalRequests} over the whole run) at ${pct(p.oursPass)}, baseline ${formatNumber(p.baseline.window!.perHour)} (${p.baseline.refreshes} refreshes) at ${pct(p.basePass)}`,
    )
    .join('; ');
  const floorRatio = (run: OurRun | BaselineRun): number | null => (run.floor && run.floor.requests > 0 ? run.window!.requests / run.floor.requests : null);
  const oursFloor = pairs.map((p) => floorRatio(p.ours)).filter((v): v is number => v !== null);
  const baseFloor = pairs.map((p) => floorRatio(p.baseline)).filter((v): v is number => v !== null);
  const first = pairs[0]!;
  return [
    {
      id,
      figure,
      ours: oursPerHour.median,
      baseline: basePerHour.median,
      unit: 'req/h',
      ratio: oursPerHour.median / basePerHour.median,
      goal,
      pass: missing.length === 0 && pairs.every(pairPasses),
      spread: {ours: oursPerHour, baseline: basePerHour, of: 'seeds'},
      note: `${seedsText(ours, seeds)}, ${first.ours.durationSec} s runs, ours and the baseline side by side on each seed; medians across seeds, ratio of the medians; steady-state window after ${Math.round(first.ours.durationSec - first.ours.window!.seconds)} s of start-up, scaled to one hour; ${perSeed}${missing.length ? `; ${missing.join('; ')}` : ''}. Baseline = Hummingbot PMM refresh defaults (cancel all, then place all, every 30 s, one request per order), ladder and target identical to ours`,
    },
    {
      id: `requests.floor.${scenario}`,
      figure: `Requests over the request floor (${scenario})`,
      ours: oursFloor.length ? spread(oursFloor).median : null,
      baseline: baseFloor.length ? spread(baseFloor).median : null,
      unit: '× floor',
      ratio: null,
      goal: '— (lower is better; the floor is a bound no bot reaches)',
      pass: null,
      spread: {...(oursFloor.length ? {ours: spread(oursFloor)} : {}), ...(baseFloor.length ? {baseline: spread(baseFloor)} : {}), of: 'seeds'},
      note: `the fewest requests that could have re-placed each window's fills, batched 20 to a request (bench/requestFloor.ts); medians across seeds; ${pairs.map((p) => `seed ${p.seed}: ${floorText('ours', p.ours.floor)}; ${floorText('baseline', p.baseline.floor)}`).join('; ')}`,
    },
  ];
}

export function complianceRow(scenario: Scenario, ours: SeedRuns<OurRun>, baseline: SeedRuns<BaselineRun> | null, seeds: readonly number[]): FigureRow {
  const id = `compliance.${scenario}`;
  const figure = `Observer compliance (${scenario})`;
  const target = complianceGoal[scenario];
  const goal = target === 100 ? '100 %, every seed' : `≥ ${target} %, every seed`;
  const measured = ours.map((o, i) => ({seed: seeds[i]!, run: o})).filter((x): x is {seed: number; run: OurRun & {observer: NonNullable<OurRun['observer']>}} => !(x.run instanceof Error) && x.run.observer !== null);
  const missing = ours.map((o, i) => (o instanceof Error ? `seed ${seeds[i]}: ${o.message}` : o.observer === null ? `seed ${seeds[i]}: no observer summary (exit ${o.exitCode}): ${o.stderrTail}` : null)).filter((m): m is string => m !== null);
  if (measured.length === 0) return unmeasured(id, figure, '%', goal, missing.join('; '), '');
  const oursPct = spread(measured.map((m) => m.run.observer.passPerSidePct));
  const basePcts = (baseline ?? []).map((b) => (b instanceof Error ? null : b.observer?.passPerSidePct ?? null)).filter((v): v is number => v !== null);
  const baseSpread = basePcts.length ? spread(basePcts) : null;
  const perSeed = measured
    .map(({seed, run}) => {
      const o = run.observer;
      const fail = o.lastFailure ? `, last failure: ${o.lastFailure.reason}` : '';
      return `seed ${seed}: ${pct(o.passPerSidePct)} of ${o.samples} samples (combined ${pct(o.passCombinedPct)}, longest gap ${o.longestGapSec} s${fail}; exit ${run.exitCode}, leftover orders ${run.leftoverOrders ?? '—'})`;
    })
    .join('; ');
  return {
    id,
    figure,
    ours: oursPct.median,
    baseline: baseSpread?.median ?? null,
    unit: '%',
    ratio: null,
    goal,
    pass: missing.length === 0 && oursPct.min >= target,
    spread: {ours: oursPct, ...(baseSpread ? {baseline: baseSpread} : {}), of: 'seeds'},
    note: `simulator's independent observer, 1 sample a second, each side ≥ 1,000 USDT within ±2 % and spread < 2 %; ${seedsText(ours, seeds)}; median across seeds, judged by the worst; ${perSeed}${errorsText('our run', ours, seeds)}`,
  };
}

export function capitalRow(runs: ReadonlyArray<OurRun | Error>): FigureRow {
  const measured = runs.filter((r): r is OurRun => !(r instanceof Error) && finite(r.capitalMean));
  if (measured.length === 0) return unmeasured('capital', 'Capital used / 2 × 1,000 USDT', '×', '≤ 1.3×', 'no state-file samples', '');
  const worst = measured.reduce((a, b) => (b.capitalMean! > a.capitalMean! ? b : a));
  const each = measured.map((r) => `${r.scenario} seed ${r.seed} mean ${r.capitalMean!.toFixed(2)}× (max ${r.capitalMax!.toFixed(2)}×)`).join(', ');
  return {
    id: 'capital',
    figure: 'Capital used / 2 × 1,000 USDT',
    ours: worst.capitalMean,
    baseline: null,
    unit: '×',
    ratio: null,
    goal: '≤ 1.3×',
    pass: worst.capitalMean! <= 1.3,
    spread: {ours: spread(measured.map((r) => r.capitalMean!)), of: 'runs'},
    note: `value of our resting orders (price × unfilled qty, from the state file every second) over the steady-state window, mean; the worst run shown, the range over every run; ${each}. The max includes place-before-cancel moments when old and new orders rest together`,
  };
}

/** issue 20: the whole console process (engine, its simulator and Ink) under 5 % of a core at 80×24, volatile */
const CONSOLE_CPU_GOAL_PCT = 5;

/**
 * The console (TUI) on the volatile scenario; the baseline column is the same binary headless on the same
 * scenario and seed (the volatile scenario run), so the ratio is what drawing the console costs.
 */
export function consoleRows(run: ConsoleRun | Error, headless: OurRun | Error | null): FigureRow[] {
  const cpuFigure = 'Console CPU, volatile (TUI at 80x24)';
  const rssFigure = 'Console RSS max, volatile (TUI at 80x24)';
  if (run instanceof Error) {
    return [
      unmeasured('console.cpu', cpuFigure, '% of a core', `< ${CONSOLE_CPU_GOAL_PCT} %`, run.message, ''),
      unmeasured('console.rss', rssFigure, 'MB', '—', run.message, ''),
    ];
  }
  const base = headless && !(headless instanceof Error) && finite(headless.cpuPct) ? headless.cpuPct : null;
  const how = `real binary in sim mode (its in-process simulator, scenario ${run.scenario}, seed ${run.seed}) with its console in a private tmux server at ${run.width}x${run.height}; /proc/<pid> of the console process sampled every second over ${run.windowSec.toFixed(0)} s once both sides quoted (up after ${run.upSec.toFixed(1)} s) and settled`;
  const end = `${run.redrew ? 'the screen kept redrawing' : 'the screen did NOT change over the window'}; q → exit ${run.exitCode ?? 'none'}${run.quitSec === null ? ' (no exit within 30 s)' : ` after ${run.quitSec.toFixed(1)} s`}`;
  const baseNote = base === null ? 'no headless run to compare with' : `baseline: the same binary headless (--no-ui) on the same scenario and seed, whole process, ${base.toFixed(1)} %`;
  return [
    {
      id: 'console.cpu',
      figure: cpuFigure,
      ours: run.cpuPct,
      baseline: base,
      unit: '% of a core',
      ratio: base === null || base === 0 ? null : run.cpuPct / base,
      goal: `< ${CONSOLE_CPU_GOAL_PCT} %`,
      pass: run.cpuPct < CONSOLE_CPU_GOAL_PCT && run.exitCode === 0 && run.redrew,
      note: `${how}; whole process: engine + in-process simulator + Ink (snapshots ≤ ${1000 / SNAPSHOT_INTERVAL_MS} renders/s, 10 fps cap); ${baseNote}; ${end}`,
    },
    {
      id: 'console.rss',
      figure: rssFigure,
      ours: run.rssMaxMb,
      baseline: null,
      unit: 'MB',
      ratio: null,
      goal: '— (informational)',
      pass: null,
      note: `same run; RSS ${run.rssStartMb.toFixed(1)} MB at the start of the window, ${run.rssEndMb.toFixed(1)} MB at the end, least-squares slope ${run.rssSlopeMbPerHour.toFixed(1)} MB/h (short windows exaggerate a GC sawtooth); includes the in-process simulator`,
    },
  ];
}
