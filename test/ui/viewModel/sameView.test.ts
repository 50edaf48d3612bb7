import {test} from 'node:test';
import assert from 'node:assert/strict';
import {sameView, shareUnchanged} from '../../../source/ui/viewModel/sameView.js';

test('sameView compares plain data by structure, not by reference', () => {
  assert.equal(sameView({a: [1, 'x', {b: null}], c: true}, {c: true, a: [1, 'x', {b: null}]}), true);
  assert.equal(sameView(Number.NaN, Number.NaN), true);
  assert.equal(sameView({a: [1, 2]}, {a: [1, 2, 3]}), false);
  assert.equal(sameView({a: 1}, {a: 1, b: undefined}), false, 'a missing key is a difference');
  assert.equal(sameView({a: {b: 'x'}}, {a: {b: 'y'}}), false);
  assert.equal(sameView([], {}), false);
  assert.equal(sameView(null, {}), false);
  assert.equal(sameView('1', 1), false);
});

test('shareUnchanged keeps the previous object for every equal part, and returns the previous whole when nothing changed', () => {
  const previous = {status: {clock: '12:00:00'}, book: {lines: ['a 1', 'b 2']}, paused: false};
  const same = {status: {clock: '12:00:00'}, book: {lines: ['a 1', 'b 2']}, paused: false};
  assert.equal(shareUnchanged(previous, same), previous);
  const next = {status: {clock: '12:00:01'}, book: {lines: ['a 1', 'b 2']}, paused: false};
  const merged = shareUnchanged(previous, next);
  assert.notEqual(merged, previous);
  assert.equal(merged.book, previous.book, 'the unchanged part is the previous object');
  assert.equal(merged.status, next.status, 'the changed part is the new one');
  assert.deepEqual(merged, next);
});

test('shareUnchanged sees a part that appears or disappears', () => {
  const previous: {a: number; b?: number} = {a: 1, b: 2};
  const merged = shareUnchanged(previous, {a: 1});
  assert.notEqual(merged, previous);
  assert.deepEqual(merged, {a: 1});
});
