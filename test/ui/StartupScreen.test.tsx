import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup} from 'ink-testing-library';
import {ConsoleRoot} from '../../source/ui/components/ConsoleRoot.js';
import {StartupScreen} from '../../source/ui/components/StartupScreen.js';
import {spinnerFrame, SPINNER_FRAME_MS} from '../../source/ui/components/Spinner.js';
import {ASCII_SPINNER, BRAILLE_SPINNER, colourTheme, noColourTheme, themeFor} from '../../source/ui/viewModel/theme.js';
import {displayWidth, nextTry, oneLine} from '../../source/ui/viewModel/startupText.js';
import {startupStepIds, startupStepLabels, type StartupStepId, type StartupStepState, type StartupView} from '../../source/runtime/startupProgress.js';
import type {OperatorCommand} from '../../source/engine/operatorCommand.js';
import {compliantSnapshot, fixedNow, snapshotFeed, T0} from './fixtures.js';
import {inputReady, lines, plain, renderAt, waitForFrame, widest} from './terminal.js';

afterEach(cleanup);

const LONG_REASON = `GET https://api.mexc.com/api/v3/exchangeInfo?symbol=RMVUSDT failed: connect ECONNREFUSED 10.0.0.1:443 ${'x'.repeat(200)}`;

/** A start-up view at T0: the given step states, every other step pending. */
function startupView(states: Partial<Record<StartupStepId, StartupStepState>>, phase: StartupView['phase'] = 'starting', failure: string | null = null): StartupView {
  return {
    phase,
    startedAt: T0 - 12_000,
    steps: startupStepIds.map((id) => ({id, label: startupStepLabels[id], state: states[id] ?? {kind: 'pending'}})),
    failure,
  };
}

/** A StartupSource over a mutable current view, with a publish() to push a new one. */
function startupFeed(initial: StartupView) {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(next: StartupView) {
      current = next;
      for (const listener of listeners) listener();
    },
  };
}

const screen = (view: StartupView, columns = 80, rows = 24, now: () => number = fixedNow) =>
  renderAt(<StartupScreen view={view} stopping={false} mode="sim" symbol="RMVUSDT" now={now} />, columns, rows);

const row = (frame: string, label: string): string => lines(frame).find((line) => line.slice(2).startsWith(label)) ?? assert.fail(`no row "${label}" in:\n${frame}`);

test('every step state reads as text: done, skipped, running, failed and pending', () => {
  const view = startupView({
    simulator: {kind: 'skipped', why: 'live mode'},
    reference: {kind: 'done', result: 'RMV-USDT on KuCoin'},
    time: {kind: 'done', result: 'offset +12 ms'},
    rules: {kind: 'running', since: T0 - 3_000},
    account: {kind: 'failed', reason: 'Api key info invalid (10072)'},
  });
  const frame = plain(screen(view).lastFrame());
  assert.match(lines(frame)[0]!, /^mexc-mm {2}SIM {2}RMVUSDT {2}starting 12s$/);
  assert.match(row(frame, 'simulator'), /^– simulator +live mode$/);
  assert.match(row(frame, 'reference symbol'), /^✓ reference symbol +RMV-USDT on KuCoin$/);
  assert.match(row(frame, 'time sync'), /^✓ time sync +offset \+12 ms$/);
  assert.match(row(frame, 'exchange rules'), new RegExp(`^[${BRAILLE_SPINNER.join('')}] exchange rules +3s$`), 'spinner and time so far');
  assert.match(row(frame, 'API keys'), /^✗ API keys +Api key info invalid \(10072\)$/);
  for (const label of ['order books', 'open orders', 'listen key']) assert.match(row(frame, label), new RegExp(`^· ${label} +waiting$`));
  assert.match(lines(frame).at(-1)!, /^q quits$/);
});

test('the labels line up in one column, one space after the longest', () => {
  const frame = plain(screen(startupView({reference: {kind: 'done', result: 'R'}, books: {kind: 'done', result: 'B'}})).lastFrame());
  assert.equal(row(frame, 'reference symbol').indexOf('R', 3), row(frame, 'order books').indexOf('B', 3));
  assert.match(frame, /^✓ reference symbol R$/m);
  assert.match(frame, /^· API keys         waiting$/m);
});

test('a retrying step shows its reason, the attempt and a countdown that follows the clock', async () => {
  let clock = T0;
  const view = startupView({time: {kind: 'retrying', since: T0 - 8_000, reason: 'HTTP 503 Service Unavailable', attempt: 3, nextAt: T0 + 4_200}});
  const rendered = screen(view, 80, 24, () => clock);
  assert.match(row(plain(rendered.lastFrame()), 'time sync'), /^. time sync +HTTP 503 Service Unavailable · attempt 3, next try in 5s$/);
  clock = T0 + 2_000;
  await waitForFrame(rendered, (f) => /· attempt 3, next try in 3s$/m.test(f));
  clock = T0 + 4_200;
  await waitForFrame(rendered, (f) => /· attempt 3, trying again$/m.test(f));
});

