import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {sideBudgets, type SideBudgetsInput} from '../../../source/engine/planner/sideBudgets.js';

const base: SideBudgetsInput = {
  target: 1250, othersDepth: {bid: 400, ask: 1300}, available: {quote: 2000, base: 1000}, fair: 2,
  maxTotalNotional: 4000, baseRatio: 0.5, inventoryBand: {minBaseRatio: 0.15, maxBaseRatio: 0.85},
};

test('each side commits what others leave short of the target', () => {
  const {bid, ask} = sideBudgets(base);
  assert.deepEqual(bid, {budgetQuote: 850, shortfallQuote: 0, reason: null});
  assert.deepEqual(ask, {budgetQuote: 0, shortfallQuote: 0, reason: null}); // others already give 1,300
});

test('a side its own asset cannot fund reports the shortfall', () => {
  // bid needs 850 but only 500 USDT; ask needs 1,250 but 200 base × 2 = 400 USDT
  const {bid, ask} = sideBudgets({...base, othersDepth: {bid: 400, ask: 0}, available: {quote: 500, base: 200}});
  assert.deepEqual(bid, {budgetQuote: 500, shortfallQuote: 350, reason: 'no balance: short 350 USDT'});
  assert.deepEqual(ask, {budgetQuote: 400, shortfallQuote: 850, reason: 'no balance: short 850 USDT'});
});

test('both sides scale down in proportion when the total exceeds maxTotalNotional', () => {
  const {bid, ask} = sideBudgets({...base, othersDepth: {bid: 0, ask: 250}, maxTotalNotional: 1800});
  // needs 1,250 + 1,000 = 2,250 > 1,800 → × 0.8
  assert.equal(bid.budgetQuote, 1000);
  assert.equal(ask.budgetQuote, 800);
  assert.equal(bid.shortfallQuote, 250);
  assert.equal(bid.reason, 'capped by maxTotalNotional');
  assert.equal(ask.reason, 'capped by maxTotalNotional');
});

test('inventory band: base-heavy stops bidding, quote-heavy stops offering', () => {
  const heavy = sideBudgets({...base, othersDepth: {bid: 0, ask: 0}, baseRatio: 0.9});
  assert.deepEqual(heavy.bid, {budgetQuote: 0, shortfallQuote: 1250, reason: 'inventory: base-heavy'});
  assert.equal(heavy.ask.budgetQuote, 1250);
  const light = sideBudgets({...base, othersDepth: {bid: 0, ask: 0}, baseRatio: 0.1});
  assert.deepEqual(light.ask, {budgetQuote: 0, shortfallQuote: 1250, reason: 'inventory: quote-heavy'});
  assert.equal(light.bid.budgetQuote, 1250);
  // unknown ratio: no inventory rule applies
  assert.equal(sideBudgets({...base, baseRatio: null}).bid.budgetQuote, 850);
});

test('an unknown fair price funds no ask', () => {
  const {ask} = sideBudgets({...base, othersDepth: {bid: 0, ask: 0}, fair: Number.NaN});
  assert.equal(ask.budgetQuote, 0);
  assert.equal(ask.reason, 'no balance: short 1250 USDT');
});

