// When a resting paper order would have traded, decided from the real market only. Two rules, both
// conservative (they may under-fill, they should not over-fill):
//
// 1. Trades (public deals). A counterparty taker (a seller for our bid) who traded at a price strictly
//    worse for them than ours would have hit us first: those lots go to our orders priced through the
//    trade, best price first. A trade exactly at our price first eats the real size displayed ahead of us
//    when we joined (our queue position, shrunk only by such trades and capped by the level's displayed
//    size when orders ahead cancel — the "risk-averse" queue model); only what is left reaches us.
//    A taker on our own side (a buyer lifting an ask below our bid) is not counted here: the ask they lifted
//    was resting through our price, which rule 2 already counts, so counting both would fill us twice.
//
// 2. The real book moving through our price. Real opposite orders resting strictly through our price (an
//    ask below our bid) would have matched our order when they arrived. We take that displayed size, best
//    first, and mark it consumed so the same liquidity cannot fill us again.
import type {PaperOrder} from './paperOrder.js';
import {byPriority, isThrough, oppositeBookSideOf, remainingLots} from './paperOrder.js';
import type {OverlaidBook} from './overlaidBook.js';
import type {PublicDeal} from './publicDeals.js';

export interface Allocation {
  order: PaperOrder;
  lots: number;
}

/** Rule 1 for one public trade. Updates the queue position of orders at the trade price. */
export function allocateTrade(deal: PublicDeal, openOrders: Iterable<PaperOrder>): Allocation[] {
  const ourSide = deal.takerSide === 'SELL' ? 'BUY' : 'SELL';
  const through: PaperOrder[] = [];
  const atPrice: PaperOrder[] = [];
  for (const order of openOrders) {
    if (order.side !== ourSide || remainingLots(order) <= 0) continue;
    if (deal.time > 0 && deal.time < order.createdServerAt) continue; // traded before we were there
    if (isThrough(order, deal.priceTicks)) through.push(order);
    else if (order.priceTicks === deal.priceTicks) atPrice.push(order);
  }
  const fills: Allocation[] = [];
  let left = deal.lots;
  through.sort(byPriority);
  for (const order of through) {
    if (left <= 0) break;
    const lots = Math.min(remainingLots(order), left);
    left -= lots;
    fills.push({order, lots});
  }
  // Same price: the trade consumes the queue from the front. For each of our orders (in time order), the
  // lots reaching it are what is left after the real size ahead of it and what our earlier orders took.
  atPrice.sort((a, b) => a.seq - b.seq);
  let takenByOurs = 0;
  for (const order of atPrice) {
    // every lot of the trade not taken by our orders went to real orders, all of them ahead of this one
    let reaching = left - takenByOurs;
    if (reaching <= 0) break;
    const realAhead = Math.min(order.queueAheadLots, reaching);
    order.queueAheadLots -= realAhead;
    reaching -= realAhead;
    const lots = Math.min(remainingLots(order), reaching);
    if (lots > 0) {
      takenByOurs += lots;
      fills.push({order, lots});
    }
  }
  return fills;
}

/** Rule 2: real opposite liquidity resting through our prices. Marks what it uses as consumed in `book`. */
export function allocateCross(book: OverlaidBook, openOrders: Iterable<PaperOrder>): Allocation[] {
  const fills: Allocation[] = [];
  const bySide: Record<'BUY' | 'SELL', PaperOrder[]> = {BUY: [], SELL: []};
  for (const order of openOrders) if (remainingLots(order) > 0) bySide[order.side].push(order);
  for (const orders of [bySide.BUY, bySide.SELL]) {
    orders.sort(byPriority);
    for (const order of orders) {
      const opposite = oppositeBookSideOf(order.side);
      let filled = 0;
      for (const ticks of book.realBestFirst(opposite)) {
        if (!isThrough(order, ticks)) break;
        const want = remainingLots(order) - filled;
        if (want <= 0) break;
        const lots = Math.min(want, book.available(opposite, ticks));
        if (lots <= 0) continue;
        book.consume(opposite, ticks, lots);
        filled += lots;
      }
      if (filled > 0) fills.push({order, lots: filled});
    }
  }
  return fills;
}
