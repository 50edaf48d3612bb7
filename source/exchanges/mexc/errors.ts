// Typed failures of MEXC REST calls, each classified by what it tells us about the request's effect:
// - 'rejected'    — a definite answer: the request did not (and will not) take effect;
// - 'unknown'     — no definite answer (timeout, 5xx, connection lost after sending, unreadable success body):
//                   the request may have taken effect; callers must reconcile, never blindly resend;
// - 'rateLimited' — refused because of a rate limit (MEXC 429/418, or our own budget); did not take effect.

export type FailureClass = 'rejected' | 'unknown' | 'rateLimited';

export abstract class MexcError extends Error {
  constructor(
    message: string,
    readonly failure: FailureClass,
    /** MEXC's business code when the server sent one */
    readonly code: number | null,
    /** epoch ms until which the venue (or our budget) refuses requests, when known */
    readonly rateLimitedUntil: number | null,
  ) {
    super(message);
  }
}

/** The server answered with an HTTP error status (and usually a `{code, msg}` body). */
export class MexcApiError extends MexcError {
  override readonly name = 'MexcApiError';
  constructor(
    readonly httpStatus: number,
    code: number | null,
    readonly msg: string,
    rateLimitedUntil: number | null = null,
  ) {
    super(`MEXC HTTP ${httpStatus}${code === null ? '' : ` code ${code}`}: ${msg}`, classifyHttpStatus(httpStatus), code, rateLimitedUntil);
  }
}

export type TransportReason =
  /** no connection could be made (refused, DNS): the request never left */
  | 'notConnected'
  /** no complete answer within the timeout */
  | 'timeout'
  /** connection reset / closed while the request was in flight */
  | 'connectionLost'
  /** a 2xx answer whose body we could not read as the documented shape */
  | 'malformedBody';

export class MexcTransportError extends MexcError {
  override readonly name = 'MexcTransportError';
  constructor(
    readonly reason: TransportReason,
    message: string,
  ) {
    super(`MEXC ${reason}: ${message}`, reason === 'notConnected' ? 'rejected' : 'unknown', null, null);
  }
}

/** Refused locally without sending: budget empty, or inside a 429/418 Retry-After block. */
export class MexcThrottledError extends MexcError {
  override readonly name = 'MexcThrottledError';
  constructor(
    readonly reason: 'budget' | 'blocked',
    rateLimitedUntil: number,
    message: string,
  ) {
    super(message, 'rateLimited', null, rateLimitedUntil);
  }
}

/** 429 (rate limit) and 418 (IP ban) are refusals; 5xx may have executed; every other 4xx is a definite no. */
export function classifyHttpStatus(httpStatus: number): FailureClass {
  if (httpStatus === 429 || httpStatus === 418) return 'rateLimited';
  if (httpStatus >= 500) return 'unknown';
  return 'rejected';
}

export interface FailureSummary {
  failure: FailureClass;
  code: number | null;
  message: string;
  rateLimitedUntil: number | null;
  /** refused before sending (our own request budget, or a Retry-After still running): MEXC never saw it */
  unsent: boolean;
}

/** Classifies anything thrown by a client call; an unexpected exception is treated as 'unknown' (the safe side). */
export function summarizeFailure(error: unknown): FailureSummary {
  if (error instanceof MexcError) {
    return {failure: error.failure, code: error.code, message: error.message, rateLimitedUntil: error.rateLimitedUntil, unsent: error instanceof MexcThrottledError};
  }
  const message = error instanceof Error ? error.message : String(error);
  return {failure: 'unknown', code: null, message, rateLimitedUntil: null, unsent: false};
}

/** MEXC codes meaning "the order is not there" (cancel of unknown order, query of missing order). */
export const ORDER_NOT_FOUND_CODES: ReadonlySet<number> = new Set([-2011, -2013]);
/** Timestamp outside recvWindow: our clock offset is off, resync server time. */
export const TIMESTAMP_OUTSIDE_WINDOW = 700003;
