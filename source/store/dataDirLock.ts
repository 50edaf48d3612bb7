// Takes `<data-dir>/mexc-mm.lock`: create it exclusively, or judge the lock found there
// (source/store/lockJudgement.ts) and take it over when it is stale. While held, a heartbeat rewrites it
// (source/store/lockHeartbeat.ts).
//
// Take-over never removes a lock another contender has just created: the file is read again right
// before the unlink and must be exactly what was judged stale, and after our own create it is read back
// and must carry our token. What remains: a contender that re-reads the stale file, is overtaken by
// another that removes it and creates its own, and then unlinks that new lock. Both then believe they
// hold it until the first heartbeat of the one whose file is gone (≤ heartbeatMs later) finds a foreign
// token and reports "lock lost" through onLost. The same holds for a holder frozen for longer than the
// stale window (SIGSTOP, a suspended VM) that wakes up between its read-back and its rewrite. Across hosts
// the heartbeat's age is read against our clock: hosts sharing a data dir need synchronised clocks (a skew
// beyond the stale window takes a live lock on sight), and a network filesystem that caches attributes for
// longer than the stale window (NFS actimeo) may hide heartbeats.
import {randomBytes} from 'node:crypto';
import {DataDirError} from './dataDirError.js';
import {createLockFile, readLockFile, readLockFileSync, removeAbandonedLockTemps, removeLockFile, removeLockFileSync, type LockRead} from './lockFile.js';
import {LockHeartbeat} from './lockHeartbeat.js';
import {describeHolder, judgeLock, type Judgement} from './lockJudgement.js';
import {formatLockRecord, newLockRecord, sameBeat, tokenOf, type LockRecord} from './lockRecord.js';
import {currentIdentity, systemIdentityReaders, type IdentityReaders, type ProcessIdentity} from './processIdentity.js';

export interface LockTiming {
  /** how often the holder rewrites its heartbeat */
  heartbeatMs: number;
  /** a heartbeat unchanged this long is stale */
  staleAfterMs: number;
  /** how often a contender re-reads a lock whose heartbeat it watches */
  pollMs: number;
  /** how long a lock file that reads as neither record nor pid is given to become one (a legacy writer mid-write) */
  unparsableGraceMs: number;
}

export const defaultLockTiming: LockTiming = {heartbeatMs: 2_000, staleAfterMs: 10_000, pollMs: 250, unparsableGraceMs: 500};

export interface LockOptions {
  /** told once when the lock stops being ours while held (see the header) */
  onLost?: (reason: string) => void;
  readers?: IdentityReaders;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  newToken?: () => string;
  timing?: Partial<LockTiming>;
}

export interface HeldLock {
  readonly path: string;
  readonly token: string;
  /** the record as last written (identity and heartbeat) */
  record(): LockRecord;
  /** stops the heartbeat and removes the file if it still carries our token; safe to call twice */
  release(): Promise<void>;
  /** the same, synchronously, for a process about to exit at once (a heartbeat write in flight is abandoned) */
  releaseSync(): void;
}

// Tokens of the locks this process holds: a second take in the same process is refused like any other.
const heldHere = new Set<string>();

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';

type WatchOutcome = {kind: 'beating'; seen: LockRead} | {kind: 'silent'} | {kind: 'changed'};

/** Re-reads the lock every pollMs for up to staleAfterMs: does the holder's heartbeat move? */
async function watchHeartbeat(lockPath: string, seen: LockRead, timing: LockTiming, sleep: (ms: number) => Promise<void>, read: (path: string) => Promise<LockRead | null>): Promise<WatchOutcome> {
  for (let waited = 0; waited < timing.staleAfterMs; waited += timing.pollMs) {
    await sleep(timing.pollMs);
    const current = await read(lockPath);
    if (current === null || tokenOf(current.content) !== tokenOf(seen.content)) return {kind: 'changed'};
    if (!sameBeat(current.content, seen.content)) return {kind: 'beating', seen: current};
  }
  return {kind: 'silent'};
}

/**
 * Takes the lock at `lockPath` or throws DataDirError: held by a live holder (the message names it), or
 * the file cannot be created, read or removed. `label` starts every message (`--data-dir DIR`); `dir` is
 * the directory named in the "is using" message.
 */
