// The state file's ledger and minute history as zod schemas (docs/strategy.md §19.3), checked both ways
// against the engine's types at compile time. A file written before the ledger existed reads as an empty
// ledger and no history.
import {z} from 'zod';
import type {HistoryMinute, LedgerFill, LedgerView, MinutePoint, PersistedLedger, PnlFigures} from '../engine/view/ledgerView.js';

const num = z.number();
const nullableNum = num.nullable();
const perHorizon = z.object({s1: nullableNum, s10: nullableNum, s60: nullableNum});
const horizonSums = z.object({s1: num, s10: num, s60: num});

const pnlFigures = z.object({
  from: num,
  to: num,
  fills: num,
  buys: num,
  sells: num,
  boughtBase: num,
  soldBase: num,
  boughtQuote: num,
  soldQuote: num,
  turnover: num,
  fees: num,
  baseChange: num,
  quoteChange: num,
  vsHold: num,
  markToMarket: num,
  realised: num,
  markoutSums: horizonSums,
  markoutCounts: horizonSums,
  adverseSelection: num,
});

const ledgerFill = z.object({
  at: num,
  tradeId: z.string(),
  clientOrderId: z.string(),
  orderId: z.string(),
  side: z.enum(['BUY', 'SELL']),
  price: num,
  qty: num,
  quote: num,
  fee: num,
  feeAsset: z.string(),
  feeQuote: num,
  refMid: nullableNum,
  mexcMid: nullableNum,
  markoutMids: perHorizon,
  markouts: perHorizon,
});

const inventoryReading = z.object({at: num, base: num, quote: num, mark: num, baseRatio: num});

const ledgerView = z.object({
  start: inventoryReading,
  now: inventoryReading,
  position: num,
  averageCost: nullableNum,
  unrealised: num,
  sinceStart: pnlFigures,
  today: pnlFigures,
  hours: z.array(pnlFigures),
  days: z.array(pnlFigures),
  recentFills: z.array(ledgerFill),
  pendingMarkouts: num,
  duplicateFills: num,
});

const periodBucket = z.object({
  key: num,
  from: num,
  until: num,
  sums: pnlFigures,
  startVsHold: num,
  startMarkToMarket: num,
  end: z.object({at: num, vsHold: num, markToMarket: num}).nullable(),
  journalled: z.boolean(),
});

export const persistedLedgerSchema = z.object({
  version: z.literal(1),
  start: z.object({at: num, base: num, quote: num, mark: num}).nullable(),
  mark: z.object({at: num, price: num}).nullable(),
  baseChange: num,
  quoteChange: num,
  position: z.object({qty: num, averageCost: nullableNum}),
  lastFillAt: nullableNum,
  sinceStart: periodBucket,
  hours: z.array(periodBucket),
  days: z.array(periodBucket),
  recentFills: z.array(ledgerFill),
  pending: z.array(ledgerFill),
  tradeIds: z.array(z.string()),
  duplicateFills: num,
});

const minutePoint = z.object({minute: num, samples: num, pass: num, bidDepth: num, askDepth: num, target: num, baseRatio: nullableNum});
export const historyMinuteSchema = z.object({minute: num, samples: num, pass: num, bidDepthSum: num, askDepthSum: num, target: num, baseRatio: nullableNum});

/** The snapshot's fields: absent in older files. */
export const ledgerViewField = ledgerView.nullable().default(null);
export const historyField = z.array(minutePoint).default(() => []);
/** The state file's own fields: an older file had no ledger (null: a new one begins) and no history. */
export const ledgerStateField = persistedLedgerSchema.nullable().default(null);
export const minuteHistoryField = z.array(historyMinuteSchema).default(() => []);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [Same<z.output<typeof pnlFigures>, PnlFigures>, Same<z.output<typeof ledgerFill>, LedgerFill>, Same<z.output<typeof ledgerView>, LedgerView>, Same<z.output<typeof persistedLedgerSchema>, PersistedLedger>, Same<z.output<typeof minutePoint>, MinutePoint>, Same<z.output<typeof historyMinuteSchema>, HistoryMinute>] = [true, true, true, true, true, true];
void checks;
