// The engine's snapshot as metric readings: for each metric of docs/monitoring.md §1, the series it has
// now (label values and a number). Pure: the same snapshot and clock give the same readings. A reading
// the snapshot does not have (no compliance sample yet, no fair price) gives no series, not a 0.
import type {EngineSnapshot, PassRates, PricingStep, StreamState} from '../engine/view/snapshot.js';
import type {Config} from '../config/configSchema.js';
import type {RejectReason} from '../engine/events.js';

export type Labels = Record<string, string>;
export interface Series {
  labels: Labels;
  value: number;
}

/** Every state the engine gives a stream, and every pricing step: one 0/1 series each (docs/monitoring.md §1). */
const streamStates = ['connecting', 'syncing', 'live', 'stale', 'down', 'polling'] as const satisfies readonly StreamState[];
const pricingSteps = ['reference', 'mexcOthers', 'heldLast', 'holdingQuotes', 'none'] as const satisfies readonly PricingStep[];
// compile-time: the lists above name every state and step the engine has
const allStates: Exclude<StreamState, (typeof streamStates)[number]> extends never ? true : false = true;
const allSteps: Exclude<PricingStep, (typeof pricingSteps)[number]> extends never ? true : false = true;
void allStates;
void allSteps;
/** every rejection reason gets a series from the start, so rate() sees the first one */
const rejectReasons = ['insufficientFunds', 'wouldCross', 'orderNotFound', 'notNow', 'invalid', 'other'] as const satisfies readonly RejectReason[];
const allReasons: Exclude<RejectReason, (typeof rejectReasons)[number]> extends never ? true : false = true;
void allReasons;

export interface ReadingContext {
  now: number;
  version: string;
  config: Pick<Config, 'compliance'>;
}

export type SnapshotReadings = Record<string, Series[]>;

const seconds = (ms: number): number => Math.max(0, ms) / 1000;
const known = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

