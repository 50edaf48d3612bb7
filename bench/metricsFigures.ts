// Report rows of the metrics section (metricsRuns.ts): the CPU a scrape every second costs the bot, as
// three processes side by side (no endpoint, endpoint unscraped, scraped), and one scrape in process.
import type {FigureRow} from './report.js';
import type {MetricsCostRun, VariantRun} from './metricsRuns.js';

const GOAL_PCT = 0.5;
const cpuOf = (run: VariantRun | Error): number | null => (run instanceof Error ? null : run.cpuPct);
const fmt = (value: number | null, digits = 2): string => (value === null ? '—' : value.toFixed(digits));

export function metricsRows(run: MetricsCostRun | Error): FigureRow[] {
  const figure = 'Scraping /metrics every second: bot CPU added';
  const goal = `< ${GOAL_PCT} % of a core`;
  if (run instanceof Error) {
    return [{id: 'metrics.scrapeCpu', figure, ours: null, baseline: null, unit: '% of a core', ratio: null, goal, pass: false, note: '', error: run.message}];
  }
  const off = cpuOf(run.runs.off);
  const unscraped = cpuOf(run.runs.unscraped);
  const scraped = cpuOf(run.runs.scraped);
  const how =
    `three bots side by side in live mode, each on its own \`mexc-mm sim\` (calm, same seed), /proc sampled every second over ${run.windowSec} s: ` +
    `no endpoint ${fmt(off)} %, endpoint unscraped ${fmt(unscraped)} %, scraped ${fmt(scraped)} % of a core; ` +
    `${run.scrapes} scrapes (${run.failedScrapes} failed), median ${fmt(run.scrapeMsMedian, 1)} ms, max ${fmt(run.scrapeMsMax, 1)} ms, ${run.bodyBytes ?? '—'} bytes, ${run.series ?? '—'} series; ` +
    'two bots differ by a few tenths of a percent on their own, so the in-process row below is the sharper figure';
  const errors = Object.values(run.runs).filter((r): r is Error => r instanceof Error).map((e) => e.message);
  const rows: FigureRow[] = [];
  if (off === null || scraped === null) {
    rows.push({id: 'metrics.scrapeCpu', figure, ours: null, baseline: off, unit: '% of a core', ratio: null, goal, pass: false, note: how, error: errors.join('; ') || 'no /proc samples'});
  } else {
    const added = scraped - off;
    rows.push({id: 'metrics.scrapeCpu', figure, ours: added, baseline: off, unit: '% of a core', ratio: null, goal, pass: added < GOAL_PCT, note: how});
  }
  const perScrape = run.inProcessCpuMsPerScrape;
  const inProcessFigure = 'One /metrics render in process (CPU per scrape; at 1/s, % of a core = ms ÷ 10)';
  rows.push(
    perScrape === null
      ? {id: 'metrics.renderCpu', figure: inProcessFigure, ours: null, baseline: null, unit: 'ms CPU', ratio: null, goal: `< ${GOAL_PCT * 10} ms`, pass: false, note: '', error: 'not measured'}
      : {
          id: 'metrics.renderCpu',
          figure: inProcessFigure,
          ours: perScrape,
          baseline: null,
          unit: 'ms CPU',
          ratio: null,
          goal: `< ${GOAL_PCT * 10} ms`,
          pass: perScrape < GOAL_PCT * 10,
          note: `the registry (prom-client defaults included) rendering the scraped bot's last snapshot ${run.inProcessScrapes} times after 50 warm-up renders; ${(perScrape / 10).toFixed(3)} % of a core at one scrape a second (HTTP handling not included)`,
        },
  );
  return rows;
}
