// Reads a systemd unit file into its sections' keys, the way systemd does for what the deploy tests check:
// comments and blank lines skipped, a key given more than once keeps every value in order.
import {readFileSync} from 'node:fs';

export type UnitFile = Map<string, Map<string, string[]>>;

export function readUnitFile(path: string): UnitFile {
  const unit: UnitFile = new Map();
  let section: Map<string, string[]> | null = null;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = new Map();
      unit.set(header[1]!, section);
      continue;
    }
    const equals = line.indexOf('=');
    if (section === null || equals < 0) throw new Error(`${path}: not a key=value line inside a section: ${line}`);
    const key = line.slice(0, equals).trim();
    section.set(key, [...(section.get(key) ?? []), line.slice(equals + 1).trim()]);
  }
  return unit;
}

/** The last value of a key (what systemd uses for a single-valued setting), or undefined. */
export function unitValue(unit: UnitFile, section: string, key: string): string | undefined {
  return unit.get(section)?.get(key)?.at(-1);
}
