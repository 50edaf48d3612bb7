import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import type {OperatorCommand} from '../../source/engine/operatorCommand.js';

// Under CI=true Ink writes nothing until unmount; this test watches frames as a terminal would, so it runs
// Ink as it runs on an operator's terminal. Ink reads the variable when first imported, hence the dynamic imports
// (terminal.js loads Ink too).
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
const {renderConsole} = await import('../../source/ui/renderConsole.js');
const {compliantSnapshot, snapshotFeed} = await import('./fixtures.js');
const {plain, waitFor} = await import('./terminal.js');

/** A TTY-like stdin that Ink can put in raw mode and read keys from. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  isRaw = false;
  private pending: string[] = [];
  setRawMode(raw: boolean): this {
    this.isRaw = raw;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  read(): string | null {
    return this.pending.shift() ?? null;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  type(key: string): void {
    this.pending.push(key);
    this.emit('readable');
  }
}

/** An 80x24 terminal that records what is written to it. */
class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  written = '';
  write(chunk: string | Uint8Array): boolean {
    this.written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }
}

/** The console on a fake terminal, with a compliant snapshot; the commands it sends are collected. */
function mountOnFakeTerminal(extra: Partial<Parameters<typeof renderConsole>[0]> = {}) {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  const sent: OperatorCommand[] = [];
  const handle = renderConsole({
    snapshots: snapshotFeed(compliantSnapshot()),
    onCommand: (command) => sent.push(command),
    ...extra,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
  });
  return {stdin, stdout, sent, handle};
}

test('renderConsole turns Ctrl-C into a quit command, keeps running until unmounted, then exits', async () => {
  const {stdin, stdout, sent, handle} = mountOnFakeTerminal();
  let exited = false;
  const exit = handle.waitUntilExit().then(() => {
    exited = true;
  });
  try {
    await waitFor(() => stdin.listenerCount('readable') > 0 && stdin.isRaw, 'the console to take the keyboard');
    stdin.type('\u0003');
    await waitFor(() => sent.length === 1, 'the quit command');
    assert.deepEqual(sent, [{kind: 'quit', reason: 'operator'}]);
    assert.equal(exited, false, 'Ctrl-C must not exit Ink: the engine cancels orders first');
    await waitFor(() => plain(stdout.written).includes('stopping: cancelling orders…'), 'the stopping notice on screen');
  } finally {
    handle.unmount();
  }
  await exit;
  assert.equal(stdin.isRaw, false, 'raw mode restored');
  assert.match(plain(stdout.written), /SIM {2}RMVUSDT/);
});

test('renderConsole with start-up progress shows the start-up screen, takes q as quit, then the normal view', async () => {
  const {startupStepIds, startupStepLabels} = await import('../../source/runtime/startupProgress.js');
  type View = import('../../source/runtime/startupProgress.js').StartupView;
  const viewIn = (phase: View['phase']): View => ({
    phase,
    startedAt: Date.now(),
    steps: startupStepIds.map((id) => ({id, label: startupStepLabels[id], state: id === 'time' ? {kind: 'retrying', since: Date.now(), reason: 'HTTP 503', attempt: 2, nextAt: Date.now() + 3_000} : {kind: 'pending'}})),
    failure: null,
  });
  let view = viewIn('starting');
  const listeners = new Set<() => void>();
  const startup = {get: () => view, subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener))};
  const {stdin, stdout, sent, handle} = mountOnFakeTerminal({startup, mode: 'sim', symbol: 'RMVUSDT'});
  const exit = handle.waitUntilExit();
  try {
    await waitFor(() => /mexc-mm {2}SIM {2}RMVUSDT[\s\S]*time sync +HTTP 503 · attempt 2, next try in/.test(plain(stdout.written)), 'the start-up screen');
    await waitFor(() => stdin.listenerCount('readable') > 0 && stdin.isRaw, 'the console to take the keyboard');
    stdin.type('q');
    await waitFor(() => sent.length === 1, 'the quit command');
    assert.deepEqual(sent, [{kind: 'quit', reason: 'q'}]);
    view = viewIn('done');
    for (const listener of listeners) listener();
    await waitFor(() => /SIM {2}RMVUSDT ref RMV-USDT/.test(plain(stdout.written)), 'the normal view');
  } finally {
    handle.unmount();
  }
  await exit;
  assert.equal(listeners.size, 0, 'unsubscribed on unmount');
});
