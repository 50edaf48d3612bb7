// Reconciliation applied: the open-orders listing compared with our orders (reconcile.ts decides, this
// applies), and the request that starts a reconcile. Runs on start, after every reconnect of the private
// stream or the book, and every `timers.reconcileIntervalSec`.
import type {EngineContext} from '../engineContext.js';
import type {EngineState} from '../engineState.js';
import type {EventOf} from '../events.js';
import {localOrder, queried} from './localOrder.js';
import {changeOrder, removeOrder} from './orderChanges.js';
import {reconcileOrders} from './reconcile.js';

/** Orders whose change is this recent are not judged by a listing (their answer may still be on its way). */
export const RECONCILE_GRACE_MS = 3000;
/** Balances also arrive on the private stream: a REST refresh is needed only now and then. */
const BALANCE_REFRESH_MS = 5 * 60_000;
/**
 * A balance read asked for this recently is still on its way: a second reconcile right after the first
 * (the book and the private stream both come up at start) does not ask again. MEXC allows the account
 * endpoint twice a second (docs/protocols/mexc.md §2.1), and the start-up checks have just used it.
 */
export const BALANCE_READ_GAP_MS = 1000;
/**
 * A reconcile whose listing or balances read failed is tried again this soon rather than at the next
 * interval (60 s): until balances are known the bot cannot quote, and the listing is its safety net.
 */
export const RECONCILE_RETRY_MS = 5000;

export function applyOpenOrders(ctx: EngineContext, event: EventOf<'openOrders'>): boolean {
  const {state} = ctx;
  state.reconcileInFlight = false;
  state.lastReconcileAt = event.at;
  const plan = reconcileOrders({
    local: state.orders,
    remote: event.orders,
    prefix: state.config.exchange.clientOrderIdPrefix,
    listedAt: event.at,
    graceMs: RECONCILE_GRACE_MS,
    adoptUnknown: state.trading.kind !== 'halted' && state.trading.kind !== 'stopping',
  });
  for (const {local, remote} of plan.confirm) changeOrder(ctx, local, {kind: 'listed', orderId: remote.orderId, filledLots: remote.filledLots});
  for (const remote of plan.adopt) {
    const order = localOrder({...fromExchange(remote), state: 'open', retiring: null, createdAt: event.at, changedAt: event.at, reason: 'adopted'});
    state.orders.set(order.clientOrderId, order);
    ctx.journalOrder('adopted', order, 'found on the exchange');
  }
  if (plan.adopt.length > 0) ctx.notices.info(`adopted ${plan.adopt.length} order(s) of ours found on the exchange`);
  // ours on the exchange while halted or stopping: cancelled at once, tracked until the answer comes
  const reason = 'reconcile: not wanted';
  for (const remote of plan.cancel) {
    state.orders.set(remote.clientOrderId, localOrder({...fromExchange(remote), state: 'pendingCancel', retiring: 'reconcile', createdAt: event.at, changedAt: state.now, reason}));
  }
  ctx.executor.cancel(plan.cancel.map((remote) => ({kind: 'cancel' as const, clientOrderId: remote.clientOrderId, orderId: remote.orderId, reason})));
  for (const local of plan.close) removeOrder(ctx, local, {kind: 'gone'}, 'closed', () => 'no longer on the exchange');
  if (plan.query.length > 0) {
    for (const local of plan.query) state.orders.set(local.clientOrderId, queried(local, state.now));
    ctx.executor.query(plan.query.map((o) => o.clientOrderId));
  }
  return true;
}

const fromExchange = (remote: EventOf<'openOrders'>['orders'][number]) => ({
  clientOrderId: remote.clientOrderId,
  orderId: remote.orderId,
  side: remote.side,
  priceTicks: remote.priceTicks,
  qtyLots: remote.origQtyLots,
  filledLots: remote.filledLots,
});

/** A reconcile read failed: start one again in RECONCILE_RETRY_MS, or once a Retry-After has passed. */
export function retryReconcile(state: EngineState, rateLimitedUntil: number | null): void {
  const at = Math.max(state.now + RECONCILE_RETRY_MS, rateLimitedUntil ?? 0);
  state.reconcileRetryAt = state.reconcileRetryAt === null ? at : Math.min(state.reconcileRetryAt, at);
}

/** Starts the retry of a failed reconcile once it is due (checked every second). */
export function reconcileRetryDue(ctx: EngineContext): void {
  const {state} = ctx;
  if (state.reconcileRetryAt !== null && state.now >= state.reconcileRetryAt) startReconcile(ctx);
}

export function startReconcile(ctx: EngineContext): void {
  const {state} = ctx;
  if (state.reconcileInFlight) return;
  state.reconcileInFlight = true;
  state.reconcileRetryAt = null;
  // each REST balance refresh is a weighted request against the hourly budget: only when balances are
  // unknown, the private stream is not live, or the last refresh is old, and never twice within the gap
  const sinceLastRead = state.now - state.lastBalanceRefreshAt;
  const balancesDue =
    (!state.balancesKnown || state.streams['mexc.user'].state !== 'live' || sinceLastRead >= BALANCE_REFRESH_MS) && sinceLastRead >= BALANCE_READ_GAP_MS;
  if (balancesDue) state.lastBalanceRefreshAt = state.now;
  ctx.executor.reconcile(balancesDue);
}
