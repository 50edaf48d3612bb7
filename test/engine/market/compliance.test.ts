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
  at, pass, passCombined: pass, spread: 0.01, bidDepth: 0, askDepth: 0, combinedDepth: 0, ownBidDepth: 0, ownAskDepth: 0, reason, checks: {bid: pass, ask: pass, spread: pass},
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

// An independent model of the tracker's streaks, written from its documented meaning rather than its code:
// samples further apart than 10 s belong to different streaks (the process was down); a failing streak
// lasts from its first failing sample until the passing sample that ends it, if that sample comes within
// 10 s, and otherwise until its last failing sample (only observed time counts). The current streak runs
// until `now` (the last sample here).
function modelStreaks(samples: Array<{at: number; pass: boolean}>): {longestGapSec: number; streakSec: number} {
  let longestGapSec = 0;
  let runStart = 0;
  for (let i = 0; i < samples.length; i++) {
    const prev = samples[i - 1];
    const cur = samples[i]!;
    if (i === 0 || cur.at - prev!.at > 10_000 || cur.pass !== prev!.pass) runStart = i;
    const next = samples[i + 1];
    const runEndsHere = next === undefined || next.at - cur.at > 10_000 || next.pass !== cur.pass;
    if (!cur.pass && runEndsHere) {
      const closedByPass = next !== undefined && next.pass && next.at - cur.at <= 10_000;
      const end = closedByPass ? next.at : cur.at;
      longestGapSec = Math.max(longestGapSec, (end - samples[runStart]!.at) / 1000);
    }
  }
  const last = samples.at(-1)!;
  const seconds = (last.at - samples[runStart]!.at) / 1000;
  return {longestGapSec, streakSec: last.pass ? seconds : -seconds};
}

test('property: persisted history stays bounded at 1440 minutes, rates, streak and longest gap match a model', () => {
  // Steps mix sub-10 s spacing (streaks that last) with long silences (new streaks, minutes beyond 24 h).
  const step = fc.oneof(fc.integer({min: 1, max: 12_000}), fc.integer({min: 1, max: 200 * 60_000}));
  fc.assert(
    fc.property(fc.array(fc.tuple(step, fc.boolean()), {minLength: 1, maxLength: 300}), (steps) => {
      const tracker = new ComplianceTracker(undefined, T0);
      const recorded: Array<{at: number; pass: boolean}> = [];
      let at = T0;
      for (const [dt, pass] of steps) {
        at += dt;
        tracker.record(sample(at, pass));
        recorded.push({at, pass});
      }
      const saved = tracker.persisted();
      assert.ok(saved.minutes.length <= 1440);
      for (let i = 1; i < saved.minutes.length; i++) assert.ok(saved.minutes[i]!.minute > saved.minutes[i - 1]!.minute);
      const g = tracker.gauges(at);
      const nowMinute = Math.floor(at / 60_000);
      for (const [rates, firstMinute] of [[g.lastHour, nowMinute - 59], [g.lastDay, nowMinute - 1439]] as const) {
        for (const v of [rates.perSide, rates.combined, rates.bid, rates.ask, rates.spread]) assert.ok(v === null || (v >= 0 && v <= 100));
        const inWindow = recorded.filter((r) => Math.floor(r.at / 60_000) >= firstMinute);
        assert.equal(rates.samples, inWindow.length);
        assert.equal(rates.perSide, (inWindow.filter((r) => r.pass).length / inWindow.length) * 100);
      }
      const expected = modelStreaks(recorded);
      assert.equal(g.longestGapSec, expected.longestGapSec);
      assert.equal(g.streakSec, expected.streakSec);
    }),
    {numRuns: 200},
  );
});

