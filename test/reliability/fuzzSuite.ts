// The fuzz tests, parameterised by case counts: the quick suite and the full suite register the same tests.
import assert from 'node:assert/strict';
import type {test as nodeTest} from 'node:test';
import {fuzzKucoinFrames, fuzzKucoinBookStreamSocket, fuzzMexcBookStreamSocket, fuzzMexcFrames, fuzzRestBodies, fuzzRestClientHttp, type FuzzCounts} from './fuzz.js';

export interface FuzzSizes {
  inProcess: number;
  overSockets: number;
  restRequests: number;
  seed: number;
}

// The slowest case is printed, not asserted: it is wall-clock time (GC pauses, a loaded machine). The
// bench measures and reports it (bench/fuzzCases.ts, `npm run bench`).
const report = (what: string, c: FuzzCounts) =>
  console.log(`fuzz ${what}: ${c.cases} cases, ${c.rejected} rejected as bad input, ${c.accepted} accepted, 0 thrown, slowest ${c.slowestMs.toFixed(1)} ms`);

export function runFuzzSuite(test: typeof nodeTest, sizes: FuzzSizes): void {
  const timeout = {timeout: 600_000};
  test(`fuzz: ${sizes.inProcess} MEXC protobuf push frames through frame → wrapper → depth/private decoders → book`, timeout, () => {
    const c = fuzzMexcFrames(sizes.inProcess, sizes.seed);
    report('MEXC protobuf frames', c);
    assert.equal(c.cases, sizes.inProcess);
    assert.ok(c.rejected > 0);
  });
  test(`fuzz: ${sizes.inProcess} KuCoin WS JSON frames and REST snapshot bodies through the wire parser → level-2 sync → book`, timeout, () => {
    const c = fuzzKucoinFrames(sizes.inProcess, sizes.seed + 1);
    report('KuCoin JSON frames', c);
    assert.equal(c.cases, sizes.inProcess);
    assert.ok(c.rejected > 0);
  });
  test(`fuzz: ${sizes.inProcess} MEXC REST bodies (garbage, HTML, wrong-type JSON) against every endpoint schema`, timeout, () => {
    const c = fuzzRestBodies(sizes.inProcess, sizes.seed + 2);
    report('MEXC REST bodies', c);
    assert.equal(c.cases, sizes.inProcess);
    assert.ok(c.rejected > 0);
  });
  test(`fuzz over a socket: ${sizes.overSockets} bad binary frames to a live MexcBookStream are each counted; it resyncs and stays up`, timeout, async (t) => {
    const r = await fuzzMexcBookStreamSocket(t, sizes.overSockets, sizes.seed + 3);
    console.log(`fuzz MexcBookStream socket: ${r.sent} bad frames sent, ${r.counted} counted as malformed, ${r.connects} connection(s)`);
    assert.equal(r.counted, r.sent);
    assert.equal(r.connects, 1, 'garbage never costs the connection');
  });
  test(`fuzz over a socket: ${sizes.overSockets} bad text frames to a live KucoinBookStream are each counted; it stays live`, timeout, async (t) => {
    const r = await fuzzKucoinBookStreamSocket(t, sizes.overSockets, sizes.seed + 4);
    console.log(`fuzz KucoinBookStream socket: ${r.sent} bad frames sent, ${r.counted} counted as malformed, ${r.connects} connection(s)`);
    assert.equal(r.counted, r.sent);
    assert.equal(r.connects, 1);
    assert.ok(r.deltaAfter, 'live, and a valid update after the garbage becomes a delta');
  });
  test(`fuzz over HTTP: ${sizes.restRequests} garbage answers to the real MexcRestClient reject with an error and malformed bodies are counted`, timeout, async (t) => {
    const r = await fuzzRestClientHttp(t, sizes.restRequests, sizes.seed + 5);
    console.log(`fuzz MexcRestClient HTTP: ${r.sent} bad answers, ${r.rejected} rejected, ${r.malformedCounted} counted as malformed bodies (${r.malformedExpected} expected)`);
    assert.equal(r.rejected, r.sent);
    assert.equal(r.malformedCounted, r.malformedExpected);
  });
}
