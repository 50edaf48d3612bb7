// Last step of every stop: ask the exchange for our open orders and cancel any that survived (orders
// whose outcome was unknown, or a cancel that was lost), until the exchange confirms none is left or the
// deadline passes. A rate-limit block (429 / Retry-After, or our own budget) is waited out rather than
// counted as an answer: "could not ask" is never reported as "nothing left".
import {PortError, type TradingPort} from '../engine/ports.js';
import type {Logger} from '../exchanges/shared/logger.js';

const SETTLE_MS = 300;

export interface SweepOptions {
  /** give up after this long (ms) */
  deadlineMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Our orders still open when the sweep ended, or null when the exchange never confirmed either way. */
export async function finalSweep(
  trading: TradingPort,
  prefix: string,
  log: Logger,
  options: SweepOptions = {},
): Promise<number | null> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.deadlineMs ?? 30_000);
  let remaining: number | null = null;
  let retryMs = 500;
  for (;;) {
    let ours;
    try {
      ours = (await trading.openOrders()).filter((o) => o.clientOrderId.startsWith(prefix));
    } catch (error) {
      const until = error instanceof PortError ? error.rateLimitedUntil : null;
      const wait = Math.max(retryMs, (until ?? 0) - now());
      retryMs = Math.min(retryMs * 2, 4000);
      if (now() + wait > deadline) {
        log('error', `final sweep: open orders unavailable (${(error as Error).message}); giving up`);
        break;
      }
      log('warn', `final sweep: open orders unavailable (${(error as Error).message}); asking again in ${Math.ceil(wait / 100) / 10} s`);
      await sleep(wait);
      continue;
    }
    remaining = ours.length;
    if (ours.length === 0 || now() >= deadline) break;
    log('warn', `final sweep: cancelling ${ours.length} order(s) still open`);
    const outcomes = await trading.cancelOrders(ours.map((o) => ({kind: 'cancel', clientOrderId: o.clientOrderId, orderId: o.orderId, reason: 'final sweep'})));
    // give the cancels a moment to land before looking again; a throttled cancel was not executed at
    // all: wait until requests may flow again
    const retryAt = Math.max(now() + SETTLE_MS, ...outcomes.map((o) => (o.kind === 'throttled' ? (o.retryAt ?? now() + retryMs) : 0)));
    await sleep(Math.max(0, Math.min(retryAt, deadline) - now()));
  }
  if (remaining === null) log('error', 'final sweep: could not confirm that no order of ours is left open');
  else if (remaining > 0) log('error', `final sweep: ${remaining} order(s) of ours still open on the exchange`);
  return remaining;
}
