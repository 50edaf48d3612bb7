// Our own orders as book levels (price ticks → size in base units): what the exchange's book holds of
// ours, so fair price, depth and compliance can be measured with or without it. Only orders known to
// rest count (open, or with a cancel not yet confirmed).
import type {OwnLevels} from './depth.js';
import {remainingLots, type LocalOrder} from '../orders/localOrder.js';
import type {SymbolRules} from '../symbolRules.js';

export function ownLevels(orders: Iterable<LocalOrder>, rules: SymbolRules): OwnLevels {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  for (const order of orders) {
    if (order.state !== 'open' && order.state !== 'pendingCancel') continue;
    const map = order.side === 'BUY' ? bids : asks;
    const size = remainingLots(order) / 10 ** rules.qtyDecimals;
    map.set(order.priceTicks, (map.get(order.priceTicks) ?? 0) + size);
  }
  return {bids, asks};
}