test('a very long, multi-line reason is cut to one line of 80 columns and the countdown stays', () => {
  const view = startupView({
    rules: {kind: 'retrying', since: T0, reason: `${LONG_REASON}\n    at Socket.connect (node:net:1)`, attempt: 12, nextAt: T0 + 65_000},
    account: {kind: 'failed', reason: LONG_REASON},
    books: {kind: 'done', result: LONG_REASON},
    listenKey: {kind: 'skipped', why: LONG_REASON},
  });
  const frame = plain(screen(view).lastFrame());
  assert.ok(widest(frame) <= 80, `a line is ${widest(frame)} columns:\n${frame}`);
  assert.ok(lines(frame).length <= 23, `${lines(frame).length} lines:\n${frame}`);
  assert.match(row(frame, 'exchange rules'), /^. exchange rules +GET https:\/\/api\.mexc\.com\S*… · attempt 12, next try in 1m05s$/);
  assert.match(row(frame, 'API keys'), /^✗ API keys +GET https.*…$/);
  assert.doesNotMatch(frame, /Socket\.connect/, 'no second line of the reason');
});

test('a reason in wide characters is cut by its width, not its length', () => {
  const view = startupView({rules: {kind: 'retrying', since: T0, reason: '服务器错误，请稍后再试'.repeat(8), attempt: 2, nextAt: T0 + 3_000}});
  const frame = plain(screen(view).lastFrame());
  const line = row(frame, 'exchange rules');
  assert.match(line, /^. exchange rules +服务器错误，请稍后再试服务器\S* · attempt 2, next try in 3s$/);
  assert.ok(displayWidth(line) <= 80, line);
});

test('a terminal narrower than 80 columns keeps every row on one line, the countdown first', () => {
  const view = startupView({rules: {kind: 'retrying', since: T0, reason: LONG_REASON, attempt: 4, nextAt: T0 + 9_000}, account: {kind: 'failed', reason: LONG_REASON}});
  const frame = plain(screen(view, 40, 16).lastFrame());
  assert.ok(widest(frame) <= 40, frame);
  assert.equal(lines(frame).length, 13, frame);
  assert.match(row(frame, 'exchange rules'), /^. exchange rules +next try in 9s, atte…$/);
});

test('a failed start-up says so; a failure between steps gets a row of its own', () => {
  const failedStep = plain(screen(startupView({time: {kind: 'failed', reason: 'clock outside recvWindow'}}, 'failed', 'clock outside recvWindow')).lastFrame());
  assert.match(lines(failedStep)[0]!, /start-up FAILED$/);
  assert.equal(failedStep.match(/clock outside recvWindow/g)?.length, 1, 'the reason once, on its step');
  const between = plain(screen(startupView({time: {kind: 'done', result: 'ok'}}, 'failed', 'data dir locked by pid 4242')).lastFrame());
  assert.match(between, /^✗ data dir locked by pid 4242$/m);
});

test('the spinner turns: its frame changes on its own timer', async () => {
  const rendered = screen(startupView({time: {kind: 'running', since: T0}}));
  const spinnerOf = (frame: string): string => row(frame, 'time sync')[0]!;
  const first = spinnerOf(plain(rendered.lastFrame()));
  await waitForFrame(rendered, (f) => spinnerOf(f) !== first, 3 * SPINNER_FRAME_MS + 1000);
  assert.equal(spinnerFrame(BRAILLE_SPINNER, 0), spinnerFrame(BRAILLE_SPINNER, SPINNER_FRAME_MS * BRAILLE_SPINNER.length), 'frames cycle');
  assert.notEqual(spinnerFrame(BRAILLE_SPINNER, 0), spinnerFrame(BRAILLE_SPINNER, SPINNER_FRAME_MS));
});

test('NO_COLOR and TERM=dumb: the no-colour theme, whose spinner is ASCII', async () => {
  assert.equal(themeFor({NO_COLOR: '1'}), noColourTheme);
  assert.equal(themeFor({TERM: 'dumb'}), noColourTheme);
  assert.equal(themeFor({TERM: 'xterm-256color', NO_COLOR: ''}), colourTheme);
  assert.ok(noColourTheme.spinnerFrames.every((frame) => /^[\x20-\x7e]$/.test(frame)));
  const previous = process.env['NO_COLOR'];
  process.env['NO_COLOR'] = '1';
  try {
    const startup = startupFeed(startupView({time: {kind: 'running', since: T0}}));
    const rendered = renderAt(<ConsoleRoot startup={startup} snapshots={snapshotFeed(compliantSnapshot())} onCommand={() => {}} now={fixedNow} />, 80, 24);
    const spinner = row(plain(rendered.lastFrame()), 'time sync')[0]!;
    assert.ok((ASCII_SPINNER as readonly string[]).includes(spinner), `spinner "${spinner}"`);
  } finally {
    if (previous === undefined) delete process.env['NO_COLOR'];
    else process.env['NO_COLOR'] = previous;
  }
});

