// The data directory: created on demand, proven writable, and locked so that two bots never share one
// (two engines on one account would fight over the same orders). The lock file carries the holder's
// identity and a heartbeat, so that a pid reused in another container or on another host does not pass
// for the holder: the rules are in source/store/lockJudgement.ts, the take-over in
// source/store/dataDirLock.ts.
import {mkdir} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {acquireLock, type LockOptions} from './dataDirLock.js';
import {DataDirError} from './dataDirError.js';

export {DataDirError} from './dataDirError.js';

export const lockFileName = 'mexc-mm.lock';

export interface DataDirLock {
  /** absolute path of the data directory */
  readonly dir: string;
  /** stops the heartbeat and removes the lock file (only if it is still ours); safe to call twice */
  release(): Promise<void>;
  /** release(), synchronously: for a process that exits at once (a second stop signal) */
  releaseSync(): void;
}

export interface OpenDataDirOptions extends LockOptions {
  /** told once, with the reason, when the lock stops being ours while held (removed, or taken over) */
  onLost?: (reason: string) => void;
}

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';

/**
 * mkdir -p `dir`, check it is writable, and take `<dir>/mexc-mm.lock`. Throws DataDirError when the path
 * cannot be created or written, or when a live process holds the lock (the message names it).
 */
export async function openDataDir(dir: string, options: OpenDataDirOptions = {}): Promise<DataDirLock> {
  const absolute = resolve(dir);
  try {
    await mkdir(absolute, {recursive: true, mode: 0o700});
  } catch (error) {
    throw new DataDirError(`--data-dir ${dir}: cannot create the directory (${errorCode(error)})`);
  }
  const lock = await acquireLock(join(absolute, lockFileName), `--data-dir ${dir}`, absolute, options);
  return {dir: absolute, release: () => lock.release(), releaseSync: () => lock.releaseSync()};
}
