// Paper mode must never reach MEXC's private (signed) endpoints. Everything in the paper venue uses the
// REST client through this guard: a call to a signed endpoint is refused before anything is sent, counted,
// and logged, so a regression shows up as a non-zero `privateRequests()` instead of a real order.
import type {Logger} from '../shared/logger.js';
import {MexcApiError} from '../mexc/errors.js';
import type {MexcRestClient} from '../mexc/mexcRestClient.js';

/** The client's methods that call signed endpoints (endpoints.ts marks them `signed: true`; a test keeps the two in step). */
export const PRIVATE_METHODS: ReadonlySet<string> = new Set([
  'order',
  'testOrder',
  'batchOrders',
  'cancelOrder',
  'cancelAllOpenOrders',
  'openOrders',
  'queryOrder',
  'account',
  'myTrades',
  'createListenKey',
  'keepAliveListenKey',
  'deleteListenKey',
]);

export interface GuardedRest {
  /** the client to hand to public-data users (book stream, exchangeInfo) */
  rest: MexcRestClient;
  /** attempted private calls (refused); must stay 0 */
  privateRequests(): number;
}

export function guardPrivateEndpoints(rest: MexcRestClient, log: Logger): GuardedRest {
  let attempts = 0;
  const guarded = new Proxy(rest, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && PRIVATE_METHODS.has(property)) {
        return () => {
          attempts += 1;
          log('error', `paper: refused a call to MEXC private endpoint ${property} (paper mode never sends one)`);
          return Promise.reject(new MexcApiError(0, null, `paper mode: private endpoint ${property} is not called`));
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  return {rest: guarded, privateRequests: () => attempts};
}

