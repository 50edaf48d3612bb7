// One fault scenario against the real bot: start it on a healthy simulator, switch the faults on once its
// ladder rests, let it trade through them, then check — with the faults still on — that the simulator and
// the bot agree on our orders, stop it (SIGTERM) with the faults still on, and check orphans, duplicates
// and the journals.
//
// What "agree while the faults are on" means. The two views never hold still (fills, the periodic
// rebuild, the state file written once a second) and a fault can hold an answer back (timeoutAfterAccept
// for timeoutHoldMs, delayedAck, a 5xx after execution): until the answer or a reconciliation comes, the
// bot rightly does not know whether such an order rests. So the requirement is, with every fault still on:
//  - within AGREE_WINDOW_MS after the fault period, at some look the views agree: every order of ours on
//    the simulator is known to the bot, every order the bot holds as resting (NEW / PARTIALLY_FILLED) is
//    open on the simulator, and each other local order is in transit (PENDING_NEW, PENDING_CANCEL, or
//    UNKNOWN = "maybe placed"), where it may or may not be on the simulator. Either the look has no order
//    in transit at all (exact agreement), or every order in transit at it has been settled by a later
//    agreeing look in the window (agreement with the in-transit orders accounted for, then resolved);
//  - from the moment the faults go on to the end of that window, no order stays in transit longer than
//    MAX_TRANSIT_MS, so "in transit" can never hide an order the bot fails to settle;
//  - from the moment the faults go on to the end of that window, the views are never without an agreeing
//    look for longer than MAX_DISAGREEMENT_MS.
// No fault of the simulator withholds every answer for its whole window: a 429 burst lasts burstSteps,
// a withheld placement is answered (or times out) after timeoutHoldMs, so each of these is met by every
// fault alone and by all of them together. Agreement after the faults are switched off is looked at only
// as a diagnostic when the requirement fails.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import type {FaultName} from '../../source/sim/faults.js';
import {CLI, tempDir} from '../e2e/processHarness.js';
import {
  AgreementWatch,
  checkJournals,
  converge,
  ourSimOrders,
  startBot,
  startRigSimulator,
  waitUntil,
  writeRigConfig,
  type AgreementSummary,
  type Convergence,
  type JournalCheck,
  type Look,
} from './botRig.js';

/** how long after the fault period, faults still on, the views have to come into agreement */
export const AGREE_WINDOW_MS = 15_000;
/**
 * The longest an order may stay in transit with the faults on: a withheld placement is answered after
 * timeoutHoldMs (8 s in the rig) or times out after requestTimeoutMs (5 s) and becomes UNKNOWN; it is
 * then settled by the next reconciliation (every 5 s in the rig) once nothing was done to it for 3 s —
 * one more reconciliation if the first one meets a 429 burst (5 s) or a 5xx — plus the 1 s state flush:
 * 8 + 3 + 2 × 5 + 5 + 1 ≈ 27 s (measured: at most about 10 s, an UNKNOWN order under serverError).
 */
export const MAX_TRANSIT_MS = 30_000;
/**
 * The longest stretch without an agreeing look while the faults are on: a fill missed during a dropped
 * stream or an expired listen key is caught up by the reconnect's reconciliation or the next periodic one
 * (5 s), a lost cancel answer by the next reconciliation once the order was quiet for 3 s, plus the 1 s
 * state flush: about 9 s (measured: at most about 2 s).
 */
export const MAX_DISAGREEMENT_MS = 15_000;

/** How the views came to agree with the faults on. */
export interface FaultsOnAgreement {
  agreed: boolean;
  /** exact: no order in transit at the agreeing look; accounted: its in-transit orders settled by a later agreeing look */
  kind: 'exact' | 'accounted' | null;
  /** ms from the end of the fault period to the agreeing look */
  ms: number | null;
  /** accounted: ms from the end of the fault period to the look that found its in-transit orders settled */
  resolvedMs: number | null;
  /** the in-transit orders at the agreeing look (id → status) */
  inTransit: Record<string, string>;
  looks: number;
  lastDiff: Look['diff'] | null;
}

/**
 * Looks until the views agree (see the file comment), for at most `windowMs`; every look also feeds
 * `watch`, so its transit and disagreement figures run on through this window.
 */
