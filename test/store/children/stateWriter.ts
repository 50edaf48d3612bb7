// Child process for the crash test: saves ever-changing states in a tight loop and reports each save on
// stdout, until the parent kills it with SIGKILL (mid-write, at some point).
import {StateFile} from '../../../source/store/stateFile.js';
import {makePersistedState} from '../fixtures.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: stateWriter.ts DIR');
const file = await StateFile.open(dir);
const base = makePersistedState({pid: process.pid});
for (let n = 1; ; n++) {
  // Vary the size so a torn write would leave a visibly broken file.
  const recentEvents = Array.from({length: n % 200}, (_, i) => ({at: base.updatedAt + i, level: 'info' as const, text: `event ${n}/${i}`}));
  await file.save({...base, updatedAt: base.updatedAt + n, recentEvents, halted: {since: n, reason: `save ${n}`}});
  process.stdout.write(`saved ${n}\n`);
}
