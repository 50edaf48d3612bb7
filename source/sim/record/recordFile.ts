// Writing and reading the simulator's record file (docs/simulator.md §9). Written once, when the
// simulator stops, through a temporary file and a rename, so a reader never sees half a record.
import {readFile, rename, rm, writeFile} from 'node:fs/promises';
import {SIM_RECORD_FORMAT, type SimRecord} from './simRecord.js';

export async function writeSimRecord(path: string, record: SimRecord): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(record) + '\n');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, {force: true});
    throw error;
  }
}

export class SimRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimRecordError';
  }
}

/** Reads a record file; refuses anything that is not this format (a wrong file is an error, not zeros). */
export async function readSimRecord(path: string): Promise<SimRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SimRecordError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const record = parsed as Partial<SimRecord> | null;
  if (!record || record.format !== SIM_RECORD_FORMAT) throw new SimRecordError(`${path}: not a ${SIM_RECORD_FORMAT} file`);
  if (!Array.isArray(record.trades) || !record.reference || !Array.isArray(record.reference.path) || !record.startBalances || !record.finalBalances) {
    throw new SimRecordError(`${path}: a ${SIM_RECORD_FORMAT} file without trades, reference path or balances`);
  }
  return record as SimRecord;
}
