import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {feeRateFromDecimal} from '../../../source/exchanges/paper/paperAmounts.js';
import {makeHarness, wire} from './matcherHarness.js';

// Real book used unless a test says otherwise: bid 0.25000 × 100 RMV, ask 0.25500 × 100 RMV.

test('a paper bid rests, locks its quote and is reported NEW with the new balance, like the private stream', () => {
  const h = makeHarness();
  const outcome = h.place('mmx1', 'BUY', 25100, 1000);
  assert.equal(outcome.kind, 'placed');
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['order.update', 'balance'],
  );
  const update = h.ofType('order.update')[0]!;
  assert.equal(update.status, 'resting');
  assert.equal(update.clientOrderId, 'mmx1');
  assert.deepEqual(h.ofType('balance')[0]!.balances, {RMV: {free: 1000, locked: 0}, USDT: {free: 997.49, locked: 2.51}});
  assert.deepEqual(h.matcher.openOrders(), [
    {clientOrderId: 'mmx1', orderId: outcome.kind === 'placed' ? outcome.orderId : '', side: 'BUY', priceTicks: 25100, origQtyLots: 1000, filledLots: 0, status: 'resting'},
  ]);
});

test('a LIMIT_MAKER at or through the real best ask is rejected as wouldCross and locks nothing', () => {
  const h = makeHarness();
  for (const price of [25500, 25600]) {
    const outcome = h.place(`mmx${price}`, 'BUY', price, 1000);
    assert.deepEqual(outcome, {kind: 'rejected', clientOrderId: `mmx${price}`, reason: 'wouldCross', detail: 'paper: post-only order would cross the book'});
  }
  assert.equal(h.place('mmxs', 'SELL', 25000, 1000).kind, 'rejected');
  assert.equal(h.events.length, 0);
  assert.deepEqual(h.account.balances(), {RMV: {free: 1000, locked: 0}, USDT: {free: 1000, locked: 0}});
});

test('post-only also sees our own paper orders resting on the other side', () => {
  const h = makeHarness();
  assert.equal(h.place('mmxa', 'SELL', 25200, 1000).kind, 'placed');
  const outcome = h.place('mmxb', 'BUY', 25200, 1000);
  assert.equal(outcome.kind === 'rejected' && outcome.reason, 'wouldCross');
  assert.equal(h.place('mmxc', 'BUY', 25199, 1000).kind, 'placed');
});

test('an order the virtual account cannot fund is rejected for insufficient funds and locks nothing', () => {
  const h = makeHarness({base: 10, quote: 5});
  const buy = h.place('mmxb', 'BUY', 25100, 2000); // 20 RMV × 0.251 = 5.02 USDT > 5
  assert.equal(buy.kind, 'rejected');
  assert.equal(buy.kind === 'rejected' && buy.reason, 'insufficientFunds');
  assert.match(buy.kind === 'rejected' ? buy.detail : '', /^Insufficient balance \(paper: need 5\.02 USDT, free 5\)$/);
  const sell = h.place('mmxs', 'SELL', 25400, 1001); // 10.01 RMV > 10
  assert.equal(sell.kind === 'rejected' && sell.reason, 'insufficientFunds');
  assert.deepEqual(h.account.balances(), {RMV: {free: 10, locked: 0}, USDT: {free: 5, locked: 0}});
  assert.equal(h.place('mmxok', 'BUY', 25000, 2000).kind, 'placed'); // exactly 5 USDT fits
});

test('minimum quantity and notional are enforced (invalid, with MEXC\'s wording)', () => {
  const h = makeHarness({ruleOverrides: {minQtyLots: 10}});
  const small = h.place('mmx1', 'BUY', 25100, 5);
  assert.equal(small.kind === 'rejected' && small.reason, 'invalid');
  assert.match(small.kind === 'rejected' ? small.detail : '', /minimum transaction volume/);
  const notional = h.place('mmx2', 'BUY', 25100, 300); // 3 RMV × 0.251 = 0.753 USDT < 1
  assert.equal(notional.kind === 'rejected' && notional.reason, 'invalid');
});

test('placement is refused while the real book is not synced (post-only cannot be checked)', () => {
  const h = makeHarness({synced: false});
  const outcome = h.place('mmx1', 'BUY', 25100, 1000);
  assert.equal(outcome.kind, 'rejected');
  assert.equal(outcome.kind === 'rejected' && outcome.reason, 'notNow');
  assert.deepEqual(h.account.balances().USDT, {free: 1000, locked: 0});
});

