import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {OrderBook} from '../../../source/engine/market/orderbook.js';
import {fairPrice} from '../../../source/engine/market/fairPrice.js';
import {fairPriceModels} from '../../../source/config/configSchema.js';
import type {WireLevel} from '../../../source/engine/events.js';
import {formatScaled} from '../../../source/wire/scaledDecimal.js';

const close = (actual: number | null | undefined, expected: number, eps = 1e-9) =>
  assert.ok(actual != null && Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

const bookOf = (bids: WireLevel[], asks: WireLevel[], decimals = 4) => {
  const book = new OrderBook(decimals);
  book.applySnapshot(1, bids, asks, 0);
  return book;
};
// KuCoin: 1.0000×600 / 1.0100×400 → mid 1.005 ; depth ±2 %: 600 + 404 = 1004
const kucoin = () => bookOf([['1.0000', '600']], [['1.0100', '400']]);
// MEXC: 1.0060×500 / 1.0100×500 → mid 1.008 ; depth ±2 %: 503 + 505 = 1008
const mexc = () => bookOf([['1.0060', '500']], [['1.0100', '500']]);
const noOwn = {bids: new Map<number, number>(), asks: new Map<number, number>()};

test('cross-venue depth-weighted: (mid_M·D_M + mid_K·D_K)/(D_M + D_K) on a worked two-venue example', () => {
  const result = fairPrice({model: 'cross-venue-depth-weighted', mexc: mexc(), kucoin: kucoin(), pct: 0.02, includeOwnOrders: false});
  assert.ok(result);
  close(result.mexcMid, 1.008);
  close(result.kucoinMid, 1.005);
  close(result.mexcDepth, 1008);
  close(result.kucoinDepth, 1004);
  // (1.008·1008 + 1.005·1004) / (1008 + 1004) = 2025.084 / 2012 = 1.0065029821…
  close(result.price, (1.008 * 1008 + 1.005 * 1004) / 2012);
  close(result.price, 1.006502982107356);
});

test('cross-venue price is clamped into KuCoin best bid/ask', () => {
  const farMexc = bookOf([['1.0500', '10000']], [['1.0600', '10000']]);
  const result = fairPrice({model: 'cross-venue-depth-weighted', mexc: farMexc, kucoin: kucoin(), pct: 0.02, includeOwnOrders: false});
  assert.equal(result?.price, 1.01);
});

test('own MEXC orders are excluded from mid and depth unless includeOwnOrders', () => {
  // our 500 at 1.0060 sit on top of others' 100 at 0.9990
  const book = bookOf([['1.0060', '500'], ['0.9990', '100']], [['1.0100', '500']]);
  const mexcOwn = {bids: new Map([[10060, 500]]), asks: new Map<number, number>()};
  const excluded = fairPrice({model: 'cross-venue-depth-weighted', mexc: book, kucoin: kucoin(), pct: 0.02, mexcOwn, includeOwnOrders: false});
  // others only: mid (0.9990 + 1.0100)/2 = 1.0045 ; depth 0.999·100 + 1.01·500 = 604.9
  close(excluded?.mexcMid, 1.0045);
  close(excluded?.mexcDepth, 604.9);
  close(excluded?.price, (1.0045 * 604.9 + 1.005 * 1004) / (604.9 + 1004));
  const included = fairPrice({model: 'cross-venue-depth-weighted', mexc: book, kucoin: kucoin(), pct: 0.02, mexcOwn, includeOwnOrders: true});
  close(included?.mexcMid, 1.008);
  close(included?.mexcDepth, 503 + 99.9 + 505);
});

test('falls back to KuCoin mid when MEXC has no two-sided market (also after excluding our orders) or is unsynced', () => {
  const oneSided = bookOf([['1.0060', '500']], []);
  close(fairPrice({model: 'cross-venue-depth-weighted', mexc: oneSided, kucoin: kucoin(), pct: 0.02, includeOwnOrders: false})?.price, 1.005);
  const onlyUs = mexc();
  const mexcOwn = {bids: new Map([[10060, 500]]), asks: new Map<number, number>()};
  const r = fairPrice({model: 'cross-venue-depth-weighted', mexc: onlyUs, kucoin: kucoin(), pct: 0.02, mexcOwn, includeOwnOrders: false});
  close(r?.price, 1.005);
  assert.equal(r?.mexcMid, null);
  const unsynced = mexc();
  unsynced.markUnsynced();
  close(fairPrice({model: 'cross-venue-depth-weighted', mexc: unsynced, kucoin: kucoin(), pct: 0.02, includeOwnOrders: false})?.price, 1.005);
  close(fairPrice({model: 'mexc-mid', mexc: oneSided, kucoin: kucoin(), pct: 0.02, includeOwnOrders: false})?.price, 1.005);
});

test('null when KuCoin has no two-sided book', () => {
  const empty = new OrderBook(4);
  assert.equal(fairPrice({model: 'kucoin-mid', mexc: mexc(), kucoin: empty, pct: 0.02, includeOwnOrders: false}), null);
  const oneSided = bookOf([['1.0000', '1']], []);
  assert.equal(fairPrice({model: 'cross-venue-depth-weighted', mexc: mexc(), kucoin: oneSided, pct: 0.02, includeOwnOrders: false}), null);
});

test('kucoin-mid, kucoin-microprice and mexc-mid models', () => {
  const base = {mexc: mexc(), kucoin: kucoin(), pct: 0.02, mexcOwn: noOwn, includeOwnOrders: false};
  close(fairPrice({...base, model: 'kucoin-mid'})?.price, 1.005);
  // (b·A + a·B)/(A + B) = (1.00·400 + 1.01·600)/1000 = 1.006 — leans to the ask, the thinner side
  close(fairPrice({...base, model: 'kucoin-microprice'})?.price, 1.006);
  close(fairPrice({...base, model: 'mexc-mid'})?.price, 1.008);
});

const sideArb = (min: number, max: number) =>
  fc.uniqueArray(fc.tuple(fc.integer({min, max}), fc.integer({min: 1, max: 1_000_000})), {selector: (l) => l[0], minLength: 0, maxLength: 20});
const wire = (ls: Array<[number, number]>): WireLevel[] => ls.map(([t, l]) => [formatScaled(t, 3), formatScaled(l, 2)] as const);

test('property: fair price always lies inside KuCoin best bid/ask, for every model', () => {
  fc.assert(
    fc.property(
      sideArb(500, 1000), sideArb(1001, 1500), sideArb(1, 3000), sideArb(1, 3000),
      fc.constantFrom(...fairPriceModels), fc.boolean(), fc.double({min: 0.001, max: 0.2, noNaN: true}),
      (kb, ka, mb, ma, model, includeOwnOrders, pct) => {
        const k = new OrderBook(3);
        k.applySnapshot(1, wire(kb), wire(ka), 0);
        const m = new OrderBook(3);
        m.applySnapshot(1, wire(mb), wire(ma), 0); // may be crossed, one-sided or empty
        const mexcOwn = {bids: new Map(mb.slice(0, 2).map(([t, l]) => [t, l / 100])), asks: new Map<number, number>()};
        const result = fairPrice({model, mexc: m, kucoin: k, pct, mexcOwn, includeOwnOrders});
        if (kb.length === 0 || ka.length === 0) {
          assert.equal(result, null);
          return;
        }
        assert.ok(result);
        const bid = k.ticksToPrice(k.bestBid()!);
        const ask = k.ticksToPrice(k.bestAsk()!);
        assert.ok(Number.isFinite(result.price));
        assert.ok(result.price >= bid && result.price <= ask, `${result.price} outside [${bid}, ${ask}]`);
      },
    ),
    {numRuns: 200},
  );
});

// ---- MEXC depth reported only with a MEXC mid; unknown model (mutation-score pass) ---------------------------
import type {FairPriceModel} from '../../../source/config/configSchema.js';

test('without a usable MEXC mid (unsynced or one-sided) no MEXC depth is reported either', () => {
  const unsynced = mexc(); // two-sided, 1,008 of depth, but not synced
  unsynced.markUnsynced();
  const fromUnsynced = fairPrice({model: 'cross-venue-depth-weighted', mexc: unsynced, kucoin: kucoin(), pct: 0.02, includeOwnOrders: false});
  assert.deepEqual([fromUnsynced?.mexcMid, fromUnsynced?.mexcDepth, fromUnsynced?.price], [null, null, 1.005]);
  const oneSided = bookOf([['1.0060', '500']], []);
  const fromOneSided = fairPrice({model: 'cross-venue-depth-weighted', mexc: oneSided, kucoin: kucoin(), pct: 0.02, includeOwnOrders: false});
  assert.deepEqual([fromOneSided?.mexcMid, fromOneSided?.mexcDepth, fromOneSided?.price], [null, null, 1.005]);
});

test('an unknown fair price model is an error naming it', () => {
  assert.throws(
    () => fairPrice({model: 'last-trade' as FairPriceModel, mexc: mexc(), kucoin: kucoin(), pct: 0.02, includeOwnOrders: false}),
    {message: 'unknown fair price model last-trade'},
  );
});
