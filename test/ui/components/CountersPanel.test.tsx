import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {CountersPanel} from '../../../source/ui/components/CountersPanel.js';
import {compliantSnapshot} from '../fixtures.js';
import {lines, plain} from '../terminal.js';
import {countersView} from '../../../source/ui/viewModel/countersView.js';

afterEach(cleanup);

test('shows order counters, then request, data and queue counters, each line within 80 columns', () => {
  const rows = lines(plain(render(<CountersPanel view={countersView(compliantSnapshot().counters)} />).lastFrame()));
  assert.deepEqual(rows, [
    'orders    placed 412  cancelled 402  fills 31  rejected 1  unknown outcome 0',
    'requests  sent 2,410  throttled 0  429 0  data resyncs 2  malformed 0  errors 0  queue 0/37',
  ]);
});
