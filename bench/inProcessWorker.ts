// Runs one in-process benchmark in a fresh process and prints its result as a JSON line, so one
// benchmark's heap (the book stream is large) cannot put GC pauses into another's timings.
// Usage: node --import tsx bench/inProcessWorker.ts book|wire|latency|rate|fuzz [--quick]
import {runBookBench} from './bookThroughput.js';
import {runWirePathBench} from './wirePath.js';
import {runLatencyBench, runRateBench} from './decisionLatency.js';
import {runFuzzBench} from './fuzzCases.js';

const which = process.argv[2];
const quick = process.argv.includes('--quick');
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const benches = {book: runBookBench, wire: runWirePathBench, latency: runLatencyBench, rate: runRateBench, fuzz: runFuzzBench} as const;
if (which !== 'book' && which !== 'wire' && which !== 'latency' && which !== 'rate' && which !== 'fuzz') {
  log(`usage: inProcessWorker.ts book|wire|latency|rate|fuzz [--quick]`);
  process.exit(2);
}
const result = await benches[which]({quick, log});
process.stdout.write(JSON.stringify({bench: which, result}) + '\n');
