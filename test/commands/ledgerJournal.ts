// A data dir as a bot with the fill ledger leaves it, written by hand so every figure of the report can
// be counted by hand: compliance samples, fills (one journalled twice, one from before the ledger, with
// none of its fields), their markouts, closed hours in the `pnl` journal (one journalled twice) and a
// state file whose ledger has an hour not journalled yet and the open hour.
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {TestContext} from 'node:test';
import type {LedgerView, PnlFigures} from '../../source/engine/view/ledgerView.js';
import type {JournalRecord} from '../../source/engine/view/records.js';
import {StateFile} from '../../source/store/stateFile.js';
import {inventoryAt, makeLedgerView, makePersistedState, makePnlFigures, tempDir} from '../store/fixtures.js';

export const at = (iso: string): number => Date.parse(`2025-03-${iso}Z`);
export const hourMs = 3_600_000;

export const ndjson = (records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** Writes `files` (name → records) under `<dir>/journal`. */
export async function writeJournal(dir: string, files: Record<string, unknown[]>): Promise<void> {
  await mkdir(join(dir, 'journal'), {recursive: true});
  for (const [name, records] of Object.entries(files)) await writeFile(join(dir, 'journal', name), ndjson(records));
}

type Sample = Extract<JournalRecord, {stream: 'compliance'}>;
export const sample = (time: number, change: Partial<Sample> = {}): Sample => ({
  stream: 'compliance', at: time, pass: true, passCombined: true, spread: 0.006,
  bidDepth: 1400, askDepth: 1380, combinedDepth: 2780, ownBidDepth: 990, ownAskDepth: 1000, reason: null, checks: {bid: true, ask: true, spread: true},
  ...change,
});

type Fill = Extract<JournalRecord, {stream: 'fills'}>;
const fill = (time: number, tradeId: string, side: 'BUY' | 'SELL', price: number, qty: number, extra: Partial<Fill>): Fill => ({
  stream: 'fills', at: time, clientOrderId: `mmx${tradeId}`, orderId: `C02__${tradeId}`, tradeId, side, price, qty, fee: '0', feeAsset: 'USDT',
  feeQuote: 0, refMid: null, mexcMid: null, baseChange: 0, quoteChange: 0, ...extra,
});

/** t1 bought 1,000 at 0.5; t2 (journalled before the ledger) bought 400 at 0.25; t3 sold 2,000 at 0.75. */
export const fills = {
  t1: fill(at('14T00:20:00'), 't1', 'BUY', 0.5, 1000, {fee: '0.25', feeQuote: 0.25, refMid: 0.5025, mexcMid: 0.5, baseChange: 1000, quoteChange: -500.25}),
  t3: fill(at('14T00:22:00'), 't3', 'SELL', 0.75, 2000, {fee: '0.75', feeQuote: 0.75, refMid: 0.745, mexcMid: 0.7475, baseChange: -600, quoteChange: 998.75}),
};
/** a fills record as the bot wrote it before the ledger: no fee value, no mids, no ledger change */
export const olderFill = {
  stream: 'fills', at: at('14T00:21:00'), clientOrderId: 'mmxt2', orderId: 'C02__t2', tradeId: 't2', side: 'BUY', price: 0.25, qty: 400, fee: '0', feeAsset: 'USDT',
};

type Markout = Extract<JournalRecord, {stream: 'markouts'}>;
export const markouts: Record<'t1' | 't3', Markout> = {
  t1: {
    stream: 'markouts', at: at('14T00:21:00'), tradeId: 't1', side: 'BUY', price: 0.5, qty: 1000, refMid: 0.5025,
    markoutMids: {s1: 0.5025, s10: 0.5, s60: 0.49}, markouts: {s1: 2.5, s10: 0, s60: -10},
  },
  // no reference mid 60 s after it
  t3: {
    stream: 'markouts', at: at('14T00:23:00'), tradeId: 't3', side: 'SELL', price: 0.75, qty: 2000, refMid: 0.745,
    markoutMids: {s1: 0.75, s10: 0.7525, s60: null}, markouts: {s1: 0, s10: -5, s60: null},
  },
};

const inventoryEnd = (hourStart: number, base: number, quote: number, mark: number) => inventoryAt(hourStart + hourMs, base, quote, mark);
const pnlRecord = (figures: PnlFigures, base: number, quote: number, mark: number) => ({
  stream: 'pnl', at: figures.to + 61_000, ...figures, inventory: inventoryEnd(figures.from, base, quote, mark),
});

/** The closed hours as the `pnl` journal has them (dyadic figures: sums are exact). */
export const hour23 = makePnlFigures(at('13T23:00:00'), at('14T00:00:00'), {
  fills: 2, buys: 2, boughtBase: 1400, boughtQuote: 600, turnover: 600, fees: 0.25, baseChange: 1400, quoteChange: -600.25,
  vsHold: -0.5, markToMarket: 1.25, markoutSums: {s1: 0.5, s10: -0.25, s60: -1}, markoutCounts: {s1: 2, s10: 2, s60: 2},
});
export const hour00 = makePnlFigures(at('14T00:00:00'), at('14T01:00:00'), {
  fills: 1, sells: 1, soldBase: 2000, soldQuote: 1500, turnover: 1500, fees: 0.75, baseChange: -2000, quoteChange: 1499.25,
  vsHold: -1.5, markToMarket: -0.5, realised: 500, markoutSums: {s1: 0.25, s10: 0.5, s60: -2}, markoutCounts: {s1: 1, s10: 1, s60: 1},
});
/** what the journal held for 00:00 before a restart journalled the hour again */
const hour00Early = makePnlFigures(at('14T00:00:00'), at('14T01:00:00'), {fills: 7, turnover: 7});
/** closed, not journalled yet (the minute after an hour ends), and the open hour: only in the state file */
export const hour01 = makePnlFigures(at('14T01:00:00'), at('14T02:00:00'), {vsHold: -0.25, markToMarket: 0.5});
export const hour02 = makePnlFigures(at('14T02:00:00'), at('14T02:30:00'), {
  fills: 1, buys: 1, boughtBase: 100, boughtQuote: 50, turnover: 50, fees: 0.125, baseChange: 100, quoteChange: -50.125, vsHold: 0.25, markToMarket: 0.75,
});

export function stateLedger(): LedgerView {
  return {
    ...makeLedgerView(at('14T02:30:00')),
    now: inventoryAt(at('14T02:30:00'), 99_500, 51_849.125, 0.5),
    // the state file's own copy of 00:00 differs from the journal's: the journal's counts
    hours: [hour23, {...hour00, fills: 99}, hour01, hour02],
  };
}

/** The data dir: journals and a state file with the ledger (`ledger: null` for a state file without one). */
export async function ledgerDataDir(t: TestContext, ledger: LedgerView | null = stateLedger()): Promise<string> {
  const dir = await tempDir(t);
  await writeJournal(dir, {
    'compliance-2025-03-13.ndjson': [sample(at('13T23:59:58')), sample(at('13T23:59:59'), {pass: false, bidDepth: 600, combinedDepth: 1980, reason: 'bid depth 600 < 1000'})],
    'compliance-2025-03-14.ndjson': [sample(at('14T00:00:00')), sample(at('14T00:00:01'))],
    'fills-2025-03-14.ndjson': [fills.t1, olderFill, fills.t3],
    // after a kill -9 the bot caught up from the exchange's trade list and journalled t1 again
    'fills-2025-03-14.1.ndjson': [{...fills.t1}],
    'markouts-2025-03-14.ndjson': [markouts.t1, markouts.t3, {...markouts.t1, markouts: {s1: 9, s10: 9, s60: 9}}],
    'pnl-2025-03-14.ndjson': [
      pnlRecord(hour23, 101_400, 50_400, 0.5),
      pnlRecord(hour00Early, 99_400, 51_899.25, 0.75),
      pnlRecord(hour00, 99_400, 51_899.25, 0.75),
    ],
  });
  const file = await StateFile.open(dir);
  await file.save(makePersistedState({ledger, updatedAt: at('14T02:30:00')}));
  return dir;
}
