// Streams the records of one journal stream, oldest file first, line by line (readline), so a report over
// weeks of journals runs in constant memory. Lines that are not JSON objects with a numeric `at` are
// counted as corrupt and skipped, as are files that vanish mid-read (retention).
import {createReadStream} from 'node:fs';
import {createInterface} from 'node:readline';
import {dayMs, dayStart, listJournalFiles} from './journalFiles.js';

export interface ReadCounters {
  files: number;
  lines: number;
  corrupt: number;
}

export type JournalLine = {at: number} & Record<string, unknown>;

const isRecord = (value: unknown): value is JournalLine =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as {at?: unknown}).at === 'number';

/** Calls `onRecord` for every record of `stream` with at ≥ since, in file order. */
export async function readJournalStream(
  dir: string,
  stream: string,
  since: number | null,
  counters: ReadCounters,
  onRecord: (record: JournalLine) => void,
): Promise<void> {
  const files = (await listJournalFiles(dir)).filter(
    (file) => file.stream === stream && (since === null || dayStart(file.day) + dayMs > since),
  );
  for (const file of files) {
    counters.files++;
    const input = createReadStream(file.path, {encoding: 'utf8'});
    const lines = createInterface({input, crlfDelay: Infinity});
    try {
      for await (const line of lines) {
        if (line.trim() === '') continue;
        counters.lines++;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          counters.corrupt++;
          continue;
        }
        if (!isRecord(value)) {
          counters.corrupt++;
          continue;
        }
        if (since !== null && value.at < since) continue;
        onRecord(value);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    } finally {
      lines.close();
      input.destroy();
    }
  }
}