test('a seller trading below our bid fills us at our price up to the trade size; balances settle exactly', () => {
  const h = makeHarness();
  h.place('mmx1', 'BUY', 25100, 1000);
  h.events.length = 0;
  h.deal('SELL', 25000, 300);
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['fill', 'order.update', 'balance'],
  );
  const fill = h.ofType('fill')[0]!;
  assert.deepEqual({price: fill.priceTicks, qty: fill.qtyLots, side: fill.side, maker: fill.isMaker, fee: fill.fee, asset: fill.feeAsset}, {
    price: 25100,
    qty: 300,
    side: 'BUY',
    maker: true,
    fee: '0',
    asset: 'RMV',
  });
  assert.deepEqual([h.ofType('order.update')[0]!.status, h.ofType('order.update')[0]!.filledLots], ['resting', 300]);
  assert.deepEqual(h.account.balances(), {RMV: {free: 1003, locked: 0}, USDT: {free: 997.49, locked: 1.757}});
  h.deal('SELL', 24990, 5000);
  const updates = h.ofType('order.update');
  assert.equal(updates.at(-1)!.status, 'filled');
  assert.equal(updates.at(-1)!.filledLots, 1000);
  assert.deepEqual(h.account.balances(), {RMV: {free: 1010, locked: 0}, USDT: {free: 997.49, locked: 0}});
  assert.deepEqual(h.matcher.openOrders(), []);
  assert.equal(h.matcher.query('mmx1')?.status, 'filled');
  assert.equal(h.book.paperSize('bids', 25100), 0);
});

test('a trade exactly at our price first eats the size displayed ahead of us', () => {
  const h = makeHarness({bids: [[25000, 5000]]});
  h.place('mmx1', 'BUY', 25000, 2000);
  h.events.length = 0;
  h.deal('SELL', 25000, 4000); // 5000 ahead → 1000 ahead
  assert.equal(h.ofType('fill').length, 0);
  h.deal('SELL', 25000, 2500); // 1000 ahead, then 1500 reach us
  assert.deepEqual(
    h.ofType('fill').map((f) => f.qtyLots),
    [1500],
  );
});

test('orders ahead of us that cancel shrink our queue to the displayed size', () => {
  const h = makeHarness({bids: [[25000, 5000]]});
  h.place('mmx1', 'BUY', 25000, 2000);
  h.matcher.onRealDelta(wire([[25000, 1000]]), []);
  h.deal('SELL', 25000, 1500);
  assert.deepEqual(
    h.ofType('fill').map((f) => f.qtyLots),
    [500],
  );
});

test('two of our orders at one price keep time priority behind the real queue', () => {
  const h = makeHarness({bids: [[25000, 1000]]});
  h.place('mmx1', 'BUY', 25000, 500); // 1000 real ahead
  h.matcher.onRealDelta(wire([[25000, 1300]]), []); // 300 more real join behind us
  h.place('mmx2', 'BUY', 25000, 500); // 1300 real ahead
  h.deal('SELL', 25000, 1200); // 1000 real, 200 to mmx1
  assert.deepEqual(
    h.ofType('fill').map((f) => [f.clientOrderId, f.qtyLots]),
    [['mmx1', 200]],
  );
  h.deal('SELL', 25000, 900); // 300 to mmx1 (done), 300 real, 300 to mmx2
  assert.deepEqual(
    h.ofType('fill').map((f) => [f.clientOrderId, f.qtyLots]),
    [
      ['mmx1', 200],
      ['mmx1', 300],
      ['mmx2', 300],
    ],
  );
});

test('a trade through several of our bids fills the best price first', () => {
  const h = makeHarness();
  h.place('mmxlow', 'BUY', 25100, 1000);
  h.place('mmxhigh', 'BUY', 25200, 1000);
  h.deal('SELL', 25000, 1500);
  assert.deepEqual(
    h.ofType('fill').map((f) => [f.clientOrderId, f.qtyLots]),
    [
      ['mmxhigh', 1000],
      ['mmxlow', 500],
    ],
  );
});

test('a buyer lifting an ask below our bid does not fill it twice: only the book rule counts that liquidity', () => {
  const h = makeHarness();
  h.place('mmx1', 'BUY', 25100, 1000);
  h.deal('BUY', 25050, 300);
  assert.equal(h.ofType('fill').length, 0);
});

