import {test} from 'node:test';
import assert from 'node:assert/strict';
import {markdownTable, type BenchReport, type FigureRow} from '../../bench/report.js';
import {spread} from '../../bench/sampleStats.js';

const machine = {cpus: 'cpu', cores: 2, memoryGb: 4, node: 'v20', platform: 'linux'};
const row = (over: Partial<FigureRow>): FigureRow => ({id: 'x', figure: 'X', ours: 10, baseline: 20, unit: 'ns', ratio: 0.5, goal: '≤ 1×', pass: true, note: 'n', ...over});
const table = (rows: FigureRow[]): string => markdownTable({date: 'd', quick: true, machine, durationSec: 1, figures: rows, details: {}} satisfies BenchReport);

test('a figure measured over rounds shows its median with min–max and the round count, for ours and the baseline', () => {
  const md = table([row({spread: {ours: spread([9, 10, 12]), baseline: spread([18, 20, 25])}})]);
  assert.match(md, /\| X \| 10 ns \(9–12, 3 rounds\) \| 20 ns \(18–25, 3 rounds\) \| 0\.5× \| ≤ 1× \| pass \|/);
});

test('a single measurement shows the bare value', () => {
  const md = table([row({}), row({id: 'y', figure: 'Y', spread: {ours: spread([7])}, ours: 7})]);
  assert.match(md, /\| X \| 10 ns \| 20 ns \|/);
  assert.match(md, /\| Y \| 7 ns \| 20 ns \|/);
});

test('a figure measured across seeds says so instead of rounds', () => {
  const md = table([row({ours: 99.67, unit: '%', spread: {ours: spread([99.33, 99.67, 100]), of: 'seeds'}})]);
  assert.match(md, /\| X \| 99\.7 % \(99\.3–100, 3 seeds\) \|/);
});
