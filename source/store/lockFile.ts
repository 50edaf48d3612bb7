// File operations on `<data-dir>/mexc-mm.lock`. The lock is created exclusively with its whole content: the
// record goes to a temp file first and is hard-linked to the lock's name (link fails if the name exists),
// so no reader ever sees a lock file that is empty or half written. Where the filesystem has no hard
// links, an exclusive open (O_EXCL) is the fallback. The heartbeat replaces the file by rename (atomic).
import {readFileSync, unlinkSync} from 'node:fs';
import {link, open, readdir, readFile, rename, stat, unlink} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {parseLockText, type LockContent} from './lockRecord.js';

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';

/** link() errors that mean "no hard links here", not "the name exists" or "no permission" */
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

const tempPrefix = (lockPath: string): string => `.${basename(lockPath)}.`;
const tempPath = (lockPath: string, token: string): string => join(dirname(lockPath), `${tempPrefix(lockPath)}${token}.tmp`);

export interface LockRead {
  text: string;
  content: LockContent;
}

/** The lock file's text and what it says; null when there is none. */
export async function readLockFile(lockPath: string): Promise<LockRead | null> {
  try {
    const text = await readFile(lockPath, 'utf8');
    return {text, content: parseLockText(text)};
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

async function writeNew(path: string, text: string, flags: 'w' | 'wx', sync: boolean): Promise<void> {
  const handle = await open(path, flags, 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates the lock file with `text` unless one exists (then false). `token` names the temp file. */
export async function createLockFile(lockPath: string, text: string, token: string): Promise<boolean> {
  const temp = tempPath(lockPath, token);
  await writeNew(temp, text, 'w', true);
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (!noHardLinks.has(errorCode(error))) throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  try {
    await writeNew(lockPath, text, 'wx', true);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Replaces the lock file's content atomically (the heartbeat). */
export async function replaceLockFile(lockPath: string, text: string, token: string): Promise<void> {
  const temp = tempPath(lockPath, token);
  try {
    // not fsynced: a heartbeat only matters while its writer is alive to write the next one
    await writeNew(temp, text, 'w', false);
    await rename(temp, lockPath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** readLockFile, synchronously (for a process exiting at once); null also when unreadable. */
export function readLockFileSync(lockPath: string): LockRead | null {
  try {
    const text = readFileSync(lockPath, 'utf8');
    return {text, content: parseLockText(text)};
  } catch {
    return null;
  }
}

/** removeLockFile, synchronously; never throws (the process is exiting anyway). */
export function removeLockFileSync(lockPath: string): void {
  try {
    unlinkSync(lockPath);
  } catch {
    // gone already, or not ours to remove: the next start judges what is left
  }
}

/** Removes the lock file; false when it was already gone. */
export async function removeLockFile(lockPath: string): Promise<boolean> {
  try {
    await unlink(lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Temp files of writers killed mid-write (older than `olderThanMs`); a live writer's are seconds old. */
export async function removeAbandonedLockTemps(lockPath: string, olderThanMs: number): Promise<void> {
  const prefix = tempPrefix(lockPath);
  const names = await readdir(dirname(lockPath)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const path = join(dirname(lockPath), name);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > olderThanMs) await unlink(path).catch(() => undefined);
  }
}
