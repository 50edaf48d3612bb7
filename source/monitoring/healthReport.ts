// What /healthz and /readyz answer (docs/monitoring.md §2), as pure functions of the latest snapshot and
// the clock. Healthy: the engine publishes snapshots, both books are live, the last compliance sample is
// fresh. Ready: both sides have quoted in this run (ReadinessLatch remembers it).
import type {EngineSnapshot} from '../engine/view/snapshot.js';

export interface HealthReport {
  ok: boolean;
  /** the first check that failed; null when ok */
  reason: string | null;
  checks: Record<string, boolean>;
}

/** A snapshot older than this means the consumer is stuck or gone (it publishes every 200 ms under the console, every second headless). */
export const SNAPSHOT_STALE_MS = 5_000;

export interface HealthContext {
  now: number;
  /** the compliance sample interval (timers.complianceSampleSec), in ms */
  sampleIntervalMs: number;
  /** the run is stopping (a quit or a signal): not healthy, not ready */
  stopping: boolean;
}

export function healthReport(snapshot: EngineSnapshot | null, context: HealthContext): HealthReport {
  if (snapshot === null) return {ok: false, reason: 'starting', checks: {engine: false, books: false, compliance: false}};
  const {now} = context;
  const engine = now - snapshot.updatedAt <= SNAPSHOT_STALE_MS;
  const mexc = snapshot.streams['mexc.book'].state === 'live';
  const kucoin = snapshot.streams['kucoin.book'].state === 'live';
  const sampleAt = snapshot.compliance.now?.at ?? null;
  const freshWithin = Math.max(SNAPSHOT_STALE_MS, 3 * context.sampleIntervalMs);
  const compliance = sampleAt !== null && now - sampleAt <= freshWithin;
  const checks = {engine, mexcBook: mexc, kucoinBook: kucoin, compliance, running: !context.stopping};
  const reason = context.stopping
    ? 'stopping'
    : !engine
      ? `engine snapshot ${Math.round((now - snapshot.updatedAt) / 1000)} s old`
      : !mexc
        ? `mexc.book ${snapshot.streams['mexc.book'].state}`
        : !kucoin
          ? `kucoin.book ${snapshot.streams['kucoin.book'].state}`
          : !compliance
            ? sampleAt === null
              ? 'no compliance sample yet'
              : `last compliance sample ${Math.round((now - sampleAt) / 1000)} s old`
            : null;
  return {ok: reason === null, reason, checks};
}

/** Whether the snapshot shows an order of ours resting on each side. */
export function restingSides(snapshot: EngineSnapshot): {bid: boolean; ask: boolean} {
  let bid = false;
  let ask = false;
  for (const order of snapshot.orders) {
    if (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED') continue;
    if (order.side === 'BUY') bid = true;
    else ask = true;
  }
  return {bid, ask};
}

/** Remembers, across snapshots, whether each side has quoted (an order of ours rested) in this run. */
export class ReadinessLatch {
  private readonly quoted = {bid: null as number | null, ask: null as number | null};

  observe(snapshot: EngineSnapshot): void {
    if (this.quoted.bid !== null && this.quoted.ask !== null) return;
    const resting = restingSides(snapshot);
    if (resting.bid) this.quoted.bid ??= snapshot.updatedAt;
    if (resting.ask) this.quoted.ask ??= snapshot.updatedAt;
  }

  report(stopping: boolean): HealthReport {
    const checks = {bidQuoted: this.quoted.bid !== null, askQuoted: this.quoted.ask !== null, running: !stopping};
    const reason = stopping ? 'stopping' : !checks.bidQuoted && !checks.askQuoted ? 'no side has quoted yet' : !checks.bidQuoted ? 'the bid side has not quoted yet' : !checks.askQuoted ? 'the ask side has not quoted yet' : null;
    return {ok: reason === null, reason, checks};
  }
}
