// Turns argv into a validated invocation. Never exits: problems come back as UsageError naming the
// flag, so the caller decides (exit 2) and tests can check every case.
import meow from 'meow';
import {configSchema, logLevels, type Config, type JsonLogLevel} from '../config/configSchema.js';
import {FaultSpecError, parseFaultList, type FaultSpec} from '../sim/faultSpec.js';
import {scenarioNames, type ScenarioName} from '../sim/market/scenarios.js';
import {ConfigError, loadConfigFile, parseConfig} from '../config/loadConfig.js';
import type {Mode} from '../engine/view/snapshot.js';
import type {VenueEndpointOverrides} from '../exchanges/shared/venueEndpoints.js';
import type {RunRequest} from '../commands/run.js';
import {rulesOfConfig, type ComplianceRules} from '../store/report/complianceRules.js';
import {isReportFormat, reportFormats, type ReportFormat} from '../store/report/reportFormat.js';
import {usage} from './usage.js';
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Invocation =
  | ({command: 'run'} & RunRequest)
  | {command: 'sim'; config: Config}
  | {command: 'status'; dataDir: string; json: boolean}
  | {command: 'report'; dataDir: string; format: ReportFormat; since: number | undefined; fills: boolean; rules: ComplianceRules; rulesFrom: string | null}
  | {command: 'check'; mode: Mode; config: Config; overrides: VenueEndpointOverrides}
  | {command: 'help'; text: string}
  | {command: 'version'; text: string};

const commands = ['run', 'sim', 'status', 'report', 'check'] as const;

const flagSpec = {
  ui: {type: 'boolean', default: true},
  live: {type: 'boolean', default: false},
  paper: {type: 'boolean', default: false},
  yes: {type: 'boolean', default: false},
  json: {type: 'boolean', default: false},
  symbol: {type: 'string'},
  referenceSymbol: {type: 'string'},
  config: {type: 'string'},
  dataDir: {type: 'string'},
  duration: {type: 'string'},
  scenario: {type: 'string'},
  seed: {type: 'string'},
  faults: {type: 'string'},
  port: {type: 'string'},
  since: {type: 'string'},
  format: {type: 'string'},
  fills: {type: 'boolean', default: false},
  mexcRest: {type: 'string'},
  mexcWs: {type: 'string'},
  kucoinRest: {type: 'string'},
  metricsPort: {type: 'string'},
  metricsHost: {type: 'string'},
  simRecord: {type: 'string'},
  logLevel: {type: 'string'},
  help: {type: 'boolean', default: false},
  version: {type: 'boolean', default: false},
} as const;

const kebab = (name: string): string => '--' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** Flags meow accepts, spelled as on the command line (for the unknown-flag check). */
const knownFlags = new Set(Object.keys(flagSpec).flatMap((name) => [kebab(name), name === 'ui' ? '--no-ui' : kebab(name)]));

function checkUnknownFlags(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    if (!arg.startsWith('--')) {
      if (/^-[a-zA-Z]/.test(arg)) throw new UsageError(`unknown flag ${arg} (see --help)`);
      continue;
    }
    const name = arg.split('=')[0]!;
    if (!knownFlags.has(name)) throw new UsageError(`unknown flag ${name} (see --help)`);
  }
}

function nonNegativeNumber(flag: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  text = text.trim();
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
    throw new UsageError(`${flag} expects a ${integer ? 'whole ' : ''}number ≥ 0, got ${JSON.stringify(text)}`);
  return value;
}

function checkUrl(flag: string, text: string | undefined, protocols: string[]): string | undefined {
  if (text === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new UsageError(`${flag} expects a URL, got ${JSON.stringify(text)}`);
  }
  if (!protocols.includes(parsed.protocol)) throw new UsageError(`${flag} expects a ${protocols.join(' or ')} URL, got ${JSON.stringify(text)}`);
  return text.replace(/\/+$/, '');
}

function parseSince(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const relative = /^-(\d+)(m|h|d)$/.exec(text);
  if (relative) return now - Number(relative[1]) * {m: 60_000, h: 3_600_000, d: 86_400_000}[relative[2] as 'm' | 'h' | 'd'];
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new UsageError(`--since expects an ISO date or -24h/-30m/-7d, got ${JSON.stringify(text)}`);
  return at;
}

