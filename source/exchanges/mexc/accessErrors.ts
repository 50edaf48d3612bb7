// MEXC answers that say these keys cannot be used from here at all (docs/protocols/mexc.md §1.6, §8.4,
// §8.5, §8.12): waiting will not change them, so start-up stops at once and names the cause. A clock
// outside recvWindow is one of them only after a re-sync (the REST client re-measures on 700003).
import {MexcError, TIMESTAMP_OUTSIDE_WINDOW} from './errors.js';

export type AccessProblem = 'noKey' | 'apiKey' | 'signature' | 'ipWhitelist' | 'permission' | 'clock' | 'banned';

const BY_CODE: ReadonlyMap<number, {problem: AccessProblem; cause: string}> = new Map([
  [700001, {problem: 'apiKey', cause: 'MEXC finds the API key malformed: check MEXC_API_KEY'}],
  [10072, {problem: 'apiKey', cause: 'MEXC rejects the API key (unknown, deleted or expired): check MEXC_API_KEY'}],
  [700002, {problem: 'signature', cause: 'MEXC rejects the request signature: MEXC_API_SECRET does not belong to MEXC_API_KEY'}],
  [700006, {problem: 'ipWhitelist', cause: "this machine's IP address is not on the API key's whitelist"}],
  [700007, {problem: 'permission', cause: 'the API key lacks the permission: enable spot trading (SPOT_DEAL_WRITE) for the key'}],
  [TIMESTAMP_OUTSIDE_WINDOW, {problem: 'clock', cause: "the clock is outside MEXC's recvWindow even after re-syncing: fix the system clock (NTP)"}],
  [70011, {problem: 'banned', cause: 'the account is barred from API trading on this pair'}],
]);

export interface AccessFailure {
  problem: AccessProblem;
  /** one line for the operator, with MEXC's code */
  cause: string;
  code: number;
}

/** The access problem an error reports, or null for anything else (including transient failures). */
export function accessFailureOf(error: unknown): AccessFailure | null {
  if (!(error instanceof MexcError) || error.failure !== 'rejected' || error.code === null) return null;
  // MEXC's code 400 is generic; only its "api key required" means the key is missing
  if (error.code === 400 && /api.?key/i.test(error.message)) return {problem: 'noKey', cause: `no API key was sent: set MEXC_API_KEY and MEXC_API_SECRET (MEXC code 400)`, code: 400};
  const known = BY_CODE.get(error.code);
  return known ? {...known, cause: `${known.cause} (MEXC code ${error.code})`, code: error.code} : null;
}

/** Whether one more attempt after a server-time re-sync may succeed. */
export function isClockRejection(error: unknown): boolean {
  return error instanceof MexcError && error.code === TIMESTAMP_OUTSIDE_WINDOW;
}
