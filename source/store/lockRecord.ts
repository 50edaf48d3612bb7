// What `<data-dir>/mexc-mm.lock` holds: the holder's identity (source/store/processIdentity.ts), a random
// token that tells one take of the lock from every other, and a heartbeat the holder rewrites every few
// seconds. Older versions wrote the bare pid and a newline; such a file still reads, as a legacy lock.
import {z} from 'zod';
import type {ProcessIdentity} from './processIdentity.js';

export interface HeartbeatMark {
  /** 0 at creation, +1 at every rewrite */
  count: number;
  /** the holder's clock (ms) at the last rewrite */
  at: number;
}

export interface LockRecord extends ProcessIdentity {
  kind: 'record';
  token: string;
  startedAt: number;
  heartbeat: HeartbeatMark;
}

export interface LegacyLock {
  kind: 'legacy';
  pid: number;
}

/** A lock file's content as read: a record, a legacy pid, or something neither (torn, foreign, empty). */
export type LockContent = LockRecord | LegacyLock | {kind: 'unparsable'; text: string};

const count = z.number().int().min(0);
// Not strict: a newer version may add fields, and its lock must still be understood here.
const recordSchema = z.object({
  app: z.literal('mexc-mm'),
  pid: z.number().int().positive(),
  hostname: z.string(),
  pidNamespace: z.string().nullable(),
  bootId: z.string().nullable(),
  startTime: count.nullable(),
  token: z.string().min(8),
  startedAt: z.number().finite(),
  heartbeat: z.object({count, at: z.number().finite()}),
});

export function parseLockText(text: string): LockContent {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed) && Number(trimmed) > 0) return {kind: 'legacy', pid: Number(trimmed)};
  try {
    const parsed = recordSchema.safeParse(JSON.parse(trimmed));
    if (parsed.success) {
      const {app: _app, ...record} = parsed.data;
      return {kind: 'record', ...record};
    }
  } catch {
    // not JSON: unparsable
  }
  return {kind: 'unparsable', text};
}

export function formatLockRecord(record: LockRecord): string {
  const {kind: _kind, ...fields} = record;
  return JSON.stringify({app: 'mexc-mm', ...fields}) + '\n';
}

export const newLockRecord = (identity: ProcessIdentity, token: string, now: number): LockRecord => ({
  kind: 'record',
  ...identity,
  token,
  startedAt: now,
  heartbeat: {count: 0, at: now},
});

/** The same take of the lock (token) at the same beat: nothing has changed. */
export const sameBeat = (a: LockContent, b: LockContent): boolean =>
  a.kind === 'record' && b.kind === 'record' ? a.token === b.token && a.heartbeat.count === b.heartbeat.count && a.heartbeat.at === b.heartbeat.at : JSON.stringify(a) === JSON.stringify(b);

export const tokenOf = (content: LockContent | null): string | null => (content?.kind === 'record' ? content.token : null);
