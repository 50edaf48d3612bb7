import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {BookPanel, OWN_MARKER} from '../../../source/ui/components/BookPanel.js';
import {compliantSnapshot, mexcBookInput, staleReferenceSnapshot} from '../fixtures.js';
import {lines, plain} from '../terminal.js';
import {bookPanelView, type BookPanelInput} from '../../../source/ui/viewModel/bookView.js';

afterEach(cleanup);

const mexcProps = (overrides: Partial<BookPanelInput> = {}): BookPanelInput => mexcBookInput(compliantSnapshot(), overrides);

const frameOf = (props: BookPanelInput): string[] => lines(plain(render(<BookPanel view={bookPanelView(props)} />).lastFrame()));

test('asks sit above bids with the best ask next to the best bid, each with price, size and cumulative USDT', () => {
  const rows = frameOf(mexcProps());
  assert.equal(rows.length, 2 + 2 * 4);
  assert.match(rows[0]!, /^MEXC RMVUSDT {2}live/);
  assert.match(rows[1]!, /price +size +cum USDT/);
  const prices = rows.slice(2).map((row) => row.match(/\d\.\d{6}/)?.[0]);
  assert.deepEqual(prices, ['0.012450', '0.012400', '0.012380', '0.012359', '0.012331', '0.012300', '0.012290', '0.012250']);
  assert.match(rows[5]!, /a 0\.012359 11,500 +142$/, 'best ask: 11,500 × 0.012359 = 142 USDT');
  assert.match(rows[6]!, /b 0\.012331 12,000 +148$/);
});

test('levels holding our orders carry the own marker, the others do not', () => {
  const rows = frameOf(mexcProps()).slice(2);
  const marked = rows.filter((row) => row.startsWith(OWN_MARKER)).map((row) => row.match(/\d\.\d{6}/)?.[0]);
  assert.deepEqual(marked, ['0.012450', '0.012400', '0.012359', '0.012331', '0.012290', '0.012250']);
  assert.ok(rows.filter((row) => row.includes('0.012380') || row.includes('0.012300')).every((row) => row.startsWith(' ')));
  assert.match(frameOf(mexcProps())[0]!, /\* ours/);
});

test('the wide layout adds our size at each level', () => {
  const rows = frameOf(mexcProps({showOwnColumn: true}));
  assert.match(rows[1]!, /own$/);
  assert.match(rows.find((row) => row.includes('0.012359'))!, /11,500 +142 11,500$/);
});

test('a stale reference book says STALE and how long ago it last updated', () => {
  const s = staleReferenceSnapshot();
  const rows = frameOf(
    mexcProps({venue: 'KuCoin', symbol: s.referenceSymbol, role: 'ref', book: s.books.kucoin, health: s.streams['kucoin.book']}),
  );
  assert.match(rows[0]!, /^KuCoin RMV-USDT ref {2}STALE 14s ago/);
  assert.doesNotMatch(rows[0]!, /ours/);
});

test('an empty side still takes its lines and says so, so the frame does not jump', () => {
  const props = mexcProps();
  props.book = {...props.book, bids: [], synced: false};
  props.health = {state: 'syncing', reason: null, lastMessageAt: null};
  const rows = frameOf(props);
  assert.equal(rows.length, 2 + 2 * 4);
  assert.match(rows[0]!, /SYNCING/);
  assert.match(rows[6]!, /no bids/);
});
