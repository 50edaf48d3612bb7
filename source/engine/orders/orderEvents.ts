// The answers about our orders (request outcomes from the executor, the private stream's order updates
// and fills, direct queries) applied to engine state through the order state machine. Each handler
// returns whether a decision pass is warranted.
import type {EngineContext} from '../engineContext.js';
import type {EventOf} from '../events.js';
import type {RejectReason} from '../events.js';
import {clearOrderErrors, countOrderError} from '../risk/killSwitch.js';
import {holdForThrottle} from '../risk/throttleHold.js';
import {fillRecord} from '../view/journalRecords.js';
import {ledgerFillOf} from '../ledger/ledgerUpdates.js';
import {lotsToQty, ticksToPrice} from '../symbolRules.js';
import {changeOrder, removeOrder} from './orderChanges.js';
import {reportedOrder} from './reportedOrder.js';

/**
 * Rejections that say "not now" rather than "something is wrong": they do not count toward the kill
 * switch. A venue refusing for now (symbol paused, trading disabled) suspends new orders for a while
 * instead (docs/strategy.md §12.1).
 */
const BENIGN_REJECTIONS: ReadonlySet<RejectReason> = new Set(['insufficientFunds', 'wouldCross', 'notNow']);

export type OrderOutcomeEvent = EventOf<
  'order.ack' | 'order.rejected' | 'order.throttled' | 'order.unknown' | 'cancel.ack' | 'cancel.rejected' | 'cancel.throttled' | 'cancel.unknown' | 'order.query'
>;

export function applyOrderOutcome(ctx: EngineContext, event: OrderOutcomeEvent): boolean {
  const {state, notices} = ctx;
  const order = state.orders.get(event.clientOrderId);
  if (!order) return false;
  switch (event.type) {
    case 'order.ack': {
      const result = changeOrder(ctx, order, {kind: 'placeAcked', orderId: event.orderId, at: event.at});
      if (result.kind === 'invalid') return true;
      state.counters.ordersPlaced++;
      clearOrderErrors(state);
      ctx.journalOrder('placed', result.order, result.order.reason);
      return true;
    }
    case 'order.rejected': {
      const result = removeOrder(ctx, order, {kind: 'placeRefused', at: event.at}, 'rejected', () => event.detail);
      if (result.kind === 'invalid') return true;
      state.counters.ordersRejected++;
      state.tallies.rejectedByReason[event.reason] = (state.tallies.rejectedByReason[event.reason] ?? 0) + 1;
      const benign = BENIGN_REJECTIONS.has(event.reason);
      if (!benign) countOrderError(state, event.requestId);
      if (event.reason === 'notNow') state.venueRefusal = {at: event.at, detail: event.detail};
      const text = `order ${order.clientOrderId} rejected: ${event.detail}`.replace(/\s+/g, ' ');
      if (benign) notices.info(text);
      else notices.error(text);
      return true;
    }
    case 'order.throttled':
      // never executed: the order does not exist, and nothing is wrong with it (no kill-switch count)
      if (removeOrder(ctx, order, {kind: 'placeRefused', at: event.at}, 'throttled', () => event.message).kind !== 'invalid') {
        holdForThrottle(state, notices, event.retryAt, event.message);
      }
      return true;
    case 'cancel.throttled': {
      const result = changeOrder(ctx, order, {kind: 'cancelRefused', at: event.at});
      if (result.kind === 'invalid') return true;
      ctx.journalOrder('cancel-throttled', result.order, event.message);
      holdForThrottle(state, notices, event.retryAt, event.message);
      return true;
    }
    case 'order.unknown': {
      const result = changeOrder(ctx, order, {kind: 'placeUnknown', at: event.at});
      if (result.kind === 'invalid') return true;
      state.counters.unknownOutcomes++;
      countOrderError(state, event.requestId);
      notices.error(`order ${order.clientOrderId} outcome unknown (${event.message}); will reconcile`);
      ctx.journalOrder('unknown', result.order, event.message);
      return true;
    }
    case 'cancel.ack':
      if (removeOrder(ctx, order, {kind: 'cancelAcked', at: event.at}, 'cancelled', (o) => o.retiring ?? o.reason).kind !== 'invalid') {
        state.counters.ordersCancelled++;
        clearOrderErrors(state);
      }
      return true;
    case 'cancel.rejected': {
      if (event.reason === 'orderNotFound') {
        // filled or never placed: either way it no longer rests
        removeOrder(ctx, order, {kind: 'cancelFoundGone', at: event.at}, 'closed', () => `cancel: ${event.detail}`);
        return true;
      }
      const result = changeOrder(ctx, order, {kind: 'cancelRefused', at: event.at});
      if (result.kind === 'invalid') return true;
      // one refused cancel request counts once, however many orders it carried (docs/strategy.md §13)
      countOrderError(state, event.requestId);
      notices.error(`cancel of ${order.clientOrderId} rejected: ${event.detail}`);
      ctx.journalOrder('cancel-rejected', result.order, event.detail);
      return true;
    }
    case 'cancel.unknown':
      if (changeOrder(ctx, order, {kind: 'cancelUnknown', at: event.at}).kind !== 'invalid') {
        state.counters.unknownOutcomes++;
        notices.error(`cancel of ${order.clientOrderId} outcome unknown (${event.message}); will reconcile`);
      }
      return true;
    case 'order.query': {
      const remote = event.order;
      if (remote === null || remote.status !== 'resting') {
        const why = remote === null ? 'exchange does not know it: never placed' : `exchange says ${remote.status}`;
        removeOrder(ctx, order, {kind: 'gone'}, 'closed', () => why);
        return true;
      }
      if (changeOrder(ctx, order, {kind: 'queriedResting', orderId: remote.orderId, filledLots: remote.filledLots, at: event.at}).kind !== 'invalid') {
        notices.info(`order ${order.clientOrderId} confirmed on the book after an unknown outcome`);
      }
      return true;
    }
  }
}