export async function acquireLock(lockPath: string, label: string, dir: string, options: LockOptions = {}): Promise<HeldLock> {
  const readers = options.readers ?? systemIdentityReaders;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timing = {...defaultLockTiming, ...options.timing};
  const self: ProcessIdentity = currentIdentity(readers);
  const token = (options.newToken ?? (() => randomBytes(16).toString('hex')))();
  const read = (path: string): Promise<LockRead | null> =>
    readLockFile(path).catch((error: unknown) => {
      throw new DataDirError(`${label}: cannot read ${path} (${errorCode(error)})`);
    });
  const judge = (seen: LockRead): Judgement => judgeLock(seen.content, {self, readers, now: now(), staleAfterMs: timing.staleAfterMs, heldHere});

  // Each round ends in a take, a refusal, or (after a take-over or a lost race) the next round.
  for (let round = 0; round < 5; round++) {
    const record = newLockRecord(self, token, now());
    let created: boolean;
    try {
      created = await createLockFile(lockPath, formatLockRecord(record), token);
    } catch (error) {
      throw new DataDirError(`${label}: the directory is not writable (${errorCode(error)})`);
    }
    if (created) {
      // read back: a contender that judged the previous lock stale may have unlinked ours meanwhile
      if (tokenOf((await read(lockPath))?.content ?? null) !== token) continue;
      heldHere.add(token);
      await removeAbandonedLockTemps(lockPath, 6 * timing.staleAfterMs);
      return holdLock(lockPath, record, self, timing, now, options.onLost);
    }

    let seen = await read(lockPath);
    if (seen === null) continue;
    if (seen.content.kind === 'unparsable') {
      await sleep(timing.unparsableGraceMs);
      const again = await read(lockPath);
      if (again === null || again.text !== seen.text) continue;
    }
    let judgement = judge(seen);
    if (judgement.verdict === 'watch') {
      const watched = await watchHeartbeat(lockPath, seen, timing, sleep, read);
      if (watched.kind === 'changed') continue;
      if (watched.kind === 'beating') {
        seen = watched.seen;
        judgement = {verdict: 'held', holder: describeHolder(seen.content, self, now())};
      } else {
        judgement = {verdict: 'stale', why: `no heartbeat change in ${timing.staleAfterMs / 1000} s`};
      }
    }
    if (judgement.verdict === 'held')
      throw new DataDirError(`${label}: another mexc-mm (${judgement.holder}) is using ${dir}; stop it or choose another --data-dir`);

    // Stale: remove it, unless it changed since it was judged (then judge again).
    const before = await read(lockPath);
    if (before === null || before.text !== seen.text) continue;
    try {
      await removeLockFile(lockPath);
    } catch (error) {
      throw new DataDirError(`${label}: cannot remove the stale lock ${lockPath} (${errorCode(error)})`);
    }
  }
  throw new DataDirError(`${label}: could not take the lock ${lockPath} (another process keeps creating it)`);
}

function holdLock(lockPath: string, record: LockRecord, self: ProcessIdentity, timing: LockTiming, now: () => number, onLost?: (reason: string) => void): HeldLock {
  const heartbeat = new LockHeartbeat(lockPath, record, {intervalMs: timing.heartbeatMs, staleAfterMs: timing.staleAfterMs, now, self, ...(onLost ? {onLost} : {})});
  heartbeat.start();
  let released = false;
  return {
    path: lockPath,
    token: record.token,
    record: () => heartbeat.record,
    async release() {
      if (released) return;
      released = true;
      await heartbeat.stop();
      heldHere.delete(record.token);
      // only our own file goes: never one another process has taken since
      const current = await readLockFile(lockPath).catch(() => null);
      if (tokenOf(current?.content ?? null) === record.token) await removeLockFile(lockPath).catch(() => undefined);
    },
    releaseSync() {
      if (released) return;
      released = true;
      heartbeat.stopSync();
      heldHere.delete(record.token);
      if (tokenOf(readLockFileSync(lockPath)?.content ?? null) === record.token) removeLockFileSync(lockPath);
    },
  };
}