async function agreeWhileFaultsOn(watch: AgreementWatch, windowMs: number, stop: () => boolean): Promise<FaultsOnAgreement> {
  const started = Date.now();
  // agreeing looks with orders in transit, waiting for those orders to settle
  const candidates: Array<{ms: number; inTransit: Record<string, string>}> = [];
  let looks = 0;
  let lastDiff: Look['diff'] | null = null;
  while (Date.now() - started < windowMs && !stop()) {
    const look = watch.look();
    if (look) {
      looks++;
      const ms = Date.now() - started;
      if (look.exact) return {agreed: true, kind: 'exact', ms, resolvedMs: null, inTransit: {}, looks, lastDiff};
      if (look.accounted) {
        const resolved = candidates.find((c) => Object.keys(c.inTransit).every((id) => look.inTransit[id] === undefined));
        if (resolved) return {agreed: true, kind: 'accounted', ms: resolved.ms, resolvedMs: ms, inTransit: resolved.inTransit, looks, lastDiff};
        candidates.push({ms, inTransit: look.inTransit});
      } else {
        lastDiff = look.diff;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {agreed: false, kind: null, ms: null, resolvedMs: null, inTransit: {}, looks, lastDiff};
}

export interface FaultScenarioResult {
  faults: readonly FaultName[];
  injected: Record<string, number>;
  /** the requirement: agreement with every fault still on */
  duringFaults: FaultsOnAgreement;
  /** transit and disagreement figures from the faults going on to the end of the agreement window */
  watch: AgreementSummary;
  /** diagnostic only, when the views did not agree with the faults on: agreement after switching them off */
  afterFaults: Convergence | null;
  orphans: string[];
  journal: JournalCheck;
  exitCode: number | null;
  simInternalErrors: number;
}

interface TestContext {
  after: (fn: () => unknown) => void;
}

export async function runFaultScenario(t: TestContext, faults: readonly FaultName[], opts: {activeSec: number; seed: number}): Promise<FaultScenarioResult> {
  const sim = await startRigSimulator(t, {seed: opts.seed});
  const dir = tempDir(t, 'mm-rel-fault-');
  const bot = startBot(t, sim, dir, ['--config', writeRigConfig(dir)]);
  const botExited = () => bot.child.exitCode !== null || bot.child.signalCode !== null;
  await waitUntil('the ladder resting on the simulator', () => ourSimOrders(sim).length >= 10 || (botExited() && 'exited'), 60_000);
  assert.ok(!botExited(), `bot exited before its ladder rested: ${bot.stderr()}`);

  const before = sim.stats().faultsInjected;
  for (const name of faults) sim.setFault(name, true);
  const activeUntil = Date.now() + opts.activeSec * 1000;
  // both views are watched from the moment the faults go on
  const watch = new AgreementWatch(sim, dir);
  await watch.watchUntil(activeUntil, botExited);
  assert.ok(!botExited(), `bot exited under faults ${faults.join(',')}: code ${bot.child.exitCode}\n${bot.stderr()}`);

  // (a) our orders on the simulator == the bot's local view, with the faults still on
  const duringFaults = await agreeWhileFaultsOn(watch, AGREE_WINDOW_MS, botExited);
  const watched = watch.summary();
  let afterFaults: Convergence | null = null;
  if (!duringFaults.agreed) {
    // diagnostic only: does switching the faults off let the views agree?
    for (const name of faults) sim.setFault(name, false);
    afterFaults = await converge(sim, dir, 30_000);
    for (const name of faults) sim.setFault(name, true);
  }
  const injected: Record<string, number> = {};
  for (const name of faults) injected[name] = (sim.stats().faultsInjected[name] ?? 0) - (before[name] ?? 0);

  // the status command reads the same state file the comparison used
  const status = spawnSync(process.execPath, [...CLI, 'status', '--json', '--data-dir', dir], {encoding: 'utf8', timeout: 30_000});
  // README "Status exit codes": a running bot exits 0 (compliant) or 1 (not, which faults may cause)
  assert.ok(status.status === 0 || status.status === 1, `status exit ${status.status}: ${status.stderr}`);
  assert.equal((JSON.parse(status.stdout) as {running: boolean}).running, true, 'status --json sees the bot running');

  // (b) stop with the faults still on: the bot must leave nothing of ours resting
  bot.child.kill('SIGTERM');
  let hangTimer: NodeJS.Timeout | undefined;
  const exitCode = await Promise.race([bot.exited, new Promise<'hung'>((r) => (hangTimer = setTimeout(() => r('hung'), 90_000)))]);
  clearTimeout(hangTimer);
  assert.notEqual(exitCode, 'hung', 'bot did not stop within 90 s of SIGTERM');
  for (const name of faults) sim.setFault(name, false);
  const orphans = ourSimOrders(sim);
  // (c) + (d)
  const journal = checkJournals(dir);
  return {
    faults,
    injected,
    duringFaults,
    watch: watched,
    afterFaults,
    orphans,
    journal,
    exitCode: exitCode as number | null,
    simInternalErrors: sim.stats().internalErrors,
  };
}

export function describeFaultResult(r: FaultScenarioResult): string {
  const d = r.duringFaults;
  const transit = r.watch.longestTransit;
  const conv = d.agreed
    ? d.kind === 'exact'
      ? `agreed exactly with faults on ${d.ms} ms after the fault period`
      : `agreed with faults on ${d.ms} ms after the fault period with ${Object.keys(d.inTransit).length} in transit ${JSON.stringify(d.inTransit)}, settled by ${d.resolvedMs} ms`
    : `DID NOT AGREE with faults on within ${AGREE_WINDOW_MS} ms: ${JSON.stringify(d.lastDiff)}; ` +
      (r.afterFaults?.agreed ? `agreed ${r.afterFaults.ms} ms after faults off` : `not after faults off either: ${JSON.stringify(r.afterFaults?.lastDiff)}`);
  return (
    `fault ${r.faults.join('+')}: injected ${JSON.stringify(r.injected)}; sim vs local ${conv}; ` +
    `faults on: ${r.watch.looks} looks, ${r.watch.exactLooks} exact, ${r.watch.accountedLooks} agreeing, longest without agreement ${r.watch.longestDisagreementMs} ms, ` +
    `longest in transit ${transit ? `${transit.ms} ms (${transit.status}${transit.settled ? '' : ', still'})` : 'none'}; ` +
    `exit ${r.exitCode}, ${r.orphans.length} orphans, ${r.journal.duplicates.length} duplicate clientOrderIds, ` +
    `${r.journal.placed} placed, ${r.journal.fills} fills, ${r.journal.lines} journal lines, ${r.journal.badLines.length} bad, ${r.journal.dangling.length} dangling`
  );
}

/** Every check of one scenario; shared by the quick and the full suite. */
export function assertFaultResult(r: FaultScenarioResult): void {
  const name = r.faults.join('+');
  for (const fault of r.faults) {
    // serverError's KuCoin half is level-triggered and not counted; its MEXC half counts every 5xx
    assert.ok((r.injected[fault] ?? 0) >= 1, `${name}: fault ${fault} was never injected (${JSON.stringify(r.injected)})`);
  }
  assert.ok(
    r.duringFaults.agreed,
    `${name}: simulator and local view did not agree with the faults on within ${AGREE_WINDOW_MS} ms: ${JSON.stringify(r.duringFaults.lastDiff)}` +
      ` (after faults off: ${r.afterFaults?.agreed ? `agreed in ${r.afterFaults.ms} ms` : JSON.stringify(r.afterFaults?.lastDiff)})`,
  );
  assert.ok(r.watch.looks >= 10, `${name}: only ${r.watch.looks} looks with a fresh state file while the faults were on`);
  const transit = r.watch.longestTransit;
  assert.ok(!transit || transit.ms <= MAX_TRANSIT_MS, `${name}: order ${transit?.id} stayed ${transit?.status} for ${transit?.ms} ms with the faults on`);
  assert.ok(r.watch.longestDisagreementMs <= MAX_DISAGREEMENT_MS, `${name}: ${r.watch.longestDisagreementMs} ms without agreement with the faults on: ${JSON.stringify(r.watch.lastDiff)}`);
  assert.equal(r.exitCode, 0, `${name}: exit code after SIGTERM`);
  assert.deepEqual(r.orphans, [], `${name}: orders of ours left on the simulator`);
  assert.deepEqual(r.journal.duplicates, [], `${name}: clientOrderIds placed twice`);
  assert.deepEqual(r.journal.badLines, [], `${name}: journal lines that do not parse`);
  assert.deepEqual(r.journal.dangling, [], `${name}: journal records for orders never placed nor adopted`);
  assert.deepEqual(r.journal.duplicateTrades, [], `${name}: a fill journaled twice`);
  assert.ok(r.journal.placed >= 10, `${name}: only ${r.journal.placed} orders placed`);
  assert.equal(r.simInternalErrors, 0, `${name}: the simulator caught exceptions in itself`);
}
