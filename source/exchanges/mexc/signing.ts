// MEXC request signing (docs/protocols/mexc.md §1.3): HMAC-SHA256 over `totalParams` (query string
// immediately followed by the body), lower-case hex. Values are percent-encoded with upper-case escapes, and
// `(`/`)`/`!`/`'`/`*` are escaped too: MEXC verifies the string as received, and unescaped parentheses are a
// known 700002 cause.
import {createHmac} from 'node:crypto';

export type ParamValue = string | number | boolean;
/** Parameters in the order they are sent (MEXC does not require sorting). */
export type ParamList = ReadonlyArray<readonly [name: string, value: ParamValue]>;

const extraEscapes: Record<string, string> = {'!': '%21', "'": '%27', '(': '%28', ')': '%29', '*': '%2A'};

export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (ch) => extraEscapes[ch] ?? ch);
}

/** `a=1&b=2` in insertion order, values percent-encoded with upper-case hex. */
export function encodeQuery(params: ParamList): string {
  return params.map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(String(value))}`).join('&');
}

/** Lower-case hex HMAC-SHA256 of `queryString + body` (no separator between them, per the docs). */
export function signTotalParams(secret: string, queryString: string, body = ''): string {
  return createHmac('sha256', secret).update(queryString + body).digest('hex');
}
