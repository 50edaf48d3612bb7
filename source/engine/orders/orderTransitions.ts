// The order state machine: every change of a LocalOrder's state goes through `transition`, driven by the
// table below. A pair (state, event) missing from the table is refused: the caller counts and logs it and
// keeps the order as it was, so a contradiction between two answers never silently rewrites our picture.
//
// 'gone' means the order no longer rests (filled, cancelled, refused, unknown to the exchange): the
// caller removes it from the engine's orders.
import type {LocalOrder, LocalOrderState} from './localOrder.js';

export type OrderEvent =
  /** the place request was accepted */
  | {kind: 'placeAcked'; orderId: string; at: number}
  /** the place request was rejected or throttled: the order never reached the book */
  | {kind: 'placeRefused'; at: number}
  /** the place request got no definite answer: maybe placed */
  | {kind: 'placeUnknown'; at: number}
  | {kind: 'cancelSent'; at: number}
  | {kind: 'cancelAcked'; at: number}
  /** the cancel was rejected (not for "unknown order") or throttled: the order still rests */
  | {kind: 'cancelRefused'; at: number}
  | {kind: 'cancelUnknown'; at: number}
  /** the cancel was answered "unknown order": filled or never placed, either way not resting */
  | {kind: 'cancelFoundGone'; at: number}
  /** the open-orders listing of a reconcile has it (a listing is not an answer about this order: changedAt stays) */
  | {kind: 'listed'; orderId: string; filledLots: number}
  /** a direct query found it resting */
  | {kind: 'queriedResting'; orderId: string; filledLots: number; at: number}
  /** the private stream reported it NEW or partially filled */
  | {kind: 'pushedResting'; orderId: string; filledLots: number; at: number}
  /** the exchange says it no longer rests (filled, cancelled, not known, not listed) */
  | {kind: 'gone'; orderId?: string; filledLots?: number};

export type OrderEventKind = OrderEvent['kind'];

type Target = LocalOrderState | 'gone';

/**
 * Allowed transitions: TABLE[event][from] = to. Notes on the less obvious cells:
 * - placeAcked / placeUnknown on an order already seen resting (open, or with a cancel under way): the
 *   private stream can report the order before the REST answer arrives; the later answer adds nothing.
 * - placeRefused on open: the exchange's definite "no" wins over an earlier push; reconcile adopts the
 *   order again if it does rest after all. With a cancel under way it is a contradiction: refused.
 * - cancel answers only from pendingCancel: the state a cancel is sent from, and nothing else moves an
 *   order out of it while the answer is outstanding.
 * - listed / queriedResting on cancelUnknown: still on the book, so the cancel did not happen.
 */
const TABLE: Record<OrderEventKind, Partial<Record<LocalOrderState, Target>>> = {
  placeAcked: {pendingNew: 'open', unknown: 'open', open: 'open', pendingCancel: 'pendingCancel', cancelUnknown: 'cancelUnknown'},
  placeRefused: {pendingNew: 'gone', unknown: 'gone', open: 'gone'},
  placeUnknown: {pendingNew: 'unknown', unknown: 'unknown', open: 'open', pendingCancel: 'pendingCancel', cancelUnknown: 'cancelUnknown'},
  cancelSent: {open: 'pendingCancel', unknown: 'pendingCancel'},
  cancelAcked: {pendingCancel: 'gone'},
  cancelRefused: {pendingCancel: 'open'},
  cancelUnknown: {pendingCancel: 'cancelUnknown'},
  cancelFoundGone: {pendingCancel: 'gone'},
  listed: {pendingNew: 'open', unknown: 'open', open: 'open', pendingCancel: 'pendingCancel', cancelUnknown: 'open'},
  queriedResting: {pendingNew: 'open', unknown: 'open', open: 'open', pendingCancel: 'pendingCancel', cancelUnknown: 'open'},
  pushedResting: {pendingNew: 'open', unknown: 'open', open: 'open', pendingCancel: 'pendingCancel', cancelUnknown: 'cancelUnknown'},
  gone: {pendingNew: 'gone', unknown: 'gone', open: 'gone', pendingCancel: 'gone', cancelUnknown: 'gone'},
};

export type Transition =
  | {kind: 'moved'; order: LocalOrder}
  | {kind: 'gone'; order: LocalOrder}
  | {kind: 'invalid'; order: LocalOrder; event: OrderEventKind; from: LocalOrderState};

/** Where `event` takes an order in state `from`, or null when the table refuses it. */
export const transitionTarget = (from: LocalOrderState, event: OrderEventKind): Target | null => TABLE[event][from] ?? null;

export function transition(order: LocalOrder, event: OrderEvent): Transition {
  const target = transitionTarget(order.state, event.kind);
  if (target === null) return {kind: 'invalid', order, event: event.kind, from: order.state};
  const next = withFacts(order, event);
  return target === 'gone' ? {kind: 'gone', order: next} : {kind: 'moved', order: next.state === target ? next : {...next, state: target}};
}

/** The facts an event carries besides the state: order id, fills, and when we last heard about the order. */
function withFacts(order: LocalOrder, event: OrderEvent): LocalOrder {
  switch (event.kind) {
    case 'placeAcked':
      return {...order, orderId: event.orderId, changedAt: event.at};
    case 'placeRefused':
    case 'placeUnknown':
    case 'cancelSent':
    case 'cancelAcked':
    case 'cancelRefused':
    case 'cancelUnknown':
    case 'cancelFoundGone':
      return {...order, changedAt: event.at};
    case 'listed':
      return {...order, orderId: event.orderId, filledLots: Math.max(order.filledLots, event.filledLots)};
    case 'queriedResting':
      return {...order, orderId: event.orderId, filledLots: Math.max(order.filledLots, event.filledLots), changedAt: event.at};
    case 'pushedResting':
      return {...order, orderId: event.orderId || order.orderId, filledLots: Math.max(order.filledLots, event.filledLots), changedAt: event.at};
    case 'gone':
      return {...order, orderId: event.orderId || order.orderId, filledLots: Math.max(order.filledLots, event.filledLots ?? 0)};
  }
}
