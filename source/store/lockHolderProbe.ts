// Is a bot holding `<data-dir>/mexc-mm.lock` right now? For `mexc-mm status`, which must answer at once
// and never touch the lock: it only reads the file and applies the lock's rules
// (source/store/lockJudgement.ts) without the contender's watch. A holder this process cannot check by pid
// (another pid namespace or host) counts as alive while its heartbeat is younger than the stale window.
import {join} from 'node:path';
import {defaultLockTiming} from './dataDirLock.js';
import {lockFileName} from './dataDir.js';
import {readLockFile} from './lockFile.js';
import {describeHolder, judgeLock} from './lockJudgement.js';
import {currentIdentity, systemIdentityReaders, type IdentityReaders} from './processIdentity.js';

export type LockHolder =
  | {kind: 'none'}
  | {kind: 'alive'; pid: number | null; holder: string}
  | {kind: 'gone'; pid: number | null; holder: string; why: string};

export async function probeLockHolder(dir: string, now: number, readers: IdentityReaders = systemIdentityReaders): Promise<LockHolder> {
  let seen;
  try {
    seen = await readLockFile(join(dir, lockFileName));
  } catch (error) {
    return {kind: 'gone', pid: null, holder: 'unreadable lock file', why: `cannot read the lock file (${(error as NodeJS.ErrnoException).code ?? 'error'})`};
  }
  if (seen === null) return {kind: 'none'};
  const self = currentIdentity(readers);
  const pid = seen.content.kind === 'unparsable' ? null : seen.content.pid;
  const holder = describeHolder(seen.content, self, now);
  const judgement = judgeLock(seen.content, {self, readers, now, staleAfterMs: defaultLockTiming.staleAfterMs, heldHere: new Set()});
  return judgement.verdict === 'stale' ? {kind: 'gone', pid, holder, why: judgement.why} : {kind: 'alive', pid, holder};
}
