// The deploy tests read YAML (the alert rules, their unit tests, the scrape config) with the `yaml`
// package, as one shape: every scalar as the text Prometheus reads it (numbers and booleans as strings,
// null as ''), mappings and sequences as they are.
import {parse} from 'yaml';

export type YamlValue = string | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

function normalise(value: unknown): YamlValue {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, normalise(v)]));
  return String(value);
}

export function parseYaml(source: string, name = 'yaml'): YamlValue {
  try {
    return normalise(parse(source));
  } catch (error) {
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function isMap(value: YamlValue | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sequence at a key of a mapping; a missing key or an empty value is an empty list. */
export function listAt(map: YamlMap, key: string): YamlValue[] {
  const value = map[key];
  if (value === undefined || value === '') return [];
  if (!Array.isArray(value)) throw new Error(`${key} is not a sequence`);
  return value;
}

/** A string value at a key of a mapping, or undefined. */
export function stringAt(map: YamlMap, key: string): string | undefined {
  const value = map[key];
  return typeof value === 'string' ? value : undefined;
}