// ---- criteria at their thresholds, tracker buckets, windows, restored history (mutation-score pass) ----------
import type {ComplianceMinute, PersistedCompliance} from '../../../source/engine/view/snapshot.js';
// Prices on binary-exact ticks (x.00, x.25, x.50) so every depth below is exact.
const M0 = T0 / 60_000; // T0's epoch minute
const minuteOf = (minute: number, counts: Partial<Omit<ComplianceMinute, 'minute'>> = {}): ComplianceMinute => ({
  minute, samples: 1, pass: 1, passCombined: 1, bidPass: 1, askPass: 1, spreadPass: 1, ...counts,
});
const history = (over: Partial<PersistedCompliance> = {}): PersistedCompliance => ({
  version: 1, minutes: [], longestGapSec: 0, lastFailure: null, streakStartAt: null, streakPass: null, ...over,
});

test('a spread exactly at the maximum fails: it must be strictly below', () => {
  // bid 9.90, ask 10.10: (10.10 − 9.90) / 10.00 = 0.02 exactly
  const s = sampleCompliance(input({book: bookOf([['9.90', '200']], [['10.10', '200']])}));
  assert.equal(s.spread, 0.02);
  assert.deepEqual([s.pass, s.passCombined, s.checks, s.reason], [false, false, {bid: true, ask: true, spread: false}, 'spread 2% ≥ 2%']);
});

test('depth exactly at the minimum passes on either side', () => {
  // bid 10.00 × 100 = 1,000 exactly ; asks 10.25 × 100 = 1,025 ; spread 0.25 / 10.125 = 2.47 % < 5 %
  const bid = sampleCompliance(input({book: bookOf([['10.00', '100']], [['10.25', '100']]), maxSpread: 0.05}));
  assert.deepEqual([bid.bidDepth, bid.askDepth, bid.pass, bid.checks], [1000, 1025, true, {bid: true, ask: true, spread: true}]);
  // asks 10.00 × 100 = 1,000 exactly ; bids 9.75 × 200 = 1,950
  const ask = sampleCompliance(input({book: bookOf([['9.75', '200']], [['10.00', '100']]), maxSpread: 0.05}));
  assert.deepEqual([ask.bidDepth, ask.askDepth, ask.pass, ask.checks], [1950, 1000, true, {bid: true, ask: true, spread: true}]);
});

test('the combined reading passes at exactly the minimum and fails one below it', () => {
  // bid 10.00 × 50 = 500, ask 10.25 × 40 = 410: combined 910, each side short of 910
  const book = () => bookOf([['10.00', '50']], [['10.25', '40']]);
  const at = sampleCompliance(input({book: book(), maxSpread: 0.05, minDepth: 910}));
  assert.deepEqual([at.combinedDepth, at.pass, at.passCombined, at.reason], [910, false, true, 'bid depth 500 < 910']);
  const below = sampleCompliance(input({book: book(), maxSpread: 0.05, minDepth: 911}));
  assert.deepEqual([below.pass, below.passCombined], [false, false]);
  // a spread too wide fails the combined reading even with depth to spare
  const wide = sampleCompliance(input({book: book(), maxSpread: 0.02, minDepth: 100}));
  assert.deepEqual([wide.pass, wide.passCombined, wide.checks], [false, false, {bid: true, ask: true, spread: false}]);
});

test('without a two-sided market the spread criterion fails even when no depth is required', () => {
  const s = sampleCompliance(input({book: bookOf([['9.99', '100']], []), minDepth: 0}));
  assert.deepEqual([s.spread, s.pass, s.passCombined, s.checks, s.reason], [null, false, false, {bid: true, ask: true, spread: false}, 'no two-sided market']);
});

test('tracker: with no sample yet the gauges are empty', () => {
  const rates = {perSide: null, combined: null, bid: null, ask: null, spread: null, samples: 0};
  assert.deepEqual(new ComplianceTracker(undefined, T0).gauges(T0), {
    now: null, lastHour: rates, lastDay: rates, streakSec: 0, longestGapSec: 0, lastFailure: null,
  });
});

