// The crash loop: `kill -9` the real bot at a random moment while it trades, restart it on the same data
// dir against the same simulator, many times; then one clean run with --duration. At the end nothing of
// ours may rest on the simulator and no clientOrderId may have been placed twice across all runs.
import assert from 'node:assert/strict';
import {tempDir} from '../e2e/processHarness.js';
import {checkJournals, ourSimOrders, startBot, startRigSimulator, waitUntil, writeRigConfig, type JournalCheck} from './botRig.js';
import {SeededRandom} from '../../source/sim/seededRandom.js';

export interface CrashLoopResult {
  kills: number;
  /** orders of ours resting on the simulator right after each kill (adopted by the next run) */
  restingAtKill: number[];
  /** the most orders of ours open at once on the simulator during the whole loop */
  mostOpen: number;
  adoptedRuns: number;
  finalExit: number | null;
  finalStderr: string;
  orphans: string[];
  journal: JournalCheck;
  elapsedMs: number;
}

interface TestContext {
  after: (fn: () => unknown) => void;
}

export async function runCrashLoop(t: TestContext, opts: {kills: number; seed: number; maxDelayMs: number}): Promise<CrashLoopResult> {
  const started = Date.now();
  const random = SeededRandom.stream(opts.seed, 'crash-loop');
  const sim = await startRigSimulator(t, {seed: opts.seed});
  const dir = tempDir(t, 'mm-rel-crash-');
  // rebuild the ladder every 2 s so kills land mid-rebuild too (new orders placed, old ones not yet gone)
  const config = writeRigConfig(dir, 2);
  let mostOpen = 0;
  const watch = setInterval(() => (mostOpen = Math.max(mostOpen, ourSimOrders(sim).length)), 50);
  t.after(() => clearInterval(watch));
  const restingAtKill: number[] = [];
  let adoptedRuns = 0;

  for (let i = 0; i < opts.kills; i++) {
    const bot = startBot(t, sim, dir, ['--config', config]);
    const exited = () => bot.child.exitCode !== null || bot.child.signalCode !== null;
    // active = the engine runs and this run has placed or adopted orders on the simulator
    await waitUntil(
      `run ${i + 1}: engine started with orders resting`,
      () => exited() || (bot.lines.some((l) => String(l.msg).startsWith('engine started')) && ourSimOrders(sim).length > 0),
      60_000,
      50,
    );
    assert.ok(!exited(), `run ${i + 1} exited on its own (code ${bot.child.exitCode}): ${bot.stderr()}`);
    await new Promise((r) => setTimeout(r, Math.floor(random.next() * opts.maxDelayMs)));
    bot.child.kill('SIGKILL');
    await bot.exited;
    if (bot.lines.some((l) => /adopted \d+ order/.test(String(l.msg)))) adoptedRuns++;
    restingAtKill.push(ourSimOrders(sim).length);
  }

  const final = startBot(t, sim, dir, ['--config', config, '--duration', '12']);
  const finalExit = await final.exited;
  clearInterval(watch);
  return {
    kills: opts.kills,
    restingAtKill,
    mostOpen,
    adoptedRuns,
    finalExit,
    finalStderr: final.stderr(),
    orphans: ourSimOrders(sim),
    journal: checkJournals(dir),
    elapsedMs: Date.now() - started,
  };
}

export function describeCrashLoop(r: CrashLoopResult): string {
  return (
    `crash loop: ${r.kills} kills, ${r.orphans.length} orphans, ${r.journal.duplicates.length} duplicates ` +
    `(${r.journal.placed} placed, ${r.journal.adopted} adopted over ${r.adoptedRuns} restarts, ${r.journal.fills} fills, ` +
    `${r.journal.lines} journal lines, ${r.journal.badLines.length} bad, ${r.journal.dangling.length} dangling; ` +
    `at most ${r.mostOpen} of ours open at once; ${Math.round(r.elapsedMs / 1000)} s)`
  );
}

export function assertCrashLoop(r: CrashLoopResult, levels = 5): void {
  assert.equal(r.finalExit, 0, `final clean run: ${r.finalStderr}`);
  assert.deepEqual(r.orphans, [], 'orders of ours left on the simulator');
  assert.deepEqual(r.journal.duplicates, [], 'clientOrderIds placed twice');
  assert.deepEqual(r.journal.badLines, [], 'journal lines that do not parse');
  assert.deepEqual(r.journal.dangling, [], 'journal records for orders never placed nor adopted');
  assert.deepEqual(r.journal.duplicateTrades, [], 'a fill journaled twice');
  // a restart adopts what the last run left instead of laying a second ladder on top: at most the old and
  // the new ladder of a rebuild the kill interrupted, plus the next rebuild's replacements
  assert.ok(r.mostOpen <= 6 * levels, `at most ${r.mostOpen} of our orders open at once`);
  assert.ok(r.restingAtKill.some((n) => n > 0), 'some kill left orders resting for the next run to adopt');
}
