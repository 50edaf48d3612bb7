// Each panel renders from its view model alone and is memoised on it: handed the same view object again (the
// console does that for every panel whose part of the screen did not change: viewModel/sameView.ts), it
// does not render at all. A view wrapped in a proxy counts the reads a render makes.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {BalancePanel} from '../../../source/ui/components/BalancePanel.js';
import {BookPanel} from '../../../source/ui/components/BookPanel.js';
import {ComplianceGauge} from '../../../source/ui/components/ComplianceGauge.js';
import {CountersPanel} from '../../../source/ui/components/CountersPanel.js';
import {EventsPanel} from '../../../source/ui/components/EventsPanel.js';
import {FairPricePanel} from '../../../source/ui/components/FairPricePanel.js';
import {HistorySparklines} from '../../../source/ui/components/HistorySparklines.js';
import {MarkoutsPanel} from '../../../source/ui/components/MarkoutsPanel.js';
import {OrdersPanel} from '../../../source/ui/components/OrdersPanel.js';
import {PnlLine} from '../../../source/ui/components/PnlLine.js';
import {SideStatusPanel} from '../../../source/ui/components/SideStatusPanel.js';
import {StatusBar} from '../../../source/ui/components/StatusBar.js';
import {StreamHealthPanel} from '../../../source/ui/components/StreamHealthPanel.js';
import {planLayout} from '../../../source/ui/viewModel/layout.js';
import {dashboardView} from '../../../source/ui/viewModel/screenView.js';
import {compliantSnapshot, T0} from '../fixtures.js';

afterEach(cleanup);

/** `view` behind a proxy that counts every property read, at any depth. */
function counted<V extends object>(view: V): {view: V; reads: () => number} {
  let reads = 0;
  const wrap = <T,>(value: T): T =>
    typeof value === 'object' && value !== null
      ? new Proxy(value, {
          get(target, key, receiver) {
            reads += 1;
            return wrap(Reflect.get(target, key, receiver));
          },
        })
      : value;
  return {view: wrap(view), reads: () => reads};
}

const screen = dashboardView(compliantSnapshot(), T0, planLayout(160, 48));
// any: a table of components, each with a view type of its own
const PANELS: Array<[string, React.ComponentType<{view: any}>, object]> = [
  ['StatusBar', StatusBar, screen.status],
  ['FairPricePanel', FairPricePanel, screen.fair],
  ['ComplianceGauge', ComplianceGauge, screen.compliance],
  ['BookPanel', BookPanel, screen.mexcBook],
  ['SideStatusPanel', SideStatusPanel, screen.bid],
  ['OrdersPanel', OrdersPanel, screen.orders],
  ['BalancePanel', BalancePanel, screen.balances],
  ['PnlLine', PnlLine, screen.pnl],
  ['MarkoutsPanel', MarkoutsPanel, screen.markouts!],
  ['HistorySparklines', HistorySparklines, screen.sparklines!],
  ['StreamHealthPanel', StreamHealthPanel, screen.streams],
  ['CountersPanel', CountersPanel, screen.counters!],
  ['EventsPanel', EventsPanel, screen.events],
];

for (const [name, Panel, view] of PANELS) {
  test(`${name} does not render again for the same view object, and does for a new one`, () => {
    const first = counted(view);
    const rendered = render(<Panel view={first.view} />);
    const frame = rendered.lastFrame();
    const readsOnce = first.reads();
    assert.ok(readsOnce > 0, 'the first render reads its view');
    rendered.rerender(<Panel view={first.view} />);
    assert.equal(first.reads(), readsOnce, 'the same view again: no render');
    const second = counted(structuredClone(view));
    rendered.rerender(<Panel view={second.view} />);
    assert.ok(second.reads() > 0, 'a new view object renders');
    assert.equal(rendered.lastFrame(), frame, 'an equal view draws the same');
  });
}