test('public trades stamped before the order was placed do not fill it', () => {
  const h = makeHarness();
  h.place('mmx1', 'BUY', 25100, 1000);
  h.deal('SELL', 25000, 300, h.clock.server - 1);
  assert.equal(h.ofType('fill').length, 0);
  h.deal('SELL', 25000, 300, h.clock.server);
  assert.equal(h.ofType('fill').length, 1);
  h.deal('SELL', 25000, 300, 0); // no timestamp on the push: it just arrived, so it counts
  assert.equal(h.ofType('fill').length, 2);
});

test('real asks moving through our bid fill it once; the liquidity used leaves the overlaid book', () => {
  const h = makeHarness();
  h.place('mmx1', 'BUY', 25100, 1000);
  h.matcher.onRealDelta([], wire([[25050, 400]]));
  assert.deepEqual(
    h.ofType('fill').map((f) => [f.qtyLots, f.priceTicks]),
    [[400, 25100]],
  );
  assert.equal(h.book.overlaySize('asks', 25050), 0);
  assert.equal(h.book.bestOverlay('asks'), 25500);
  h.matcher.onRealDelta(wire([[24990, 50]]), []); // unrelated change: the same ask does not fill us again
  assert.equal(h.ofType('fill').length, 1);
  h.matcher.onRealDelta([], wire([[25050, 600]])); // 200 new lots at that price do
  assert.deepEqual(
    h.ofType('fill').map((f) => f.qtyLots),
    [400, 200],
  );
  h.matcher.onRealDelta([], wire([[25050, 0]]));
  assert.equal(h.book.overlaySize('asks', 25050), 0);
});

test('cancel returns the unfilled funds and reports cancelled with the partial fill; an unknown order is orderNotFound', () => {
  const h = makeHarness();
  h.place('mmx1', 'SELL', 25400, 1000);
  h.deal('BUY', 25450, 400);
  const outcome = h.matcher.cancel({kind: 'cancel', clientOrderId: 'mmx1', orderId: null, reason: 'test'});
  assert.deepEqual(outcome, {kind: 'cancelled', clientOrderId: 'mmx1'});
  assert.deepEqual([h.ofType('order.update').at(-1)!.status, h.ofType('order.update').at(-1)!.filledLots], ['cancelled', 400]);
  assert.deepEqual(h.account.balances(), {RMV: {free: 996, locked: 0}, USDT: {free: 1001.016, locked: 0}});
  assert.equal(h.book.paperSize('asks', 25400), 0);
  const again = h.matcher.cancel({kind: 'cancel', clientOrderId: 'mmx1', orderId: null, reason: 'test'});
  assert.deepEqual(again, {kind: 'rejected', clientOrderId: 'mmx1', reason: 'orderNotFound', detail: 'Unknown order sent.'});
  assert.deepEqual([h.matcher.query('mmx1')?.status, h.matcher.query('mmx1')?.filledLots], ['cancelled', 400]);
  assert.equal(h.matcher.query('nope'), null);
});

test('a cancel by exchange order id finds the order when no client id is given', () => {
  const h = makeHarness();
  const placed = h.place('mmx1', 'BUY', 25100, 1000);
  assert.equal(placed.kind, 'placed');
  const orderId = placed.kind === 'placed' ? placed.orderId : '';
  assert.equal(h.matcher.cancel({kind: 'cancel', clientOrderId: '', orderId, reason: 'test'}).kind, 'cancelled');
  assert.deepEqual(h.matcher.openOrders(), []);
});

test('the maker fee from exchangeInfo is charged in the asset received, rounded up', () => {
  const h = makeHarness({fee: feeRateFromDecimal('0.001')});
  h.place('mmxb', 'BUY', 25100, 1000);
  h.place('mmxs', 'SELL', 25400, 3330);
  h.deal('SELL', 25000, 1000);
  h.deal('BUY', 25450, 3330);
  const fills = h.ofType('fill');
  assert.deepEqual(
    fills.map((f) => [f.fee, f.feeAsset]),
    [
      ['0.01', 'RMV'],
      ['0.0084582', 'USDT'], // 33.3 × 0.254 = 8.4582 USDT × 0.001
    ],
  );
  assert.deepEqual(h.account.balances(), {RMV: {free: 976.69, locked: 0}, USDT: {free: 1005.9397418, locked: 0}});
});

test('a duplicate open clientOrderId is refused', () => {
  const h = makeHarness();
  h.place('mmx1', 'BUY', 25100, 1000);
  assert.equal(h.place('mmx1', 'BUY', 25090, 1000).kind, 'rejected');
});

