// How a fault is asked for: `NAME[:DURATION[@START]]` (`--faults` and config `sim.faults`), e.g.
// `referenceOutage:10m@30s` = KuCoin unreachable for ten minutes from 30 s after the simulator starts.
// Durations are seconds with an optional unit: `90`, `90s`, `2m`, `1h`. A bare name switches a fault on
// from the start; an outage fault then lasts its default 120 s, every other fault for the whole run.
import {faultNames, isOutageFault, type FaultName} from './faults.js';

export interface FaultSpec {
  name: FaultName;
  /** seconds after the simulator starts */
  startSec: number;
  /** seconds it stays on; null = until the simulator stops */
  durationSec: number | null;
}

export const DEFAULT_OUTAGE_SEC = 120;

const SPEC_PATTERN = /^([A-Za-z]+)(?::([^@]+))?(?:@(.+))?$/;
const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(s|m|h)?$/;
const UNIT_SEC = {s: 1, m: 60, h: 3600} as const;

export class FaultSpecError extends Error {}

function seconds(text: string, what: string, spec: string): number {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) throw new FaultSpecError(`${JSON.stringify(spec)}: ${what} ${JSON.stringify(text)} is not a duration like 90s, 2m or 1h`);
  const value = Number(match[1]) * UNIT_SEC[(match[2] ?? 's') as keyof typeof UNIT_SEC];
  if (!Number.isFinite(value)) throw new FaultSpecError(`${JSON.stringify(spec)}: ${what} ${JSON.stringify(text)} is too large`);
  return value;
}

/** One spec; throws FaultSpecError naming what is wrong. */
export function parseFaultSpec(text: string): FaultSpec {
  const spec = text.trim();
  const match = SPEC_PATTERN.exec(spec);
  if (!match) throw new FaultSpecError(`${JSON.stringify(spec)} is not NAME[:DURATION[@START]]`);
  const name = match[1] as FaultName;
  if (!faultNames.includes(name)) throw new FaultSpecError(`unknown fault ${JSON.stringify(match[1])} (known: ${faultNames.join(', ')})`);
  const startSec = match[3] === undefined ? 0 : seconds(match[3], 'start', spec);
  let durationSec: number | null = isOutageFault(name) ? DEFAULT_OUTAGE_SEC : null;
  if (match[2] !== undefined) {
    durationSec = seconds(match[2], 'duration', spec);
    if (durationSec <= 0) throw new FaultSpecError(`${JSON.stringify(spec)}: the duration must be > 0`);
  }
  return {name, startSec, durationSec};
}

/** A fault given by name alone (the simulator's API takes either): on from the start, until stopped. */
export function asFaultSpec(given: FaultName | FaultSpec): FaultSpec {
  return typeof given === 'string' ? {name: given, startSec: 0, durationSec: null} : given;
}

/** A comma-separated list, as `--faults` takes it; the same fault twice is an error (its windows would overlap). */
export function parseFaultList(text: string): FaultSpec[] {
  const specs = text.split(',').map((part) => part.trim()).filter(Boolean).map(parseFaultSpec);
  const seen = new Set<FaultName>();
  for (const spec of specs) {
    if (seen.has(spec.name)) throw new FaultSpecError(`${spec.name} is given twice`);
    seen.add(spec.name);
  }
  return specs;
}

/** The spec as it would be written, for banners and logs: `referenceOutage 2m from 30s`. */
export function describeFaultSpec(spec: FaultSpec): string {
  const span = spec.durationSec === null ? 'on' : `for ${formatSeconds(spec.durationSec)}`;
  return spec.startSec === 0 ? `${spec.name} ${span} from the start` : `${spec.name} ${span} from ${formatSeconds(spec.startSec)}`;
}

function formatSeconds(value: number): string {
  if (value >= 60 && value % 60 === 0) return `${value / 60}m`;
  return `${value}s`;
}
