// Parameters of a MEXC REST request (docs/protocols/mexc.md §1.2): query string and body (form-encoded, or a JSON
// object), merged with the query string winning; typed accessors that throw MEXC's errors.
import {mexcErrors} from './mexcErrors.js';

export class Params {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  get(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw mexcErrors.mandatoryParam(name);
    return value;
  }

  /** An optional non-negative integer parameter within [min, max]; bad values are a parameter error. */
  intInRange(name: string, min: number, max: number, fallback: number): number {
    const text = this.get(name);
    if (text === undefined) return fallback;
    if (!/^\d{1,9}$/.test(text)) throw mexcErrors.paramError();
    const value = Number(text);
    if (value < min || value > max) throw mexcErrors.paramError();
    return value;
  }
}

function paramsFromJson(text: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw mexcErrors.paramError();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw mexcErrors.paramError();
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') out.set(key, value);
    else if (typeof value === 'number' || typeof value === 'boolean') out.set(key, String(value));
    else out.set(key, JSON.stringify(value));
  }
  return out;
}

function paramsFromForm(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw mexcErrors.illegalCharacters();
    }
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/** Merges query and body parameters; a parameter in both takes the query-string value. */
export function parseParams(rawQuery: string, rawBody: string): Params {
  const query = paramsFromForm(rawQuery);
  const trimmed = rawBody.trim();
  const body = trimmed === '' ? new Map<string, string>() : trimmed.startsWith('{') ? paramsFromJson(trimmed) : paramsFromForm(trimmed);
  for (const [key, value] of body) if (!query.has(key)) query.set(key, value);
  return new Params(query);
}
