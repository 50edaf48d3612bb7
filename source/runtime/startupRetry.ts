// Start-up reads (KuCoin symbol, MEXC time and exchangeInfo) retried while the venue is unreachable,
// overloaded or rate-limiting, so a bot started during an exchange hiccup (or restarted by systemd into
// one) comes up by itself. A definite answer that cannot change by waiting (unknown symbol, bad key) fails
// at once, as does anything after the deadline, with a one-line reason instead of a stack trace.
import {PortError} from '../engine/ports.js';
import {MexcError, MexcTransportError} from '../exchanges/mexc/errors.js';
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
}

export async function withStartupRetries<T>(what: string, call: () => Promise<T>, options: StartupRetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.deadlineMs ?? 60_000);
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (error instanceof StartupError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const until = error instanceof MexcError || error instanceof PortError ? error.rateLimitedUntil : null;
      const wait = Math.max(delay, (until ?? 0) - now());
      if (!isTransient(error)) throw new StartupError(`${what} failed: ${message}`, 1);
      if (now() + wait > deadline) throw new StartupError(`${what} failed after ${attempt} attempts: ${message}`, 1);
      options.log('warn', `${what} failed (${message}); attempt ${attempt + 1} in ${Math.round(wait / 100) / 10} s`);
      await sleep(wait);
      delay = Math.min(delay * 2, 8000);
    }
  }
}
