// Our view of one of our orders, and the one place such a record is built. Its `state` changes only
// through orderTransitions.ts; the other fields that change (retiring, changedAt when a query is sent)
// have their own small functions here.
import type {Side} from '../events.js';

/**
 * - pendingNew: sent, no answer yet; unknown: no definite answer (maybe on the book) until reconciled;
 * - open: acknowledged/seen on the exchange; pendingCancel: cancel sent; cancelUnknown: cancel outcome unknown.
 */
export type LocalOrderState = 'pendingNew' | 'unknown' | 'open' | 'pendingCancel' | 'cancelUnknown';

export const localOrderStates: readonly LocalOrderState[] = ['pendingNew', 'unknown', 'open', 'pendingCancel', 'cancelUnknown'];

export interface LocalOrder {
  readonly clientOrderId: string;
  readonly orderId: string | null;
  readonly side: Side;
  readonly priceTicks: number;
  readonly qtyLots: number;
  readonly filledLots: number;
  readonly state: LocalOrderState;
  /**
   * Set once the order has been replaced by a newer one (or a reset began): it is cancelled once its
   * replacement rests, so place-before-cancel keeps depth on the book while orders move.
   */
  readonly retiring: string | null;
  readonly createdAt: number;
  /** when the last request about this order was sent or answered */
  readonly changedAt: number;
  readonly reason: string;
  /**
   * placed as the fixed ladder's inner quote: it may hold that level while it drifts away from fair within
   * the spread rule (planner/innerTrail.ts). Orders adopted from the exchange (after a restart too) never trail.
   */
  readonly trails: boolean;
}

/** Builds a LocalOrder: the only literal of the type (new placements, adopted and to-be-cancelled orders). */
export function localOrder(fields: {
  clientOrderId: string;
  orderId: string | null;
  side: Side;
  priceTicks: number;
  qtyLots: number;
  filledLots: number;
  state: LocalOrderState;
  retiring: string | null;
  createdAt: number;
  changedAt: number;
  reason: string;
  trails?: boolean;
}): LocalOrder {
  return {
    clientOrderId: fields.clientOrderId,
    orderId: fields.orderId,
    side: fields.side,
    priceTicks: fields.priceTicks,
    qtyLots: fields.qtyLots,
    filledLots: fields.filledLots,
    state: fields.state,
    retiring: fields.retiring,
    createdAt: fields.createdAt,
    changedAt: fields.changedAt,
    reason: fields.reason,
    trails: fields.trails ?? false,
  };
}

/** Orders that may still hold a level: not yet on their way out. */
export const isWorking = (order: LocalOrder): boolean =>
  order.state === 'open' || order.state === 'pendingNew' || order.state === 'unknown';

export const remainingLots = (order: LocalOrder): number => Math.max(0, order.qtyLots - order.filledLots);

/** Marks the order for cancellation once its replacement rests (the first reason given sticks). */
export const retired = (order: LocalOrder, reason: string): LocalOrder => (order.retiring ? order : {...order, retiring: reason});

/** A query about the order was just sent: the reconcile grace window counts from now. */
export const queried = (order: LocalOrder, at: number): LocalOrder => ({...order, changedAt: at});
