// Report rows and the side-by-side table of the cost section (costRuns.ts). The rows put the cost-aware
// quoting ("ours") against the fixed ladder ("baseline" column) with the goals of docs/strategy.md §5.1;
// the table shows all three bots, the Hummingbot-style baseline included, per scenario.
import type {CostFigures, CostRun, CostVariant} from './costRuns.js';
import {costVariants} from './costRuns.js';
import {formatNumber, type FigureRow} from './report.js';

/** the volatile goals: observer compliance, adverse selection against the fixed ladder's */
const VOLATILE_COMPLIANCE_PCT = 99.9;
const ADVERSE_SHARE = 1 / 3;

const variantName: Record<CostVariant, string> = {
  fixed: 'fixed ladder (inner ±0.3 %)',
  compliance: 'cost-aware (quoting.mode compliance)',
  baseline: 'Hummingbot-style baseline',
};

const figuresOrNull = (run: CostFigures | Error): CostFigures | null => (run instanceof Error ? null : run);

export function costRows(run: CostRun | Error, scenario: string): FigureRow[] {
  const id = (what: string): string => `cost.${scenario}.${what}`;
  const volatile = scenario === 'volatile';
  if (run instanceof Error) {
    return [{id: id('run'), figure: `What compliance costs (${scenario})`, ours: null, baseline: null, unit: '', ratio: null, goal: '', pass: false, note: '', error: run.message}];
  }
  const ours = figuresOrNull(run.variants.compliance);
  const fixed = figuresOrNull(run.variants.fixed);
  const errors = costVariants.flatMap((v) => (run.variants[v] instanceof Error ? [`${v}: ${(run.variants[v] as Error).message}`] : []));
  const missing = errors.join('; ') || 'not measured';
  const how = `three bots side by side for ${run.durationSec} s, seed ${run.seed}, each on its own simulator; figures from each simulator's record (accountAudit.ts)`;
  const row = (what: string, figure: string, unit: string, pick: (f: CostFigures) => number | null, goal: string, pass: (o: number, f: number) => boolean | null, note: string): FigureRow => {
    const o = ours ? pick(ours) : null;
    const f = fixed ? pick(fixed) : null;
    if (o === null || f === null) return {id: id(what), figure, ours: o, baseline: f, unit, ratio: null, goal, pass: goal ? false : null, note, error: missing};
    return {id: id(what), figure, ours: o, baseline: f, unit, ratio: f !== 0 ? o / f : null, goal, pass: goal ? pass(o, f) : null, note};
  };
  const pct = (f: CostFigures): number | null => f.observer?.passPerSidePct ?? null;
  return [
    row(
      'compliance',
      `Cost-aware vs fixed ladder: observer compliance (${scenario})`,
      '%',
      pct,
      volatile ? `≥ ${VOLATILE_COMPLIANCE_PCT} % and ≥ fixed` : '≥ fixed',
      (o, f) => o >= f && (!volatile || o >= VOLATILE_COMPLIANCE_PCT),
      `${how}; the simulator's independent observer, each side ≥ 1,000 USDT within ±2 % and spread < 2 %`,
    ),
    row(
      'adverse',
      `Cost-aware vs fixed ladder: adverse selection, 60 s markout losses (${scenario})`,
      'USDT/h',
      (f) => f.adverse60PerHour,
      volatile ? '≤ 1/3 of fixed' : '',
      (o, f) => o <= f * ADVERSE_SHARE,
      `${how}; Σ of the losing 60 s markouts (side × (reference mid 60 s later − price) × qty) on the recorded reference path, per hour of the record less its last 60 s`,
    ),
    row(
      'pnl',
      `Cost-aware vs fixed ladder: P&L versus holding (${scenario})`,
      'USDT/h',
      (f) => f.pnlVsHoldPerHour,
      volatile ? '≥ fixed' : '',
      (o, f) => o >= f,
      `${how}; base change × final reference mid + quote change (fees included), against simply holding the starting inventory`,
    ),
    row('fills', `Cost-aware vs fixed ladder: fills (${scenario})`, 'fills/h', (f) => f.fillsPerHour, '', () => null, how),
    row('requests', `Cost-aware vs fixed ladder: requests (${scenario})`, 'req/h', (f) => f.requests?.perHour ?? null, '', () => null, `${how}; REST requests over the steady-state window`),
  ];
}

/** The markdown table of all three bots for each scenario run. */
export function costTable(runs: ReadonlyArray<CostRun | Error>): string {
  const lines = ['## What compliance costs', ''];
  for (const run of runs) {
    if (run instanceof Error) {
      lines.push(`Not measured: ${run.message}`, '');
      continue;
    }
    lines.push(
      `### ${run.scenario}, seed ${run.seed}, ${run.durationSec} s each, side by side`,
      '',
      '| bot | observer (per side) | requests/h | fills/h | P&L vs hold USDT/h | adverse 60 s USDT/h | net 60 s markout USDT/h | arbitrageur takes (fills on ours) | balances reconcile |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const variant of costVariants) {
      const f = run.variants[variant];
      if (f instanceof Error) {
        lines.push(`| ${variantName[variant]} | not measured: ${f.message.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 200)} | | | | | | | |`);
        continue;
      }
      const observer = f.observer ? `${f.observer.passPerSidePct.toFixed(2)} %` : '—';
      const arbitrage = f.arbitrageTakes === null ? '—' : `${f.arbitrageTakes} (${f.arbitrageAccountFills ?? '—'})`;
      lines.push(
        `| ${variantName[variant]} | ${observer} | ${formatNumber(f.requests?.perHour ?? null)} | ${formatNumber(f.fillsPerHour)} | ${formatNumber(f.pnlVsHoldPerHour)} | ${formatNumber(f.adverse60PerHour)} | ${formatNumber(-f.netAdverse60PerHour)} | ${arbitrage} | ${f.balancesReconcile ? 'yes' : '**no**'} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