test('tracker: each criterion is counted from its own flag', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  const check = (at: number, pass: boolean, passCombined: boolean, checks: {bid: boolean; ask: boolean; spread: boolean}) =>
    tracker.record({...sample(at, pass), passCombined, checks} as ComplianceSample);
  check(T0, false, false, {bid: true, ask: false, spread: false});
  check(T0 + 1000, false, false, {bid: false, ask: true, spread: true});
  check(T0 + 2000, true, true, {bid: true, ask: true, spread: true});
  check(T0 + 3000, false, true, {bid: false, ask: true, spread: true});
  assert.deepEqual(tracker.gauges(T0 + 3000).lastHour, {perSide: 25, combined: 50, bid: 50, ask: 75, spread: 75, samples: 4});
  assert.deepEqual(tracker.persisted().minutes, [{minute: M0, samples: 4, pass: 1, passCombined: 2, bidPass: 2, askPass: 3, spreadPass: 3}]);
});

test('tracker: a sample without per-criterion flags counts its pass for every criterion', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, true));
  tracker.record(sample(T0 + 1000, false));
  assert.deepEqual(tracker.gauges(T0 + 1000).lastHour, {perSide: 50, combined: 50, bid: 50, ask: 50, spread: 50, samples: 2});
});

test('tracker: a failing sample without a reason is remembered as "failed"', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, false, null));
  assert.deepEqual(tracker.gauges(T0).lastFailure, {at: T0, reason: 'failed'});
});

test('tracker: when the clock goes back, samples land in their own minute and the minutes stay in order', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, true)); //              minute 0
  tracker.record(sample(T0 + 120_000, false)); //   minute 2
  tracker.record(sample(T0 + 60_000, true)); //     back to minute 1: a new bucket, inserted in order
  tracker.record(sample(T0 + 1000, false)); //      back to minute 0: the existing bucket
  assert.deepEqual(tracker.persisted().minutes, [
    {minute: M0, samples: 2, pass: 1, passCombined: 1, bidPass: 1, askPass: 1, spreadPass: 1},
    {minute: M0 + 1, samples: 1, pass: 1, passCombined: 1, bidPass: 1, askPass: 1, spreadPass: 1},
    {minute: M0 + 2, samples: 1, pass: 0, passCombined: 0, bidPass: 0, askPass: 0, spreadPass: 0},
  ]);
});

test('tracker: a sample exactly 10 s after the previous one continues the streak, later starts a new one', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, true));
  tracker.record(sample(T0 + 10_000, true));
  assert.equal(tracker.gauges(T0 + 10_000).streakSec, 10);
  tracker.record(sample(T0 + 20_001, true)); // 10.001 s later: the process was down, a new streak
  assert.equal(tracker.gauges(T0 + 20_001).streakSec, 0);
});

test('tracker: a failing streak closed by a pass exactly 10 s later lasted until that pass', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, false));
  tracker.record(sample(T0 + 10_000, true));
  assert.equal(tracker.gauges(T0 + 10_000).longestGapSec, 10);
});

test('tracker: the current streak runs to now while samples are recent, and stops at the last sample after 10 s of silence', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, true));
  tracker.record(sample(T0 + 2000, true));
  assert.equal(tracker.gauges(T0 + 7000).streakSec, 7); //   5 s after the last sample: still running
  assert.equal(tracker.gauges(T0 + 12_000).streakSec, 12); // exactly 10 s: still running
  assert.equal(tracker.gauges(T0 + 12_001).streakSec, 2); //  silent too long: ends at the last sample
  assert.equal(tracker.gauges(T0 + 62_000).streakSec, 2);
  const failing = new ComplianceTracker(undefined, T0);
  failing.record(sample(T0, false));
  failing.record(sample(T0 + 2000, false));
  assert.deepEqual([failing.gauges(T0 + 7000).streakSec, failing.gauges(T0 + 7000).longestGapSec], [-7, 7]);
  assert.deepEqual([failing.gauges(T0 + 62_000).streakSec, failing.gauges(T0 + 62_000).longestGapSec], [-2, 2]);
});

