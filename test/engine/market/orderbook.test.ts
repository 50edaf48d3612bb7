import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {OrderBook} from '../../../source/engine/market/orderbook.js';
import type {WireLevel} from '../../../source/engine/events.js';
import {formatScaled} from '../../../source/wire/scaledDecimal.js';
import {othersSize} from '../../../source/engine/market/othersSize.js';

const book2 = () => {
  const book = new OrderBook(2);
  book.applySnapshot(
    100,
    [['10.00', '1'], ['9.99', '2'], ['9.50', '3']],
    [['10.05', '4'], ['10.10', '5']],
    1_000,
  );
  return book;
};

test('snapshot parses prices into exact integer ticks, best level first', () => {
  const book = book2();
  assert.equal(book.version, 100);
  assert.equal(book.synced, true);
  assert.equal(book.lastUpdateAt, 1_000);
  assert.equal(book.bestBid(), 1000);
  assert.equal(book.bestAsk(), 1005);
  assert.deepEqual(book.levels('bids', 10), [
    {priceTicks: 1000, size: 1},
    {priceTicks: 999, size: 2},
    {priceTicks: 950, size: 3},
  ]);
  assert.deepEqual(book.levels('asks', 1), [{priceTicks: 1005, size: 4}]);
  assert.equal(book.mid(), 10.025);
  assert.equal(book.levelCount('bids'), 3);
  assert.equal(book.sizeAt('asks', 1010), 5);
  assert.equal(book.sizeAt('asks', 1011), 0);
});

test('a book with no snapshot is unsynced and refuses deltas as a gap', () => {
  const book = new OrderBook(2);
  assert.equal(book.version, null);
  assert.equal(book.synced, false);
  assert.equal(book.applyDelta(1, 1, [['1.00', '1']], [], 5), 'gap');
  assert.equal(book.levelCount('bids'), 0);
  assert.equal(book.mid(), null);
  assert.equal(book.bestBid(), null);
});

test('contiguous delta updates, inserts and deletes levels and advances the version', () => {
  const book = book2();
  const result = book.applyDelta(101, 103, [['10.00', '0'], ['10.01', '7'], ['9.99', '2.5']], [['10.10', '0']], 2_000);
  assert.equal(result, 'applied');
  assert.equal(book.version, 103);
  assert.equal(book.lastUpdateAt, 2_000);
  assert.deepEqual(book.levels('bids', 10), [
    {priceTicks: 1001, size: 7},
    {priceTicks: 999, size: 2.5},
    {priceTicks: 950, size: 3},
  ]);
  assert.deepEqual(book.levels('asks', 10), [{priceTicks: 1005, size: 4}]);
});

test('overlapping delta (fromVersion <= version < toVersion) is applied', () => {
  const book = book2();
  assert.equal(book.applyDelta(95, 105, [['9.98', '1']], [], 2), 'applied');
  assert.equal(book.version, 105);
  assert.equal(book.sizeAt('bids', 998), 1);
});

test('delta ending at or before the version is stale and changes nothing', () => {
  const book = book2();
  assert.equal(book.applyDelta(90, 100, [['10.00', '0']], [], 2), 'stale');
  assert.equal(book.version, 100);
  assert.equal(book.bestBid(), 1000);
  assert.equal(book.synced, true);
  assert.equal(book.lastUpdateAt, 1_000);
});

test('delta starting after version+1 is a gap: nothing applied, book unsynced until a new snapshot', () => {
  const book = book2();
  assert.equal(book.applyDelta(102, 103, [['10.00', '0']], [], 2), 'gap');
  assert.equal(book.synced, false);
  assert.equal(book.version, 100);
  assert.equal(book.bestBid(), 1000);
  assert.equal(book.applyDelta(101, 101, [['10.00', '0']], [], 3), 'gap');
  book.applySnapshot(200, [['9.00', '1']], [['9.10', '1']], 4);
  assert.equal(book.synced, true);
  assert.equal(book.bestBid(), 900);
  assert.equal(book.levelCount('bids'), 1);
  assert.equal(book.applyDelta(201, 201, [], [['9.05', '2']], 5), 'applied');
  assert.equal(book.bestAsk(), 905);
});

