// The state file's shape as a zod schema, checked both ways against PersistedState at compile time so the
// two cannot drift apart. A load validates the whole file; a second, smaller schema covers what must
// survive a restart (halted flag, compliance history), so a cosmetic field gone wrong never costs the
// kill switch its memory.
import {z} from 'zod';
import {historyField, ledgerStateField, ledgerViewField, minuteHistoryField} from './ledgerStateSchema.js';
import type {ComplianceMinute, PersistedCompliance, PersistedState} from '../engine/view/snapshot.js';

const num = z.number();
const nullableNum = num.nullable();
const side = z.enum(['BUY', 'SELL']);
const streamState = z.enum(['connecting', 'syncing', 'live', 'stale', 'down', 'polling']);
const atReason = z.object({at: num, reason: z.string()});

const viewLevel = z.object({price: num, size: num, cumulativeQuote: num, ownSize: num});
const bookView = z.object({
  bids: z.array(viewLevel),
  asks: z.array(viewLevel),
  synced: z.boolean(),
  lastUpdateAt: nullableNum,
  version: nullableNum,
});

const complianceSample = z.object({
  at: num,
  pass: z.boolean(),
  passCombined: z.boolean(),
  spread: nullableNum,
  bidDepth: num,
  askDepth: num,
  combinedDepth: num,
  ownBidDepth: num,
  ownAskDepth: num,
  reason: z.string().nullable(),
  // added with the metrics endpoint: a file written before has only the overall verdict
  checks: z.object({bid: z.boolean(), ask: z.boolean(), spread: z.boolean()}).optional(),
}).transform((s) => ({...s, checks: s.checks ?? {bid: s.pass, ask: s.pass, spread: s.pass}}));

const passRates = z.object({
  perSide: nullableNum,
  combined: nullableNum,
  bid: nullableNum,
  ask: nullableNum,
  spread: nullableNum,
  samples: num,
});

const complianceMinute = z.object({
  minute: z.number().int(),
  samples: num,
  pass: num,
  passCombined: num,
  bidPass: num,
  askPass: num,
  spreadPass: num,
});

export const persistedComplianceSchema = z.object({
  version: z.literal(1),
  minutes: z.array(complianceMinute),
  longestGapSec: num,
  lastFailure: atReason.nullable(),
  streakStartAt: nullableNum,
  streakPass: z.boolean().nullable(),
});

const halted = z.object({since: num, reason: z.string()}).nullable();
// added with the fallback chain (docs/strategy.md §4.1, §12.1): files written before read as "reference, none"
const suspension = z.object({cause: z.enum(['reference', 'mexcBook', 'exchangeClosed']), since: num, reason: z.string()}).nullable().default(null);
const pricing = z
  .object({
    step: z.enum(['reference', 'mexcOthers', 'heldLast', 'holdingQuotes', 'none']),
    since: num,
    detail: z.string(),
    widenLevel: num,
    referenceStaleSince: nullableNum,
    outage: z.string(),
  })
  .default({step: 'reference', since: 0, detail: 'pricing from the reference', widenLevel: 0, referenceStaleSince: null, outage: ''});
const mode = z.enum(['sim', 'paper', 'live']);

// shortfall was added with the metrics endpoint: files written before read as 0
const sideStatus = z.object({quoting: z.boolean(), reason: z.string().nullable(), ownDepth: num, target: num, shortfall: num.default(0)});
const streamHealth = z.object({state: streamState, reason: z.string().nullable(), lastMessageAt: nullableNum});
const balance = z.object({asset: z.string(), free: num, locked: num});

const counters = z.object({
  events: num,
  decisions: num,
  coalescedBookEvents: num,
  queueDepth: num,
  queueHighWater: num,
  requests: num,
  throttled: num,
  rateLimited: num,
  ordersPlaced: num,
  ordersCancelled: num,
  ordersRejected: num,
  unknownOutcomes: num,
  fills: num,
  resyncs: num,
  malformed: num,
  // added after the first state files were written: a file without it reads as 0
  invalidTransitions: num.default(0),
  errors: num,
});

