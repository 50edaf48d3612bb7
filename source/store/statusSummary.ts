// The human-readable `mexc-mm status`: one screen an operator reads at a glance (the ledger's P&L lines:
// ledgerStatusLines.ts).
import type {ComplianceSample, PassRates, PersistedState} from '../engine/view/snapshot.js';
import {formatAmount, formatDuration, formatFraction, formatPercent, formatPrice, formatTime} from './displayFormat.js';
import {ledgerStatusLines} from './ledgerStatusLines.js';

export interface Liveness {
  running: boolean;
  pidAlive: boolean;
  updatedAgoSec: number;
}

const rates = (label: string, r: PassRates): string =>
  r.samples === 0
    ? `${label} no samples`
    : `${label} ${formatPercent(r.perSide)} (combined ${formatPercent(r.combined)}, bid ${formatPercent(r.bid)}, ask ${formatPercent(r.ask)}, spread ${formatPercent(r.spread)}; ${formatAmount(r.samples, 0)} samples)`;

const sampleLine = (s: ComplianceSample | null): string => {
  if (!s) return 'no sample yet';
  const verdict = s.pass ? 'PASS' : `FAIL (${s.reason ?? 'no reason given'})`;
  return `${verdict}: spread ${formatFraction(s.spread)}, bid ${formatAmount(s.bidDepth)} (ours ${formatAmount(s.ownBidDepth)}), ask ${formatAmount(s.askDepth)} (ours ${formatAmount(s.ownAskDepth)}), combined ${formatAmount(s.combinedDepth)} ${s.passCombined ? 'passes' : 'fails'}`;
};

const ago = (at: number | null, now: number): string => (at === null ? 'never' : `${formatDuration((now - at) / 1000)} ago`);

