import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {FairPricePanel} from '../../../source/ui/components/FairPricePanel.js';
import {compliantSnapshot, staleReferenceSnapshot} from '../fixtures.js';
import {plain, renderAt} from '../terminal.js';
import {fairPriceView} from '../../../source/ui/viewModel/fairPriceView.js';

afterEach(cleanup);

test('shows the fair price one digit finer than the book, its model and both spreads', () => {
  const frame = plain(render(<FairPricePanel view={fairPriceView(compliantSnapshot(), 6, false)} />).lastFrame());
  assert.equal(frame, 'fair 0.0123452 cross-venue-depth-weighted  spread MEXC 0.23% KuCoin 0.08%');
});

test('with room it adds the band and the model inputs', () => {
  const frame = plain(renderAt(<FairPricePanel view={fairPriceView(compliantSnapshot(), 6, true)} />, 180, 24).lastFrame());
  assert.match(frame, /band ±2\.0% {2}inputs MEXC mid 0\.012345 depth 1,402 · KuCoin mid 0\.012345 depth 61,880/);
});

test('without a fair price it says NONE', () => {
  const frame = plain(render(<FairPricePanel view={fairPriceView(staleReferenceSnapshot(), 6, false)} />).lastFrame());
  assert.match(frame, /^fair NONE /);
});
