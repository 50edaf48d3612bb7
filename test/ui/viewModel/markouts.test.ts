import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HORIZONS, MARKOUT_GRACE_MS, markoutCell, markoutText, newestFills} from '../../../source/ui/viewModel/markouts.js';
import {ledgerFill, T0} from '../fixtures.js';

const [s1, s10, s60] = HORIZONS as [(typeof HORIZONS)[number], (typeof HORIZONS)[number], (typeof HORIZONS)[number]];

test('a measured markout is its value, signed', () => {
  const fill = ledgerFill(T0 - 95_000, 'BUY', 0.01229, 20_000, [0.012286, 0.012281, 0.012275], 't-1');
  const cell = markoutCell(fill, s60, T0);
  assert.equal(cell.kind, 'value');
  assert.equal(markoutText(cell), '-0.30');
});

test('a missing markout is pending until its horizon (and the grace) has passed, then not measured', () => {
  const fill = ledgerFill(T0, 'SELL', 0.012359, 500, [0.01235, null, null], 't-2');
  assert.deepEqual(markoutCell(fill, s10, T0 + 3_000), {kind: 'pending'});
  assert.deepEqual(markoutCell(fill, s60, T0 + 60_000 + MARKOUT_GRACE_MS - 1), {kind: 'pending'});
  assert.deepEqual(markoutCell(fill, s60, T0 + 60_000 + MARKOUT_GRACE_MS), {kind: 'none'});
  assert.equal(markoutText({kind: 'pending'}), 'pending');
  assert.equal(markoutText({kind: 'none'}), '—');
  assert.equal(markoutText(markoutCell(fill, s1, T0 + 2_000)), '+0.0045');
});

test('the newest fills come first; asking for more than there are gives them all', () => {
  const fills = ['a', 'b', 'c', 'd'].map((id, i) => ledgerFill(T0 + i, 'BUY', 0.0123, 1, [null, null, null], id));
  assert.deepEqual(newestFills(fills, 2).map((f) => f.tradeId), ['d', 'c']);
  assert.deepEqual(newestFills(fills, 9).map((f) => f.tradeId), ['d', 'c', 'b', 'a']);
  assert.deepEqual(newestFills(fills, 0), []);
});

test('the horizons are the ledger\'s: 1 s, 10 s and 60 s', () => {
  assert.deepEqual(HORIZONS.map((h) => [h.key, h.seconds]), [['s1', 1], ['s10', 10], ['s60', 60]]);
});
