// A decision applied: the planner's retire marks, new orders (pendingNew, journalled, sent) and cancels
// (pendingCancel, journalled, sent), plus the per-side explanation the console shows.
import type {EngineContext} from '../engineContext.js';
import type {CancelIntent} from '../ports.js';
import type {Plan} from '../planner/plan.js';
import {localOrder, retired} from './localOrder.js';
import {changeOrder} from './orderChanges.js';

export function applyPlan(ctx: EngineContext, plan: Plan): void {
  const {state} = ctx;
  state.sideReasons = {bid: plan.sides.bid.reason, ask: plan.sides.ask.reason};
  state.sideShortfall = {bid: plan.sides.bid.shortfallQuote, ask: plan.sides.ask.shortfallQuote};
  for (const {clientOrderId, reason} of plan.retire) {
    const order = state.orders.get(clientOrderId);
    if (order) state.orders.set(clientOrderId, retired(order, reason));
  }
  for (const intent of plan.places) {
    const order = localOrder({
      clientOrderId: intent.clientOrderId,
      orderId: null,
      side: intent.side,
      priceTicks: intent.priceTicks,
      qtyLots: intent.qtyLots,
      filledLots: 0,
      state: 'pendingNew',
      retiring: null,
      createdAt: state.now,
      changedAt: state.now,
      reason: intent.reason,
      trails: intent.trails === true,
    });
    state.orders.set(order.clientOrderId, order);
    ctx.journalOrder('place', order, intent.reason);
  }
  ctx.executor.place(plan.places);
  sendCancels(ctx, plan.cancels);
}

/** Each order is cancelled once: an order whose cancel is already under way is skipped. */
function sendCancels(ctx: EngineContext, cancels: readonly CancelIntent[]): void {
  const sent: CancelIntent[] = [];
  for (const intent of cancels) {
    const order = ctx.state.orders.get(intent.clientOrderId);
    if (!order || order.state === 'pendingCancel') continue;
    const result = changeOrder(ctx, order, {kind: 'cancelSent', at: ctx.state.now});
    if (result.kind === 'invalid') continue;
    ctx.journalOrder('cancel', result.order, intent.reason);
    sent.push(intent);
  }
  ctx.executor.cancel(sent);
}
