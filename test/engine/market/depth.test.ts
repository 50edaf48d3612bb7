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

/**
 * The rule worked from the generated integer levels (price ticks of 0.001, size lots of 0.01): mid of the
 * best bid and best ask, bids priced at or above mid·(1−pct) and asks at or below mid·(1+pct) counted at
 * price × size; `halved` bids count half their size. A level on the edge counts (within 1e-9 tick).
 */
function depthFromLevels(bids: Array<[number, number]>, asks: Array<[number, number]>, pct: number, halved: ReadonlySet<number>): {bid: number; ask: number} {
  if (bids.length === 0 || asks.length === 0) return {bid: 0, ask: 0};
  const midTicks = (Math.max(...bids.map(([t]) => t)) + Math.min(...asks.map(([t]) => t))) / 2;
  let bid = 0;
  for (const [t, l] of bids) if (t >= midTicks * (1 - pct) - 1e-9) bid += (t / 1000) * (halved.has(t) ? l / 200 : l / 100);
  let ask = 0;
  for (const [t, l] of asks) if (t <= midTicks * (1 + pct) + 1e-9) ask += (t / 1000) * (l / 100);
  return {bid, ask};
}

test('property: depth is monotone in pct and matches the rule worked from the levels, with or without exclusion', () => {
  fc.assert(
    fc.property(bookArb, fc.double({min: 0, max: 0.5, noNaN: true}), fc.double({min: 0, max: 0.5, noNaN: true}), fc.boolean(), (b, p1, p2, excludeSome) => {
      const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
      const exclude = excludeSome ? own(b.bids.slice(0, 3).map(([t, l]) => [t, l / 200])) : undefined;
      const a = marketDepth(b.book, lo, {exclude});
      const z = marketDepth(b.book, hi, {exclude});
      assert.ok(a.bid <= z.bid + 1e-9 && a.ask <= z.ask + 1e-9 && a.combined <= z.combined + 1e-9);
      // exact, from the generated levels: the excluded bids keep half their size (never the whole level,
      // so the touch and the mid do not move)
      for (const [reading, pct] of [[a, lo], [z, hi]] as const) {
        const expected = depthFromLevels(b.bids, b.asks, pct, new Set(excludeSome ? b.bids.slice(0, 3).map(([t]) => t) : []));
        close(reading.bid, expected.bid);
        close(reading.ask, expected.ask);
        close(reading.combined, expected.bid + expected.ask);
      }
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

// ---- degenerate mids and pcts, othersSize, NO_OWN_LEVELS (mutation-score pass) -------------------------------
import {NO_OWN_LEVELS, othersSize} from '../../../source/engine/market/depth.js';

test('marketDepth is all zeros for a mid that is not a positive finite number, or a pct that is negative or NaN', () => {
  const zero = {bid: 0, ask: 0, combined: 0};
  for (const mid of [0, -10.1, Number.NaN, Number.POSITIVE_INFINITY]) assert.deepEqual(marketDepth(sample(), 0.02, {mid}), zero, `mid ${mid}`);
  for (const pct of [-0.01, Number.NaN]) assert.deepEqual(marketDepth(sample(), pct), zero, `pct ${pct}`);
});

test('marketDepth at pct 0 counts only levels exactly at the mid', () => {
  // explicit mid 10.00 = the best bid: only 10.00 × 50 counts; no ask is at 10.00
  assert.deepEqual(marketDepth(sample(), 0, {mid: 10}), {bid: 500, ask: 0, combined: 500});
});

test('ownDepth is all zeros without a positive finite mid', () => {
  const mine = own([[1000, 10]], [[1020, 10]]);
  for (const mid of [null, 0, -10.1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.deepEqual(ownDepth(sample(), mine, 0.02, mid), {bid: 0, ask: 0, combined: 0}, `mid ${mid}`);
  }
});

test('othersSize: what is left of a level once our size is taken out', () => {
  assert.equal(othersSize(50, undefined), 50); // none of it is ours
  assert.equal(othersSize(50, 0), 50);
  assert.equal(othersSize(50, -5), 50); // a negative own size is ignored
  assert.equal(othersSize(50, 20), 30);
  assert.equal(othersSize(50, 50), 0); // all ours
  assert.equal(othersSize(50, 70), 0); // we think we hold more than the book shows: nothing is left, never negative
  // our 0.3 from lots against the book's 0.1 + 0.2 (an ulp more): the residue is float noise, not others' size
  assert.equal(othersSize(0.1 + 0.2, 0.3), 0);
});

test('NO_OWN_LEVELS excludes nothing', () => {
  assert.deepEqual(NO_OWN_LEVELS, {bids: new Map(), asks: new Map()});
  assert.deepEqual(marketDepth(sample(), 0.02, {exclude: NO_OWN_LEVELS}), marketDepth(sample(), 0.02));
  assert.equal(marketSpread(sample(), NO_OWN_LEVELS), marketSpread(sample()));
});
