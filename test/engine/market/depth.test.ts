import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {OrderBook} from '../../../source/engine/market/orderbook.js';
import {marketDepth, marketSpread, ownDepth, type OwnLevels} from '../../../source/engine/market/depth.js';
import type {WireLevel} from '../../../source/engine/events.js';
import {formatScaled} from '../../../source/wire/scaledDecimal.js';

const close = (actual: number | null, expected: number, eps = 1e-9) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

// bids 10.00×50, 9.90×20, 9.70×100 ; asks 10.20×30, 10.30×10, 10.50×100 ; mid 10.10
const sample = () => {
  const book = new OrderBook(2);
  book.applySnapshot(1, [['10.00', '50'], ['9.90', '20'], ['9.70', '100']], [['10.20', '30'], ['10.30', '10'], ['10.50', '100']], 0);
  return book;
};
const own = (bids: Array<[number, number]>, asks: Array<[number, number]> = []): OwnLevels => ({bids: new Map(bids), asks: new Map(asks)});

test('marketDepth sums the USDT value within ±pct of mid (hand-worked)', () => {
  // band: bids >= 10.10·0.98 = 9.898 → 10.00·50 + 9.90·20 = 698 ; asks <= 10.302 → 10.20·30 + 10.30·10 = 409
  const depth = marketDepth(sample(), 0.02);
  close(depth.bid, 698);
  close(depth.ask, 409);
  close(depth.combined, 1107);
});

test('marketSpread is (bestAsk − bestBid) / mid', () => {
  close(marketSpread(sample()), 0.2 / 10.1);
});

test('excluding our whole best bid moves the mid and the band', () => {
  // without our 50 at 10.00: best bid 9.90, mid 10.05, bid band >= 9.849 → 9.90·20 = 198 ; asks <= 10.251 → 306
  const exclude = own([[1000, 50]]);
  const depth = marketDepth(sample(), 0.02, {exclude});
  close(depth.bid, 198);
  close(depth.ask, 306);
  close(marketSpread(sample(), exclude), 0.3 / 10.05);
});

test('excluding part of a level keeps the rest of it', () => {
  const depth = marketDepth(sample(), 0.02, {exclude: own([[1000, 20]], [[1020, 30]])});
  // best ask after exclusion 10.30 → mid 10.15: bids >= 9.947 → 10.00·(50−20) = 300 ; asks <= 10.353 → 10.30·10 = 103
  close(depth.bid, 300);
  close(depth.ask, 103);
});

test('an explicit mid overrides the book mid', () => {
  const depth = marketDepth(sample(), 0.02, {mid: 10.0});
  // bids >= 9.80 → 698 ; asks <= 10.20 → 306
  close(depth.bid, 698);
  close(depth.ask, 306);
});

test('a level exactly on the band edge counts', () => {
  const book = new OrderBook(2);
  book.applySnapshot(1, [['9.99', '1'], ['9.80', '1'], ['9.79', '1']], [['10.01', '1'], ['10.20', '1'], ['10.21', '1']], 0);
  const depth = marketDepth(book, 0.02); // mid 10.00: edges 9.80 and 10.20
  close(depth.bid, 9.99 + 9.8);
  close(depth.ask, 10.01 + 10.2);
});

test('a one-sided or empty book has zero depth and no spread', () => {
  const book = new OrderBook(2);
  book.applySnapshot(1, [['10.00', '5']], [], 0);
  assert.deepEqual(marketDepth(book, 0.02), {bid: 0, ask: 0, combined: 0});
  assert.equal(marketSpread(book), null);
  assert.equal(marketSpread(new OrderBook(2)), null);
  // excluding everything on a side leaves no market either
  assert.equal(marketSpread(sample(), own([[1000, 50], [990, 20], [970, 100]])), null);
});

test('ownDepth values our levels inside the band, capped by what the book shows', () => {
  const mine = ownDepth(sample(), own([[1000, 10], [970, 100]], [[1030, 50]]), 0.02, 10.1);
  close(mine.bid, 100); // 9.70 is outside the band
  close(mine.ask, 103); // we say 50 but the book shows 10 at 10.30
});

test('ownDepth counts our level exactly on the band edge, and not the tick beyond it', () => {
  // mid 10.00, ±2 %: the edges are 9.80 and 10.20 exactly, but 10·0.98·100 is 980.0000000000001 and
  // 10·1.02·100 is 1019.9999999999999 in floats: without the edge tolerance both edge levels drop out.
  const book = new OrderBook(2);
  book.applySnapshot(1, [['9.99', '5'], ['9.80', '5'], ['9.79', '5']], [['10.01', '5'], ['10.20', '5'], ['10.21', '5']], 0);
  const mine = ownDepth(book, own([[980, 3], [979, 4]], [[1020, 2], [1021, 4]]), 0.02, 10);
  close(mine.bid, 9.8 * 3);
  close(mine.ask, 10.2 * 2);
  close(mine.combined, 9.8 * 3 + 10.2 * 2);
});

const bookArb = fc
  .record({
    bids: fc.uniqueArray(fc.tuple(fc.integer({min: 1, max: 999}), fc.integer({min: 1, max: 100_000})), {selector: (l) => l[0], maxLength: 40}),
    asks: fc.uniqueArray(fc.tuple(fc.integer({min: 1000, max: 2000}), fc.integer({min: 1, max: 100_000})), {selector: (l) => l[0], maxLength: 40}),
  })
  .map(({bids, asks}) => {
    const book = new OrderBook(3);
    const wire = (ls: Array<[number, number]>): WireLevel[] => ls.map(([t, l]) => [formatScaled(t, 3), formatScaled(l, 2)] as const);
    book.applySnapshot(1, wire(bids), wire(asks), 0);
    return {book, bids, asks};
  });

test('property: depth is monotone in pct, with or without exclusion', () => {
  fc.assert(
    fc.property(bookArb, fc.double({min: 0, max: 0.5, noNaN: true}), fc.double({min: 0, max: 0.5, noNaN: true}), fc.boolean(), (b, p1, p2, excludeSome) => {
      const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
      const exclude = excludeSome ? own(b.bids.slice(0, 3).map(([t, l]) => [t, l / 200])) : undefined;
      const a = marketDepth(b.book, lo, {exclude});
      const z = marketDepth(b.book, hi, {exclude});
      assert.ok(a.bid <= z.bid + 1e-9 && a.ask <= z.ask + 1e-9 && a.combined <= z.combined + 1e-9);
      assert.ok(a.bid >= 0 && a.ask >= 0);
      close(a.combined, a.bid + a.ask);
      // excluding our orders never adds depth at the same mid
      const mid = b.book.mid();
      if (mid !== null && exclude) {
        const all = marketDepth(b.book, hi, {mid});
        const others = marketDepth(b.book, hi, {mid, exclude});
        assert.ok(others.bid <= all.bid + 1e-9 && others.ask <= all.ask + 1e-9);
      }
    }),
    {numRuns: 200},
  );
});
