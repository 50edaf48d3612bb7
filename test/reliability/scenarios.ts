// The scenario tests, parameterised by size: test/reliability/*.test.ts (quick, inside `npm test`) and
// test-reliability/*.test.ts (the full suite) register the same tests with different counts.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {test as nodeTest} from 'node:test';
import type {FaultName} from '../../source/sim/faults.js';
import {assertFaultResult, describeFaultResult, runFaultScenario} from './faultScenario.js';
import {assertCrashLoop, describeCrashLoop, runCrashLoop} from './crashLoop.js';
import {runSoak} from './soak.js';

export function faultTests(test: typeof nodeTest, runs: ReadonlyArray<readonly FaultName[]>, activeSec: number): void {
  let faultsExercised = 0;
  let passed = 0;
  runs.forEach((faults, i) => {
    test(`faults ${faults.join('+')}: the bot trades through them; simulator == local view, no orphan, no duplicate, journals consistent`, {timeout: 300_000}, async (t) => {
      try {
        const result = await runFaultScenario(t, faults, {activeSec, seed: 100 + i});
        console.log(describeFaultResult(result));
        faultsExercised += faults.length;
        assertFaultResult(result);
        passed++;
      } finally {
        if (i === runs.length - 1) console.log(`faults: ${runs.length} scenarios, ${faultsExercised} fault activations, ${passed}/${runs.length} scenarios passed every check`);
      }
    });
  });
}

export function crashLoopTest(test: typeof nodeTest, kills: number, maxDelayMs: number): void {
  test(`crash loop: ${kills} random kill -9 during activity, restart each time, then a clean run: 0 orphans, 0 duplicates`, {timeout: 1_200_000}, async (t) => {
    const result = await runCrashLoop(t, {kills, seed: 4242 + kills, maxDelayMs});
    console.log(describeCrashLoop(result));
    assertCrashLoop(result);
  });
}

export interface SoakChecks {
  /**
   * Assert that the heap after GC grows less than this after warm-up. Heap size depends on V8, the machine
   * and what else the process holds, so the quick soak inside `npm test` only prints it; the full suite's
   * 72 simulated hours (~5 M book deltas, 70 hourly samples after warm-up) is long enough for a leak of a
   * few bytes per event to stand out of that noise, so it asserts it.
   */
  heapGrowthLimitMb?: number;
}

export function soakTest(test: typeof nodeTest, simulatedHours: number, checks: SoakChecks = {}): void {
  const limit = checks.heapGrowthLimitMb;
  const heap = limit === undefined ? 'heap printed' : `heap growth < ${limit} MB`;
  test(`soak: ${simulatedHours} simulated hours through the engine and journals; journal bytes bounded, ${heap}`, {timeout: 1_200_000}, async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mm-rel-soak-'));
    t.after(() => rmSync(dataDir, {recursive: true, force: true}));
    const maxTotalBytes = 1024 * 1024;
    const r = await runSoak({dataDir, simulatedHours, deltasPerSecond: 10, maxFileBytes: 64 * 1024, maxTotalBytes, retentionDays: 1, seed: 3});
    const warm = r.heapMb.slice(Math.min(2, r.heapMb.length - 1));
    const growth = Math.max(...warm) - warm[0]!;
    console.log(
      `soak: ${simulatedHours} simulated h in ${(r.wallMs / 1000).toFixed(1)} s: ${r.events} events (${r.bookDeltas} book deltas, ${r.fills} fills), ` +
        `${r.ordersPlaced} orders placed, ${r.journalWritten} journal lines, ${r.deletedFiles} files rotated out; disk max ${r.maxDiskBytes} B (cap ${maxTotalBytes}); ` +
        `heap after GC ${warm[0]} → max ${Math.max(...warm)} MB (growth ${growth.toFixed(1)} MB, ${limit === undefined ? 'not asserted' : `limit ${limit} MB`})`,
    );
    assert.ok(r.maxDiskBytes <= maxTotalBytes, `journals reached ${r.maxDiskBytes} B on disk`);
    assert.ok(r.finalDiskBytes <= maxTotalBytes);
    assert.equal(r.journalErrors, 0);
    assert.equal(r.journalDropped, 0);
    assert.ok(r.deletedFiles > 0, 'the cap was exercised');
    if (limit !== undefined) assert.ok(growth < limit, `heap grew ${growth.toFixed(1)} MB after warmup: ${r.heapMb.join(', ')}`);
  });
}