export function formatStatusSummary(state: PersistedState, live: Liveness, now: number): string[] {
  const lines: string[] = [];
  const q = state.quoteAsset;
  const runningText = live.running
    ? `RUNNING (pid ${state.pid}, updated ${formatDuration(live.updatedAgoSec)} ago, up ${formatDuration((now - state.startedAt) / 1000)})`
    : `STOPPED (last update ${formatTime(state.updatedAt)}, ${formatDuration(live.updatedAgoSec)} ago; pid ${state.pid} ${live.pidAlive ? 'alive but not updating' : 'not running'})`;
  lines.push(`mexc-mm ${state.symbol} / ${state.referenceSymbol} [${state.mode}] — ${runningText}`);

  const control: string[] = [];
  if (state.halted) control.push(`HALTED since ${formatTime(state.halted.since)}: ${state.halted.reason} (stays halted across restarts until resumed)`);
  if (state.suspension) control.push(`SUSPENDED since ${formatTime(state.suspension.since)}: ${state.suspension.reason}`);
  if (state.paused) control.push('PAUSED');
  const lastControl = control.length > 0 ? control.join('; ') : 'quoting';
  // a stopped bot quotes nothing, whatever its last state file says it was doing
  lines.push(`control   ${live.running ? lastControl : `not quoting: not running (at its last update: ${lastControl})`}`);

  const f = state.fair;
  if (state.pricing.step !== 'reference') lines.push(`pricing   ${state.pricing.detail} since ${formatTime(state.pricing.since)} (${state.pricing.outage})`);
  lines.push(
    `fair      ${formatPrice(f.price)} ${q} (${f.model}; MEXC mid ${formatPrice(f.mexcMid)}, KuCoin mid ${formatPrice(f.kucoinMid)}, depth MEXC ${f.mexcDepth === null ? '—' : formatAmount(f.mexcDepth)} / KuCoin ${f.kucoinDepth === null ? '—' : formatAmount(f.kucoinDepth)})`,
  );
  lines.push(`spread    MEXC ${formatFraction(state.spread.mexc)}, KuCoin ${formatFraction(state.spread.kucoin)}`);
  const band = formatFraction(state.bandPct, 1);
  const short = (value: number) => (value < state.depthTarget ? ' SHORT' : '');
  lines.push(
    `depth ±${band.replace(' ', '')}  bid ${formatAmount(state.depth.bid)} / ${formatAmount(state.depthTarget)} ${q}${short(state.depth.bid)}, ask ${formatAmount(state.depth.ask)} / ${formatAmount(state.depthTarget)} ${q}${short(state.depth.ask)}, combined ${formatAmount(state.depth.combined)}`,
  );

  const c = state.compliance;
  lines.push(`compliance now ${sampleLine(c.now)}`);
  lines.push(`  ${rates('1h', c.lastHour)}`);
  lines.push(`  ${rates('24h', c.lastDay)}`);
  const streak = c.streakSec >= 0 ? `passing for ${formatDuration(c.streakSec)}` : `failing for ${formatDuration(-c.streakSec)}`;
  lines.push(`  streak ${streak}, longest gap ${formatDuration(c.longestGapSec)}`);
  if (c.lastFailure) lines.push(`  last failure ${formatTime(c.lastFailure.at)}: ${c.lastFailure.reason}`);

  const bids = state.orders.filter((o) => o.side === 'BUY').sort((a, b) => b.price - a.price);
  const asks = state.orders.filter((o) => o.side === 'SELL').sort((a, b) => a.price - b.price);
  lines.push(`orders    ${state.orders.length} open (${bids.length} bid, ${asks.length} ask)`);
  for (const o of [...asks.reverse(), ...bids]) {
    const filled = o.filled > 0 ? ` filled ${formatAmount(o.filled, 8)}` : '';
    lines.push(`  ${o.side === 'BUY' ? 'bid' : 'ask'} ${formatPrice(o.price)} × ${formatAmount(o.qty, 8)}${filled} ${o.status} ${o.clientOrderId}`);
  }

  const b = state.balances;
  lines.push(
    `balances  ${b.base.asset} ${formatAmount(b.base.free, 8)} free + ${formatAmount(b.base.locked, 8)} locked; ${b.quote.asset} ${formatAmount(b.quote.free)} free + ${formatAmount(b.quote.locked)} locked; base ratio ${formatFraction(b.baseRatio, 1)}`,
  );
  for (const [label, side] of [
    ['bid', state.sides.bid],
    ['ask', state.sides.ask],
  ] as const) {
    const status = side.quoting ? 'quoting' : 'NOT quoting';
    lines.push(
      `side ${label}  ${status}${side.reason ? ` — ${side.reason}` : ''}; ours ${formatAmount(side.ownDepth)} / ${formatAmount(side.target)} ${q}`,
    );
  }

  // an older state file has no ledger at all (the field came with it)
  lines.push(...ledgerStatusLines((state as {ledger?: PersistedState['ledger']}).ledger, state, now));

  // a stopped bot's stream states and reset time are history, not the present: say so
  lines.push(live.running ? 'streams' : 'streams (as last seen before the bot stopped)');
  for (const [name, health] of Object.entries(state.streams)) {
    lines.push(`  ${name.padEnd(15)} ${health.state}${health.reason ? ` (${health.reason})` : ''}, last message ${ago(health.lastMessageAt, now)}`);
  }

  const k = state.counters;
  lines.push(
    `counters  requests ${k.requests} (throttled ${k.throttled}, rate-limited ${k.rateLimited}), placed ${k.ordersPlaced}, cancelled ${k.ordersCancelled}, rejected ${k.ordersRejected}, unknown ${k.unknownOutcomes}, fills ${k.fills}, resyncs ${k.resyncs}, malformed ${k.malformed}, errors ${k.errors}`,
  );
  lines.push(`last error ${state.lastError ? `${formatTime(state.lastError.at)} (${ago(state.lastError.at, now)}): ${state.lastError.message}` : 'none'}`);
  if (live.running)
    lines.push(
      `next reset ${state.nextResetAt === null ? '—' : `${formatTime(state.nextResetAt)} (${state.nextResetAt >= now ? `in ${formatDuration((state.nextResetAt - now) / 1000)}` : 'overdue'})`}`,
    );
  else lines.push('next reset — (not running)');
  return lines;
}
