// Reads and validates a JSON config file; every problem is reported with the key path it concerns.
import {readFileSync} from 'node:fs';
import {z} from 'zod';
import {configSchema, type Config} from './configSchema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const keyPath = (path: readonly PropertyKey[]): string => (path.length === 0 ? '(top level)' : path.map(String).join('.'));

/** Flattens zod issues into "key.path: message" lines; unknown keys are named one by one. */
export function describeIssues(error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${keyPath([...issue.path, key])}: unknown key`);
    } else {
      lines.push(`${keyPath(issue.path)}: ${issue.message}`);
    }
  }
  return lines;
}

export function parseConfig(input: unknown): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(result.error));
  const config = result.data;
  const problems: string[] = [];
  if (config.risk.inventoryBand.minBaseRatio >= config.risk.inventoryBand.maxBaseRatio)
    problems.push('risk.inventoryBand: minBaseRatio must be below maxBaseRatio');
  if (config.risk.killBaseRatio.min >= config.risk.killBaseRatio.max) problems.push('risk.killBaseRatio: min must be below max');
  if (config.quoting.halfSpreadPct + config.quoting.bandMarginPct >= config.bandPct)
    problems.push('quoting.halfSpreadPct: half-spread plus bandMarginPct must leave room inside bandPct');
  if (config.risk.maxOrderNotionalUsdt > config.risk.maxTotalNotionalUsdt)
    problems.push('risk.maxOrderNotionalUsdt: must not exceed risk.maxTotalNotionalUsdt');
  if (config.fallback.maxSpreadPct >= config.compliance.maxSpreadPct)
    problems.push('fallback.maxSpreadPct: must stay below compliance.maxSpreadPct (widened quotes must still pass the spread rule)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`--config: cannot read ${path}: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`--config: ${path} is not valid JSON: ${(error as Error).message}`]);
  }
  return parseConfig(json);
}