test('any sequence of orders, trades and book moves keeps the account and the overlay consistent', () => {
  type Op =
    | {kind: 'place'; side: 'BUY' | 'SELL'; offset: number; lots: number}
    | {kind: 'cancel'; index: number}
    | {kind: 'deal'; side: 'BUY' | 'SELL'; offset: number; lots: number}
    | {kind: 'level'; book: 'bids' | 'asks'; offset: number; lots: number};
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({kind: fc.constant('place' as const), side: fc.constantFrom('BUY' as const, 'SELL' as const), offset: fc.integer({min: -300, max: 300}), lots: fc.integer({min: 400, max: 5000})}),
    fc.record({kind: fc.constant('cancel' as const), index: fc.nat(20)}),
    fc.record({kind: fc.constant('deal' as const), side: fc.constantFrom('BUY' as const, 'SELL' as const), offset: fc.integer({min: -300, max: 300}), lots: fc.integer({min: 1, max: 3000})}),
    fc.record({kind: fc.constant('level' as const), book: fc.constantFrom('bids' as const, 'asks' as const), offset: fc.integer({min: -300, max: 300}), lots: fc.integer({min: 0, max: 3000})}),
  );
  fc.assert(
    fc.property(fc.array(op, {maxLength: 60}), (ops) => {
      const h = makeHarness({bids: [[25000, 2000]], asks: [[25300, 2000]], base: 300, quote: 80});
      const mid = 25150;
      let placed = 0;
      for (const o of ops) {
        switch (o.kind) {
          case 'place':
            h.place(`mmx${++placed}`, o.side, mid + o.offset, o.lots);
            break;
          case 'cancel': {
            const open = h.matcher.openOrders();
            const target = open[o.index % Math.max(1, open.length)];
            if (target) h.matcher.cancel({kind: 'cancel', clientOrderId: target.clientOrderId, orderId: null, reason: 'p'});
            break;
          }
          case 'deal':
            h.deal(o.side, mid + o.offset, o.lots);
            break;
          case 'level': {
            const levels = wire([[mid + o.offset, o.lots]]);
            if (o.book === 'bids') h.matcher.onRealDelta(levels, []);
            else h.matcher.onRealDelta([], levels);
            break;
          }
        }
      }
      // funds: locked = what open orders still need; totals move only by fills (no fee here)
      const open = h.matcher.openOrders();
      const lockedQuote = open.filter((o) => o.side === 'BUY').reduce((s, o) => s + o.priceTicks * (o.origQtyLots - o.filledLots), 0);
      const lockedBase = open.filter((o) => o.side === 'SELL').reduce((s, o) => s + (o.origQtyLots - o.filledLots), 0);
      let baseLots = 300 * 100;
      let quoteTickLots = 80 * 1e7;
      for (const f of h.ofType('fill')) {
        baseLots += f.side === 'BUY' ? f.qtyLots : -f.qtyLots;
        quoteTickLots += (f.side === 'BUY' ? -1 : 1) * f.priceTicks * f.qtyLots;
      }
      const b = h.account.balances();
      assert.ok(Math.abs(b.USDT!.locked - lockedQuote / 1e7) < 1e-9);
      assert.ok(Math.abs(b.RMV!.locked - lockedBase / 100) < 1e-9);
      assert.ok(Math.abs(b.RMV!.free + b.RMV!.locked - baseLots / 100) < 1e-9);
      assert.ok(Math.abs(b.USDT!.free + b.USDT!.locked - quoteTickLots / 1e7) < 1e-9);
      assert.ok(b.RMV!.free >= 0 && b.USDT!.free >= 0);
      // the overlay holds exactly our open remainders, and never shows our bid at or above an overlaid ask
      for (const side of ['BUY', 'SELL'] as const) {
        const byPrice = new Map<number, number>();
        for (const o of open.filter((x) => x.side === side)) byPrice.set(o.priceTicks, (byPrice.get(o.priceTicks) ?? 0) + o.origQtyLots - o.filledLots);
        for (const [price, lots] of byPrice) assert.equal(h.book.paperSize(side === 'BUY' ? 'bids' : 'asks', price), lots);
      }
      const bestPaperBid = Math.max(...open.filter((o) => o.side === 'BUY').map((o) => o.priceTicks));
      for (const ticks of h.book.realBestFirst('asks')) {
        if (ticks < bestPaperBid) assert.equal(h.book.available('asks', ticks), 0, `real ask ${ticks} left through our bid ${bestPaperBid}`);
      }
    }),
    {numRuns: 300},
  );
});
