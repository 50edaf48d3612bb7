// How the process can be told to end: each signal, the insisting second one, crashes and a gone terminal.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {installProcessHooks, isGoneTerminalError, stopSignals, type StopSignal} from '../../source/runtime/processHooks.js';

function rig() {
  const proc = new EventEmitter();
  const stdout = new EventEmitter();
  const calls: string[] = [];
  const hooks = installProcessHooks(
    {
      stop: (signal) => void calls.push(`stop ${signal}`),
      forceExit: (signal) => void calls.push(`force ${signal}`),
      crash: (error, origin) => void calls.push(`crash ${origin} ${(error as Error).message}`),
    },
    proc,
    [stdout],
  );
  return {proc, stdout, calls, hooks};
}

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), {code});

test('SIGINT, SIGTERM, SIGHUP and SIGQUIT each stop the run like q', () => {
  for (const signal of stopSignals) {
    const {proc, calls} = rig();
    proc.emit(signal);
    assert.deepEqual(calls, [`stop ${signal}`]);
  }
});

test('a second SIGINT, SIGTERM or SIGQUIT during the stop forces the exit; a second SIGHUP does not', () => {
  for (const second of ['SIGINT', 'SIGTERM', 'SIGQUIT'] as StopSignal[]) {
    const {proc, calls} = rig();
    proc.emit('SIGHUP');
    proc.emit(second);
    assert.deepEqual(calls, ['stop SIGHUP', `force ${second}`]);
  }
  const {proc, calls} = rig();
  proc.emit('SIGTERM');
  proc.emit('SIGHUP');
  assert.deepEqual(calls, ['stop SIGTERM'], 'nobody is left to insist after a hangup');
});

test('a stop begun by q or --duration (markStopping) makes the first signal an insisting one', () => {
  const {proc, calls, hooks} = rig();
  hooks.markStopping();
  proc.emit('SIGINT');
  assert.deepEqual(calls, ['force SIGINT']);
});

test('uncaught exceptions and unhandled rejections are crashes with their origin', () => {
  const {proc, calls} = rig();
  proc.emit('uncaughtException', new Error('boom'));
  proc.emit('unhandledRejection', new Error('lost'));
  assert.deepEqual(calls, ['crash uncaughtException boom', 'crash unhandledRejection lost']);
});

test('EIO and EPIPE on the terminal are ignored; any other stream error is a crash', () => {
  const {stdout, calls} = rig();
  stdout.emit('error', errno('EIO'));
  stdout.emit('error', errno('EPIPE'));
  assert.deepEqual(calls, []);
  stdout.emit('error', errno('ENOSPC'));
  assert.deepEqual(calls, ['crash uncaughtException ENOSPC']);
  assert.equal(isGoneTerminalError(errno('ERR_STREAM_DESTROYED')), true);
  assert.equal(isGoneTerminalError(new Error('plain')), false);
});

test('uninstall removes the signal and crash listeners but keeps swallowing terminal errors', () => {
  const {proc, stdout, hooks} = rig();
  hooks.uninstall();
  for (const signal of stopSignals) assert.equal(proc.listenerCount(signal), 0);
  assert.equal(proc.listenerCount('uncaughtException'), 0);
  assert.equal(proc.listenerCount('unhandledRejection'), 0);
  assert.equal(stdout.listenerCount('error'), 1);
});
