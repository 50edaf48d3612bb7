import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ComplianceGauge, rateGrade} from '../../../source/ui/components/ComplianceGauge.js';
import {compliantSnapshot, nonCompliantSnapshot} from '../fixtures.js';
import {lines, plain} from '../terminal.js';
import type {EngineSnapshot} from '../../../source/engine/view/snapshot.js';
import {complianceView} from '../../../source/ui/viewModel/complianceView.js';

afterEach(cleanup);

const gauge = (s: EngineSnapshot): string[] =>
  lines(plain(render(<ComplianceGauge view={complianceView(s.compliance, s.depthTarget)} />).lastFrame()));

test('a compliant pair reads PASS now, OK over 1 h and 24 h, and a passing streak', () => {
  const [now, hour, day, streak] = gauge(compliantSnapshot());
  assert.match(now!, /^now {2}PASS {2}spread 0\.23% {2}bid 1,402 {2}ask 1,388 {2}comb 2,790 PASS {2}target 1,250$/);
  assert.match(hour!, /^1h +99\.6% OK +bid 100\.0 +ask 99\.9 +spr 100\.0 +comb 100\.0 +3,600 samples$/);
  assert.match(day!, /^24h +99\.2% OK .*86,400 samples$/);
  assert.match(streak!, /^streak PASS 3h02m {2}longest gap 4m10s {2}last fail 08:57:55 ask depth 870 < 1,000$/);
});

test('a failing sample reads FAIL with its reason; poor windows read BAD / LOW; the streak is a failing one', () => {
  const [now, hour, day, streak] = gauge(nonCompliantSnapshot());
  assert.match(now!, /^now {2}FAIL {2}spread 0\.31% {2}bid 1,402 {2}ask 870 {2}comb 2,272 PASS {2}ask depth 870 < 1,000$/);
  assert.match(hour!, /93\.4% BAD/);
  assert.match(day!, /97\.8% LOW/);
  assert.match(streak!, /^streak FAIL 42s .*last fail 11:59:18 ask depth 870 < 1,000$/);
});

test('before the first sample the gauge says so instead of showing zeros', () => {
  const s = compliantSnapshot();
  s.compliance.now = null;
  s.compliance.lastHour = {perSide: null, combined: null, bid: null, ask: null, spread: null, samples: 0};
  s.compliance.lastFailure = null;
  s.compliance.longestGapSec = 0;
  const [now, hour, , streak] = gauge(s);
  assert.match(now!, /no sample yet/);
  assert.match(hour!, /^1h +— n\/a .*0 samples$/);
  assert.match(streak!, /longest gap none {2}no failure recorded/);
});

test('rate grades: OK from 99 %, LOW from 95 %, BAD below', () => {
  assert.equal(rateGrade(99).word, 'OK');
  assert.equal(rateGrade(98.99).word, 'LOW');
  assert.equal(rateGrade(95).word, 'LOW');
  assert.equal(rateGrade(94.9).word, 'BAD');
  assert.equal(rateGrade(null).word, 'n/a');
});
