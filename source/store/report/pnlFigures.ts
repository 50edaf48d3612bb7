// Reading a `pnl` journal record's figures, and adding periods up: the ledger's periods are additive
// (a day is the sum of its hours; docs/strategy.md §15 lists the journals).
import type {InventoryReading, MarkoutKey, PnlFigures} from '../../engine/view/ledgerView.js';
import {MARKOUT_KEYS} from '../../engine/view/ledgerView.js';
import {finiteNumber, plainObject} from './journalFields.js';

const perHorizon = (value: unknown): Record<MarkoutKey, number> => {
  const o = plainObject(value);
  return {s1: finiteNumber(o?.s1) ?? 0, s10: finiteNumber(o?.s10) ?? 0, s60: finiteNumber(o?.s60) ?? 0};
};

/** The figures of a `pnl` record; null when a figure the report shows is missing or not a number. */
export function readPnlFigures(record: Record<string, unknown>): PnlFigures | null {
  const required = ['from', 'to', 'fills', 'turnover', 'fees', 'baseChange', 'quoteChange', 'vsHold', 'markToMarket', 'realised'] as const;
  const values = required.map((key) => finiteNumber(record[key]));
  if (values.some((value) => value === null)) return null;
  const [from, to, fills, turnover, fees, baseChange, quoteChange, vsHold, markToMarket, realised] = values as number[];
  const optional = (key: string): number => finiteNumber(record[key]) ?? 0;
  const markoutSums = perHorizon(record.markoutSums);
  return {
    from: from!,
    to: to!,
    fills: fills!,
    buys: optional('buys'),
    sells: optional('sells'),
    boughtBase: optional('boughtBase'),
    soldBase: optional('soldBase'),
    boughtQuote: optional('boughtQuote'),
    soldQuote: optional('soldQuote'),
    turnover: turnover!,
    fees: fees!,
    baseChange: baseChange!,
    quoteChange: quoteChange!,
    vsHold: vsHold!,
    markToMarket: markToMarket!,
    realised: realised!,
    markoutSums,
    markoutCounts: perHorizon(record.markoutCounts),
    // 0 − x rather than −x: no negative zero when nothing was measured
    adverseSelection: finiteNumber(record.adverseSelection) ?? 0 - markoutSums.s60,
  };
}

/** The inventory reading of a `pnl` record; null when absent or malformed. */
export function readInventory(value: unknown): InventoryReading | null {
  const o = plainObject(value);
  if (!o) return null;
  const [at, base, quote, mark, baseRatio] = [o.at, o.base, o.quote, o.mark, o.baseRatio].map(finiteNumber);
  if (at == null || base == null || quote == null || mark == null || baseRatio == null) return null;
  return {at, base, quote, mark, baseRatio};
}

const sumPerHorizon = (a: Record<MarkoutKey, number>, b: Record<MarkoutKey, number>): Record<MarkoutKey, number> =>
  Object.fromEntries(MARKOUT_KEYS.map((key) => [key, a[key] + b[key]])) as Record<MarkoutKey, number>;

/** Two periods as one: every figure added, from the earlier start to the later end. */
export function addFigures(a: PnlFigures, b: PnlFigures): PnlFigures {
  return {
    from: Math.min(a.from, b.from),
    to: Math.max(a.to, b.to),
    fills: a.fills + b.fills,
    buys: a.buys + b.buys,
    sells: a.sells + b.sells,
    boughtBase: a.boughtBase + b.boughtBase,
    soldBase: a.soldBase + b.soldBase,
    boughtQuote: a.boughtQuote + b.boughtQuote,
    soldQuote: a.soldQuote + b.soldQuote,
    turnover: a.turnover + b.turnover,
    fees: a.fees + b.fees,
    baseChange: a.baseChange + b.baseChange,
    quoteChange: a.quoteChange + b.quoteChange,
    vsHold: a.vsHold + b.vsHold,
    markToMarket: a.markToMarket + b.markToMarket,
    realised: a.realised + b.realised,
    markoutSums: sumPerHorizon(a.markoutSums, b.markoutSums),
    markoutCounts: sumPerHorizon(a.markoutCounts, b.markoutCounts),
    adverseSelection: a.adverseSelection + b.adverseSelection,
  };
}
