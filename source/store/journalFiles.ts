// Journal file naming: <dir>/journal/<stream>-YYYY-MM-DD.ndjson, then <stream>-YYYY-MM-DD.N.ndjson (N ≥ 1)
// once a day file is full. The day is the record's UTC day. Shared by the writer and by `report`.
import {readdir, stat} from 'node:fs/promises';
import {join} from 'node:path';

export const journalDirName = 'journal';
export const dayMs = 86_400_000;

export const journalDir = (dataDir: string): string => join(dataDir, journalDirName);

/** UTC calendar day of an epoch-ms time, as YYYY-MM-DD. */
export const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** Epoch ms of 00:00 UTC on a YYYY-MM-DD day. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

export const journalFileName = (stream: string, day: string, index: number): string =>
  index === 0 ? `${stream}-${day}.ndjson` : `${stream}-${day}.${index}.ndjson`;

export interface JournalFileName {
  stream: string;
  day: string;
  index: number;
}

const namePattern = /^(.+)-(\d{4}-\d{2}-\d{2})(?:\.([1-9]\d*))?\.ndjson$/;

export function parseJournalFileName(name: string): JournalFileName | null {
  const match = namePattern.exec(name);
  if (!match) return null;
  const [, stream, day, index] = match;
  if (stream === undefined || day === undefined || Number.isNaN(dayStart(day))) return null;
  return {stream, day, index: index === undefined ? 0 : Number(index)};
}

export interface JournalFileInfo extends JournalFileName {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
}

/** Journal files under `dir` (the journal directory), oldest day first, then by rotation index. */
export async function listJournalFiles(dir: string): Promise<JournalFileInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: JournalFileInfo[] = [];
  for (const name of names) {
    const parsed = parseJournalFileName(name);
    if (!parsed) continue;
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      files.push({...parsed, name, path, size: info.size, mtimeMs: info.mtimeMs});
    } catch (error) {
      // Deleted between readdir and stat (retention running concurrently): simply absent.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files.sort((a, b) => (a.day === b.day ? a.index - b.index || a.stream.localeCompare(b.stream) : a.day < b.day ? -1 : 1));
}
