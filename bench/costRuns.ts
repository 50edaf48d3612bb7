// What compliance costs (docs/strategy.md §5.1, docs/simulator.md §10): on one scenario and seed, three
// bots side by side, each on its own simulator — ours with the fixed ladder (quoting.mode "fixed", inner
// quotes ±0.3 %), ours with the cost-aware quoting (quoting.mode "compliance") and the Hummingbot-style
// baseline (baselineBot.ts). Each simulator writes its record of the account's trades and the reference
// path (--sim-record); the figures come from that record alone (accountAudit.ts), not from the bots' own
// books: P&L against holding the starting inventory at the final reference mid, and the 60 s markouts on
// the recorded reference path.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {auditAccount, type AccountAudit} from '../source/sim/record/accountAudit.js';
import {readSimRecord} from '../source/sim/record/recordFile.js';
import type {ObserverSummary} from '../source/sim/market/observer.js';
import {runBaseline, runOurs, type RequestWindow, type Scenario} from './scenarioRuns.js';

export const costVariants = ['fixed', 'compliance', 'baseline'] as const;
export type CostVariant = (typeof costVariants)[number];

export interface CostFigures {
  variant: CostVariant;
  exitCode: number | null;
  observer: ObserverSummary | null;
  /** requests per hour over the steady-state window (after warmSec) */
  requests: RequestWindow | null;
  /** the record's length, seconds */
  recordSec: number;
  fills: number;
  fillsPerHour: number;
  /** USDT per hour: P&L against holding the starting inventory, valued at the final reference mid */
  pnlVsHoldPerHour: number | null;
  /** USDT per hour of the marked window (the record less its last 60 s): Σ of the losing 60 s markouts, as a positive loss */
  adverse60PerHour: number;
  /** the same window: − Σ of every 60 s markout (losses less gains) */
  netAdverse60PerHour: number;
  /** trades whose 60 s markout the path reaches */
  markedTrades: number;
  /** the arbitrageur's takes against any order and its fills against ours (the record's market counters) */
  arbitrageTakes: number | null;
  arbitrageAccountFills: number | null;
  balancesReconcile: boolean;
}

export interface CostRun {
  scenario: Scenario;
  seed: number;
  durationSec: number;
  variants: Record<CostVariant, CostFigures | Error>;
}

/** The config file each of our two variants runs with (everything else at its default). */
const variantConfig: Record<Exclude<CostVariant, 'baseline'>, unknown> = {
  fixed: {quoting: {mode: 'fixed'}},
  compliance: {quoting: {mode: 'compliance'}},
};

export async function runCost(opts: {scenario: Scenario; seed: number; durationSec: number; warmSec: number}): Promise<CostRun> {
  const dir = await mkdtemp(join(tmpdir(), 'mexc-mm-cost-'));
  try {
    const ours = async (variant: 'fixed' | 'compliance'): Promise<CostFigures> => {
      const configFile = join(dir, `${variant}.json`);
      const recordFile = join(dir, `${variant}-record.json`);
      await writeFile(configFile, JSON.stringify(variantConfig[variant]));
      const run = await runOurs({...opts, extraArgs: ['--config', configFile, '--sim-record', recordFile]});
      if (run.exitCode !== 0) throw new Error(`${variant} bot exited ${run.exitCode}: ${run.stderrTail}`);
      return figuresOf(variant, run.exitCode, run.observer, run.window, await auditOf(recordFile));
    };
    const baseline = async (): Promise<CostFigures> => {
      const recordFile = join(dir, 'baseline-record.json');
      const run = await runBaseline({...opts, simRecord: recordFile});
      if (run.exitCode !== 0) throw new Error(`baseline exited ${run.exitCode}: ${run.stderrTail}`);
      return figuresOf('baseline', run.exitCode, run.observer, run.window, await auditOf(recordFile));
    };
    const settle = <T>(work: Promise<T>): Promise<T | Error> => work.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    const [fixed, compliance, base] = await Promise.all([settle(ours('fixed')), settle(ours('compliance')), settle(baseline())]);
    return {scenario: opts.scenario, seed: opts.seed, durationSec: opts.durationSec, variants: {fixed, compliance, baseline: base}};
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

async function auditOf(recordFile: string): Promise<{audit: AccountAudit; market: Record<string, number | string | null>}> {
  const record = await readSimRecord(recordFile);
  return {audit: auditAccount(record), market: record.market};
}

function figuresOf(
  variant: CostVariant,
  exitCode: number | null,
  observer: ObserverSummary | null,
  requests: RequestWindow | null,
  {audit, market}: {audit: AccountAudit; market: Record<string, number | string | null>},
): CostFigures {
  const hours = audit.durationSec / 3600;
  // a trade's 60 s markout exists only when the path reaches 60 s past it
  const markedHours = Math.max(audit.durationSec - 60, 1) / 3600;
  let losses = 0;
  let net = 0;
  let marked = 0;
  for (const trade of audit.trades) {
    const markout = trade.markouts['60s'];
    if (markout === null) continue;
    marked++;
    net += markout;
    if (markout < 0) losses -= markout;
  }
  const fills = audit.fills.buy + audit.fills.sell;
  const count = (key: string): number | null => (typeof market[key] === 'number' ? market[key] : null);
  return {
    variant,
    exitCode,
    observer,
    requests,
    recordSec: audit.durationSec,
    fills,
    fillsPerHour: fills / hours,
    pnlVsHoldPerHour: audit.pnlVsHold === null ? null : audit.pnlVsHold / hours,
    adverse60PerHour: losses / markedHours,
    netAdverse60PerHour: -net / markedHours,
    markedTrades: marked,
    arbitrageTakes: count('arbitrageTakes'),
    arbitrageAccountFills: count('arbitrageAccountFills'),
    balancesReconcile: audit.balancesReconcile,
  };
}
