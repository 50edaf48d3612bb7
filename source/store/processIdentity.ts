// Who a process is, beyond its pid: a pid means something only inside one pid namespace of one boot of one
// kernel (two containers on a shared volume are both pid 1). The data-dir lock writes these into its file
// and compares them (source/store/lockJudgement.ts). Each reader returns null where the fact cannot be
// read (no /proc, another OS, a hardened container): the lock then falls back to its heartbeat.
import {readFileSync, readlinkSync} from 'node:fs';
import {hostname} from 'node:os';
import {isProcessAlive} from './processAlive.js';

/** What the lock needs to know about processes; injectable so every lock rule can be tested. */
export interface IdentityReaders {
  /** this process's pid, as its own pid namespace sees it */
  pid(): number;
  hostname(): string;
  /** `readlink /proc/self/ns/pid`, e.g. "pid:[4026531836]" */
  pidNamespace(): string | null;
  /** /proc/sys/kernel/random/boot_id: changes at every boot, differs between hosts */
  bootId(): string | null;
  /** /proc/<pid>/stat field 22 (starttime, clock ticks since boot): a reused pid has another one */
  startTime(pid: number): number | null;
  isAlive(pid: number): boolean;
}

/** The identity written into a lock file. */
export interface ProcessIdentity {
  pid: number;
  hostname: string;
  pidNamespace: string | null;
  bootId: string | null;
  startTime: number | null;
}

/**
 * Field 22 of a /proc/<pid>/stat line. Field 2 (the command name, in parentheses) may itself contain
 * spaces and parentheses, so fields are counted from the last ")".
 */
export function parseStatStartTime(statLine: string): number | null {
  const end = statLine.lastIndexOf(')');
  if (end < 0) return null;
  // after ")" come fields 3, 4, …: field 22 is the 20th of them
  const field = statLine.slice(end + 1).trim().split(/\s+/)[19];
  return field !== undefined && /^\d+$/.test(field) ? Number(field) : null;
}

const readOrNull = (read: () => string): string | null => {
  try {
    return read();
  } catch {
    return null;
  }
};

export const systemIdentityReaders: IdentityReaders = {
  pid: () => process.pid,
  hostname: () => hostname(),
  pidNamespace: () => readOrNull(() => readlinkSync('/proc/self/ns/pid')),
  bootId: () => readOrNull(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()) || null,
  startTime: (pid) => {
    const own = readOrNull(() => readFileSync('/proc/self/stat', 'utf8'));
    // a /proc mounted for another pid namespace (unshare without --mount-proc) names other processes
    // by these numbers: then another pid's start time is unknown rather than wrong
    if (own === null || Number(own.split(' ', 1)[0]) !== process.pid) return null;
    if (pid === process.pid) return parseStatStartTime(own);
    const line = readOrNull(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return line === null ? null : parseStatStartTime(line);
  },
  isAlive: isProcessAlive,
};

export function currentIdentity(readers: IdentityReaders): ProcessIdentity {
  const pid = readers.pid();
  return {pid, hostname: readers.hostname(), pidNamespace: readers.pidNamespace(), bootId: readers.bootId(), startTime: readers.startTime(pid)};
}
