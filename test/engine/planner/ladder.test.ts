import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {buildLadder, type LadderInput} from '../../../source/engine/planner/ladder.js';
import type {SymbolRules} from '../../../source/engine/symbolRules.js';

// tick 0.01, lot 0.01, min qty 1 lot, min notional 1 USDT
const rules: SymbolRules = {symbol: 'XUSDT', baseAsset: 'X', quoteAsset: 'USDT', priceDecimals: 2, qtyDecimals: 2, minQtyLots: 1, minNotional: 1, tradable: true, acceptedSides: 'both', specialTreatment: false};
const base: LadderInput = {
  side: 'BUY', rules, innerPrice: 99.7, center: 100, bandPct: 0.02, bandMarginPct: 0.005, levels: 5,
  budgetQuote: 500, oppositeBestTicks: null, maxOrderNotional: 600,
};

test('bids: five evenly spaced levels from the inner quote to center·(1 − (band − margin)), equal value each', () => {
  // 99.70 → 98.50 in 4 steps of 0.30 ; 100 USDT per level floored to lots of 0.01
  assert.deepEqual(buildLadder(base), [
    {priceTicks: 9970, qtyLots: 100}, // 100 / 99.70 = 1.0030 → 1.00
    {priceTicks: 9940, qtyLots: 100}, // 1.0060 → 1.00
    {priceTicks: 9910, qtyLots: 100}, // 1.0090 → 1.00
    {priceTicks: 9880, qtyLots: 101}, // 1.0121 → 1.01
    {priceTicks: 9850, qtyLots: 101}, // 1.0152 → 1.01
  ]);
});

test('asks: inner quote outward, floored toward the inside at the edge', () => {
  // outer target 100·1.015 = 101.4999… in floats → floored to 101.49, never beyond the band
  const ladder = buildLadder({...base, side: 'SELL', innerPrice: 100.3});
  assert.deepEqual(ladder.map((l) => l.priceTicks), [10030, 10060, 10090, 10119, 10149]);
});

test('the inner level never reaches the opposite best: bid ≤ best ask − 1 tick, ask ≥ best bid + 1 tick', () => {
  assert.equal(buildLadder({...base, oppositeBestTicks: 9960})[0]!.priceTicks, 9959);
  assert.equal(buildLadder({...base, side: 'SELL', innerPrice: 100.3, oppositeBestTicks: 10040})[0]!.priceTicks, 10041);
});

test('an inner quote outside the band is clamped into it', () => {
  assert.deepEqual(buildLadder({...base, innerPrice: 90, levels: 1}).map((l) => l.priceTicks), [9800]);
  assert.deepEqual(buildLadder({...base, side: 'SELL', innerPrice: 110, levels: 1}).map((l) => l.priceTicks), [10200]);
  // more levels than the room left: as many distinct ticks as fit
  assert.deepEqual(buildLadder({...base, innerPrice: 90, levels: 3}).map((l) => l.priceTicks), [9800]);
});

test('no room inside the band (opposite best below the band for a bid) gives no levels', () => {
  assert.deepEqual(buildLadder({...base, oppositeBestTicks: 9790}), []);
});

test('a narrow range between inner and the soft edge spends the margin to keep levels distinct', () => {
  const prices = buildLadder({...base, innerPrice: 98.53}).map((l) => l.priceTicks);
  assert.equal(prices.length, 5);
  assert.equal(new Set(prices).size, 5);
  assert.equal(prices[0], 9853);
  assert.equal(prices.at(-1), 9800);
});

test('a small budget drops outer levels and moves their budget inward', () => {
  // 2.5 USDT over 3 levels: 0.83 each buys 0 lots ; over 2: 1.25 → 1 lot = 0.997 < 1 min notional ; over 1: 2 lots = 1.994
  assert.deepEqual(buildLadder({...base, levels: 3, budgetQuote: 2.5}), [{priceTicks: 9970, qtyLots: 2}]);
  assert.deepEqual(buildLadder({...base, budgetQuote: 0.5}), []);
  assert.deepEqual(buildLadder({...base, budgetQuote: 0}), []);
});

test('each order is capped at maxOrderNotional', () => {
  const ladder = buildLadder({...base, budgetQuote: 10_000});
  // 600 / 0.997 = 601.8 → 601 lots = 599.197 USDT
  assert.deepEqual(ladder[0], {priceTicks: 9970, qtyLots: 601});
  for (const l of ladder) assert.ok((l.priceTicks / 100) * (l.qtyLots / 100) <= 600);
});

test('minQtyLots is respected', () => {
  const ladder = buildLadder({...base, rules: {...rules, minQtyLots: 150}, budgetQuote: 500});
  // 100 USDT per level buys only ~100 lots: levels drop until 500/k buys 150 lots → k = 3 (166 USDT)
  assert.equal(ladder.length, 3);
  for (const l of ladder) assert.ok(l.qtyLots >= 150);
});

