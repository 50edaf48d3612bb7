// Child process: tries openDataDir once and prints the outcome (used to test as an unprivileged user).
import {DataDirError, openDataDir} from '../../../source/store/dataDir.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: openDataDirOnce.ts DIR');
try {
  const lock = await openDataDir(dir);
  await lock.release();
  process.stdout.write('opened\n');
} catch (error) {
  process.stdout.write(`${error instanceof DataDirError ? 'DataDirError' : 'other'}: ${(error as Error).message}\n`);
}
