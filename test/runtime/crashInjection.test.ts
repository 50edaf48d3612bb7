// The crash test hook: what MEXC_MM_TEST_CRASH accepts, and that each kind crashes the way it says.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {armCrashInjection, parseCrashInjection} from '../../source/runtime/crashInjection.js';
import {StartupError} from '../../source/runtime/startupError.js';

test('KIND[@SECONDS], 3 s by default; unset is none; anything else is exit 2 naming the variable', () => {
  assert.equal(parseCrashInjection(undefined), null);
  assert.equal(parseCrashInjection(''), null);
  assert.deepEqual(parseCrashInjection('engine'), {kind: 'engine', afterMs: 3000});
  assert.deepEqual(parseCrashInjection('rejection@1.5'), {kind: 'rejection', afterMs: 1500});
  assert.throws(() => parseCrashInjection('segfault'), (error: unknown) => error instanceof StartupError && error.exitCode === 2 && /MEXC_MM_TEST_CRASH=segfault/.test(error.message));
});

test('engine: sets the flag the runtime throws on; disarmed before it fires: nothing happens', async (t) => {
  t.mock.timers.enable({apis: ['setTimeout']});
  const due = {value: false};
  armCrashInjection({kind: 'engine', afterMs: 2000}, due);
  t.mock.timers.tick(1999);
  assert.equal(due.value, false);
  t.mock.timers.tick(1);
  assert.equal(due.value, true);
  const later = {value: false};
  const disarm = armCrashInjection({kind: 'engine', afterMs: 100}, later);
  disarm();
  t.mock.timers.tick(1000);
  assert.equal(later.value, false);
});

// the test runner listens for both events itself (and fails the test): its listeners step aside meanwhile
async function caught(event: 'uncaughtException' | 'unhandledRejection', arm: () => void): Promise<unknown> {
  const original = process.listeners(event as 'uncaughtException') as Array<(...args: unknown[]) => void>;
  process.removeAllListeners(event);
  try {
    const seen = new Promise<unknown>((resolve) => process.once(event as 'uncaughtException', resolve));
    arm();
    return await seen;
  } finally {
    for (const listener of original) process.on(event as 'uncaughtException', listener);
  }
}

test('rejection: a promise rejected with nobody to catch it reaches unhandledRejection', async () => {
  const error = await caught('unhandledRejection', () => armCrashInjection({kind: 'rejection', afterMs: 1}, {value: false}));
  assert.match((error as Error).message, /injected unhandled rejection/);
});

test('uncaught: the timer throws, reaching uncaughtException', async () => {
  const error = await caught('uncaughtException', () => armCrashInjection({kind: 'uncaught', afterMs: 1}, {value: false}));
  assert.match((error as Error).message, /injected uncaught exception/);
});
