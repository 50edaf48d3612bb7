// Stand-ins for the lock's view of processes (source/store/processIdentity.ts): which pid namespace and
// boot we are in, which pids are alive and when they started. Lets each lock rule be tested with real
// files but without a second container.
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {lockFileName} from '../../source/store/dataDir.js';
import {formatLockRecord, newLockRecord, type LockRecord} from '../../source/store/lockRecord.js';
import type {IdentityReaders, ProcessIdentity} from '../../source/store/processIdentity.js';

export const hostNamespace = 'pid:[4026531836]';
export const containerNamespace = 'pid:[4026532176]';
export const bootId = '6f963be9-1f7a-4490-99e7-9c8c8b874631';

/** Us: pid 4242 on host box-a, in the host's pid namespace, started at tick 5000. */
export const us: ProcessIdentity = {pid: 4242, hostname: 'box-a', pidNamespace: hostNamespace, bootId, startTime: 5000};

export interface FakeProcesses {
  /** live pids and their start ticks (null: unreadable) */
  alive: Map<number, number | null>;
}

export function fakeReaders(self: ProcessIdentity = us, processes: FakeProcesses = {alive: new Map()}): IdentityReaders {
  return {
    pid: () => self.pid,
    hostname: () => self.hostname,
    pidNamespace: () => self.pidNamespace,
    bootId: () => self.bootId,
    startTime: (pid) => (pid === self.pid ? self.startTime : (processes.alive.get(pid) ?? null)),
    isAlive: (pid) => pid === self.pid || processes.alive.has(pid),
  };
}

/** A holder's record: by default pid 77 in our namespace, started at tick 900, heartbeat at `at`. */
export function holderRecord(at: number, overrides: Partial<LockRecord> = {}): LockRecord {
  return {
    ...newLockRecord({pid: 77, hostname: 'box-a', pidNamespace: hostNamespace, bootId, startTime: 900}, 'feedc0de'.repeat(4), at),
    ...overrides,
  };
}

/** Writes `record` (or raw text) as the lock file of `dir`. */
export async function writeLock(dir: string, record: LockRecord | string): Promise<void> {
  await writeFile(join(dir, lockFileName), typeof record === 'string' ? record : formatLockRecord(record), {mode: 0o600});
}
