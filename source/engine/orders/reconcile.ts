// Reconciliation as a pure comparison between our local orders and the exchange's open orders.
// Runs on start, after every reconnect and every 60 s. Only orders whose clientOrderId carries our
// prefix are ever touched, so a human trading on the same account is left alone.
import type {ExchangeOrder} from '../events.js';
import type {LocalOrder} from './localOrder.js';

export interface ReconcilePlan {
  /** ours on the exchange but unknown locally (e.g. after a crash): take them over */
  adopt: ExchangeOrder[];
  /** ours on the exchange that must go (halted / stopping) */
  cancel: ExchangeOrder[];
  /** local orders the exchange confirms resting: update state and fills */
  confirm: Array<{local: LocalOrder; remote: ExchangeOrder}>;
  /** local orders the exchange no longer has: filled or cancelled while we were not looking */
  close: LocalOrder[];
  /** unknown-outcome orders absent from the list: ask the exchange about each one directly */
  query: LocalOrder[];
}

export function reconcileOrders(input: {
  local: ReadonlyMap<string, LocalOrder>;
  remote: readonly ExchangeOrder[];
  prefix: string;
  /** when the open-orders request was sent: anything we changed after it is not judged by this list */
  listedAt: number;
  graceMs: number;
  adoptUnknown: boolean;
}): ReconcilePlan {
  const plan: ReconcilePlan = {adopt: [], cancel: [], confirm: [], close: [], query: []};
  const remoteIds = new Set<string>();
  for (const remote of input.remote) {
    if (!remote.clientOrderId.startsWith(input.prefix)) continue;
    remoteIds.add(remote.clientOrderId);
    const local = input.local.get(remote.clientOrderId);
    if (local) plan.confirm.push({local, remote});
    else if (input.adoptUnknown) plan.adopt.push(remote);
    else plan.cancel.push(remote);
  }
  const settledBefore = input.listedAt - input.graceMs;
  for (const local of input.local.values()) {
    if (remoteIds.has(local.clientOrderId)) continue;
    if (local.changedAt > settledBefore) continue;
    switch (local.state) {
      case 'pendingNew':
        break; // request still in flight; its answer will come
      case 'unknown':
        plan.query.push(local);
        break;
      case 'open':
      case 'pendingCancel':
      case 'cancelUnknown':
        plan.close.push(local);
        break;
    }
  }
  return plan;
}
