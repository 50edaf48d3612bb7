// The metrics the bot exports: name, type, labels and help (the table of docs/monitoring.md §1). Every
// pair-level series carries `symbol` as well as the labels listed here.
export interface MetricDefinition {
  name: string;
  type: 'gauge' | 'counter';
  labels: readonly string[];
  help: string;
}

const gauge = (name: string, labels: readonly string[], help: string): MetricDefinition => ({name, type: 'gauge', labels, help});
const counter = (name: string, labels: readonly string[], help: string): MetricDefinition => ({name, type: 'counter', labels, help});

export const metricCatalog: readonly MetricDefinition[] = [
  gauge('mexc_mm_info', ['reference_symbol', 'mode', 'version'], 'Always 1; names the run.'),
  gauge('mexc_mm_snapshot_age_seconds', [], 'Seconds since the engine last published a snapshot.'),
  gauge('mexc_mm_compliance_pass', ['reading'], 'Latest compliance sample: 1 passed, 0 failed (reading: per_side, combined, bid, ask, spread).'),
  gauge('mexc_mm_compliance_pass_ratio', ['window', 'reading'], 'Share of compliance samples that passed over the window (1h, 24h).'),
  gauge('mexc_mm_compliance_samples', ['window'], 'Compliance samples in the window.'),
  gauge('mexc_mm_compliance_sample_age_seconds', [], 'Age of the latest compliance sample.'),
  gauge('mexc_mm_compliance_streak_seconds', [], 'Length of the current passing (positive) or failing (negative) streak.'),
  gauge('mexc_mm_spread_ratio', ['venue'], 'Best ask minus best bid over mid, as a fraction.'),
  gauge('mexc_mm_depth_usdt', ['side', 'owner'], 'Quote value within the band around MEXC mid (owner: all, ours).'),
  gauge('mexc_mm_depth_target_usdt', [], 'Depth each side aims for.'),
  gauge('mexc_mm_depth_minimum_usdt', [], 'The listing rule minimum depth per side.'),
  gauge('mexc_mm_spread_maximum_ratio', [], 'The listing rule maximum spread, as a fraction.'),
  gauge('mexc_mm_funding_shortfall_usdt', ['side'], 'How much of the depth target the account cannot fund.'),
  gauge('mexc_mm_open_orders', ['side'], 'Our orders the engine holds, any status.'),
  gauge('mexc_mm_unknown_outcome_orders', [], 'Our orders whose outcome is unknown until reconciled.'),
  gauge('mexc_mm_resting_notional_usdt', ['side'], 'Quote value of our orders remaining quantity.'),
  gauge('mexc_mm_balance', ['asset', 'state'], 'Account balance (state: free, locked).'),
  gauge('mexc_mm_base_ratio', [], 'Base value over total account value at fair price.'),
  gauge('mexc_mm_fair_price', [], 'The price our ladder centres on.'),
  gauge('mexc_mm_mid_price', ['venue'], 'Mid of the MEXC book and of the KuCoin reference book.'),
  gauge('mexc_mm_pricing_step', ['step'], '1 for the fallback chain step pricing us, 0 for the others.'),
  gauge('mexc_mm_stream_state', ['stream', 'state'], '1 for each stream current state, 0 for the others.'),
  gauge('mexc_mm_stream_last_message_age_seconds', ['stream'], 'Seconds since the stream last message.'),
  gauge('mexc_mm_halted', ['reason'], '1 while the kill switch holds (with its reason), else 0.'),
  gauge('mexc_mm_suspended', ['cause'], '1 while an automatic suspension holds (with its cause), else 0.'),
  gauge('mexc_mm_paused', [], '1 while the operator has paused quoting.'),
  gauge('mexc_mm_next_reset_seconds', [], 'Seconds until the next ladder reset.'),
  gauge('mexc_mm_event_queue_depth', [], 'Events waiting for the consumer at the last batch.'),
  gauge('mexc_mm_event_queue_high_water', [], 'The most events ever waiting at once.'),
  counter('mexc_mm_requests_total', [], 'MEXC REST requests sent by the trading port.'),
  counter('mexc_mm_requests_throttled_total', [], 'Requests held back by our own rate budget.'),
  counter('mexc_mm_requests_rate_limited_total', [], 'HTTP 429 answers from MEXC.'),
  counter('mexc_mm_orders_placed_total', [], 'Orders the exchange accepted.'),
  counter('mexc_mm_orders_cancelled_total', [], 'Cancels the exchange confirmed.'),
  counter('mexc_mm_orders_rejected_total', ['reason'], 'Orders the exchange refused, by reason.'),
  counter('mexc_mm_orders_unknown_outcome_total', [], 'Order or cancel requests whose outcome was unknown.'),
  counter('mexc_mm_fills_total', ['side'], 'Fills of our orders.'),
  counter('mexc_mm_filled_base_total', ['side'], 'Base quantity filled.'),
  counter('mexc_mm_filled_quote_total', ['side'], 'Quote value filled.'),
  counter('mexc_mm_resyncs_total', [], 'Book resynchronisations.'),
  counter('mexc_mm_malformed_messages_total', [], 'Stream frames that could not be read.'),
  counter('mexc_mm_invalid_transitions_total', [], 'Order events the order state machine refused.'),
  counter('mexc_mm_errors_total', [], 'Errors the engine logged.'),
];

export const DECISION_LATENCY_METRIC = 'mexc_mm_decision_latency_seconds';
export const ALERT_MESSAGES_METRIC = 'mexc_mm_alert_messages_total';
