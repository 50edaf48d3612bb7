import {test} from 'node:test';
import assert from 'node:assert/strict';
import {judgeSample, type RecordedSample} from '../../../source/store/report/sampleJudgement.js';

const rules = {minDepthUsdt: 1000, maxSpreadPct: 0.02, bandPct: 0.02};
const good: RecordedSample = {spread: 0.006, bidDepth: 1400, askDepth: 1380, combinedDepth: 2780, reason: null};

test('a sample passes per side when the spread is below the maximum and each side meets the minimum', () => {
  assert.deepEqual(judgeSample(good, rules), {pass: true, passCombined: true, bid: true, ask: true, spread: true, reason: null});
  assert.equal(judgeSample({...good, bidDepth: 1000}, rules).pass, true, 'the minimum itself is enough');
  assert.equal(judgeSample({...good, spread: 0.02}, rules).spread, false, 'the spread must stay below the maximum');
});

test('a short side fails the per-side reading but not the combined one; the first failing criterion is the reason', () => {
  const short = judgeSample({...good, bidDepth: 600, askDepth: 900, combinedDepth: 1500}, rules);
  assert.deepEqual(short, {pass: false, passCombined: true, bid: false, ask: false, spread: true, reason: 'bid depth 600.00 < 1000 USDT'});
  assert.equal(judgeSample({...good, askDepth: 999.99}, rules).reason, 'ask depth 999.99 < 1000 USDT');
  assert.equal(judgeSample({...good, spread: 0.03, bidDepth: 1}, rules).reason, 'spread 3.00 % ≥ 2 %');
  assert.deepEqual(judgeSample({...good, spread: null}, rules), {pass: false, passCombined: false, bid: true, ask: true, spread: false, reason: 'no two-sided market'});
});

test('other rules judge the same numbers differently', () => {
  const loose = {...rules, minDepthUsdt: 500, maxSpreadPct: 0.05};
  assert.equal(judgeSample({...good, bidDepth: 600, spread: 0.03}, loose).pass, true);
  assert.equal(judgeSample(good, {...rules, minDepthUsdt: 1500}).reason, 'bid depth 1400.00 < 1500 USDT');
});

test('a book the engine did not trust fails every criterion, with the engine\'s reason, whatever it recorded', () => {
  for (const reason of ['book not synced', 'book stale: no update for 12 s']) {
    assert.deepEqual(judgeSample({...good, reason}, rules), {pass: false, passCombined: false, bid: false, ask: false, spread: false, reason});
  }
  assert.equal(judgeSample({...good, reason: 'bid depth 999 < 1000'}, rules).pass, true, 'a failure under the engine\'s rules at the time is judged again');
});
