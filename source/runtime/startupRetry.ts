// Start-up reads (KuCoin symbol, MEXC time and exchangeInfo, the keys and balances) retried while the
// venue is unreachable, overloaded or rate-limiting, so a bot started during an exchange hiccup (or
// restarted by systemd into one) comes up by itself. A definite answer that cannot change by waiting
// (unknown symbol, bad key, missing permission, IP not whitelisted) fails at once with a one-line reason
// naming the cause; a clock outside recvWindow gets one more try after the re-sync it triggers.
import {PortError} from '../engine/ports.js';
import {MexcError, MexcTransportError} from '../exchanges/mexc/errors.js';
import {accessFailureOf, isClockRejection} from '../exchanges/mexc/accessErrors.js';
import type {Logger} from '../exchanges/shared/logger.js';
import {StartupError} from './startupError.js';

export function isTransient(error: unknown): boolean {
  // a refused connection is a definite "not executed" for an order, but for a read it just means "not yet"
  if (error instanceof MexcTransportError) return true;
  if (error instanceof MexcError) return error.failure !== 'rejected';
  if (error instanceof PortError) return error.transient;
  return false;
}

export interface StartupRetryOptions {
  log: Logger;
  /** stop retrying after this long (ms) */
  deadlineMs?: number;
  firstDelayMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** told before each wait, for the start-up screen */
  onRetry?: (reason: string, attempt: number, waitMs: number) => void;
  /** start-up was abandoned (a stop signal, q): no further attempt */
  signal?: AbortSignal;
}

/** Thrown when start-up was abandoned on purpose; carries the reason given to abort(). */
export class StartupAborted extends Error {
  constructor(readonly reason: string) {
    super(`start-up stopped (${reason})`);
    this.name = 'StartupAborted';
  }
}

function abortedError(signal: AbortSignal): StartupAborted {
  return new StartupAborted(typeof signal.reason === 'string' ? signal.reason : 'aborted');
}

/**
 * The call's result, or StartupAborted as soon as the signal fires (the call is left to settle alone):
 * a retry's wait, or the whole start-up when a stop signal or `q` abandons it.
 */
export function untilAborted<T>(call: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return call;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(signal));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, {once: true});
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export async function withStartupRetries<T>(what: string, call: () => Promise<T>, options: StartupRetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.deadlineMs ?? 60_000);
  let delay = options.firstDelayMs ?? 1000;
  let clockRetried = false;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw abortedError(options.signal);
    try {
      return await call();
    } catch (error) {
      if (error instanceof StartupError || error instanceof StartupAborted) throw error;
      if (options.signal?.aborted) throw abortedError(options.signal);
      const message = error instanceof Error ? error.message : String(error);
      if (isClockRejection(error) && !clockRetried) {
        // the client has invalidated its server-time offset: the next signed call re-measures it
        clockRetried = true;
        options.log('warn', `${what} failed (${message}); re-syncing the clock and trying once more`);
        continue;
      }
      const access = accessFailureOf(error);
      if (access) throw new StartupError(`${what}: ${access.cause}`, 1, {cause: error});
      const until = error instanceof MexcError || error instanceof PortError ? error.rateLimitedUntil : null;
      const wait = Math.max(delay, (until ?? 0) - now());
      if (!isTransient(error)) throw new StartupError(`${what} failed: ${message}`, 1);
      if (now() + wait > deadline) throw new StartupError(`${what} failed after ${attempt} attempts: ${message}`, 1);
      options.log('warn', `${what} failed (${message}); attempt ${attempt + 1} in ${Math.round(wait / 100) / 10} s`);
      options.onRetry?.(message, attempt + 1, wait);
      await untilAborted(sleep(wait), options.signal);
      delay = Math.min(delay * 2, 8000);
    }
  }
}
