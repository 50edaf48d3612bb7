// The one typed configuration object. Every setting has a default; a config file may override any of
// them; unknown keys and bad values are errors that name the key path. CLI flags override the file.
import {z} from 'zod';
import {faultNames} from '../sim/faults.js';
import {FaultSpecError, parseFaultSpec, type FaultSpec} from '../sim/faultSpec.js';
import {scenarioNames} from '../sim/market/scenarios.js';

const pct = (max: number) => z.number().finite().gt(0).lte(max);
const seconds = z.number().finite().gt(0);
const url = z.string().url();

/** How the ladder is shaped: docs/strategy.md §6 ("fixed") or §5.1 ("compliance"). */
export const quotingModes = ['fixed', 'compliance'] as const;
export type QuotingMode = (typeof quotingModes)[number];

export const fairPriceModels = ['cross-venue-depth-weighted', 'kucoin-mid', 'kucoin-microprice', 'mexc-mid'] as const;
export type FairPriceModel = (typeof fairPriceModels)[number];

const strict = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);

/** A fault as written (`NAME[:DURATION[@START]]`, sim/faultSpec.ts) or already parsed (CLI flags merged into a parsed config). */
const parsedFaultSpec = z.strictObject({name: z.enum(faultNames), startSec: z.number().finite().min(0), durationSec: z.number().finite().positive().nullable()});
const faultSpec = z.unknown().transform((value, ctx): FaultSpec => {
  if (typeof value === 'string') {
    try {
      return parseFaultSpec(value);
    } catch (error) {
      if (!(error instanceof FaultSpecError)) throw error;
      ctx.addIssue({code: 'custom', message: error.message});
      return z.NEVER;
    }
  }
  const parsed = parsedFaultSpec.safeParse(value);
  if (parsed.success) return parsed.data;
  ctx.addIssue({code: 'custom', message: 'expected a fault as NAME[:DURATION[@START]], e.g. "referenceOutage:10m@30s"'});
  return z.NEVER;
});

/** What the bot can tell an operator by webhook (docs/monitoring.md §4). */
export const alertEventNames = [
  'started',
  'stopped',
  'stopUnconfirmed',
  'complianceFailing',
  'complianceRecovered',
  'halted',
  'resumed',
  'streamDown',
  'streamRecovered',
  'cannotFund',
  'funded',
] as const;
export type AlertEventName = (typeof alertEventNames)[number];

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name like SLACK_WEBHOOK_URL');
const alertEvents = z
  .array(z.enum(alertEventNames))
  .min(1)
  .refine((names) => new Set(names).size === names.length, 'the same event is given twice')
  .optional();
/** exactly one of a literal secret and the name of the environment variable holding it */
const oneOf = (literal: string, fromEnv: string) => (hook: Record<string, unknown>, ctx: z.RefinementCtx) => {
  if ((hook[literal] === undefined) === (hook[fromEnv] === undefined))
    ctx.addIssue({code: 'custom', path: [fromEnv], message: `give exactly one of ${literal} and ${fromEnv}`});
};
const telegramWebhook = z
  .strictObject({
    kind: z.literal('telegram'),
    /** the Bot API's address (a local receiver in tests) */
    url: url.default('https://api.telegram.org'),
    token: z.string().min(1).optional(),
    tokenEnv: envName.optional(),
    chatId: z.union([z.string().min(1), z.number().int()]),
    events: alertEvents,
  })
  .superRefine(oneOf('token', 'tokenEnv'));
const urlWebhook = <K extends 'slack' | 'generic'>(kind: K) =>
  z
    .strictObject({
      kind: z.literal(kind),
      url: url.optional(),
      urlEnv: envName.optional(),
      events: alertEvents,
    })
    .superRefine(oneOf('url', 'urlEnv'));
