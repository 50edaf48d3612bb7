// What the journal directory holds (file sizes by stream and day), kept in memory so the writer knows
// the current rotation index and the total disk use without listing the directory on every flush.
// Enforces retention (age) and the total-size cap by deleting the oldest files.
import {unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {dayMs, dayStart, listJournalFiles, type JournalFileName} from './journalFiles.js';

interface CatalogEntry extends JournalFileName {
  size: number;
  mtimeMs: number;
}

export class JournalCatalog {
  readonly #files = new Map<string, CatalogEntry>();
  #total = 0;
  deletedFiles = 0;

  constructor(readonly dir: string) {}

  get totalBytes(): number {
    return this.#total;
  }

  /** Re-reads the directory (startup, and periodically to notice files removed by hand). */
  async scan(): Promise<void> {
    const files = await listJournalFiles(this.dir);
    this.#files.clear();
    this.#total = 0;
    for (const file of files) {
      this.#files.set(file.name, {stream: file.stream, day: file.day, index: file.index, size: file.size, mtimeMs: file.mtimeMs});
      this.#total += file.size;
    }
  }

  /** The file appends for (stream, day) go to: the highest rotation index present, and its size. */
  current(stream: string, day: string): {index: number; size: number} {
    let best: {index: number; size: number} = {index: 0, size: 0};
    for (const entry of this.#files.values()) {
      if (entry.stream === stream && entry.day === day && entry.index >= best.index) best = {index: entry.index, size: entry.size};
    }
    return best;
  }

  recordWrite(name: string, file: JournalFileName, bytes: number, at: number): void {
    const entry = this.#files.get(name);
    if (entry) {
      entry.size += bytes;
      entry.mtimeMs = at;
    } else {
      this.#files.set(name, {...file, size: bytes, mtimeMs: at});
    }
    this.#total += bytes;
  }

  /** Deletes files whose whole day is older than `retentionDays`. */
  async applyRetention(now: number, retentionDays: number): Promise<void> {
    const cutoff = now - retentionDays * dayMs;
    for (const [name, entry] of [...this.#files]) {
      if (dayStart(entry.day) + dayMs <= cutoff) await this.#delete(name, entry);
    }
  }

  /** Deletes the oldest files (by day, then last write) until the total is within `maxBytes`. */
  async enforceCap(maxBytes: number): Promise<void> {
    if (this.#total <= maxBytes) return;
    const oldestFirst = [...this.#files].sort(
      ([, a], [, b]) => (a.day === b.day ? a.mtimeMs - b.mtimeMs || a.index - b.index : a.day < b.day ? -1 : 1),
    );
    for (const [name, entry] of oldestFirst) {
      if (this.#total <= maxBytes) break;
      await this.#delete(name, entry);
    }
  }

  async #delete(name: string, entry: CatalogEntry): Promise<void> {
    try {
      await unlink(join(this.dir, name));
      this.deletedFiles++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.#files.delete(name);
    this.#total -= entry.size;
  }
}
