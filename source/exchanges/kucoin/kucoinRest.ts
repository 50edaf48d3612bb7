// The one request path for KuCoin's public REST API (docs/protocols/kucoin.md §2.1): send, read the `{code, data}`
// envelope, and turn every failure (network, timeout, HTTP status, non-200000 code, bad JSON) into a
// PortError carrying KuCoin's code. Errors can arrive with HTTP 200, so the envelope decides, not the status.
import got from 'got';
import {PortError} from '../../engine/ports.js';

export const KUCOIN_SUCCESS_CODE = '200000';

export interface KucoinRequest {
  method: 'GET' | 'POST';
  /** base URL, e.g. https://api.kucoin.com or the simulator's http://127.0.0.1:<port> */
  restUrl: string;
  /** path with query, e.g. /api/v1/market/orderbook/level2_100?symbol=BTC-USDT */
  path: string;
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => number;
}

/** Joins a base URL (with or without trailing slash, possibly with a path prefix) and an absolute path. */
export function joinRestUrl(restUrl: string, path: string): string {
  return restUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** Reads the KuCoin envelope of an already-parsed body; returns `data` or throws PortError. */
export function unwrapEnvelope(body: unknown, httpStatus: number, what: string, retryAt: number | null = null): unknown {
  if (typeof body !== 'object' || body === null) {
    throw new PortError(`${what}: HTTP ${httpStatus}, body is not a JSON object`, httpStatus, retryAt, isTransientStatus(httpStatus));
  }
  const record = body as Record<string, unknown>;
  const code = typeof record.code === 'string' || typeof record.code === 'number' ? String(record.code) : null;
  if (code === KUCOIN_SUCCESS_CODE && httpStatus >= 200 && httpStatus < 300) return record.data;
  const message = typeof record.msg === 'string' ? record.msg : typeof record.message === 'string' ? record.message : '';
  const numeric = code !== null && /^\d+$/.test(code) ? Number(code) : httpStatus;
  throw new PortError(`${what}: HTTP ${httpStatus}, code ${code ?? 'missing'}${message ? `: ${message}` : ''}`, numeric, retryAt, isTransientStatus(httpStatus));
}

const isTransientStatus = (httpStatus: number): boolean => httpStatus === 429 || httpStatus >= 500;

export async function kucoinRequest(request: KucoinRequest): Promise<unknown> {
  const now = request.now ?? Date.now;
  const what = `${request.method} ${request.path.split('?')[0]}`;
  let response;
  try {
    response = await got(joinRestUrl(request.restUrl, request.path), {
      method: request.method,
      timeout: {request: request.timeoutMs},
      retry: {limit: 0},
      throwHttpErrors: false,
      responseType: 'text',
      headers: {accept: 'application/json'},
      ...(request.signal ? {signal: request.signal} : {}),
    });
  } catch (error) {
    throw new PortError(`${what}: ${error instanceof Error ? error.message : String(error)}`, null, null, true);
  }
  // 429: KuCoin puts the ms until the pool resets in gw-ratelimit-reset (docs/protocols/kucoin.md §2.1, §5.1)
  let retryAt: number | null = null;
  if (response.statusCode === 429) {
    const reset = Number(response.headers['gw-ratelimit-reset']);
    retryAt = now() + (Number.isFinite(reset) && reset > 0 ? reset : 1000);
  }
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw new PortError(`${what}: HTTP ${response.statusCode}, body is not JSON`, response.statusCode, retryAt, isTransientStatus(response.statusCode));
  }
  return unwrapEnvelope(body, response.statusCode, what, retryAt);
}
