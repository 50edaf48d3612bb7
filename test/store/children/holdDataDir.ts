// Child process for the lock tests: takes the data-dir lock, says so, and holds it until killed.
import {openDataDir} from '../../../source/store/dataDir.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: holdDataDir.ts DIR');
await openDataDir(dir);
process.stdout.write('locked\n');
setInterval(() => undefined, 60_000);