test('texts: one line, width of wide characters, countdown', () => {
  assert.equal(oneLine('  a\n   at b\t c  '), 'a at b c');
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('错误a'), 5);
  assert.equal(nextTry(T0 + 1, T0), 'next try in 1s');
  assert.equal(nextTry(T0 + 90_000, T0), 'next try in 1m30s');
  assert.equal(nextTry(T0, T0), 'trying again');
});

test('the root shows the start-up screen until start-up is done, then the normal view', async () => {
  const startup = startupFeed(startupView({time: {kind: 'running', since: T0}}));
  const feed = snapshotFeed(compliantSnapshot());
  let snapshotReads = 0;
  const snapshots = {...feed, get: () => (snapshotReads++, feed.get())};
  const rendered = renderAt(<ConsoleRoot startup={startup} snapshots={snapshots} onCommand={() => {}} mode="sim" symbol="RMVUSDT" now={fixedNow} />, 80, 24);
  assert.match(plain(rendered.lastFrame()), /^mexc-mm {2}SIM {2}RMVUSDT {2}starting/);
  startup.publish(startupView({time: {kind: 'done', result: 'offset +3 ms'}, books: {kind: 'running', since: T0}}));
  await waitForFrame(rendered, (f) => /^✓ time sync +offset \+3 ms$/m.test(f));
  assert.equal(snapshotReads, 0, 'no snapshot is read before the engine runs');
  startup.publish(startupView({time: {kind: 'done', result: 'offset +3 ms'}}, 'done'));
  const frame = await waitForFrame(rendered, (f) => /^ SIM {2}RMVUSDT ref RMV-USDT {2}RUNNING/.test(f));
  assert.ok(snapshotReads > 0);
  assert.doesNotMatch(frame, /time sync/);
  assert.match(frame, /^p pause {2}c cancel all/m);
});

test('a failed start-up stays on the start-up screen', async () => {
  const startup = startupFeed(startupView({account: {kind: 'running', since: T0}}));
  const rendered = renderAt(<ConsoleRoot startup={startup} snapshots={snapshotFeed(compliantSnapshot())} onCommand={() => {}} now={fixedNow} />, 80, 24);
  startup.publish(startupView({account: {kind: 'failed', reason: 'Api key info invalid'}}, 'failed', 'Api key info invalid'));
  const frame = await waitForFrame(rendered, (f) => /start-up FAILED/.test(f));
  assert.match(frame, /^✗ API keys +Api key info invalid$/m);
  assert.doesNotMatch(frame, /RUNNING/);
});

test('q during start-up sends quit once; Ctrl-C is passed on each time; the normal view opens stopping', async () => {
  const sent: OperatorCommand[] = [];
  const startup = startupFeed(startupView({time: {kind: 'running', since: T0}}));
  const rendered = renderAt(<ConsoleRoot startup={startup} snapshots={snapshotFeed(compliantSnapshot())} onCommand={(command) => sent.push(command)} now={fixedNow} />, 80, 24);
  await inputReady(rendered);
  rendered.stdin.write('p'); // the engine's keys mean nothing yet
  assert.deepEqual(sent, []);
  rendered.stdin.write('q');
  assert.deepEqual(sent, [{kind: 'quit', reason: 'q'}]);
  await waitForFrame(rendered, (f) => /^stopping…$/m.test(f));
  rendered.stdin.write('q');
  assert.equal(sent.length, 1);
  rendered.stdin.write('\u0003');
  assert.deepEqual(sent.at(-1), {kind: 'quit', reason: 'q'});
  assert.equal(sent.length, 2);
  startup.publish(startupView({}, 'done'));
  await waitForFrame(rendered, (f) => /RUNNING/.test(f) && /^stopping: cancelling orders…$/m.test(f));
});

test('once the normal view shows, its keys alone answer: one quit per q', async () => {
  const sent: OperatorCommand[] = [];
  const startup = startupFeed(startupView({}));
  const rendered = renderAt(<ConsoleRoot startup={startup} snapshots={snapshotFeed(compliantSnapshot())} onCommand={(command) => sent.push(command)} now={fixedNow} />, 80, 24);
  startup.publish(startupView({}, 'done'));
  await waitForFrame(rendered, (f) => /RUNNING/.test(f));
  await inputReady(rendered);
  rendered.stdin.write('q');
  assert.deepEqual(sent, [{kind: 'quit', reason: 'operator'}]);
});
