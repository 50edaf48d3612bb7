// The journals (the original bot's database, as files: docs/strategy.md §15): append-only NDJSON, one file
// per stream per UTC day, readable with jq. append() only buffers (never blocks, never throws); an owned
// timer flushes about once a second. Memory is bounded by a cap on buffered bytes (beyond it records are
// dropped and counted); disk by size-bounded rotation, age-based retention and a total-size cap.
import {appendFile, mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import type {Config} from '../config/configSchema.js';
import type {JournalRecord} from '../engine/view/records.js';
import {BookThrottle, type BookRecord} from './bookThrottle.js';
import {JournalCatalog} from './journalCatalog.js';
import {journalDir, journalFileName, utcDay} from './journalFiles.js';
import {SecretGuard} from './secretGuard.js';

export interface JournalOptions {
  bookIntervalMs: number;
  bookLevels: number;
  maxFileBytes: number;
  retentionDays: number;
  /** cap on all journal files together; default 40 × maxFileBytes */
  maxTotalBytes?: number;
  /** cap on bytes waiting in memory for the next flush; default 8 MiB */
  maxBufferBytes?: number;
  /** default 1000 */
  flushIntervalMs?: number;
  /** values never to write; default MEXC_API_KEY / MEXC_API_SECRET from the environment */
  secrets?: readonly string[];
}

// Config['journal'] must stay assignable to the options (extras are optional).
const configFits = (journal: Config['journal']): JournalOptions => journal;
void configFits;

export interface JournalStats {
  /** lines written to disk */
  written: number;
  /** records lost: buffer full, after close, or in a failed write */
  dropped: number;
  /** failed operations (serialisation, directory, write, housekeeping) */
  errors: number;
  /** bytes written to disk */
  bytes: number;
  /** book records skipped as unchanged or superseded within bookIntervalMs */
  coalesced: number;
  /** bytes waiting for the next flush */
  bufferedBytes: number;
  /** current size of all journal files */
  diskBytes: number;
  /** files removed by retention or the size cap */
  deletedFiles: number;
  /** lines that had a secret scrubbed out */
  secretsRedacted: number;
}

interface DayBatch {
  stream: string;
  day: string;
  lines: string[];
}

const housekeepingIntervalMs = 3_600_000;
const isBookRecord = (record: JournalRecord): record is BookRecord => record.stream === 'book.mexc' || record.stream === 'book.kucoin';

export class Journals {
  readonly dir: string;
  readonly #options: Required<Omit<JournalOptions, 'secrets'>>;
  readonly #now: () => number;
  readonly #guard: SecretGuard;
  readonly #throttle: BookThrottle;
  readonly #catalog: JournalCatalog;
  readonly #timer: NodeJS.Timeout;
  #buffer = new Map<string, DayBatch>();
  #bufferedBytes = 0;
  #closed = false;
  #ready = false;
  #lastHousekeeping = Number.NEGATIVE_INFINITY;
  #flushChain: Promise<void> = Promise.resolve();
  #written = 0;
  #dropped = 0;
  #errors = 0;
  #bytes = 0;

  constructor(dir: string, options: JournalOptions, now: () => number = Date.now) {
    this.dir = journalDir(dir);
    this.#options = {
      bookIntervalMs: options.bookIntervalMs,
      bookLevels: options.bookLevels,
      maxFileBytes: options.maxFileBytes,
      retentionDays: options.retentionDays,
      maxTotalBytes: options.maxTotalBytes ?? 40 * options.maxFileBytes,
      maxBufferBytes: options.maxBufferBytes ?? 8 * 1024 * 1024,
      flushIntervalMs: options.flushIntervalMs ?? 1000,
    };
    this.#now = now;
    this.#guard = options.secrets ? new SecretGuard(options.secrets) : SecretGuard.fromEnv();
    this.#throttle = new BookThrottle(options.bookIntervalMs, options.bookLevels);
    this.#catalog = new JournalCatalog(this.dir);
    this.#timer = setInterval(() => void this.flush(), this.#options.flushIntervalMs);
    // A forgotten close() must not keep the process alive; close() still clears it.
    this.#timer.unref();
  }

  /** Buffers one record. Never throws; problems are counted in stats(). */
  append(record: JournalRecord): void {
    try {
      if (this.#closed) {
        this.#dropped++;
        return;
      }
      if (isBookRecord(record)) {
        const now = this.#throttle.offer(record, this.#now());
        if (now) this.#enqueue(now);
        return;
      }
      this.#enqueue(record);
    } catch {
      this.#errors++;
    }
  }

  #enqueue(record: JournalRecord): void {
    let line: string;
    let day: string;
    try {
      line = this.#guard.scrub(JSON.stringify(record)) + '\n';
      const at = typeof record.at === 'number' && Number.isFinite(record.at) ? record.at : this.#now();
      day = utcDay(at);
    } catch {
      // Unserialisable record or an out-of-range time.
      this.#errors++;
      this.#dropped++;
      return;
    }
    const bytes = Buffer.byteLength(line);
    if (this.#bufferedBytes + bytes > this.#options.maxBufferBytes) {
      this.#dropped++;
      return;
    }
    const key = `${record.stream}\u0000${day}`;
    let batch = this.#buffer.get(key);
    if (!batch) {
      batch = {stream: record.stream, day, lines: []};
      this.#buffer.set(key, batch);
    }
    batch.lines.push(line);
    this.#bufferedBytes += bytes;
  }

  /** Writes everything buffered. Never rejects; calls are serialised. */
  flush(): Promise<void> {
    this.#flushChain = this.#flushChain.then(() => this.#flushOnce()).catch(() => {
      this.#errors++;
    });
    return this.#flushChain;
  }

  /** Stops the timer, writes held book records and the buffer; later appends are dropped (counted). */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      clearInterval(this.#timer);
      for (const record of this.#throttle.drain()) this.#enqueue(record);
    }
    await this.flush();
  }

  stats(): JournalStats {
    return {
      written: this.#written,
      dropped: this.#dropped,
      errors: this.#errors,
      bytes: this.#bytes,
      coalesced: this.#throttle.coalesced,
      bufferedBytes: this.#bufferedBytes,
      diskBytes: this.#catalog.totalBytes,
      deletedFiles: this.#catalog.deletedFiles,
      secretsRedacted: this.#guard.redactions,
    };
  }

  async #flushOnce(): Promise<void> {
    const now = this.#now();
    if (!this.#closed) for (const record of this.#throttle.due(now)) this.#enqueue(record);
    const batches = [...this.#buffer.values()];
    this.#buffer = new Map();
    this.#bufferedBytes = 0;
    if (!(await this.#prepare(now))) {
      for (const batch of batches) this.#dropped += batch.lines.length;
      return;
    }
    for (const batch of batches) await this.#writeBatch(batch);
    try {
      await this.#catalog.enforceCap(this.#options.maxTotalBytes);
    } catch {
      this.#errors++;
    }
  }

  /** Creates the directory and learns what it holds (first flush), and runs hourly retention. */
  async #prepare(now: number): Promise<boolean> {
    try {
      if (!this.#ready) {
        await mkdir(this.dir, {recursive: true, mode: 0o700});
        this.#ready = true;
      }
      if (now - this.#lastHousekeeping >= housekeepingIntervalMs) {
        this.#lastHousekeeping = now;
        await this.#catalog.scan();
        await this.#catalog.applyRetention(now, this.#options.retentionDays);
      }
      return true;
    } catch {
      this.#errors++;
      return this.#ready;
    }
  }

  /** Appends a day's lines, rolling to the next rotation index whenever a file would pass maxFileBytes. */
  async #writeBatch(batch: DayBatch): Promise<void> {
    const current = this.#catalog.current(batch.stream, batch.day);
    let chunk: string[] = [];
    let chunkBytes = 0;
    const writeChunk = async (): Promise<void> => {
      if (chunk.length === 0) return;
      const lines = chunk;
      const bytes = chunkBytes;
      chunk = [];
      chunkBytes = 0;
      const name = journalFileName(batch.stream, batch.day, current.index);
      try {
        await appendFile(join(this.dir, name), lines.join(''), {mode: 0o600});
      } catch {
        this.#errors++;
        this.#dropped += lines.length;
        return;
      }
      this.#catalog.recordWrite(name, {stream: batch.stream, day: batch.day, index: current.index}, bytes, this.#now());
      current.size += bytes;
      this.#written += lines.length;
      this.#bytes += bytes;
    };
    for (const line of batch.lines) {
      const bytes = Buffer.byteLength(line);
      const used = current.size + chunkBytes;
      // A line larger than a whole file still goes somewhere: into an empty file of its own.
      if (used > 0 && used + bytes > this.#options.maxFileBytes) {
        await writeChunk();
        if (current.size > 0) {
          current.index++;
          current.size = 0;
        }
      }
      chunk.push(line);
      chunkBytes += bytes;
    }
    await writeChunk();
  }
}