/** `--format` (or `--json`, the same as `--format json`) of `report`. */
function reportFormat(format: string | undefined, json: boolean): ReportFormat {
  if (format === undefined) return json ? 'json' : 'text';
  if (!isReportFormat(format)) throw new UsageError(`--format expects one of ${reportFormats.join(', ')}, got ${JSON.stringify(format)}`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} exclude each other`);
  return format;
}

/** The config file of --config, or the defaults; a bad file is a usage error naming every problem. */
function loadConfigFlag(path: string | undefined): Config {
  try {
    return path !== undefined ? loadConfigFile(path) : configSchema.parse({});
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`config ${path}:\n  ${error.problems.join('\n  ')}`);
    throw error;
  }
}

export function parseCommandLine(argv: readonly string[], now = Date.now()): Invocation {
  checkUnknownFlags(argv);
  // a negative number after a flag (--duration -5) must reach our validation, not meow's flag parser
  const normalised = argv.map((arg, i) => (i > 0 && /^-\d/.test(arg) && argv[i - 1]!.startsWith('--') && !argv[i - 1]!.includes('=') ? ` ${arg}` : arg));
  const cli = meow(usage, {
    importMeta: import.meta,
    argv: normalised,
    flags: flagSpec,
    allowUnknownFlags: false,
    autoHelp: false,
    autoVersion: false,
  });
  const f = cli.flags;
  if (f.help) return {command: 'help', text: cli.help};
  if (f.version) return {command: 'version', text: cli.pkg.version ?? 'unknown'};
  const [first, ...extra] = cli.input;
  const command = (first ?? 'run') as (typeof commands)[number];
  if (!commands.includes(command)) throw new UsageError(`unknown command ${JSON.stringify(first)} (commands: ${commands.join(', ')})`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const dataDir = f.dataDir ?? './data';
  if (f.dataDir !== undefined && f.dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');

  if (command === 'status') return {command, dataDir, json: f.json};
  if (command === 'report') {
    const format = reportFormat(f.format, f.json);
    const since = parseSince(f.since, now);
    return {command, dataDir, format, since, fills: f.fills, rules: rulesOfConfig(loadConfigFlag(f.config)), rulesFrom: f.config ?? null};
  }

  if (f.live && f.paper) throw new UsageError('--live and --paper exclude each other');
  const mode: Mode = f.live ? 'live' : f.paper ? 'paper' : 'sim';

  let config = loadConfigFlag(f.config);
  if (f.scenario !== undefined && !scenarioNames.includes(f.scenario as ScenarioName))
    throw new UsageError(`--scenario expects one of ${scenarioNames.join(', ')}, got ${JSON.stringify(f.scenario)}`);
  let faults: FaultSpec[] | undefined;
  if (f.faults !== undefined) {
    try {
      faults = parseFaultList(f.faults);
    } catch (error) {
      if (error instanceof FaultSpecError) throw new UsageError(`--faults: ${error.message}`);
      throw error;
    }
  }
  const seed = nonNegativeNumber('--seed', f.seed, true);
  const port = nonNegativeNumber('--port', f.port, true);
  if (port !== undefined && port > 65535) throw new UsageError(`--port expects 0-65535, got ${port}`);
  const metricsPort = nonNegativeNumber('--metrics-port', f.metricsPort, true);
  if (metricsPort !== undefined && metricsPort > 65535) throw new UsageError(`--metrics-port expects 0-65535, got ${metricsPort}`);
  if (f.metricsHost !== undefined && f.metricsHost.trim() === '') throw new UsageError('--metrics-host must not be empty');
  if (f.logLevel !== undefined && !logLevels.includes(f.logLevel as JsonLogLevel))
    throw new UsageError(`--log-level expects one of ${logLevels.join(', ')}, got ${JSON.stringify(f.logLevel)}`);
  const duration = nonNegativeNumber('--duration', f.duration, false);
  if (duration === 0) throw new UsageError('--duration expects a number of seconds > 0');
  const overrides = {
    mexcRest: checkUrl('--mexc-rest', f.mexcRest, ['http:', 'https:']),
    mexcWs: checkUrl('--mexc-ws', f.mexcWs, ['ws:', 'wss:']),
    kucoinRest: checkUrl('--kucoin-rest', f.kucoinRest, ['http:', 'https:']),
  };
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as VenueEndpointOverrides;

  if (f.simRecord !== undefined && f.simRecord.trim() === '') throw new UsageError('--sim-record must not be empty');
  const merged = {
    ...config,
    ...(f.symbol !== undefined ? {symbol: f.symbol} : {}),
    ...(f.referenceSymbol !== undefined ? {referenceSymbol: f.referenceSymbol} : {}),
    exchange: {...config.exchange, ...given},
    metrics: {...config.metrics, ...(metricsPort !== undefined ? {port: metricsPort} : {}), ...(f.metricsHost !== undefined ? {host: f.metricsHost} : {})},
    log: {...config.log, ...(f.logLevel !== undefined ? {level: f.logLevel as JsonLogLevel} : {})},
    sim: {
      ...config.sim,
      ...(f.scenario !== undefined ? {scenario: f.scenario as ScenarioName} : {}),
      ...(seed !== undefined ? {seed} : {}),
      ...(port !== undefined ? {port} : {}),
      ...(faults !== undefined ? {faults} : {}),
      ...(f.simRecord !== undefined ? {recordFile: f.simRecord} : {}),
    },
  };
  try {
    config = parseConfig(merged);
  } catch (error) {
    if (error instanceof ConfigError) {
      const flagFor: Record<string, string> = {symbol: '--symbol', referenceSymbol: '--reference-symbol'};
      throw new UsageError(error.problems.map((p) => flagFor[p.split(':')[0]!] ? `${flagFor[p.split(':')[0]!]}: ${p.split(': ').slice(1).join(': ')}` : p).join('\n'));
    }
    throw error;
  }

  if (command === 'sim') return {command, config};
  // the simulator's record of the test account's trades and the reference path (docs/simulator.md §9)
  if (config.sim.recordFile !== null) {
    if (command !== 'run' || mode !== 'sim') throw new UsageError('--sim-record (sim.recordFile) records the built-in simulator: `mexc-mm sim` or a run in sim mode only');
    if (Object.keys(given).length === 3) throw new UsageError('--sim-record (sim.recordFile): every venue is pointed elsewhere, so no simulator runs here; give it to `mexc-mm sim` instead');
  }
  if (command === 'check') {
    if (mode === 'sim') throw new UsageError('check needs --live (or --paper): it checks the real venues');
    return {command, mode, config, overrides: given};
  }
  return {command, mode, ui: f.ui, config, dataDir, durationSec: duration ?? null, yes: f.yes, overrides: given};
}
