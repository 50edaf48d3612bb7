import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup} from 'ink-testing-library';
import {App} from '../../../source/ui/components/App.js';
import type {EngineSnapshot} from '../../../source/engine/view/snapshot.js';
import type {OperatorCommand} from '../../../source/engine/operatorCommand.js';
import {compliantSnapshot, fixedNow, freshStartSnapshot, haltedSnapshot, liveSnapshot, noFillsSnapshot, nonCompliantSnapshot, pausedSnapshot, snapshotFeed, staleReferenceSnapshot, T0} from '../fixtures.js';
import {inputReady, lines, plain, renderAt, resize, waitForFrame, widest} from '../terminal.js';

afterEach(cleanup);

const FIXTURES: Record<string, () => EngineSnapshot> = {
  compliant: compliantSnapshot,
  halted: haltedSnapshot,
  staleReference: staleReferenceSnapshot,
  nonCompliant: nonCompliantSnapshot,
  paused: pausedSnapshot,
  live: liveSnapshot,
  freshStart: freshStartSnapshot,
  noFills: noFillsSnapshot,
};

const app = (snapshot: EngineSnapshot, columns = 80, rows = 24) => {
  const feed = snapshotFeed(snapshot);
  const rendered = renderAt(<App snapshots={feed} onCommand={() => {}} now={fixedNow} />, columns, rows);
  return {feed, rendered, frame: () => plain(rendered.lastFrame())};
};

for (const [name, build] of Object.entries(FIXTURES)) {
  test(`${name}: the whole console fits 80x24 with the last line free`, () => {
    const frame = app(build()).frame();
    assert.ok(lines(frame).length <= 23, `${lines(frame).length} lines:\n${frame}`);
    assert.ok(widest(frame) <= 80, `a line is ${widest(frame)} columns:\n${frame}`);
  });
}

test('the compliant console shows every part at 80x24', () => {
  const frame = app(compliantSnapshot()).frame();
  for (const part of [
    /^ SIM {2}RMVUSDT ref RMV-USDT {2}RUNNING {2}reset 12:34/m, // mode banner, pair, state, countdown
    /^fair 0\.0123452 cross-venue-depth-weighted {2}spread MEXC 0\.23% KuCoin 0\.08%/m,
    /^now {2}PASS /m,
    /^1h +99\.6% OK/m,
    /^24h +99\.2% OK/m,
    /^streak PASS 3h02m/m,
    /^KuCoin RMV-USDT ref {2}live +│ MEXC RMVUSDT {2}live {2}\* ours/m, // books side by side
    /^ a 0\.012350 +75,000 +926 +│ \*a 0\.012359 11,500 +142/m, // best asks, ours marked
    /^BID QUOTING 1,311\/1,250 +buy +5× +1,160 USDT/m,
    /^RMV free 215,400 lock 88,100/m,
    /^P&L today {2}vs hold -3\.42 {2}fees 1\.01 {2}31 fills {2}RMV \+12,400 {2}base 47\.8→49\.8%$/m,
    /^streams {2}kucoin live/m,
    /^11:59:56 WARN order mm1-b-0006 rejected/m,
    /^p pause {2}c cancel all {2}r reset {2}k kill {2}q quit {2}\? help$/m,
  ]) {
    assert.match(frame, part);
  }
});

test('80x24 keeps every must-have and the P&L line; the markouts and the sparklines are dropped', () => {
  const frame = app(compliantSnapshot()).frame();
  assert.equal(lines(frame).length, 23);
  assert.match(frame, /^RMV free [^\n]*\nP&L today /m, 'the P&L line under the balances');
  assert.doesNotMatch(frame, /^markouts/m);
  assert.doesNotMatch(frame, /^history/m);
  assert.doesNotMatch(frame, /[▁▂▃▄▅▆▇█]/);
  assert.match(frame, /^ b 0\.012320 +110,000/m, 'three levels per side');
  assert.match(frame, /^11:58:55 info reset/m, 'three events');
});

