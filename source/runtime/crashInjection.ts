// A test hook (docs/testing.md §5): MEXC_MM_TEST_CRASH=KIND[@SECONDS] makes a run crash
// SECONDS (default 3) after the engine starts, so the end-to-end tests can prove that a crash still
// sweeps our orders off the exchange:
// - engine:    an error thrown inside the engine's consumer loop (while it publishes a snapshot);
// - uncaught:  an exception thrown from a timer, reaching process 'uncaughtException';
// - rejection: a promise rejected with nobody to catch it ('unhandledRejection').
import {StartupError} from './startupError.js';

export const crashKinds = ['engine', 'uncaught', 'rejection'] as const;
export type CrashKind = (typeof crashKinds)[number];

export interface CrashInjection {
  kind: CrashKind;
  afterMs: number;
}

export const CRASH_INJECTION_VARIABLE = 'MEXC_MM_TEST_CRASH';

export function parseCrashInjection(value: string | undefined): CrashInjection | null {
  if (value === undefined || value === '') return null;
  const match = /^(engine|uncaught|rejection)(?:@(\d+(?:\.\d+)?))?$/.exec(value);
  if (!match) throw new StartupError(`${CRASH_INJECTION_VARIABLE}=${value}: expected engine|uncaught|rejection, optionally @SECONDS`, 2);
  return {kind: match[1] as CrashKind, afterMs: Math.round(Number(match[2] ?? 3) * 1000)};
}

/**
 * Arms the injection; `engineDue` is set for the engine kind (the runtime's snapshot output throws when
 * it sees it). Returns the function that disarms it.
 */
export function armCrashInjection(injection: CrashInjection, engineDue: {value: boolean}): () => void {
  const timer = setTimeout(() => {
    switch (injection.kind) {
      case 'engine':
        engineDue.value = true;
        return;
      case 'uncaught':
        throw new Error('injected uncaught exception');
      case 'rejection':
        void Promise.reject(new Error('injected unhandled rejection'));
        return;
    }
  }, injection.afterMs);
  return () => clearTimeout(timer);
}
