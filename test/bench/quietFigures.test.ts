import {test} from 'node:test';
import assert from 'node:assert/strict';
import {quietRows} from '../../bench/quietFigures.js';
import {readProc} from '../../bench/procSampler.js';
import {sliceCpuPct, type QuietRun} from '../../bench/quietRun.js';

const run = (over: Partial<QuietRun>): QuietRun => ({
  coldStartSec: 2.1,
  coldStartError: null,
  cpuPct: 0.8,
  rssMaxMb: 85,
  rssStartMb: 80,
  rssEndMb: 81,
  rssGrowth: 0.01,
  rssSlopeMbPerHour: 0.4,
  wakeupsPerSec: 40,
  eventsPerSec: 20,
  decisionsPerSec: 8,
  sampleSec: 10,
  windowSec: 7185,
  cpuWindowSec: 4800,
  cpuAlone: true,
  cpuSlices: {min: 0.7, median: 0.8, max: 0.95, n: 8},
  exitCode: 0,
  leftoverOrders: 0,
  stderrTail: '',
  ...over,
});

const row = (rows: ReturnType<typeof quietRows>, id: string) => {
  const found = rows.find((r) => r.id === id);
  assert.ok(found, id);
  return found;
};

test('quiet figures are judged against the goals: < 1 % of a core, < 90 MB, a slope of at most 2 MB/h', () => {
  const good = quietRows(run({}));
  assert.deepEqual(['quiet.cpu', 'quiet.rss', 'quiet.rssSlope', 'coldStart'].map((id) => row(good, id).pass), [true, true, true, true]);
  const bad = quietRows(run({cpuPct: 1.0, rssMaxMb: 90, rssSlopeMbPerHour: 2.5}));
  assert.deepEqual(['quiet.cpu', 'quiet.rss', 'quiet.rssSlope'].map((id) => row(bad, id).pass), [false, false, false]);
});

test('the CPU row says what woke the process and how the window was sampled', () => {
  const note = row(quietRows(run({})), 'quiet.cpu').note;
  assert.match(note, /sampled every 10 s over 2\.0 h/);
  assert.match(note, /woken 40 times a second/);
  assert.match(note, /20\.0 events and 8\.0 decision passes a second/);
  assert.match(row(quietRows(run({sampleSec: 1, windowSec: 62})), 'quiet.cpu').note, /sampled every second over 62 s/);
});

test('a quiet run that failed is a row per figure naming the failure, none passing', () => {
  const rows = quietRows(new Error('sim did not start'));
  assert.equal(rows.length, 4);
  for (const r of rows) {
    assert.equal(r.pass, false);
    assert.match(r.error ?? '', /sim did not start/);
  }
});

test("a /proc reading carries the main thread's wake-ups, and they only grow", async () => {
  const first = readProc(process.pid);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const second = readProc(process.pid);
  assert.ok(first && second);
  assert.ok(Number.isInteger(first.wakeups) && first.wakeups > 0);
  assert.ok(second.wakeups >= first.wakeups);
});

test('the CPU row says whether it was taken alone and gives the range over slices of that stretch', () => {
  const alone = row(quietRows(run({})), 'quiet.cpu');
  assert.match(alone.note, /CPU over the last 80 min, after every other bench section had finished/);
  assert.deepEqual(alone.spread, {ours: {min: 0.7, median: 0.8, max: 0.95, n: 8}, of: 'slices'});
  const shared = row(quietRows(run({cpuAlone: false, cpuWindowSec: 7185, cpuSlices: null})), 'quiet.cpu');
  assert.match(shared.note, /whole 120 min window, other bench sections possibly running alongside/);
  assert.equal(shared.spread, undefined);
});

test('CPU slices: one figure per whole slice, a last partial slice kept only when at least half as long', () => {
  // 1 CPU second per 100 wall seconds = 1 % of a core, then 2 %
  const samples = Array.from({length: 31}, (_, i) => ({at: i * 10_000, cpuSec: i <= 20 ? i * 0.1 : 2 + (i - 20) * 0.2}));
  const slices = sliceCpuPct(samples, 100);
  assert.equal(slices.length, 3);
  assert.ok(Math.abs(slices[0]! - 1) < 1e-9 && Math.abs(slices[1]! - 1) < 1e-9 && Math.abs(slices[2]! - 2) < 1e-9, String(slices));
  assert.equal(sliceCpuPct(samples.slice(0, 25), 100).length, 2, 'a 40 s remainder of a 100 s slice is dropped');
  assert.equal(sliceCpuPct(samples.slice(0, 27), 100).length, 3, 'a 60 s remainder is kept');
});
