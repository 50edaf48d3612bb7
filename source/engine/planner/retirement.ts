// When retiring orders of a side are cancelled: once the ladder is whole (their replacements rest), at
// once when the side is paused or not quoting (no replacement will come, and stale orders off the ladder
// still go: safety first), or one at a time to free funds for replacements that could not be funded.
import type {CancelIntent} from '../ports.js';
import type {LocalOrder} from '../orders/localOrder.js';
import type {LadderLevel} from './ladder.js';
import {cancelIntent} from './plan.js';
import type {PlacesBlocked} from './gates.js';

export interface RetirementInput {
  /** every order of the side */
  sideOrders: readonly LocalOrder[];
  /** orders of the side that are retiring (before or in this pass), risk cancels excluded */
  retiring: readonly LocalOrder[];
  ladder: readonly LadderLevel[];
  missingLevels: number;
  placedNow: number;
  placesBlocked: PlacesBlocked | null;
  blockedByFunds: boolean;
}

export function retirementCancels(input: RetirementInput): CancelIntent[] {
  const {sideOrders, ladder} = input;
  const ladderWhole = input.missingLevels === 0 && sideOrders.every((o) => o.state !== 'pendingNew');
  const openRetiring = input.retiring.filter((o) => o.state === 'open');
  if (ladderWhole || input.placesBlocked === 'paused' || ladder.length === 0) {
    return openRetiring.map((order) => cancelIntent(order, order.retiring ?? 'off ladder'));
  }
  if (
    input.blockedByFunds &&
    openRetiring.length > 0 &&
    // one step at a time: only once the last replacements rest and the last freed funds arrived
    input.placedNow === 0 &&
    !sideOrders.some((o) => o.state === 'pendingCancel' || o.state === 'pendingNew')
  ) {
    const furthest = openRetiring.reduce((a, b) => (distanceToLadder(b, ladder) > distanceToLadder(a, ladder) ? b : a));
    return [cancelIntent(furthest, `${furthest.retiring ?? 'off ladder'}: freeing funds`)];
  }
  return [];
}

function distanceToLadder(order: LocalOrder, ladder: readonly LadderLevel[]): number {
  let best = Infinity;
  for (const level of ladder) best = Math.min(best, Math.abs(level.priceTicks - order.priceTicks));
  return best;
}