/** The readings of the pair-level gauges and counters (the histogram is read separately: decisionLatencySeries). */
export function snapshotReadings(snapshot: EngineSnapshot, context: ReadingContext): SnapshotReadings {
  const symbol = snapshot.symbol;
  const readings: SnapshotReadings = {};
  const add = (name: string, labels: Labels, value: number | null | undefined): void => {
    if (!known(value)) return;
    (readings[name] ??= []).push({labels: {symbol, ...labels}, value});
  };
  const {now} = context;

  add('mexc_mm_info', {reference_symbol: snapshot.referenceSymbol, mode: snapshot.mode, version: context.version}, 1);
  add('mexc_mm_snapshot_age_seconds', {}, seconds(now - snapshot.updatedAt));

  // compliance
  const {compliance} = snapshot;
  const sample = compliance.now;
  if (sample) {
    add('mexc_mm_compliance_pass', {reading: 'per_side'}, Number(sample.pass));
    add('mexc_mm_compliance_pass', {reading: 'combined'}, Number(sample.passCombined));
    add('mexc_mm_compliance_pass', {reading: 'bid'}, Number(sample.checks.bid));
    add('mexc_mm_compliance_pass', {reading: 'ask'}, Number(sample.checks.ask));
    add('mexc_mm_compliance_pass', {reading: 'spread'}, Number(sample.checks.spread));
    add('mexc_mm_compliance_sample_age_seconds', {}, seconds(now - sample.at));
  }
  const ratios = (window: string, rates: PassRates): void => {
    const readingsOf = {per_side: rates.perSide, combined: rates.combined, bid: rates.bid, ask: rates.ask, spread: rates.spread};
    for (const [reading, pct] of Object.entries(readingsOf)) add('mexc_mm_compliance_pass_ratio', {window, reading}, known(pct) ? pct / 100 : null);
    add('mexc_mm_compliance_samples', {window}, rates.samples);
  };
  ratios('1h', compliance.lastHour);
  ratios('24h', compliance.lastDay);
  if (sample) add('mexc_mm_compliance_streak_seconds', {}, compliance.streakSec);

  // market
  add('mexc_mm_spread_ratio', {venue: 'mexc'}, snapshot.spread.mexc);
  add('mexc_mm_spread_ratio', {venue: 'kucoin'}, snapshot.spread.kucoin);
  add('mexc_mm_depth_usdt', {side: 'bid', owner: 'all'}, snapshot.depth.bid);
  add('mexc_mm_depth_usdt', {side: 'ask', owner: 'all'}, snapshot.depth.ask);
  add('mexc_mm_depth_usdt', {side: 'combined', owner: 'all'}, snapshot.depth.combined);
  add('mexc_mm_depth_usdt', {side: 'bid', owner: 'ours'}, snapshot.sides.bid.ownDepth);
  add('mexc_mm_depth_usdt', {side: 'ask', owner: 'ours'}, snapshot.sides.ask.ownDepth);
  add('mexc_mm_depth_target_usdt', {}, snapshot.depthTarget);
  add('mexc_mm_depth_minimum_usdt', {}, context.config.compliance.minDepthUsdt);
  add('mexc_mm_spread_maximum_ratio', {}, context.config.compliance.maxSpreadPct);
  add('mexc_mm_funding_shortfall_usdt', {side: 'bid'}, snapshot.sides.bid.shortfall);
  add('mexc_mm_funding_shortfall_usdt', {side: 'ask'}, snapshot.sides.ask.shortfall);
  add('mexc_mm_fair_price', {}, snapshot.fair.price);
  add('mexc_mm_mid_price', {venue: 'mexc'}, snapshot.fair.mexcMid);
  add('mexc_mm_mid_price', {venue: 'kucoin'}, snapshot.fair.kucoinMid);
  for (const step of pricingSteps) add('mexc_mm_pricing_step', {step}, Number(snapshot.pricing.step === step));

  // our orders
  const open = {bid: 0, ask: 0};
  const resting = {bid: 0, ask: 0};
  let unknown = 0;
  for (const order of snapshot.orders) {
    const side = order.side === 'BUY' ? 'bid' : 'ask';
    open[side]++;
    resting[side] += order.price * Math.max(0, order.qty - order.filled);
    if (order.status === 'UNKNOWN') unknown++;
  }
  for (const side of ['bid', 'ask'] as const) {
    add('mexc_mm_open_orders', {side}, open[side]);
    add('mexc_mm_resting_notional_usdt', {side}, resting[side]);
  }
  add('mexc_mm_unknown_outcome_orders', {}, unknown);

  // account
  for (const balance of [snapshot.balances.base, snapshot.balances.quote]) {
    add('mexc_mm_balance', {asset: balance.asset, state: 'free'}, balance.free);
    add('mexc_mm_balance', {asset: balance.asset, state: 'locked'}, balance.locked);
  }
  add('mexc_mm_base_ratio', {}, snapshot.balances.baseRatio);

  // streams
  for (const [stream, health] of Object.entries(snapshot.streams)) {
    for (const state of streamStates) add('mexc_mm_stream_state', {stream, state}, Number(health.state === state));
    if (health.lastMessageAt !== null) add('mexc_mm_stream_last_message_age_seconds', {stream}, seconds(now - health.lastMessageAt));
  }

  // trading control: the reason rides on the series while it holds, so an alert can quote it
  add('mexc_mm_halted', {reason: snapshot.halted?.reason ?? ''}, Number(snapshot.halted !== null));
  add('mexc_mm_suspended', {cause: snapshot.suspension?.cause ?? ''}, Number(snapshot.suspension !== null));
  add('mexc_mm_paused', {}, Number(snapshot.paused));
  if (snapshot.nextResetAt !== null) add('mexc_mm_next_reset_seconds', {}, seconds(snapshot.nextResetAt - now));
  add('mexc_mm_event_queue_depth', {}, snapshot.counters.queueDepth);
  add('mexc_mm_event_queue_high_water', {}, snapshot.counters.queueHighWater);

  // counters
  const c = snapshot.counters;
  add('mexc_mm_requests_total', {}, c.requests);
  add('mexc_mm_requests_throttled_total', {}, c.throttled);
  add('mexc_mm_requests_rate_limited_total', {}, c.rateLimited);
  add('mexc_mm_orders_placed_total', {}, c.ordersPlaced);
  add('mexc_mm_orders_cancelled_total', {}, c.ordersCancelled);
  for (const reason of rejectReasons) add('mexc_mm_orders_rejected_total', {reason}, snapshot.tallies.rejectedByReason[reason] ?? 0);
  add('mexc_mm_orders_unknown_outcome_total', {}, c.unknownOutcomes);
  for (const side of ['bid', 'ask'] as const) {
    const fills = snapshot.tallies.fills[side];
    add('mexc_mm_fills_total', {side}, fills.count);
    add('mexc_mm_filled_base_total', {side}, fills.base);
    add('mexc_mm_filled_quote_total', {side}, fills.quote);
  }
  add('mexc_mm_resyncs_total', {}, c.resyncs);
  add('mexc_mm_malformed_messages_total', {}, c.malformed);
  add('mexc_mm_invalid_transitions_total', {}, c.invalidTransitions);
  add('mexc_mm_errors_total', {}, c.errors);
  return readings;
}

/** The decision-latency histogram as Prometheus series: cumulative buckets with `le`, then sum and count. */
export function decisionLatencySeries(snapshot: EngineSnapshot): Array<Series & {suffix: '_bucket' | '_sum' | '_count'}> {
  const {bounds, counts, sumSec, count} = snapshot.tallies.decisionLatency;
  const symbol = snapshot.symbol;
  const series: Array<Series & {suffix: '_bucket' | '_sum' | '_count'}> = [];
  let cumulative = 0;
  bounds.forEach((bound, i) => {
    cumulative += counts[i] ?? 0;
    series.push({suffix: '_bucket', labels: {symbol, le: String(bound)}, value: cumulative});
  });
  series.push({suffix: '_bucket', labels: {symbol, le: '+Inf'}, value: count});
  series.push({suffix: '_sum', labels: {symbol}, value: sumSec});
  series.push({suffix: '_count', labels: {symbol}, value: count});
  return series;
}
