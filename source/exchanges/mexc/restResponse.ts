// Reads one HTTP exchange with MEXC into what it means (pure; the REST client applies the consequences):
// a documented success, a rate-limit refusal, an error answer with MEXC's {code, msg}, or a body that is
// none of those. Also names what a transport-level failure tells us about whether the request left.
import type {z} from 'zod';
import type {TransportReason} from './errors.js';
import {parseRetryAfterMs} from './retryAfter.js';

export type Interpreted<T> =
  | {kind: 'ok'; data: T}
  | {kind: 'rateLimited'; httpStatus: number; code: number | null; msg: string; retryAfterMs: number | null}
  | {kind: 'apiError'; httpStatus: number; code: number | null; msg: string}
  | {kind: 'malformed'; httpStatus: number; excerpt: string};

export function interpretResponse<T>(
  schema: z.ZodType<T>,
  httpStatus: number,
  bodyText: string,
  retryAfterHeader: string | string[] | undefined,
  now: number,
): Interpreted<T> {
  const body = parseJson(bodyText);
  const err = errorBody(body);
  if (httpStatus === 429 || httpStatus === 418) {
    return {kind: 'rateLimited', httpStatus, code: err?.code ?? null, msg: err?.msg ?? `HTTP ${httpStatus}`, retryAfterMs: parseRetryAfterMs(retryAfterHeader, now)};
  }
  if (httpStatus >= 300) return {kind: 'apiError', httpStatus, code: err?.code ?? null, msg: err?.msg || excerpt(bodyText)};
  const parsed = schema.safeParse(body);
  if (parsed.success) return {kind: 'ok', data: parsed.data};
  // Some MEXC answers carry an error as {code, msg} with a 2xx status: that is a definite answer.
  if (err && err.code !== null && err.code !== 0 && err.code !== 200) return {kind: 'apiError', httpStatus, code: err.code, msg: err.msg};
  return {kind: 'malformed', httpStatus, excerpt: excerpt(bodyText)};
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Only a failure to connect proves the request never left. A reset or a timeout may come after the
 * server read (and executed) it, so those are treated as "may have happened".
 */
export function transportReason(error: unknown): TransportReason {
  const code = (error as {code?: unknown} | null)?.code;
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return 'notConnected';
  if ((error as {name?: unknown} | null)?.name === 'TimeoutError') return 'timeout';
  return 'connectionLost';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // not JSON: judged by the caller as malformed or as a bare error status
  }
}

/** `{code, msg}` from a body; `code` may be a number or a numeric string (e.g. "730708", docs/protocols/mexc.md §3). */
function errorBody(body: unknown): {code: number | null; msg: string} | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const {code, msg} = body as {code?: unknown; msg?: unknown};
  const numeric = typeof code === 'number' ? code : typeof code === 'string' && /^-?\d+$/.test(code) ? Number(code) : null;
  if (numeric === null && typeof msg !== 'string') return null;
  return {code: numeric, msg: typeof msg === 'string' ? msg : ''};
}

function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