test('tracker: the 1 h window holds the current minute and the 59 before it, the 24 h window 1,439 before it', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, true)); // minute M0
  const samplesAt = (minutesLater: number) => {
    const g = tracker.gauges(T0 + minutesLater * 60_000);
    return [g.lastHour.samples, g.lastDay.samples];
  };
  assert.deepEqual(samplesAt(59), [1, 1]);
  assert.deepEqual(samplesAt(60), [0, 1]);
  assert.deepEqual(samplesAt(1439), [0, 1]);
  assert.deepEqual(samplesAt(1440), [0, 0]);
});

test('tracker: minutes after now (a clock that went back) are not counted in the rates', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0 + 120_000, true)); // minute M0 + 2
  const g = tracker.gauges(T0);
  assert.deepEqual([g.lastHour.samples, g.lastDay.samples], [0, 0]);
});

test('tracker: recording keeps exactly the minutes of the last 24 h', () => {
  const tracker = new ComplianceTracker(undefined, T0);
  tracker.record(sample(T0, true)); //                       minute M0
  tracker.record(sample(T0 + 60_000, true)); //              M0 + 1
  tracker.record(sample(T0 + 1439 * 60_000, true)); //       M0 + 1439: M0 is still inside the 24 h
  assert.deepEqual(tracker.persisted().minutes.map((m) => m.minute), [M0, M0 + 1, M0 + 1439]);
  tracker.record(sample(T0 + 1440 * 60_000, true)); //       M0 + 1440: M0 falls out, M0 + 1 is the oldest kept
  assert.deepEqual(tracker.persisted().minutes.map((m) => m.minute), [M0 + 1, M0 + 1439, M0 + 1440]);
});

test('tracker: restored minutes are sorted, and empty or older-than-24 h minutes are dropped', () => {
  const now = T0 + 10 * 60_000; // minute M0 + 10: the 24 h window starts at M0 + 10 − 1439
  const restored = new ComplianceTracker(
    history({minutes: [minuteOf(M0 + 5), minuteOf(M0 + 2, {samples: 0, pass: 0}), minuteOf(M0 + 3), minuteOf(M0 + 10 - 1439), minuteOf(M0 + 10 - 1440)]}),
    now,
  );
  assert.deepEqual(restored.persisted().minutes.map((m) => m.minute), [M0 + 10 - 1439, M0 + 3, M0 + 5]);
});

test('tracker: a history of another version is ignored', () => {
  const other = {...history({minutes: [minuteOf(M0)], longestGapSec: 30, lastFailure: {at: T0, reason: 'x'}, streakStartAt: T0, streakPass: true}), version: 2};
  const tracker = new ComplianceTracker(other as unknown as PersistedCompliance, T0 + 1000);
  assert.deepEqual(tracker.persisted(), history());
});

test('tracker: the restored longest gap is kept; a negative or non-finite one becomes 0', () => {
  const gapOf = (longestGapSec: number) => new ComplianceTracker(history({longestGapSec}), T0).gauges(T0).longestGapSec;
  assert.deepEqual([gapOf(30), gapOf(-5), gapOf(Number.NaN), gapOf(Number.POSITIVE_INFINITY)], [30, 0, 0, 0]);
  const restored = new ComplianceTracker(history({longestGapSec: 30, lastFailure: {at: T0 - 1000, reason: 'spread 3% ≥ 2%'}}), T0);
  assert.deepEqual(restored.persisted(), history({longestGapSec: 30, lastFailure: {at: T0 - 1000, reason: 'spread 3% ≥ 2%'}}));
});

