// How the process can be told to end, and what each way means for a run (docs/architecture.md §6):
// - SIGINT, SIGTERM, SIGHUP (the SSH session or tmux went away) and SIGQUIT stop the run like `q`;
// - a second SIGINT, SIGTERM or SIGQUIT during that stop is the operator insisting: exit at once (a
//   repeated SIGHUP is not: nobody is left to insist);
// - an uncaught exception or unhandled rejection anywhere is a crash: the run still sweeps our orders;
// - after a hangup the terminal is gone, so EIO/EPIPE on stdout/stderr are expected and ignored.
import type {EventEmitter} from 'node:events';

export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
export type StopSignal = (typeof stopSignals)[number];

export type CrashOrigin = 'uncaughtException' | 'unhandledRejection';

export interface ProcessHookHandlers {
  /** the first stop signal */
  stop(signal: StopSignal): void;
  /** a second insisting signal while stopping: must end the process synchronously */
  forceExit(signal: StopSignal): void;
  crash(error: unknown, origin: CrashOrigin): void;
}

/** The part of `process` the hooks use (tests pass an EventEmitter). */
export type HookableProcess = Pick<EventEmitter, 'on' | 'off'>;

/** Errors of a terminal that has gone away: nothing can be shown, the run must go on stopping. */
export function isGoneTerminalError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ENOTCONN' || code === 'ERR_STREAM_DESTROYED';
}

const insisting: ReadonlySet<StopSignal> = new Set(['SIGINT', 'SIGTERM', 'SIGQUIT']);

export interface ProcessHooks {
  /** the run is stopping for another reason (q, --duration, a crash): the next signal insists */
  markStopping(): void;
  uninstall(): void;
}

/**
 * Installs the handlers. Streams are the terminal's (stdout, stderr, stdin): their gone-terminal errors
 * are swallowed, any other error on them is a crash.
 */
export function installProcessHooks(
  handlers: ProcessHookHandlers,
  proc: HookableProcess = process,
  streams: ReadonlyArray<Pick<EventEmitter, 'on' | 'off'>> = [process.stdout, process.stderr, process.stdin],
): ProcessHooks {
  let stopping = false;
  const onSignal = (signal: StopSignal): void => {
    if (!stopping) {
      stopping = true;
      handlers.stop(signal);
    } else if (insisting.has(signal)) {
      handlers.forceExit(signal);
    }
  };
  const signalListeners = stopSignals.map((signal) => [signal, () => onSignal(signal)] as const);
  const onException = (error: unknown): void => handlers.crash(error, 'uncaughtException');
  const onRejection = (reason: unknown): void => handlers.crash(reason, 'unhandledRejection');
  const onStreamError = (error: unknown): void => {
    if (!isGoneTerminalError(error)) handlers.crash(error, 'uncaughtException');
  };
  for (const [signal, listener] of signalListeners) proc.on(signal, listener);
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  for (const stream of streams) stream.on('error', onStreamError);
  return {
    markStopping: () => void (stopping = true),
    uninstall: () => {
      for (const [signal, listener] of signalListeners) proc.off(signal, listener);
      proc.off('uncaughtException', onException);
      proc.off('unhandledRejection', onRejection);
      // the terminal's errors stay swallowed: the last lines may still be on their way out
    },
  };
}
