// Crash-safe file replacement: the new content goes to a temp file in the same directory, is fsynced, then
// renamed over the target (rename is atomic within a filesystem), and the directory is fsynced so the
// rename itself survives a power cut. A reader sees the old file or the new one, never a torn one.
import {open, readdir, rename, unlink} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import type {Adapter} from 'lowdb';
import {isProcessAlive} from './processAlive.js';

let tempSequence = 0;

const tempPrefix = (target: string): string => `.${basename(target)}.`;
const tempPattern = (target: string): RegExp =>
  new RegExp(`^${tempPrefix(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)\\.(\\d+)\\.tmp$`);

async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some filesystems cannot fsync a directory; the file data itself is already synced.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/** Replaces `target` with `text` atomically; the file ends up with exactly `mode`. */
export async function writeFileAtomic(target: string, text: string, mode = 0o600): Promise<void> {
  const temp = join(dirname(target), `${tempPrefix(target)}${process.pid}.${++tempSequence}.tmp`);
  try {
    const handle = await open(temp, 'w', mode);
    try {
      await handle.chmod(mode); // the umask may have narrowed it
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(target));
}

/** Removes temp files a crashed writer left next to `target` (ours from a dead pid). Returns how many. */
export async function removeStaleTempFiles(target: string): Promise<number> {
  const pattern = tempPattern(target);
  let removed = 0;
  for (const name of await readdir(dirname(target))) {
    const match = pattern.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    await unlink(join(dirname(target), name)).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}

export interface AtomicJsonFileOptions<T> {
  /** validates parsed JSON; throws an Error whose message says what is wrong */
  validate: (value: unknown) => T;
  /** last transformation of the serialised text before it is written (the secret guard) */
  beforeWrite?: (text: string) => string;
  mode?: number;
}

/** Thrown by `read` when the file exists but cannot be used; the message is operator-facing. */
export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

/** A lowdb adapter over a JSON file with atomic writes, a fixed mode and validation on read. */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly options: AtomicJsonFileOptions<T>,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      const handle = await open(this.path, 'r');
      try {
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new UnreadableFileError(`cannot read ${this.path}: ${(error as Error).message}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UnreadableFileError(`${this.path} is not valid JSON (${(error as Error).message})`);
    }
    try {
      return this.options.validate(value);
    } catch (error) {
      throw new UnreadableFileError(`${this.path} has an unexpected shape: ${(error as Error).message}`);
    }
  }

  async write(data: T): Promise<void> {
    let text = JSON.stringify(data) + '\n';
    if (this.options.beforeWrite) text = this.options.beforeWrite(text);
    await writeFileAtomic(this.path, text, this.options.mode ?? 0o600);
  }
}