test('property: prices on-tick, inside the band, never crossing, distinct, inner first; sizes respect lot, minimums and caps', () => {
  fc.assert(
    fc.property(
      fc.record({
        side: fc.constantFrom('BUY' as const, 'SELL' as const),
        priceDecimals: fc.integer({min: 0, max: 8}),
        qtyDecimals: fc.integer({min: 0, max: 6}),
        minQtyLots: fc.integer({min: 0, max: 1000}),
        minNotional: fc.double({min: 0, max: 10, noNaN: true}),
        center: fc.double({min: 0.0001, max: 100_000, noNaN: true}),
        innerOffset: fc.double({min: -0.1, max: 0.1, noNaN: true}),
        bandPct: fc.double({min: 0.001, max: 0.2, noNaN: true}),
        bandMarginPct: fc.double({min: 0, max: 0.05, noNaN: true}),
        levels: fc.integer({min: 1, max: 20}),
        budgetQuote: fc.double({min: 0, max: 100_000, noNaN: true}),
        oppositeOffset: fc.option(fc.double({min: -0.05, max: 0.05, noNaN: true})),
        maxOrderNotional: fc.double({min: 1, max: 5_000, noNaN: true}),
      }),
      (p) => {
        const r: SymbolRules = {...rules, priceDecimals: p.priceDecimals, qtyDecimals: p.qtyDecimals, minQtyLots: p.minQtyLots, minNotional: p.minNotional};
        const scale = 10 ** p.priceDecimals;
        const oppositeBestTicks = p.oppositeOffset === null ? null : Math.max(1, Math.round(p.center * (1 + p.oppositeOffset) * scale));
        const input: LadderInput = {
          side: p.side, rules: r, innerPrice: p.center * (1 + p.innerOffset), center: p.center, bandPct: p.bandPct,
          bandMarginPct: p.bandMarginPct, levels: p.levels, budgetQuote: p.budgetQuote, oppositeBestTicks, maxOrderNotional: p.maxOrderNotional,
        };
        const ladder = buildLadder(input);
        assert.ok(ladder.length <= p.levels);
        let spent = 0;
        for (let i = 0; i < ladder.length; i++) {
          const {priceTicks, qtyLots} = ladder[i]!;
          assert.ok(Number.isSafeInteger(priceTicks) && priceTicks > 0, 'price on tick');
          assert.ok(Number.isSafeInteger(qtyLots), 'size in whole lots');
          const price = priceTicks / scale;
          const tol = 1e-12 * p.center;
          assert.ok(price >= p.center * (1 - p.bandPct) - tol && price <= p.center * (1 + p.bandPct) + tol, `${price} outside band`);
          if (oppositeBestTicks !== null) {
            if (p.side === 'BUY') assert.ok(priceTicks <= oppositeBestTicks - 1, 'bid crosses');
            else assert.ok(priceTicks >= oppositeBestTicks + 1, 'ask crosses');
          }
          if (i > 0) {
            const prev = ladder[i - 1]!.priceTicks;
            assert.ok(p.side === 'BUY' ? priceTicks < prev : priceTicks > prev, 'distinct, inner first');
          }
          const notional = price * (qtyLots / 10 ** p.qtyDecimals);
          assert.ok(qtyLots >= Math.max(1, p.minQtyLots), 'min qty');
          assert.ok(notional >= p.minNotional, 'min notional');
          assert.ok(notional <= p.maxOrderNotional * (1 + 1e-12), 'max order notional');
          spent += notional;
        }
        assert.ok(spent <= p.budgetQuote * (1 + 1e-9) + 1e-9, 'within budget');
      },
    ),
    {numRuns: 300},
  );
});

test('a tick coarser than the band leaves no valid price: no level at all (fast-check counterexample)', () => {
  const r: SymbolRules = {...rules, priceDecimals: 3, qtyDecimals: 0, minQtyLots: 0, minNotional: 0};
  for (const side of ['BUY', 'SELL'] as const) {
    const ladder = buildLadder({
      side, rules: r, innerPrice: 0.0010010010010020032, center: 0.0010010010010020032, bandPct: 0.001,
      bandMarginPct: 0, levels: 1, budgetQuote: 0.001, oppositeBestTicks: null, maxOrderNotional: 1,
    });
    assert.deepEqual(ladder, [], side);
  }
});

// ---- degenerate inputs, minimums met exactly, a one-tick price (mutation-score pass) -------------------------

test('no ladder from an unusable centre, inner price, level count, band or budget', () => {
  for (const over of [
    {center: 0}, {center: -100}, {center: Number.NaN}, {center: Number.POSITIVE_INFINITY},
    {innerPrice: Number.NaN}, {innerPrice: Number.POSITIVE_INFINITY}, {innerPrice: Number.NEGATIVE_INFINITY},
    {levels: 0}, {levels: 0.5}, {bandPct: 0}, {bandPct: Number.NaN},
    {budgetQuote: Number.NaN}, {budgetQuote: -5}, {maxOrderNotional: Number.NaN}, {maxOrderNotional: 0},
  ] satisfies Array<Partial<LadderInput>>) {
    assert.deepEqual(buildLadder({...base, ...over}), [], JSON.stringify(over));
    assert.deepEqual(buildLadder({...base, side: 'SELL', innerPrice: 100.3, ...over}), [], `SELL ${JSON.stringify(over)}`);
  }
});

test('an order of exactly the minimum quantity, or exactly the minimum notional, is placed', () => {
  // min 100 lots (1 X): 2 USDT at 2.00 buys exactly 100 lots
  const minQty = {...rules, minQtyLots: 100};
  assert.deepEqual(buildLadder({...base, rules: minQty, center: 2, innerPrice: 2, levels: 1, budgetQuote: 2}), [{priceTicks: 200, qtyLots: 100}]);
  // min notional 1 USDT: 1 USDT at 1.00 buys 100 lots worth exactly 1.00
  assert.deepEqual(buildLadder({...base, center: 1, innerPrice: 1, levels: 1, budgetQuote: 1}), [{priceTicks: 100, qtyLots: 100}]);
});

test('a bid of one tick is a valid price', () => {
  // centre 0.01: the band [0.0098, 0.0102] holds only the tick 0.01 ; 5 USDT buys 500 X there
  assert.deepEqual(buildLadder({...base, center: 0.01, innerPrice: 0.01, levels: 3, budgetQuote: 5}), [{priceTicks: 1, qtyLots: 50_000}]);
});
