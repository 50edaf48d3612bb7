// Last step of every stop: ask the exchange for our open orders and cancel any that survived (orders
// whose outcome was unknown, or a cancel that was lost). Returns how many could not be cancelled.
import type {TradingPort} from '../engine/ports.js';
import type {RecentEvent} from '../engine/snapshot.js';

export async function finalSweep(
  trading: TradingPort,
  prefix: string,
  log: (level: RecentEvent['level'], text: string) => void,
  attempts = 3,
): Promise<number> {
  let remaining = -1;
  // the last round only checks: every cancel is followed by a fresh look at the exchange
  for (let attempt = 0; attempt <= attempts; attempt++) {
    let ours;
    try {
      ours = (await trading.openOrders()).filter((o) => o.clientOrderId.startsWith(prefix));
    } catch (error) {
      log('error', `final sweep: open orders unavailable: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    remaining = ours.length;
    if (ours.length === 0 || attempt === attempts) break;
    log('warn', `final sweep: cancelling ${ours.length} order(s) still open`);
    await trading.cancelOrders(ours.map((o) => ({kind: 'cancel', clientOrderId: o.clientOrderId, orderId: o.orderId, reason: 'final sweep'})));
  }
  if (remaining < 0) log('error', 'final sweep: could not confirm that no order of ours is left open');
  return Math.max(remaining, 0);
}