test('markUnsynced keeps levels for display but refuses deltas', () => {
  const book = book2();
  book.markUnsynced();
  assert.equal(book.synced, false);
  assert.equal(book.levelCount('asks'), 2);
  assert.equal(book.applyDelta(101, 101, [], [], 2), 'gap');
});

test('malformed levels are skipped and counted, never thrown', () => {
  const book = new OrderBook(2);
  book.applySnapshot(
    1,
    [['abc', '1'], ['10.00', 'x'], ['', '1'], ['9.001', '1'], ['9.00', ''], ['-1', '1'], ['9.50', '-2'], ['9.40', '1']],
    [['10.50', 'NaN'], ['11', '2']],
    0,
  );
  assert.equal(book.malformedLevels, 8);
  assert.deepEqual(book.levels('bids', 10), [{priceTicks: 940, size: 1}]);
  assert.deepEqual(book.levels('asks', 10), [{priceTicks: 1100, size: 2}]);
  assert.equal(book.applyDelta(2, 2, [['1e', '1']], [], 1), 'applied');
  assert.equal(book.malformedLevels, 9);
});

test('price "0" entries (KuCoin sequence markers) are ignored without counting as malformed', () => {
  const book = book2();
  assert.equal(book.applyDelta(101, 102, [['0', '0']], [['0', '0']], 2), 'applied');
  assert.equal(book.version, 102);
  assert.equal(book.malformedLevels, 0);
});

test('prices parse exactly: trailing zeros, exponent forms and off-tick digits', () => {
  const book = new OrderBook(4);
  assert.equal(book.priceToTicks('0.1234'), 1234);
  assert.equal(book.priceToTicks('0.123400'), 1234);
  assert.equal(book.priceToTicks('12'), 120000);
  assert.equal(book.priceToTicks('1.5e-3'), 15);
  assert.throws(() => book.priceToTicks('0.12345'));
  assert.throws(() => book.priceToTicks('1.2.3'));
  assert.equal(book.ticksToPrice(1234), 0.1234);
  // 0.1 + 0.2 style float error cannot occur: ticks are integers
  assert.equal(new OrderBook(1).priceToTicks('0.3'), 3);
});

test('forEachLevel walks best first and stops when the callback returns false', () => {
  const book = book2();
  const seen: number[] = [];
  book.forEachLevel('asks', (ticks) => {
    seen.push(ticks);
  });
  assert.deepEqual(seen, [1005, 1010]);
  const first: number[] = [];
  book.forEachLevel('bids', (ticks) => {
    first.push(ticks);
    return false;
  });
  assert.deepEqual(first, [1000]);
});

test('isCrossed reports a bid at or above the ask', () => {
  const book = book2();
  assert.equal(book.isCrossed(), false);
  book.applyDelta(101, 101, [['10.05', '1']], [], 1);
  assert.equal(book.isCrossed(), true);
});

// ---- property: applying random deltas equals rebuilding from the final state ----

const DECIMALS = 3;
const levelArb = fc.tuple(fc.integer({min: 1, max: 400}), fc.oneof(fc.constant(0), fc.integer({min: 1, max: 10_000})));
const deltaArb = fc.record({bids: fc.array(levelArb, {maxLength: 8}), asks: fc.array(levelArb, {maxLength: 8})});
const toWire = (levels: Array<[number, number]>, offset: number): WireLevel[] =>
  levels.map(([ticks, lots]) => [formatScaled(ticks + offset, DECIMALS), formatScaled(lots, 2)] as const);

type Delta = {bids: Array<[number, number]>; asks: Array<[number, number]>};