test('at 160x48 everything shows: the order table, the counters, the markouts beside the sparklines', () => {
  const frame = app(compliantSnapshot(), 160, 48).frame();
  assert.ok(lines(frame).length <= 47, `${lines(frame).length} lines`);
  assert.ok(widest(frame) <= 160, `a line is ${widest(frame)} columns`);
  for (const part of [
    /^P&L today {2}vs hold -3\.42 .* turnover 5,031 {2}mtm -7\.86 {2}since start vs hold -3\.42 over 31 fills$/m,
    /^markouts USDT {15}1s {5}10s {5}60s {2}adverse 3\.85 +│ history {2}last 6h, 7 min a column/m,
    /^today, 31 fills {10}\+0\.42 {3}-1\.10 {3}-3\.85 {2}2 pending +│ pass {2}[▁-█ ]+ {2}low 92\.8%$/m,
    /^11:59:56 buy {4}12,000 {2}\+0\.048 pending pending {2}@ 0\.012331 +│ bid {3}[▁-█ ]+ {2}now 1\.14×$/m,
    /│ ask {3}[▁-█ ]+ {2}now 1\.07×$/m,
    /│ base {2}[▁-█ ]+ {2}48\.0–49\.7%$/m,
    /^sell 0\.012580 18,800 +0 NEW/m,
    /^orders {4}placed 412/m,
    /^streams {2}kucoin live/m,
    /^11:59:56 WARN order mm1-b-0006 rejected/m,
  ]) {
    assert.match(frame, part);
  }
});

test('a console just started: the P&L line is blank, the markouts and sparklines say what they wait for', () => {
  const frame = app(freshStartSnapshot(), 80, 35).frame();
  assert.ok(lines(frame).length <= 34);
  assert.match(frame, /^RMV free [^\n]*\n *\nmarkouts {2}the ledger has not begun/m);
  assert.match(frame, /^history {2}no minutes recorded yet/m);
  const started = app(noFillsSnapshot(), 80, 35).frame();
  assert.match(started, /^P&L: no fills yet$/m);
  assert.match(started, /^history {2}last 4 min, a minute a column/m);
  assert.equal(lines(started).length, lines(frame).length, 'the frame does not jump when the ledger begins');
});

test('halted, stale, failing, paused and live states are each visible at a glance', () => {
  assert.match(app(haltedSnapshot()).frame(), /HALTED 4m10s: repeated order errors[\s\S]*BID HELD[\s\S]*k un-halt/);
  assert.match(app(staleReferenceSnapshot()).frame(), /fair NONE[\s\S]*STALE 14s ago[\s\S]*ASK HELD +1,307\/1,250 stale reference[\s\S]*kucoin STALE/);
  assert.match(app(nonCompliantSnapshot()).frame(), /now {2}FAIL .*ask depth 870[\s\S]*1h +93\.4% BAD[\s\S]*streak FAIL 42s/);
  assert.match(app(pausedSnapshot()).frame(), / PAUSED [\s\S]*BID QUOTING 1,311\/1,250 paused[\s\S]*p resume/);
  assert.match(app(liveSnapshot()).frame(), /^ LIVE {2}RMVUSDT/);
});

test('a larger terminal gets more book levels, the order table, the counters, the markouts and the sparklines', () => {
  const frame = app(compliantSnapshot(), 140, 50).frame();
  assert.ok(lines(frame).length <= 49);
  assert.ok(widest(frame) <= 140);
  assert.match(frame, /\*a 0\.012520 19,000 +987 19,000/, 'sixth ask level, with the own column');
  assert.match(frame, /^markouts USDT .*│ history {2}last 6h, 8 min a column {2}pass █ ≥99% {2}depth ▅ = target$/m);
  assert.match(frame, /^sell 0\.012580 18,800 +0 NEW/m);
  assert.match(frame, /^orders {4}placed 412/m);
});

