// The data directory: created on demand, proven writable, and locked so that two bots never share one
// (two engines on one account would fight over the same orders). The lock is a file holding the owner's
// pid; a lock whose pid is dead is stale and taken over.
import {mkdir, open, readFile, unlink} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {isProcessAlive} from './processAlive.js';

export const lockFileName = 'mexc-mm.lock';

/** A data-dir problem the operator must fix; the message names --data-dir and the path. */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

export interface DataDirLock {
  /** absolute path of the data directory */
  readonly dir: string;
  /** removes the lock file (only if it is still ours); safe to call twice */
  release(): Promise<void>;
}

// Locks held by this process. A lock file carrying our own pid is ours only if it is in here; otherwise it
// was left by an earlier process that had the same pid (pid 1 in a container, restarted) and is stale.
const heldHere = new Set<string>();

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';

async function readLockPid(path: string): Promise<number | null> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Creates the lock file exclusively; false when one already exists. */
async function tryCreateLock(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(`${process.pid}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * mkdir -p `dir`, check it is writable, and take `<dir>/mexc-mm.lock`. Throws DataDirError when the path
 * cannot be created or written, or when a live process holds the lock.
 */
export async function openDataDir(dir: string): Promise<DataDirLock> {
  const absolute = resolve(dir);
  try {
    await mkdir(absolute, {recursive: true, mode: 0o700});
  } catch (error) {
    throw new DataDirError(`--data-dir ${dir}: cannot create the directory (${errorCode(error)})`);
  }
  const lockPath = join(absolute, lockFileName);
  // Two rounds: the second one follows the removal of a stale lock.
  for (let attempt = 0; attempt < 3; attempt++) {
    let created: boolean;
    try {
      created = await tryCreateLock(lockPath);
    } catch (error) {
      throw new DataDirError(`--data-dir ${dir}: the directory is not writable (${errorCode(error)})`);
    }
    if (created) {
      heldHere.add(absolute);
      return makeLock(absolute, lockPath);
    }
    const pid = await readLockPid(lockPath).catch((error: unknown) => {
      throw new DataDirError(`--data-dir ${dir}: cannot read ${lockPath} (${errorCode(error)})`);
    });
    const holderAlive = pid !== null && (pid === process.pid ? heldHere.has(absolute) : isProcessAlive(pid));
    if (holderAlive) {
      throw new DataDirError(
        `--data-dir ${dir}: another mexc-mm (pid ${pid}) is using ${absolute}; stop it or choose another --data-dir`,
      );
    }
    // Stale (dead pid or unreadable content): remove and retry the exclusive create.
    try {
      await unlink(lockPath);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') {
        throw new DataDirError(`--data-dir ${dir}: cannot remove the stale lock ${lockPath} (${errorCode(error)})`);
      }
    }
  }
  throw new DataDirError(`--data-dir ${dir}: could not take the lock ${lockPath} (another process keeps creating it)`);
}

function makeLock(dir: string, lockPath: string): DataDirLock {
  let released = false;
  return {
    dir,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(dir);
      // Only remove the file if it still names us: never delete a lock another process has taken since.
      const pid = await readLockPid(lockPath).catch(() => null);
      if (pid === process.pid) await unlink(lockPath).catch(() => undefined);
    },
  };
}
