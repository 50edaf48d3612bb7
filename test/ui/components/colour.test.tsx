// Colour is decided when chalk is first imported, so this file forces it on before importing Ink (dynamic
// imports below); the test runner itself runs with FORCE_COLOR=0.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';

process.env['FORCE_COLOR'] = '1';
const {cleanup, render} = await import('ink-testing-library');
const {Text} = await import('ink');
const {ThemeContext, colourTheme, noColourTheme} = await import('../../../source/ui/viewModel/theme.js');
const {BookPanel} = await import('../../../source/ui/components/BookPanel.js');
const {ComplianceGauge} = await import('../../../source/ui/components/ComplianceGauge.js');
const {App} = await import('../../../source/ui/components/App.js');
const {HistorySparklines} = await import('../../../source/ui/components/HistorySparklines.js');
const {MarkoutsPanel} = await import('../../../source/ui/components/MarkoutsPanel.js');
const {PnlLine} = await import('../../../source/ui/components/PnlLine.js');
const {renderAt} = await import('../terminal.js');
const {bookPanelView} = await import('../../../source/ui/viewModel/bookView.js');
const {complianceView} = await import('../../../source/ui/viewModel/complianceView.js');
const {markoutsView} = await import('../../../source/ui/viewModel/markoutsView.js');
const {pnlView} = await import('../../../source/ui/viewModel/pnlView.js');
const {sparklinesView} = await import('../../../source/ui/viewModel/sparklinesView.js');
const {compliantSnapshot, fixedNow, mexcBookInput, nonCompliantSnapshot, snapshotFeed} = await import('../fixtures.js');
const {plain} = await import('../terminal.js');

after(cleanup);

// SGR colour parameters: 30–37/90–97 foreground, 40–47/100–107 background, 38;…/48;… extended.
const COLOUR_SGR = /\u001B\[(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[\d;]*)?m/;

function panels(theme: typeof colourTheme): string {
  const s = compliantSnapshot();
  const failing = nonCompliantSnapshot();
  return (
    render(
      <ThemeContext.Provider value={theme}>
        <ComplianceGauge view={complianceView(s.compliance, s.depthTarget)} />
        <ComplianceGauge view={complianceView(failing.compliance, failing.depthTarget)} />
        <BookPanel view={bookPanelView(mexcBookInput(s))} />
      </ThemeContext.Provider>,
    ).lastFrame() ?? ''
  );
}

test('the colour check itself works: colours are on in this file', () => {
  assert.match(render(<Text color="green">x</Text>).lastFrame() ?? '', COLOUR_SGR);
});

test('with colour, PASS is green, FAIL red and our levels cyan', () => {
  const frame = panels(colourTheme);
  assert.match(frame, /\u001B\[32m[^\u001B]*PASS/);
  assert.match(frame, /\u001B\[31m[^\u001B]*FAIL/);
  assert.match(frame, /\u001B\[36m\*/);
});

test('the NO_COLOR theme writes no colour at all, and the words and markers carry the meaning', () => {
  const frame = panels(noColourTheme);
  assert.doesNotMatch(frame, COLOUR_SGR);
  const text = plain(frame);
  assert.match(text, /^now {2}PASS/m);
  assert.match(text, /^now {2}FAIL .*ask depth 870 < 1,000$/m);
  assert.match(text, /^\*a 0\.012359/m);
  assert.match(text, /^ a 0\.012380/m, 'a level without our orders has no marker');
});

test('NO_COLOR in the environment switches the whole console to the plain theme', () => {
  const previous = process.env['NO_COLOR'];
  process.env['NO_COLOR'] = '1';
  try {
    const frame = render(<App snapshots={snapshotFeed(compliantSnapshot())} onCommand={() => {}} now={fixedNow} />).lastFrame() ?? '';
    assert.doesNotMatch(frame, COLOUR_SGR);
    assert.match(plain(frame), /^ SIM {2}RMVUSDT/);
  } finally {
    if (previous === undefined) delete process.env['NO_COLOR'];
    else process.env['NO_COLOR'] = previous;
  }
  const coloured = render(<App snapshots={snapshotFeed(compliantSnapshot())} onCommand={() => {}} now={fixedNow} />).lastFrame() ?? '';
  assert.match(coloured, COLOUR_SGR);
});

function ledgerPanels(theme: typeof colourTheme): string {
  const s = compliantSnapshot();
  return (
    render(
      <ThemeContext.Provider value={theme}>
        <PnlLine view={pnlView(s.ledger, s.baseAsset, false)} />
        <MarkoutsPanel view={markoutsView(s.ledger, s.updatedAt, 6)} />
        <HistorySparklines view={sparklinesView(s.history, Math.floor(s.updatedAt / 60_000), 80)} />
      </ThemeContext.Provider>,
    ).lastFrame() ?? ''
  );
}

test('with colour, the pass sparkline wears the grades and the depth lines the side colours', () => {
  const frame = ledgerPanels(colourTheme);
  assert.match(frame, /\u001B\[32m█/, 'OK minutes green');
  assert.match(frame, /\u001B\[31m[▁▂▃▄]/, 'the bad minutes red');
  assert.match(frame, /\u001B\[33m-3\.42/, 'a cost of compliance in the warning colour');
});

test('the NO_COLOR theme draws the P&L, the markouts and the sparklines without any colour, blocks kept', () => {
  const frame = ledgerPanels(noColourTheme);
  assert.doesNotMatch(frame, COLOUR_SGR);
  const text = plain(frame);
  assert.match(text, /^P&L today {2}vs hold -3\.42/m);
  assert.match(text, /pending/);
  assert.match(text, /^pass {2}[▁-█ ]{61} {2}low 91\.6%$/m);
});

test('NO_COLOR at 160x48: the whole console, sparklines and markouts included, has no colour code', () => {
  const previous = process.env['NO_COLOR'];
  process.env['NO_COLOR'] = '1';
  try {
    const rendered = renderAt(<App snapshots={snapshotFeed(compliantSnapshot())} onCommand={() => {}} now={fixedNow} />, 160, 48);
    const frame = rendered.lastFrame() ?? '';
    assert.doesNotMatch(frame, COLOUR_SGR);
    assert.match(plain(frame), /│ history {2}last 6h/);
    assert.match(plain(frame), /│ bid {3}[▁-█ ]{40,}/);
  } finally {
    if (previous === undefined) delete process.env['NO_COLOR'];
    else process.env['NO_COLOR'] = previous;
  }
});