test('property: budgets follow the documented rule exactly, within need, funds and the total cap; shortfall closes the gap', () => {
  // fc.double alone draws mostly tiny values; cents and ten-thousandths spread over the whole range make
  // the funding, inventory and cap branches all common.
  const amount = fc.oneof(fc.double({min: 0, max: 1e6, noNaN: true}), fc.integer({min: 0, max: 100_000_000}).map((c) => c / 100));
  const fairPrice = fc.oneof(fc.double({min: 0.0001, max: 1e4, noNaN: true}), fc.integer({min: 1, max: 100_000_000}).map((n) => n / 10_000));
  fc.assert(
    fc.property(
      amount, amount, amount, amount, amount, fairPrice, amount,
      fc.option(fc.double({min: 0, max: 1, noNaN: true})),
      (target, othersBid, othersAsk, quote, baseQty, fair, maxTotal, baseRatio) => {
        const input: SideBudgetsInput = {
          target, othersDepth: {bid: othersBid, ask: othersAsk}, available: {quote, base: baseQty}, fair,
          maxTotalNotional: maxTotal, baseRatio, inventoryBand: {minBaseRatio: 0.15, maxBaseRatio: 0.85},
        };
        const {bid, ask} = sideBudgets(input);
        const eps = 1e-9 * Math.max(1, target, maxTotal);
        const needBid = Math.max(0, target - othersBid);
        const needAsk = Math.max(0, target - othersAsk);
        assert.ok(bid.budgetQuote >= 0 && ask.budgetQuote >= 0);
        // exact, by docs/strategy.md §7: each side the smaller of its need and what its own asset funds (asks:
        // base at fair); outside the inventory band the heavy side drops to 0; over the total cap both
        // scale by cap / total. Differences under a millionth of a USDT are rounding, not a shortfall.
        let expBid = Math.min(needBid, quote);
        let expAsk = Math.min(needAsk, baseQty * fair);
        let expBidReason = needBid - expBid > 1e-6 ? `no balance: short ${Math.ceil(needBid - expBid)} USDT` : null;
        let expAskReason = needAsk - expAsk > 1e-6 ? `no balance: short ${Math.ceil(needAsk - expAsk)} USDT` : null;
        if (baseRatio !== null && baseRatio > 0.85) [expBid, expBidReason] = [0, 'inventory: base-heavy'];
        else if (baseRatio !== null && baseRatio < 0.15) [expAsk, expAskReason] = [0, 'inventory: quote-heavy'];
        if (expBid + expAsk > maxTotal) {
          const scale = maxTotal / (expBid + expAsk);
          [expBid, expAsk] = [expBid * scale, expAsk * scale];
          expBidReason ??= expBid < needBid - 1e-6 ? 'capped by maxTotalNotional' : null;
          expAskReason ??= expAsk < needAsk - 1e-6 ? 'capped by maxTotalNotional' : null;
        }
        assert.ok(Math.abs(bid.budgetQuote - expBid) <= eps, `bid ${bid.budgetQuote} ≠ ${expBid}`);
        assert.ok(Math.abs(ask.budgetQuote - expAsk) <= eps * Math.max(1, fair), `ask ${ask.budgetQuote} ≠ ${expAsk}`);
        assert.deepEqual([bid.reason, ask.reason], [expBidReason, expAskReason]);
        assert.ok(bid.budgetQuote <= needBid + eps && ask.budgetQuote <= needAsk + eps);
        assert.ok(bid.budgetQuote <= quote + eps && ask.budgetQuote <= baseQty * fair + eps * fair);
        assert.ok(bid.budgetQuote + ask.budgetQuote <= maxTotal + eps);
        assert.ok(Math.abs(bid.budgetQuote + bid.shortfallQuote - needBid) <= eps);
        assert.ok(Math.abs(ask.budgetQuote + ask.shortfallQuote - needAsk) <= eps);
        if (bid.shortfallQuote > 1e-6) assert.notEqual(bid.reason, null);
      },
    ),
    {numRuns: 500},
  );
});

// ---- band edges, a fair price that cannot value base, the dust threshold (mutation-score pass) ---------------

test('inventory band edges: a ratio exactly at the band limit still quotes both sides', () => {
  const atMax = sideBudgets({...base, othersDepth: {bid: 0, ask: 0}, baseRatio: 0.85});
  assert.deepEqual([atMax.bid.budgetQuote, atMax.bid.reason, atMax.ask.budgetQuote], [1250, null, 1250]);
  const atMin = sideBudgets({...base, othersDepth: {bid: 0, ask: 0}, baseRatio: 0.15});
  assert.deepEqual([atMin.ask.budgetQuote, atMin.ask.reason, atMin.bid.budgetQuote], [1250, null, 1250]);
});

test('a zero, negative or infinite fair price funds no ask', () => {
  for (const fair of [0, -2, Number.POSITIVE_INFINITY]) {
    const {ask} = sideBudgets({...base, othersDepth: {bid: 0, ask: 0}, fair});
    assert.deepEqual(ask, {budgetQuote: 0, shortfallQuote: 1250, reason: 'no balance: short 1250 USDT'}, `fair ${fair}`);
  }
});

test('a shortfall of exactly the dust threshold (a millionth of a USDT) is not reported', () => {
  const {bid, ask} = sideBudgets({...base, target: 1e-6, othersDepth: {bid: 0, ask: 0}, available: {quote: 0, base: 0}});
  assert.deepEqual(bid, {budgetQuote: 0, shortfallQuote: 1e-6, reason: null});
  assert.deepEqual(ask, {budgetQuote: 0, shortfallQuote: 1e-6, reason: null});
});

test('a side the exchange refuses gets nothing, with the refusal as its reason, before the total cap is shared out', () => {
  const open = {...base, othersDepth: {bid: 0, ask: 0}, maxTotalNotional: 1500};
  const {bid, ask} = sideBudgets({...open, refusedByExchange: {bid: null, ask: 'exchange allows only buys'}});
  assert.deepEqual(ask, {budgetQuote: 0, shortfallQuote: 1250, reason: 'exchange allows only buys'});
  assert.deepEqual(bid, {budgetQuote: 1250, shortfallQuote: 0, reason: null}, 'the whole cap is left to the bid side');
  const bothRefused = sideBudgets({...open, refusedByExchange: {bid: 'exchange allows no orders', ask: 'exchange allows no orders'}});
  assert.deepEqual([bothRefused.bid.budgetQuote, bothRefused.ask.budgetQuote], [0, 0]);
  assert.deepEqual(sideBudgets({...open, refusedByExchange: {bid: null, ask: null}}), sideBudgets(open), 'no refusal is the same as none given');
});

test('the exchange\'s refusal outranks the inventory band as the reason', () => {
  const {bid} = sideBudgets({...base, othersDepth: {bid: 0, ask: 0}, baseRatio: 0.9, refusedByExchange: {bid: 'exchange allows only sells', ask: null}});
  assert.deepEqual(bid, {budgetQuote: 0, shortfallQuote: 1250, reason: 'exchange allows only sells'});
});