/**
 * The live book after a snapshot of `initial` and then `deltas` (each one contiguous, each must apply),
 * beside a plain model of the same levels: ticks → size, asks offset by 400 ticks above the bids.
 */
function liveAndModel(initial: Delta, deltas: readonly Delta[]) {
  const live = new OrderBook(DECIMALS);
  const model = {bids: new Map<number, number>(), asks: new Map<number, number>()};
  const apply = (delta: Delta) => {
    for (const [t, l] of delta.bids) l === 0 ? model.bids.delete(t) : model.bids.set(t, l / 100);
    for (const [t, l] of delta.asks) l === 0 ? model.asks.delete(t + 400) : model.asks.set(t + 400, l / 100);
  };
  live.applySnapshot(0, toWire(initial.bids, 0), toWire(initial.asks, 400), 0);
  apply(initial);
  deltas.forEach((delta, i) => {
    assert.equal(live.applyDelta(i + 1, i + 1, toWire(delta.bids, 0), toWire(delta.asks, 400), i), 'applied');
    apply(delta);
  });
  return {live, model, version: deltas.length};
}

test('property: random deltas give the same book as a snapshot of the final state', () => {
  fc.assert(
    fc.property(deltaArb, fc.array(deltaArb, {maxLength: 60}), (initial, deltas) => {
      const {live, model, version} = liveAndModel(initial, deltas);
      const rebuilt = new OrderBook(DECIMALS);
      const wire = (m: Map<number, number>): WireLevel[] => [...m].map(([t, s]) => [formatScaled(t, DECIMALS), String(s)] as const);
      rebuilt.applySnapshot(version, wire(model.bids), wire(model.asks), 0);
      for (const side of ['bids', 'asks'] as const) {
        const got = live.levels(side, 10_000);
        assert.deepEqual(got, rebuilt.levels(side, 10_000));
        assert.equal(live.levelCount(side), model[side].size);
        // best first: strictly decreasing bids, strictly increasing asks
        for (let i = 1; i < got.length; i++) {
          if (side === 'bids') assert.ok(got[i]!.priceTicks < got[i - 1]!.priceTicks);
          else assert.ok(got[i]!.priceTicks > got[i - 1]!.priceTicks);
        }
      }
      assert.equal(live.malformedLevels, 0);
    }),
    {numRuns: 200},
  );
});

test('property: sizes parse to exactly Number(text) for plain and long decimals', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{1,12}(\.[0-9]{1,10})?$/), (text) => {
      const book = new OrderBook(0);
      book.applySnapshot(1, [['5', text]], [], 0);
      assert.equal(book.sizeAt('bids', 5), Number(text));
    }),
    {numRuns: 300},
  );
  const book = new OrderBook(0);
  book.applySnapshot(1, [['1', '1e3'], ['2', '0.12345678901234567'], ['3', '123456789012345678']], [], 0);
  assert.equal(book.sizeAt('bids', 1), 1000);
  assert.equal(book.sizeAt('bids', 2), 0.12345678901234567);
  assert.equal(book.sizeAt('bids', 3), 123456789012345678);
});

// ---- constructor bounds, one-sided books, level walks, parse edge cases (mutation-score pass) -----------------

test('priceDecimals must be an integer from 0 to 15', () => {
  for (const bad of [-1, 16, 1.5, Number.NaN]) {
    assert.throws(() => new OrderBook(bad), {message: `priceDecimals must be an integer in [0, 15], got ${bad}`});
  }
  assert.equal(new OrderBook(0).priceDecimals, 0);
  assert.equal(new OrderBook(15).priceDecimals, 15);
  assert.equal(new OrderBook(15).priceToTicks('0.000000000000001'), 1);
});

