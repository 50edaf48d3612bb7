import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {OrderBook} from '../../../source/engine/market/orderbook.js';
import {ComplianceTracker, sampleCompliance, type ComplianceInput} from '../../../source/engine/market/compliance.js';
import type {ComplianceSample} from '../../../source/engine/view/snapshot.js';
import type {WireLevel} from '../../../source/engine/events.js';

const bookOf = (bids: WireLevel[], asks: WireLevel[]) => {
  const book = new OrderBook(2);
  book.applySnapshot(1, bids, asks, 0);
  return book;
};
const noOwn = {bids: new Map<number, number>(), asks: new Map<number, number>()};
// mid 10.00, spread 0.2 %; within ±2 %: bids 9.99·100 + 9.90·10.1 = 1,098.99, asks 10.01·100 + 10.10·10 = 1,102
const healthy = () => bookOf([['9.99', '100'], ['9.90', '10.1']], [['10.01', '100'], ['10.10', '10']]);
const input = (over: Partial<ComplianceInput> = {}): ComplianceInput => ({
  book: healthy(), own: noOwn, pct: 0.02, minDepth: 1000, maxSpread: 0.02, at: 1_000, staleReason: null, ...over,
});

test('a synced, fresh book with tight spread and enough depth on both sides passes', () => {
  const s = sampleCompliance(input());
  assert.equal(s.pass, true);
  assert.equal(s.passCombined, true);
  assert.equal(s.reason, null);
  assert.ok(Math.abs(s.bidDepth - (999 + 99.99)) < 1e-9);
  assert.ok(Math.abs(s.askDepth - (1001 + 101)) < 1e-9);
  assert.ok(Math.abs(s.spread! - 0.002) < 1e-12);
  assert.equal(s.at, 1_000);
});

test('thin bid side fails per side but can pass the combined reading', () => {
  const s = sampleCompliance(input({book: bookOf([['9.99', '50']], [['10.01', '100'], ['10.10', '10']])}));
  assert.equal(s.pass, false);
  assert.equal(s.reason, 'bid depth 499 < 1000');
  assert.equal(s.passCombined, true); // 499.5 + 1,102 ≥ 1,000
  const ask = sampleCompliance(input({book: bookOf([['9.99', '100'], ['9.90', '10.1']], [['10.01', '81.2']])}));
  assert.equal(ask.reason, 'ask depth 812 < 1000');
});

test('a wide spread fails both readings and names the spread', () => {
  const s = sampleCompliance(input({book: bookOf([['9.88', '200']], [['10.12', '200']])}));
  // (10.12 − 9.88) / 10.00 = 2.4 %
  assert.equal(s.pass, false);
  assert.equal(s.passCombined, false);
  assert.equal(s.reason, 'spread 2.4% ≥ 2%');
});

test('stale and unsynced books fail whatever they show', () => {
  const stale = sampleCompliance(input({staleReason: 'no update for 12 s'}));
  assert.equal(stale.pass, false);
  assert.equal(stale.passCombined, false);
  assert.equal(stale.reason, 'book stale: no update for 12 s');
  const book = healthy();
  book.markUnsynced();
  const unsynced = sampleCompliance(input({book}));
  assert.equal(unsynced.pass, false);
  assert.equal(unsynced.reason, 'book not synced');
  const empty = sampleCompliance(input({book: bookOf([['9.99', '100']], [])}));
  assert.equal(empty.reason, 'no two-sided market');
  assert.equal(empty.spread, null);
});

test('own depth is the value of our levels inside the band', () => {
  const own = {bids: new Map([[999, 60], [900, 5]]), asks: new Map([[1001, 40]])};
  const s = sampleCompliance(input({own}));
  assert.ok(Math.abs(s.ownBidDepth - 599.4) < 1e-9); // 9.00 is outside ±2 %
  assert.ok(Math.abs(s.ownAskDepth - 400.4) < 1e-9);
  // the exchange sees our orders: they count toward compliance
  assert.equal(s.pass, true);
});

const sample = (at: number, pass: boolean, reason: string | null = pass ? null : 'bid depth 1 < 1000'): ComplianceSample => ({
  at, pass, passCombined: pass, spread: 0.01, bidDepth: 0, askDepth: 0, combinedDepth: 0, ownBidDepth: 0, ownAskDepth: 0, reason,
});

const T0 = 1_700_000_000_000 - (1_700_000_000_000 % 60_000); // a minute boundary

