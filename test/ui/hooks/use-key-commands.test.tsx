import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup} from 'ink-testing-library';
import {App} from '../../../source/ui/components/App.js';
import type {OperatorCommand} from '../../../source/engine/operatorCommand.js';
import type {EngineSnapshot} from '../../../source/engine/view/snapshot.js';
import {compliantSnapshot, fixedNow, haltedSnapshot, pausedSnapshot, snapshotFeed} from '../fixtures.js';
import {inputReady, renderAt, waitForFrame} from '../terminal.js';

afterEach(cleanup);

async function console80x24(snapshot: EngineSnapshot = compliantSnapshot()) {
  const sent: OperatorCommand[] = [];
  const feed = snapshotFeed(snapshot);
  const rendered = renderAt(<App snapshots={feed} onCommand={(command) => sent.push(command)} now={fixedNow} />, 80, 24);
  await inputReady(rendered);
  return {sent, feed, rendered, press: (key: string) => rendered.stdin.write(key)};
}

test('p sends pause while running and resume once the engine reports paused', async () => {
  const {sent, feed, rendered, press} = await console80x24();
  press('p');
  assert.deepEqual(sent, [{kind: 'pause'}]);
  await waitForFrame(rendered, (f) => /· pause sent$/m.test(f));
  feed.publish(pausedSnapshot());
  await waitForFrame(rendered, (f) => / PAUSED /.test(f) && /^p resume/m.test(f));
  press('p');
  assert.deepEqual(sent, [{kind: 'pause'}, {kind: 'resume'}]);
});

test('c asks for confirmation: n sends nothing, y sends cancelAll', async () => {
  const {sent, rendered, press} = await console80x24();
  press('c');
  await waitForFrame(rendered, (f) => /Cancel ALL our orders\? +y = yes, any other key = no/.test(f));
  assert.deepEqual(sent, []);
  press('n');
  await waitForFrame(rendered, (f) => /· nothing sent$/.test(f));
  assert.deepEqual(sent, []);
  press('c');
  press('y');
  assert.deepEqual(sent, [{kind: 'cancelAll'}]);
  await waitForFrame(rendered, (f) => /· cancel all sent$/m.test(f));
});

test('r sends resetNow at once', async () => {
  const {sent, press} = await console80x24();
  press('r');
  assert.deepEqual(sent, [{kind: 'resetNow'}]);
});

test('k asks before the kill switch; y sends kill with the operator as reason', async () => {
  const {sent, rendered, press} = await console80x24();
  press('k');
  await waitForFrame(rendered, (f) => /KILL SWITCH: cancel all and halt quoting\?/.test(f));
  assert.deepEqual(sent, []);
  press('y');
  assert.deepEqual(sent, [{kind: 'kill', reason: 'operator'}]);
});

test('when halted, k offers to resume, also confirmed, and sends unkill', async () => {
  const {sent, rendered, press} = await console80x24(haltedSnapshot());
  press('k');
  await waitForFrame(rendered, (f) => /Resume quoting from HALTED\?/.test(f));
  press('x');
  assert.deepEqual(sent, []);
  press('k');
  press('y');
  assert.deepEqual(sent, [{kind: 'unkill'}]);
});

test('q sends quit and shows that orders are being cancelled; later keys send nothing', async () => {
  const {sent, rendered, press} = await console80x24();
  press('q');
  assert.deepEqual(sent, [{kind: 'quit', reason: 'operator'}]);
  await waitForFrame(rendered, (f) => /^stopping: cancelling orders…$/m.test(f));
  press('p');
  press('q');
  assert.equal(sent.length, 1);
});

test('Ctrl-C is a quit command, not an exit', async () => {
  const {sent, rendered, press} = await console80x24();
  press('\u0003');
  assert.deepEqual(sent, [{kind: 'quit', reason: 'operator'}]);
  await waitForFrame(rendered, (f) => /stopping: cancelling orders…/.test(f));
});

test('? opens the help overlay and any key closes it without sending anything', async () => {
  const {sent, rendered, press} = await console80x24();
  press('?');
  const help = await waitForFrame(rendered, (f) => /press any key to close/.test(f));
  assert.ok(help.split('\n').length <= 23);
  press('r');
  await waitForFrame(rendered, (f) => /^now {2}PASS/m.test(f));
  assert.deepEqual(sent, []);
});