test('a one-sided book has no mid and is never crossed', () => {
  const bidsOnly = new OrderBook(2);
  bidsOnly.applySnapshot(1, [['10.00', '1']], [], 0);
  const asksOnly = new OrderBook(2);
  asksOnly.applySnapshot(1, [], [['10.00', '1']], 0);
  assert.deepEqual([bidsOnly.mid(), bidsOnly.isCrossed()], [null, false]);
  assert.deepEqual([asksOnly.mid(), asksOnly.isCrossed()], [null, false]);
  assert.deepEqual([new OrderBook(2).mid(), new OrderBook(2).isCrossed()], [null, false]);
  const touching = new OrderBook(2);
  touching.applySnapshot(1, [['10.00', '1']], [['10.00', '1']], 0);
  assert.equal(touching.isCrossed(), true); // bid equal to the ask counts as crossed
});

test('levels() of zero or fewer levels is empty', () => {
  assert.deepEqual(book2().levels('bids', 0), []);
  assert.deepEqual(book2().levels('asks', -1), []);
  assert.deepEqual(book2().levels('asks', 2), [{priceTicks: 1005, size: 4}, {priceTicks: 1010, size: 5}]);
});

test('priceToTicks names the text and the tick it is not on', () => {
  assert.throws(() => new OrderBook(4).priceToTicks('0.12345'), {message: 'not a price on a 4-decimal tick: "0.12345"'});
  assert.throws(() => new OrderBook(2).priceToTicks('abc'), {message: 'not a price on a 2-decimal tick: "abc"'});
  assert.equal(new OrderBook(2).priceToTicks('0'), 0);
  assert.equal(new OrderBook(2).priceToTicks('0e0'), 0); // zero in exponent form is zero too
});

test('an exponent-form price off the tick is refused rather than rounded', () => {
  const book = new OrderBook(4);
  assert.throws(() => book.priceToTicks('1.2345e-1'), {message: 'not a price on a 4-decimal tick: "1.2345e-1"'});
  assert.equal(book.priceToTicks('1.234e-1'), 1234);
  assert.throws(() => book.priceToTicks('-1e0'));
});

test('a price too large for exact integer ticks is malformed', () => {
  const book = new OrderBook(2);
  book.applySnapshot(1, [['99999999999999999', '1'], ['9.00', '1']], [['10.00', '1']], 0);
  assert.equal(book.malformedLevels, 1);
  assert.deepEqual(book.levels('bids', 10), [{priceTicks: 900, size: 1}]);
});

test('a second decimal point makes a price or a size malformed', () => {
  const book = new OrderBook(2);
  book.applySnapshot(1, [['1..5', '1'], ['1.00', '1..5'], ['0.90', '1.2.5'], ['0.80', '1']], [['2.00', '1.']], 0);
  assert.equal(book.malformedLevels, 3);
  assert.deepEqual(book.levels('bids', 10), [{priceTicks: 80, size: 1}]);
  assert.deepEqual(book.levels('asks', 10), [{priceTicks: 200, size: 1}]); // "1." is a plain 1
});

test('sizes: a lone dot, leading signs or spaces and infinities are malformed; exponent forms parse', () => {
  const book = new OrderBook(2);
  book.applySnapshot(1, [['9.00', '.'], ['8.00', '+5'], ['7.00', ' 5'], ['6.00', '\u00a05'], ['5.00', '1e999'], ['4.00', '-0']], [], 0);
  assert.equal(book.malformedLevels, 6);
  assert.equal(book.levelCount('bids'), 0);
  book.applySnapshot(2, [['9.00', '1e3'], ['8.00', '.5e1'], ['7.00', '2.5E-1']], [], 0);
  assert.equal(book.malformedLevels, 6);
  assert.deepEqual(book.levels('bids', 10), [{priceTicks: 900, size: 1000}, {priceTicks: 800, size: 5}, {priceTicks: 700, size: 0.25}]);
  // a zero size in exponent form deletes the level like "0"
  assert.equal(book.applyDelta(3, 3, [['9.00', '0e0']], [], 1), 'applied');
  assert.deepEqual([book.levelCount('bids'), book.malformedLevels], [2, 6]);
});

