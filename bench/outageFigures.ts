// Report rows of the reference outage runs (bench/outageRuns.ts, docs/strategy.md §4.1).
import {defaultConfig} from '../source/config/configSchema.js';
import type {FigureRow} from './report.js';
import type {OutageRun} from './outageRuns.js';
import {finite, unmeasured} from './figureRow.js';

/**
 * Reference outage rows (docs/strategy.md §4.1): per scenario and outage length, the fallback chain
 * against the old hold-then-cancel rule on the same seed.
 */
export function outageRows(runs: ReadonlyArray<{key: {scenario: string; outageSec: number}; chain: OutageRun | Error; cancel: OutageRun | Error; heldOnly?: OutageRun | Error}>): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const {key, chain, cancel, heldOnly} of runs) {
    const label = `${key.scenario}, ${formatOutage(key.outageSec)} KuCoin outage`;
    const id = `outage.${key.scenario}.${key.outageSec}s`;
    const goalPct = key.scenario === 'calm' ? 99 : 97;
    const base = cancel instanceof Error ? null : cancel;
    if (chain instanceof Error) {
      rows.push(unmeasured(`${id}.compliance`, `Observer compliance during a ${label}`, '%', `≥ ${goalPct} %`, chain.message, 'fallback chain vs hold-then-cancel'));
      continue;
    }
    const steps = Object.entries(chain.steps).map(([step, n]) => `${step} ${n}s`).join(', ');
    const common = `seed ${chain.seed}; ${chain.samples} observer samples while the outage was on; pricing steps seen: ${steps || 'none'}${chain.everHalted ? '; HALTED at some point' : ''}`;
    rows.push({
      id: `${id}.compliance`,
      figure: `Observer compliance during a ${label}`,
      ours: chain.compliancePct,
      baseline: base?.compliancePct ?? null,
      unit: '%',
      ratio: null,
      goal: `≥ ${goalPct} %`,
      pass: finite(chain.compliancePct) ? chain.compliancePct >= goalPct && !chain.everHalted : false,
      note: `ours: fallback.onStale "chain"; baseline: "cancel" (the old rule, ${base ? `${base.samples} samples` : 'not measured'}); ${common}`,
      ...(finite(chain.compliancePct) ? {} : {error: 'no observer samples during the outage'}),
    });
    rows.push({
      id: `${id}.ordersPlaced`,
      figure: `Orders placed during a ${label}`,
      ours: chain.ordersPlaced,
      baseline: base?.ordersPlaced ?? null,
      unit: 'orders',
      ratio: finite(chain.ordersPlaced) && finite(base?.ordersPlaced) && base!.ordersPlaced! > 0 ? chain.ordersPlaced / base!.ordersPlaced! : null,
      goal: '— (cost)',
      pass: null,
      note: 'counters.ordersPlaced from the state file, first and last poll inside the outage',
    });
    rows.push({
      id: `${id}.fillPnl`,
      figure: `P&L of the outage's fills vs the reference afterwards (${label})`,
      ours: chain.fillPnlUsdt,
      baseline: base?.fillPnlUsdt ?? null,
      unit: 'USDT',
      ratio: null,
      goal: '— (cost; > 0 is a gain)',
      pass: null,
      note: `${chain.fills} fills (baseline ${base?.fills ?? '—'}), each valued at the simulator's true reference price when the outage ended`,
    });
    rows.push({
      id: `${id}.worstFill`,
      figure: `Worst fill vs the true reference (${label})`,
      ours: chain.worstFillPct,
      baseline: base?.worstFillPct ?? null,
      unit: '%',
      ratio: null,
      goal: '≤ 2 %',
      pass: chain.fills === 0 ? true : finite(chain.worstFillPct) ? chain.worstFillPct <= 2 : false,
      note: 'bought above / sold below the model reference at the fill (nearest 1 s observer poll); ≤ 0 means no fill was worse than the reference',
    });
    rows.push({
      id: `${id}.returnSec`,
      figure: `Back to reference pricing after the ${label}`,
      ours: chain.returnSec,
      baseline: base?.returnSec ?? null,
      unit: 's',
      ratio: null,
      goal: '≤ 30 s',
      pass: finite(chain.returnSec) ? chain.returnSec <= 30 : false,
      note: 'from the last observer poll with the outage on to the first state-file poll pricing from the reference (1 s polls)',
      ...(finite(chain.returnSec) ? {} : {error: 'never back on the reference before the run ended'}),
    });
    if (heldOnly !== undefined) rows.push(...heldOnlyRows(id, label, key.outageSec, goalPct, heldOnly, base));
  }
  return rows;
}

/** The held, widened last fair price alone (MEXC others never used): within fallback.holdSec it must hold the goal; past it the pair suspends. */
function heldOnlyRows(id: string, label: string, outageSec: number, goalPct: number, held: OutageRun | Error, base: OutageRun | null): FigureRow[] {
  const figure = `Observer compliance during a ${label}, the held last fair price alone (no MEXC others)`;
  const withinHold = outageSec <= DEFAULT_HOLD_SEC;
  const goal = withinHold ? `≥ ${goalPct} %` : `— (suspends after holdSec ${DEFAULT_HOLD_SEC} s)`;
  if (held instanceof Error) return [unmeasured(`${id}.heldOnly.compliance`, figure, '%', goal, held.message, 'held price alone vs hold-then-cancel')];
  const steps = Object.entries(held.steps).map(([step, n]) => `${step} ${n}s`).join(', ');
  return [
    {
      id: `${id}.heldOnly.compliance`,
      figure,
      ours: held.compliancePct,
      baseline: base?.compliancePct ?? null,
      unit: '%',
      ratio: null,
      goal,
      pass: !withinHold ? null : finite(held.compliancePct) ? held.compliancePct >= goalPct && !held.everHalted : false,
      note: `ours: the chain with fallback.maxMexcDriftPct 0.001 % (MEXC others never price us); baseline: "cancel"; seed ${held.seed}; ${held.samples} samples; pricing steps seen: ${steps || 'none'}${held.everHalted ? '; HALTED at some point' : ''}`,
      ...(finite(held.compliancePct) ? {} : {error: 'no observer samples during the outage'}),
    },
    {
      id: `${id}.heldOnly.worstFill`,
      figure: `Worst fill vs the true reference (${label}, the held last fair price alone)`,
      ours: held.worstFillPct,
      baseline: base?.worstFillPct ?? null,
      unit: '%',
      ratio: null,
      goal: '≤ 2 %',
      pass: held.fills === 0 ? true : finite(held.worstFillPct) ? held.worstFillPct <= 2 : false,
      note: `${held.fills} fills; P&L of the outage's fills vs the reference afterwards ${held.fillPnlUsdt === null ? '—' : `${held.fillPnlUsdt.toFixed(2)} USDT`}; back on the reference ${held.returnSec === null ? 'never' : `${held.returnSec.toFixed(1)} s`} after`,
    },
  ];
}

const DEFAULT_HOLD_SEC = defaultConfig().fallback.holdSec;

const formatOutage = (sec: number): string => (sec % 60 === 0 ? `${sec / 60}-minute` : `${sec}-s`);