test('tracker: after a restart the last sample is taken to be at the end of the last stored minute', () => {
  // a passing streak that began at T0 (minute M0); minutes stored out of order
  const saved = history({minutes: [minuteOf(M0), minuteOf(M0 - 10), minuteOf(M0 - 5)], streakStartAt: T0, streakPass: true});
  // last sample estimated at T0 + 59,999: at T0 + 65 s it is recent (streak runs to now) ...
  assert.equal(new ComplianceTracker(saved, T0 + 65_000).gauges(T0 + 65_000).streakSec, 65);
  // ... at T0 + 70 s it is 10.001 s old, so the streak ended there: 59.999 s
  assert.equal(new ComplianceTracker(saved, T0 + 70_000).gauges(T0 + 70_000).streakSec, 59.999);
});

test('tracker: restarted within the last stored minute, the last sample is taken to be now', () => {
  const saved = history({minutes: [minuteOf(M0)], streakStartAt: T0, streakPass: true});
  const tracker = new ComplianceTracker(saved, T0 + 5000);
  tracker.record(sample(T0 + 20_000, true)); // 15 s after the restart: a new streak
  assert.equal(tracker.gauges(T0 + 20_000).streakSec, 0);
  const soon = new ComplianceTracker(saved, T0 + 5000);
  soon.record(sample(T0 + 15_000, true)); // 10 s after the restart: the streak goes on
  assert.equal(soon.gauges(T0 + 15_000).streakSec, 15);
});

test('tracker: a restored streak with its start or its kind missing shows no streak and no open gap', () => {
  const gauges = (over: Partial<PersistedCompliance>) => {
    const g = new ComplianceTracker(history(over), T0).gauges(T0);
    return [g.streakSec, g.longestGapSec];
  };
  assert.deepEqual(gauges({streakStartAt: null, streakPass: true}), [0, 0]);
  assert.deepEqual(gauges({streakStartAt: null, streakPass: false, longestGapSec: 3}), [0, 3]);
  assert.deepEqual(gauges({streakStartAt: T0 - 5000, streakPass: null}), [0, 0]);
});

test('tracker: more than 1,440 restored minutes are cut to the latest 1,440, in persisted() and on the next sample', () => {
  // now = T0 (minute M0); minutes M0 − 1439 … M0 + 1 (one in the future): 1,441, all inside the window's start
  const saved = history({minutes: Array.from({length: 1441}, (_, i) => minuteOf(M0 - 1439 + i))});
  const tracker = new ComplianceTracker(saved, T0);
  const persisted = tracker.persisted().minutes;
  assert.deepEqual([persisted.length, persisted[0]!.minute, persisted.at(-1)!.minute], [1440, M0 - 1438, M0 + 1]);
  assert.equal(tracker.gauges(T0).lastDay.samples, 1440); // M0 − 1439 … M0
  tracker.record(sample(T0 + 1000, true)); // minute M0 again; the oldest stored minute (M0 − 1439) is dropped
  assert.equal(tracker.gauges(T0 + 1000).lastDay.samples, 1440); // M0 − 1438 … M0, plus this sample
});

test('a failing streak restored after more than 24 h ends where its samples ended, not at the restart', () => {
  const before = new ComplianceTracker();
  for (let i = 0; i < 10; i++) before.record(sample(T0 + i * 1000, false)); // 9 s of failing samples in minute M0
  const saved = before.persisted();
  // the estimate of the last sample is the end of its stored minute: at most 59.999 s of gap, whatever the downtime
  for (const downtimeHours of [23, 25, 48]) {
    const restored = new ComplianceTracker(saved, T0 + downtimeHours * 3_600_000);
    const gauges = restored.gauges(T0 + downtimeHours * 3_600_000);
    assert.equal(gauges.longestGapSec, 59.999, `after ${downtimeHours} h down`);
    assert.equal(gauges.streakSec, -59.999, `after ${downtimeHours} h down`);
    assert.equal(gauges.lastDay.samples, downtimeHours < 24 ? 10 : 0);
  }
});
