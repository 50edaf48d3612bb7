// Applies the order state machine to the engine's orders: the one place an existing order's state
// changes. A refused transition is counted and logged, and the order is kept as it was.
import type {EngineContext} from '../engineContext.js';
import type {LocalOrder} from './localOrder.js';
import {transition, type OrderEvent, type Transition} from './orderTransitions.js';

export function changeOrder(ctx: EngineContext, order: LocalOrder, event: OrderEvent): Transition {
  const result = transition(order, event);
  const orders = ctx.state.orders;
  switch (result.kind) {
    case 'moved':
      orders.set(order.clientOrderId, result.order);
      break;
    case 'gone':
      orders.delete(order.clientOrderId);
      break;
    case 'invalid':
      ctx.state.counters.invalidTransitions++;
      ctx.notices.error(`order ${order.clientOrderId}: ${result.event} refused in state ${result.from}; kept as it was until reconciled`);
      break;
  }
  return result;
}

/** Like changeOrder, journalling the order under `action` when it leaves the book. */
export function removeOrder(ctx: EngineContext, order: LocalOrder, event: OrderEvent, action: 'cancelled' | 'rejected' | 'closed' | 'throttled', reason: (gone: LocalOrder) => string): Transition {
  const result = changeOrder(ctx, order, event);
  if (result.kind === 'gone') ctx.journalOrder(action, result.order, reason(result.order));
  return result;
}
