// Is the lock in `<data-dir>/mexc-mm.lock` held, or stale and free to take over? A pid can be trusted only
// where it means the same process for the holder and for us: the same pid namespace of the same boot.
// There, a dead pid, or a live pid with another start time (the pid was reused), is stale at once.
// Anywhere else (another container's namespace, another host, identity unreadable) only the heartbeat
// can tell: a heartbeat older than the stale window is stale at once; a fresher one must be watched
// (source/store/dataDirLock.ts), since the holder's clock may not be ours.
import type {IdentityReaders, ProcessIdentity} from './processIdentity.js';
import type {LockContent} from './lockRecord.js';

export type Judgement =
  | {verdict: 'held'; holder: string}
  /** another namespace or host with a recent heartbeat: held if it changes within the stale window */
  | {verdict: 'watch'; holder: string}
  | {verdict: 'stale'; why: string};

export interface JudgeContext {
  self: ProcessIdentity;
  readers: Pick<IdentityReaders, 'isAlive' | 'startTime'>;
  now: number;
  staleAfterMs: number;
  /** tokens of the locks this process holds */
  heldHere: ReadonlySet<string>;
}

/** Both sides know their pid namespace and boot, and they are the same: the holder's pid is ours to check. */
export function samePidSpace(content: LockContent, self: ProcessIdentity): boolean {
  if (content.kind !== 'record') return false;
  return self.pidNamespace !== null && self.bootId !== null && content.pidNamespace === self.pidNamespace && content.bootId === self.bootId;
}

const seconds = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** "pid 1 on host web-2, another pid namespace, heartbeat 1.2 s ago": who holds (or held) the lock. */
export function describeHolder(content: LockContent, self: ProcessIdentity, now: number): string {
  if (content.kind === 'legacy') return `pid ${content.pid}, legacy lock file`;
  if (content.kind === 'unparsable') return 'unreadable lock file';
  const where = samePidSpace(content, self) ? '' : ', another pid namespace';
  return `pid ${content.pid} on host ${content.hostname}${where}, heartbeat ${seconds(now - content.heartbeat.at)} ago`;
}

export function judgeLock(content: LockContent, context: JudgeContext): Judgement {
  const {self, readers, now} = context;
  const holder = describeHolder(content, self, now);
  if (content.kind === 'unparsable') return {verdict: 'stale', why: 'the lock file holds neither a lock record nor a pid'};
  if (content.kind === 'legacy') {
    // the rules of the plain-pid lock: this version never writes one, so one naming our pid is not ours
    if (content.pid === self.pid) return {verdict: 'stale', why: `pid ${content.pid} is this process, which did not write that lock`};
    return readers.isAlive(content.pid) ? {verdict: 'held', holder} : {verdict: 'stale', why: `pid ${content.pid} is not running`};
  }
  if (context.heldHere.has(content.token)) return {verdict: 'held', holder};
  if (samePidSpace(content, self)) {
    // our pid with another token: an earlier process that had our pid (pid 1 in a restarted container)
    if (content.pid === self.pid) return {verdict: 'stale', why: `pid ${content.pid} is this process, which did not take that lock`};
    if (!readers.isAlive(content.pid)) return {verdict: 'stale', why: `pid ${content.pid} is not running`};
    const startTime = readers.startTime(content.pid);
    if (startTime !== null && content.startTime !== null && startTime !== content.startTime)
      return {verdict: 'stale', why: `pid ${content.pid} was reused (started at tick ${startTime}, the holder at tick ${content.startTime})`};
    return {verdict: 'held', holder};
  }
  const age = now - content.heartbeat.at;
  if (age > context.staleAfterMs) return {verdict: 'stale', why: `${holder}: no heartbeat for over ${seconds(context.staleAfterMs)}`};
  return {verdict: 'watch', holder};
}