test('price "0" levels are not stored on either side, in snapshots or deltas', () => {
  const book = new OrderBook(2);
  book.applySnapshot(1, [['0', '5'], ['9.00', '1']], [['0', '5'], ['10.00', '1']], 0);
  assert.deepEqual([book.levelCount('bids'), book.levelCount('asks'), book.malformedLevels], [1, 1, 0]);
  book.applyDelta(2, 2, [['0', '3']], [['0.00', '3']], 1);
  assert.deepEqual([book.levelCount('bids'), book.levelCount('asks'), book.sizeAt('bids', 0), book.malformedLevels], [1, 1, 0, 0]);
});

// ---- the queries read the sorted arrays directly: pin them against a plain model of the levels ----

/** the model's levels best first, as [ticks, size] */
const modelLevels = (m: Map<number, number>, side: 'bids' | 'asks'): Array<[number, number]> =>
  [...m].sort((a, b) => (side === 'bids' ? b[0] - a[0] : a[0] - b[0]));

test('property: sizeAt, levels(n) and valueWithin match a plain model after random deltas', () => {
  fc.assert(
    fc.property(
      deltaArb,
      fc.array(deltaArb, {maxLength: 60}),
      fc.integer({min: 0, max: 450}),
      fc.double({min: 0, max: 900, noNaN: true}),
      fc.integer({min: 0, max: 2 ** 31}),
      (initial, deltas, n, limit, ownSeed) => {
        const {live, model} = liveAndModel(initial, deltas);
        for (const side of ['bids', 'asks'] as const) {
          const levels = modelLevels(model[side], side);
          // every tick in range, present or not (a miss must read 0, never a neighbour's size)
          for (let t = 0; t <= 802; t++) assert.equal(live.sizeAt(side, t), model[side].get(t) ?? 0, `${side} sizeAt ${t}`);
          assert.deepEqual(
            live.levels(side, n),
            levels.slice(0, n).map(([priceTicks, size]) => ({priceTicks, size})),
          );
          // a fractional tick limit, bids at or above it and asks at or below it; the same sum, in the same
          // order (from the touch), as the depth walk did before the arrays: exactly equal
          let expected = 0;
          for (const [t, s] of levels) {
            if (side === 'bids' ? t < limit : t > limit) break;
            expected += (t / 1000) * s;
          }
          assert.equal(live.valueWithin(side, limit), expected, `${side} valueWithin ${limit}`);
          // our own sizes taken out of some levels (a few whole levels, some partly, some absent from the book)
          const own = new Map<number, number>();
          levels.forEach(([t, s], i) => {
            const pick = (ownSeed >>> (i % 31)) & 3;
            if (pick === 1) own.set(t, s);
            else if (pick === 2) own.set(t, s / 4);
          });
          own.set(1000, 5); // off the book: ignored
          let expectedOthers = 0;
          for (const [t, s] of levels) {
            if (side === 'bids' ? t < limit : t > limit) break;
            expectedOthers += (t / 1000) * othersSize(s, own.get(t));
          }
          assert.equal(live.valueWithin(side, limit, own), expectedOthers, `${side} valueWithin ${limit} with own`);
        }
      },
    ),
    {numRuns: 200},
  );
});

test('valueWithin of an empty side, or with the limit beyond the touch, is 0', () => {
  const book = book2();
  assert.equal(book.valueWithin('bids', 1001), 0);
  assert.equal(book.valueWithin('asks', 1004.5), 0);
  assert.equal(new OrderBook(2).valueWithin('asks', 5000), 0);
  // exactly on a level counts it
  assert.equal(book.valueWithin('bids', 1000), 10.0 * 1);
  assert.equal(book.valueWithin('asks', 1005), 10.05 * 4);
});