/** The private stream's view of an order of ours. */
export function applyOrderUpdate(ctx: EngineContext, event: EventOf<'order.update'>): boolean {
  const {state} = ctx;
  const order = reportedOrder(state.orders, event);
  if (!order) {
    // an order of ours we do not know (placed before a crash): the next reconcile adopts it properly
    if (event.clientOrderId.startsWith(state.config.exchange.clientOrderIdPrefix) && event.status === 'resting') state.lastReconcileAt = null;
    return false;
  }
  switch (event.status) {
    case 'resting':
      changeOrder(ctx, order, {kind: 'pushedResting', orderId: event.orderId, filledLots: event.filledLots, at: event.at});
      return true;
    case 'filled':
      removeOrder(ctx, order, {kind: 'gone', orderId: event.orderId, filledLots: event.filledLots}, 'closed', () => 'filled');
      return true;
    case 'cancelled':
      if (order.state === 'pendingCancel' || order.state === 'cancelUnknown') state.counters.ordersCancelled++;
      removeOrder(ctx, order, {kind: 'gone', orderId: event.orderId, filledLots: event.filledLots}, 'cancelled', (o) => o.retiring ?? 'cancelled on the exchange');
      return true;
  }
}

export function applyFill(ctx: EngineContext, event: EventOf<'fill'>): boolean {
  const {state} = ctx;
  // a deal push without our client id is taken as the order its exchange id names, if we still hold it
  const fill = event.clientOrderId === '' ? {...event, clientOrderId: reportedOrder(state.orders, event)?.clientOrderId ?? ''} : event;
  const entry = ledgerFillOf(state, fill);
  // the same trade twice (a push, then the catch-up after a restart): counted once, everywhere, and
  // journalled once (docs/strategy.md §19.3)
  if (!state.ledger.addFill(entry)) return false;
  state.counters.fills++;
  const tally = state.tallies.fills[event.side === 'BUY' ? 'bid' : 'ask'];
  tally.count++;
  tally.base += entry.qty;
  tally.quote += entry.qty * entry.price;
  ctx.outputs.journal(fillRecord(state, fill, entry));
  ctx.notices.info(`fill ${fill.side} ${lotsToQty(fill.qtyLots, state.rules)} @ ${ticksToPrice(fill.priceTicks, state.rules)} (${fill.clientOrderId || fill.orderId})`);
  ctx.persistSoon();
  return true;
}
