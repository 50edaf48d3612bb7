// Slowest single fuzz case: the reliability fuzz drivers (test/reliability/fuzz.ts) push random and
// malformed MEXC protobuf frames, KuCoin JSON frames and MEXC REST bodies through the clients' real parsing
// entry points and time every case. The slowest case is how long one bad input can hold the event loop.
// It is a wall-clock figure (GC pauses, a loaded machine), so it is measured here and reported, never
// asserted in `npm test`; the fuzz tests print it in their log lines.
import {fuzzKucoinFrames, fuzzMexcFrames, fuzzRestBodies, type FuzzCounts} from '../test/reliability/fuzz.js';

export interface FuzzKindResult {
  what: string;
  cases: number;
  rejected: number;
  slowestMs: number;
}

export interface FuzzBenchResult {
  seed: number;
  kinds: FuzzKindResult[];
  /** the slowest case over every kind */
  slowestMs: number;
}

const drivers: ReadonlyArray<readonly [string, (runs: number, seed: number) => FuzzCounts]> = [
  ['MEXC protobuf frames', fuzzMexcFrames],
  ['KuCoin JSON frames + REST snapshots', fuzzKucoinFrames],
  ['MEXC REST bodies', fuzzRestBodies],
];

export async function runFuzzBench(opts: {quick: boolean; log: (line: string) => void}): Promise<FuzzBenchResult> {
  // the same case counts as the quick (npm test) and the full (test-reliability) fuzz suites
  const cases = opts.quick ? 10_000 : 50_000;
  const seed = 20240601;
  const kinds: FuzzKindResult[] = [];
  drivers.forEach(([what, run], i) => {
    const c = run(cases, seed + i);
    opts.log(`fuzz ${what}: ${c.cases} cases, slowest ${c.slowestMs.toFixed(1)} ms`);
    kinds.push({what, cases: c.cases, rejected: c.rejected, slowestMs: c.slowestMs});
  });
  return {seed, kinds, slowestMs: Math.max(...kinds.map((k) => k.slowestMs))};
}