const fillTally = z.object({count: num, base: num, quote: num});
// added with the metrics endpoint (docs/monitoring.md §1): files written before read as nothing counted
const tallies = z
  .object({
    rejectedByReason: z.partialRecord(z.enum(['insufficientFunds', 'wouldCross', 'orderNotFound', 'notNow', 'invalid', 'other']), num),
    fills: z.object({bid: fillTally, ask: fillTally}),
    decisionLatency: z.object({bounds: z.array(num).readonly(), counts: z.array(num), sumSec: num, count: num}),
  })
  .default(() => ({rejectedByReason: {}, fills: {bid: {count: 0, base: 0, quote: 0}, ask: {count: 0, base: 0, quote: 0}}, decisionLatency: {bounds: [], counts: [0], sumSec: 0, count: 0}}));

export const persistedStateSchema = z.object({
  schemaVersion: z.literal(1),
  mode,
  symbol: z.string(),
  referenceSymbol: z.string(),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  pid: z.number().int(),
  startedAt: num,
  updatedAt: num,
  paused: z.boolean(),
  halted,
  suspension,
  pricing,
  books: z.object({mexc: bookView, kucoin: bookView}),
  fair: z.object({
    price: nullableNum,
    model: z.string(),
    mexcMid: nullableNum,
    kucoinMid: nullableNum,
    mexcDepth: nullableNum,
    kucoinDepth: nullableNum,
  }),
  spread: z.object({mexc: nullableNum, kucoin: nullableNum}),
  depth: z.object({bid: num, ask: num, combined: num}),
  depthTarget: num,
  bandPct: num,
  compliance: z.object({
    now: complianceSample.nullable(),
    lastHour: passRates,
    lastDay: passRates,
    streakSec: num,
    longestGapSec: num,
    lastFailure: atReason.nullable(),
  }),
  orders: z.array(
    z.object({
      clientOrderId: z.string(),
      orderId: z.string().nullable(),
      side,
      price: num,
      qty: num,
      filled: num,
      status: z.enum(['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'UNKNOWN']),
      createdAt: num,
    }),
  ),
  balances: z.object({base: balance, quote: balance, baseRatio: nullableNum}),
  sides: z.object({bid: sideStatus, ask: sideStatus}),
  streams: z.record(z.enum(['kucoin.book', 'mexc.book', 'mexc.user', 'mexc.listenKey', 'mexc.rest']), streamHealth),
  counters,
  tallies,
  lastError: z.object({at: num, message: z.string()}).nullable(),
  nextResetAt: nullableNum,
  // added with the start-up screen: files written before read as null
  reconciledAt: nullableNum.default(null),
  recentEvents: z.array(z.object({at: num, level: z.enum(['info', 'warn', 'error']), text: z.string()})),
  complianceHistory: persistedComplianceSchema,
  // added with the fill ledger (docs/strategy.md §19): files written before read as no ledger, no history
  ledger: ledgerViewField,
  history: historyField,
  ledgerState: ledgerStateField,
  minuteHistory: minuteHistoryField,
});

/** What a restart needs even when the rest of the file is damaged. */
export const restorableStateSchema = z.object({
  schemaVersion: z.literal(1),
  mode,
  symbol: z.string(),
  paused: z.boolean(),
  halted,
  complianceHistory: persistedComplianceSchema,
  // a damaged ledger must not cost the halted flag its memory: it reads as none (a new ledger begins)
  ledgerState: ledgerStateField.catch(null),
  minuteHistory: minuteHistoryField.catch(() => []),
});

// Compile-time proof that schema and types agree in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const stateMatches: Same<z.output<typeof persistedStateSchema>, PersistedState> = true;
const complianceMatches: Same<z.output<typeof persistedComplianceSchema>, PersistedCompliance> = true;
const minuteMatches: Same<z.output<typeof complianceMinute>, ComplianceMinute> = true;
void stateMatches;
void complianceMatches;
void minuteMatches;

/** "path.to.key: message" for the first few issues, for operator-facing messages. */
export function describeSchemaIssues(error: z.ZodError, limit = 5): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
    return `${path}: ${issue.message}`;
  });
  if (error.issues.length > limit) lines.push(`… and ${error.issues.length - limit} more`);
  return lines.join('; ');
}
