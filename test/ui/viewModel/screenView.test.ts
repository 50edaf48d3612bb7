import {test} from 'node:test';
import assert from 'node:assert/strict';
import {planLayout} from '../../../source/ui/viewModel/layout.js';
import {sameView, shareUnchanged} from '../../../source/ui/viewModel/sameView.js';
import {dashboardView, screenView, type DashboardView} from '../../../source/ui/viewModel/screenView.js';
import {compliantSnapshot, quietNextSnapshot, staleReferenceSnapshot, T0} from '../fixtures.js';

const small = planLayout(80, 24);
const tall = planLayout(160, 48);

/** The parts of a merged screen that are not the previous screen's objects. */
const changedParts = (before: DashboardView, merged: DashboardView): string[] =>
  (Object.keys(merged) as Array<keyof DashboardView>).filter((key) => merged[key] !== before[key]);

test('the screen is plain data: it survives a JSON round trip unchanged', () => {
  const view = dashboardView(compliantSnapshot(), T0, tall);
  assert.deepEqual(JSON.parse(JSON.stringify(view)), view);
});

test('a snapshot that moves only what the screen does not show builds the same screen', () => {
  const before = screenView(compliantSnapshot(), T0, small);
  const after = screenView(quietNextSnapshot(), T0, small);
  assert.equal(sameView(before, after), true);
  assert.equal(shareUnchanged(before, after), before, 'the screen on show is kept as it is');
});

test('the clock moves the screen only when a shown second changes', () => {
  const s = compliantSnapshot();
  const at = (ms: number) => dashboardView(s, ms, small);
  const before = at(T0);
  assert.equal(shareUnchanged(before, at(T0 + 999)), before, 'within one second nothing shown moves');
  const next = at(T0 + 1000);
  assert.equal(next.status.clock, '12:00:01');
  assert.equal(next.status.reset, '12:33');
  assert.deepEqual(changedParts(before, shareUnchanged(before, next)), ['status'], 'only the status line moved');
});

test('ages are part of the screen at the resolution shown: a stale book ticks once a second', () => {
  const s = staleReferenceSnapshot(); // KuCoin silent since T0 − 14 s
  const first = dashboardView(s, T0, small);
  assert.equal(first.kucoinBook.title.age, '14s');
  assert.equal(dashboardView(s, T0 + 900, small).kucoinBook.title.age, '14s');
  assert.equal(dashboardView(s, T0 + 1000, small).kucoinBook.title.age, '15s');
  assert.equal(dashboardView(s, T0 + 1000, small).streams[0]!.age, '15s');
});

test('a visible change in one panel leaves every other panel its previous object', () => {
  const before = dashboardView(compliantSnapshot(), T0, small);
  const s = compliantSnapshot();
  s.books.kucoin.bids[0] = {...s.books.kucoin.bids[0]!, size: 81_000};
  const merged = shareUnchanged(before, dashboardView(s, T0, small));
  assert.deepEqual(changedParts(before, merged), ['kucoinBook']);
  assert.match(JSON.stringify(merged.kucoinBook.lines), /81,000/);
});

test('parts the layout has no room for are null, so what they would show never moves the screen', () => {
  const view = dashboardView(compliantSnapshot(), T0, small);
  assert.equal(view.counters, null);
  assert.equal(view.markouts, null);
  assert.equal(view.sparklines, null);
  const big = dashboardView(compliantSnapshot(), T0, tall);
  assert.notEqual(big.counters, null);
  assert.notEqual(big.markouts, null);
  assert.notEqual(big.sparklines, null);
  assert.equal(big.orders.kind, 'table');
});

test('a view that cannot be built is a display error, with what the keys need', () => {
  const s = compliantSnapshot();
  (s as {books: unknown}).books = {mexc: null, kucoin: null};
  const view = screenView(s, T0, small);
  assert.equal(view.kind, 'error');
  assert.equal(view.paused, false);
  assert.equal(view.halted, false);
  assert.ok(view.kind === 'error' && view.message.length > 0);
});