test('tracker: pass rates, streaks, longest gap and last failure from 1 s samples', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  // 30 s passing, 10 s failing, 20 s passing
  for (let i = 0; i < 30; i++) tracker.record(sample(T0 + i * 1000, true));
  for (let i = 30; i < 40; i++) tracker.record(sample(T0 + i * 1000, false));
  for (let i = 40; i < 60; i++) tracker.record(sample(T0 + i * 1000, true));
  const g = tracker.gauges(T0 + 59_000);
  assert.equal(g.lastHour.samples, 60);
  assert.ok(Math.abs(g.lastHour.perSide! - 50 / 60 * 100) < 1e-9);
  assert.equal(g.lastDay.samples, 60);
  assert.equal(g.streakSec, 19); // passing since T0 + 40 s
  assert.equal(g.longestGapSec, 10); // failing from 30 s until the pass at 40 s
  assert.deepEqual(g.lastFailure, {at: T0 + 39_000, reason: 'bid depth 1 < 1000'});
  assert.equal(g.now?.at, T0 + 59_000);
});

test('tracker: a failing streak is negative and the open gap counts toward the longest', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, true));
  for (let i = 1; i <= 5; i++) tracker.record(sample(T0 + i * 1000, false));
  const g = tracker.gauges(T0 + 5000);
  assert.equal(g.streakSec, -4);
  assert.equal(g.longestGapSec, 4);
});

test('tracker: per-criterion rates use the sample checks', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  const book = bookOf([['9.99', '50']], [['10.01', '100'], ['10.10', '10']]);
  tracker.record(sampleCompliance(input({at: T0, book})));
  tracker.record(sampleCompliance(input({at: T0 + 1000})));
  const rates = tracker.gauges(T0 + 1000).lastHour;
  assert.deepEqual(rates, {perSide: 50, combined: 100, bid: 50, ask: 100, spread: 100, samples: 2});
});

test('tracker: the 1 h rate forgets older minutes, the 24 h rate keeps them; older than 24 h is dropped', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, false)); // minute 0
  tracker.record(sample(T0 + 2 * 3_600_000, true)); // two hours later
  const g = tracker.gauges(T0 + 2 * 3_600_000);
  assert.equal(g.lastHour.samples, 1);
  assert.equal(g.lastHour.perSide, 100);
  assert.equal(g.lastDay.samples, 2);
  assert.equal(g.lastDay.perSide, 50);
  tracker.record(sample(T0 + 25 * 3_600_000, true));
  assert.equal(tracker.gauges(T0 + 25 * 3_600_000).lastDay.samples, 2);
  assert.equal(tracker.persisted().minutes.length, 2);
});

test('tracker: history survives a restart, minus minutes older than 24 h', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  for (let i = 0; i < 120; i++) tracker.record(sample(T0 + i * 1000, i % 4 !== 0));
  const saved = JSON.parse(JSON.stringify(tracker.persisted()));
  const restored = new ComplianceTracker(saved, T0 + 130_000);
  assert.deepEqual(restored.gauges(T0 + 130_000).lastHour, tracker.gauges(T0 + 130_000).lastHour);
  assert.deepEqual(restored.persisted().lastFailure, tracker.persisted().lastFailure);
  const dayLater = new ComplianceTracker(saved, T0 + 24 * 3_600_000); // the 24 h window now starts at minute 1
  assert.equal(dayLater.persisted().minutes.length, 1); // minute 0 is now older than 24 h
  const muchLater = new ComplianceTracker(saved, T0 + 48 * 3_600_000);
  assert.equal(muchLater.gauges(T0 + 48 * 3_600_000).lastDay.samples, 0);
  assert.equal(muchLater.gauges(T0 + 48 * 3_600_000).lastDay.perSide, null);
});

test('tracker: downtime does not extend a streak; sampling resumes with a new one', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  for (let i = 0; i < 10; i++) tracker.record(sample(T0 + i * 1000, false));
  // silent for 5 minutes, then passing again
  tracker.record(sample(T0 + 300_000, true));
  const g = tracker.gauges(T0 + 300_000);
  assert.equal(g.longestGapSec, 9); // only the observed failing time
  assert.equal(g.streakSec, 0);
});

test('property: persisted history stays bounded at 1440 minutes and rates stay within 0..100', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({min: 1, max: 200 * 60_000}), fc.boolean()), {minLength: 1, maxLength: 300}), (steps) => {
      const tracker = new ComplianceTracker(undefined, T0);
      let at = T0;
      for (const [dt, pass] of steps) {
        at += dt;
        tracker.record(sample(at, pass));
      }
      const saved = tracker.persisted();
      assert.ok(saved.minutes.length <= 1440);
      for (let i = 1; i < saved.minutes.length; i++) assert.ok(saved.minutes[i]!.minute > saved.minutes[i - 1]!.minute);
      const g = tracker.gauges(at);
      for (const rates of [g.lastHour, g.lastDay]) {
        for (const v of [rates.perSide, rates.combined, rates.bid, rates.ask, rates.spread]) assert.ok(v === null || (v >= 0 && v <= 100));
      }
      assert.ok(g.longestGapSec >= 0);
      assert.equal(Math.sign(g.streakSec) <= 0, !steps.at(-1)![1] || g.streakSec === 0);
    }),
    {numRuns: 200},
  );
});
