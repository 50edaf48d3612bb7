// What one decision pass produces: orders to place, orders to cancel now, orders to retire (cancel once
// their replacement rests), and per side why it is not (fully) quoting.
import type {Side} from '../events.js';
import type {CancelIntent, PlaceIntent} from '../ports.js';
import type {FairPriceResult} from '../market/fairPrice.js';
import type {PricingDecision} from '../market/pricingChain.js';
import type {SuspensionCause} from '../risk/suspension.js';
import type {LocalOrder} from '../orders/localOrder.js';

export interface SidePlan {
  /** why the side is not (fully) quoting; null when all is well */
  reason: string | null;
  shortfallQuote: number;
}

/** An order to place, and whether it is the fixed ladder's inner quote, which may trail (innerTrail.ts). */
export type PlannedPlace = PlaceIntent & {trails?: true};

export interface Plan {
  /** the price the plan centres on (from the reference or a fallback step) and its inputs */
  fair: FairPriceResult | null;
  /** which step of the fallback chain priced this plan (null only for plans built outside planOrders) */
  pricing: PricingDecision | null;
  /** the automatic suspension in force for this plan, if any */
  suspension: {cause: SuspensionCause; reason: string} | null;
  places: PlannedPlace[];
  cancels: CancelIntent[];
  retire: Array<{clientOrderId: string; reason: string}>;
  sides: {bid: SidePlan; ask: SidePlan};
}

export const sideKey = (side: Side): 'bid' | 'ask' => (side === 'BUY' ? 'bid' : 'ask');

export function cancelIntent(order: LocalOrder, reason: string): CancelIntent {
  return {kind: 'cancel', clientOrderId: order.clientOrderId, orderId: order.orderId, reason};
}

/** Nothing changes; both sides carry the same reason. */
export function holdPlan(fair: FairPriceResult | null, reason: string): Plan {
  return {fair, pricing: null, suspension: null, places: [], cancels: [], retire: [], sides: {bid: {reason, shortfallQuote: 0}, ask: {reason, shortfallQuote: 0}}};
}

/** Cancel every order that can be cancelled now (halt, quit, cancel-all, stale beyond hold). */
export function cancelEverything(orders: Iterable<LocalOrder>, reason: string, fair: FairPriceResult | null): Plan {
  const cancels: CancelIntent[] = [];
  for (const order of orders) {
    if (order.state === 'open' || order.state === 'unknown') cancels.push(cancelIntent(order, reason));
  }
  const side: SidePlan = {reason, shortfallQuote: 0};
  return {fair, pricing: null, suspension: null, places: [], cancels, retire: [], sides: {bid: side, ask: {...side}}};
}