test('a resize re-lays the console out for the new size', async () => {
  const {rendered, frame} = app(compliantSnapshot());
  const deepKucoinAsk = /0\.012400 145,000/; // sixth KuCoin ask: beyond the four levels of 80x24
  assert.doesNotMatch(frame(), deepKucoinAsk);
  resize(rendered, 140, 50);
  const large = await waitForFrame(rendered, (f) => deepKucoinAsk.test(f) && /^sell 0\.012580/m.test(f));
  assert.ok(lines(large).length <= 49);
  resize(rendered, 80, 24);
  const small = await waitForFrame(rendered, (f) => !deepKucoinAsk.test(f));
  assert.ok(lines(small).length <= 23);
  assert.ok(widest(small) <= 80);
});

test('a new snapshot from the engine shows on screen; unmounting unsubscribes', async () => {
  const {feed, rendered} = app(compliantSnapshot());
  feed.publish(pausedSnapshot());
  await waitForFrame(rendered, (f) => / PAUSED /.test(f));
  assert.equal(feed.listeners(), 1);
  rendered.unmount();
  assert.equal(feed.listeners(), 0);
});

test('countdowns and ages follow the clock between snapshots', async () => {
  let clock = T0;
  const feed = snapshotFeed(compliantSnapshot());
  const rendered = renderAt(<App snapshots={feed} onCommand={() => {}} now={() => clock} />, 80, 24);
  assert.match(plain(rendered.lastFrame()), /reset 12:34/);
  clock = T0 + 60_000;
  await waitForFrame(rendered, (f) => /reset 11:34/.test(f) && /NO UPDATE 1m00s/.test(f), 3000);
});

test('NO_COLOR: pass/fail, own orders and the mode still read in plain text', () => {
  const previous = process.env['NO_COLOR'];
  process.env['NO_COLOR'] = '1';
  try {
    const passing = app(compliantSnapshot()).frame();
    assert.match(passing, /^now {2}PASS/m);
    assert.match(passing, /^ SIM /);
    assert.match(passing, /│ \*a 0\.012359/);
    assert.match(app(nonCompliantSnapshot()).frame(), /^now {2}FAIL/m);
    const large = app(compliantSnapshot(), 160, 48).frame();
    assert.match(large, /│ pass {2}[▁-█ ]{40,}/, 'the sparklines keep their blocks');
    assert.match(large, /pending pending/);
  } finally {
    if (previous === undefined) delete process.env['NO_COLOR'];
    else process.env['NO_COLOR'] = previous;
  }
});

test('a terminal narrower than 80 columns truncates lines instead of wrapping them', () => {
  const frame = app(nonCompliantSnapshot(), 60, 20).frame();
  assert.ok(widest(frame) <= 60, frame);
  assert.ok(lines(frame).length <= 19, frame);
  assert.match(frame, /^now {2}FAIL/m);
  assert.match(frame, /…$/m);
});

test('a snapshot the panels cannot draw shows a display error, keeps the keys, and recovers on the next one', async () => {
  const broken = compliantSnapshot() as unknown as {books: unknown};
  broken.books = undefined;
  const sent: OperatorCommand[] = [];
  const feed = snapshotFeed(broken as unknown as EngineSnapshot);
  const originalError = console.error;
  console.error = () => {}; // React reports the caught error; expected here
  try {
    const rendered = renderAt(<App snapshots={feed} onCommand={(command) => sent.push(command)} now={fixedNow} />, 80, 24);
    assert.match(plain(rendered.lastFrame()), /^DISPLAY ERROR \(engine unaffected, keys still work\): /);
    assert.match(plain(rendered.lastFrame()), /^p pause {2}c cancel all/m);
    await inputReady(rendered);
    rendered.stdin.write('r');
    assert.deepEqual(sent, [{kind: 'resetNow'}]);
    feed.publish(compliantSnapshot());
    await waitForFrame(rendered, (f) => /^now {2}PASS/m.test(f));
  } finally {
    console.error = originalError;
  }
});