export const webhookSchema = z.discriminatedUnion('kind', [telegramWebhook, urlWebhook('slack'), urlWebhook('generic')]);
export type WebhookConfig = z.infer<typeof webhookSchema>;
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type JsonLogLevel = (typeof logLevels)[number];

export const configSchema = strict({
  /** MEXC spot symbol (no separator) */
  symbol: z.string().regex(/^[A-Z0-9]{2,20}$/, 'expected an upper-case MEXC symbol like RMVUSDT').default('RMVUSDT'),
  /** KuCoin symbol of the same asset */
  referenceSymbol: z.string().regex(/^[A-Z0-9]{1,15}-[A-Z0-9]{2,10}$/, 'expected a KuCoin symbol like RMV-USDT').default('RMV-USDT'),

  /** orders per side */
  levels: z.number().int().min(1).max(20).default(5),
  /** USDT value our orders + others should reach on each side within the band (25 % buffer over 1,000) */
  depthTargetUsdt: z.number().finite().positive().default(1250),
  /** the band around mid that counts for compliance, as a fraction (0.02 = ±2 %) */
  bandPct: pct(0.2).default(0.02),
  compliance: strict({
    minDepthUsdt: z.number().finite().positive().default(1000),
    maxSpreadPct: pct(1).default(0.02),
  }).prefault({}),

  quoting: strict({
    /** half-spread of our inner quotes around fair, as a fraction */
    halfSpreadPct: pct(0.1).default(0.003),
    /** inventory skew α as a fraction of fair price per unit of normalised inventory deviation */
    inventorySkewPct: z.number().finite().min(0).max(0.05).default(0.002),
    /** target share of base value in the account (0.5 = balanced) */
    targetBaseRatio: z.number().finite().min(0).max(1).default(0.5),
    /** an order whose price is within this fraction of its target stays (no churn) */
    refreshTolerancePct: z.number().finite().min(0).max(0.05).default(0.0025),
    /** keep the outermost level this fraction inside the band edge so mid drift does not push it out */
    bandMarginPct: z.number().finite().min(0).max(0.05).default(0.003),
    /**
     * the fixed ladder's inner quote may drift this far away from fair (a fraction of fair) before it is
     * moved, never so far that both inner quotes drifted so would come within 0.2 % of compliance.maxSpreadPct
     * (docs/strategy.md §8); 0 = the refresh tolerance, as for every level
     */
    innerTrailPct: z.number().finite().min(0).max(0.05).default(0.006),
    /**
     * "fixed": the ladder of docs/strategy.md §6 (inner quotes at fair ± halfSpreadPct); "compliance": the
     * cost-aware quoting of §5.1 (inner quotes as wide as the spread rule safely allows, depth toward the
     * band's edge)
     */
    mode: z.enum(quotingModes).default('fixed'),
    /** the parameters of mode "compliance" (docs/strategy.md §5.1); read only in that mode */
    compliance: strict({
      /** slack kept under compliance.maxSpreadPct in the worst case the quotes plan for (default 0.002) */
      spreadMarginPct: z.number().finite().min(0).max(0.05).default(0.002),
      /** slack kept inside the gauge's band edge (±bandPct of MEXC's mid) by the outermost order (default 0.002) */
      depthMarginPct: z.number().finite().min(0).max(0.05).default(0.002),
      /** small orders right behind the inner quote: the touch while a taken inner order is replaced (default 1) */
      guardLevels: z.number().int().min(0).max(5).default(1),
      /** spacing of the guards behind the inner quote, as a fraction of fair (default 0.0005) */
      guardStepPct: z.number().finite().min(0).max(0.01).default(0.0005),
      /** USDT value of the inner order and of each guard: the orders most often taken are kept small (default 25) */
      innerNotionalUsdt: z.number().finite().positive().default(25),
      /** how far an order may drift away from fair (off its level) before it is moved (default 0.001); toward fair quoting.refreshTolerancePct applies */
      outwardTolerancePct: z.number().finite().min(0).max(0.01).default(0.001),
      /** the depth orders spread over this much, inward from the outermost allowed price (default 0.004) */
      depthSpanPct: z.number().finite().min(0).max(0.02).default(0.004),
      /** window of the reference's range that measures its volatility (default 30 s) */
      volatilityWindowSec: seconds.max(300).default(30),
      /** the spread margin grows by this times that range (default 0.5) */
      spreadVolatilityMult: z.number().finite().min(0).max(10).default(0.5),
      /** the depth margin grows by this times that range (default 0.5) */
      depthVolatilityMult: z.number().finite().min(0).max(10).default(0.5),
      /** the reference counts as stale-ish from this age of its last message, fully at risk.staleAfterSec (default 2 s) */
      staleFromSec: z.number().finite().min(0).default(2),
      /** both margins grow by up to this as the reference goes stale-ish (default 0.003) */
      staleMarginPct: z.number().finite().min(0).max(0.05).default(0.003),
    }).prefault({}),
  }).prefault({}),

  fairPrice: strict({
    model: z.enum(fairPriceModels).default('cross-venue-depth-weighted'),
    includeOwnOrders: z.boolean().default(false),
  }).prefault({}),

  /** what prices our quotes while the reference (KuCoin) is stale: docs/strategy.md §4.1 */
  fallback: strict({
    /** "chain": MEXC others' mid, then the held last fair price, then suspend; "cancel": hold, then suspend */
    onStale: z.enum(['chain', 'cancel']).default('chain'),
    /** a reference stale this briefly (a reconnect) keeps the last fair price unchanged */
    graceSec: seconds.default(5),
    /** MEXC others' mid may price our quotes while within this fraction of the last reference-based fair */
    maxMexcDriftPct: pct(0.2).default(0.04),
    /**
     * while MEXC others' mid prices us, the fair price follows it at most this fraction per second: a
     * one-sided jump of the touch (a level taken, or our own just-cancelled order still in the feed) is not
     * chased into a new ladder, while others re-quoting after the market are followed within seconds
     */
    mexcSlewPctPerSec: pct(0.2).default(0.001),
    /** the last fair price may be held this long; then the pair is suspended */
    holdSec: seconds.default(900),
    /** while held, the inner spread widens step by step up to this (under compliance.maxSpreadPct) */
    maxSpreadPct: pct(1).default(0.018),
    widenSteps: z.number().int().min(1).max(20).default(4),
    /** while held, each side is sized to compliance.minDepthUsdt plus this fraction (when under depthTargetUsdt) */
    depthMarginPct: z.number().finite().min(0).max(1).default(0.1),
  }).prefault({}),

  timers: strict({
    resetIntervalSec: seconds.default(1800),
    reconcileIntervalSec: seconds.default(60),
    depthCheckIntervalSec: seconds.default(2),
    complianceSampleSec: seconds.default(1),
    stateFlushSec: seconds.default(1),
  }).prefault({}),

  risk: strict({
    /** a book with no update for this long is stale */
    staleAfterSec: seconds.default(10),
    /** fallback.onStale "cancel": a stale reference keeps quotes (inside the band) this long, then suspends */
    referenceStaleHoldSec: seconds.default(30),
    /** no order priced further than this fraction from fair */
    maxDistanceFromFairPct: pct(0.5).default(0.025),
    maxOrderNotionalUsdt: z.number().finite().positive().default(600),
    maxTotalNotionalUsdt: z.number().finite().positive().default(4000),
    /** stop adding to the heavy side outside [min, max] base ratio */
    inventoryBand: strict({
      minBaseRatio: z.number().finite().min(0).max(1).default(0.15),
      maxBaseRatio: z.number().finite().min(0).max(1).default(0.85),
    }).prefault({}),
    /** kill switch when the base ratio leaves this wider band */
    killBaseRatio: strict({
      min: z.number().finite().min(0).max(1).default(0.03),
      max: z.number().finite().min(0).max(1).default(0.97),
    }).prefault({}),
    /** kill switch after this many consecutive order errors */
    maxConsecutiveOrderErrors: z.number().int().min(1).default(8),
  }).prefault({}),

  exchange: strict({
    /** every clientOrderId we send starts with this; reconciliation only touches orders with it */
    clientOrderIdPrefix: z.string().regex(/^[A-Za-z0-9]{2,12}$/, 'expected 2-12 letters or digits').default('mmx'),
    recvWindowMs: z.number().int().min(100).max(60000).default(5000),
    requestTimeoutMs: z.number().int().min(100).max(60000).default(5000),
    mexcRest: url.default('https://api.mexc.com'),
    mexcWs: url.default('wss://wbs-api.mexc.com/ws'),
    kucoinRest: url.default('https://api.kucoin.com'),
  }).prefault({}),

  journal: strict({
    /** book journals: at most one line per venue per this many ms */
    bookIntervalMs: z.number().int().min(50).default(1000),
    bookLevels: z.number().int().min(1).max(50).default(10),
    maxFileBytes: z.number().int().min(4096).default(50 * 1024 * 1024),
    retentionDays: z.number().int().min(1).default(14),
  }).prefault({}),

  sim: strict({
    scenario: z.enum(scenarioNames).default('calm'),
    seed: z.number().int().min(0).default(1),
    port: z.number().int().min(0).max(65535).default(0),
    /** faults switched on individually, each as NAME[:DURATION[@START]] (stress turns on all the stress faults) */
    faults: z
      .array(faultSpec)
      .default([])
      .refine((specs) => new Set(specs.map((spec) => spec.name)).size === specs.length, 'the same fault is given twice'),
    /** starting balances of the simulator's test account, in base units and quote units (≈ 4,000 USDT each at 0.25) */
    baseBalance: z.number().finite().min(0).default(16000),
    quoteBalance: z.number().finite().min(0).default(4000),
    /** false: the simulator's API key may read but not trade (700007), to try the start-up key check */
    keyCanTrade: z.boolean().default(true),
    /** write the simulator's record (the test account's trades, the reference path) here when it stops (docs/simulator.md §9); null: none */
    recordFile: z.string().min(1).nullable().default(null),
  }).prefault({}),

  /** the Prometheus endpoint (/metrics, /healthz, /readyz): off unless a port is given (docs/monitoring.md §1) */
  metrics: strict({
    /** null: off; 0: any free port (the bot logs the address it bound) */
    port: z.number().int().min(0).max(65535).nullable().default(null),
    /** loopback unless asked: the endpoint has no authentication */
    host: z.string().min(1).default('127.0.0.1'),
  }).prefault({}),

  /** the headless JSON lines at or above this level are written */
  log: strict({
    level: z.enum(logLevels).default('info'),
  }).prefault({}),

  /** messages the bot sends itself (docs/monitoring.md §4) */
  alerts: strict({
    /** compliance must fail this long before it is reported */
    complianceGraceSec: seconds.default(300),
    /** a stream must be down (or stale) this long before it is reported */
    streamDownSec: seconds.default(120),
    /** a side must be short of funds for its depth target this long before it is reported */
    fundingGraceSec: seconds.default(600),
    /** while a condition lasts, a reminder at most this often (0: none) */
    reminderMin: z.number().finite().min(0).default(60),
    webhooks: z.array(webhookSchema).max(10).default([]),
  }).prefault({}),

  paper: strict({
    /** the paper account, in base units and quote units: size them like the real account you plan to use */
    baseBalance: z.number().finite().min(0).default(16000),
    quoteBalance: z.number().finite().min(0).default(4000),
  }).prefault({}),
});

export type Config = z.infer<typeof configSchema>;
/** What a config file may contain: any subset of the full config. */
export type ConfigInput = z.input<typeof configSchema>;

export function defaultConfig(): Config {
  return configSchema.parse({});
}
