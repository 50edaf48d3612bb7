// The fill ledger of a sim-mode run against the simulator's own record of the same run (--sim-record:
// its trades of the test account and its reference path, docs/simulator.md §9): P&L equal to a
// recomputation from the simulator's trades to the cent, and markouts read on the reference path the
// simulator recorded (docs/strategy.md §19).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {startCli, tempDir} from './processHarness.js';
import type {PersistedState} from '../../source/engine/view/snapshot.js';
import type {SimRecord} from '../../source/sim/record/simRecord.js';
import {auditAccount} from '../../source/sim/record/accountAudit.js';

/** The recorded reference mid in force at `at`: the last point at or before it. */
function recordedMidAt(path: Array<[number, number]>, at: number): number | null {
  let found: number | null = null;
  for (const [time, mid] of path) {
    if (time > at) break;
    found = mid;
  }
  return found;
}

test('a volatile sim run: the ledger\'s P&L equals the simulator\'s trades recomputed, to the cent, and its markouts follow the recorded reference path', {timeout: 120_000}, async (t) => {
  const dir = tempDir(t);
  const recordPath = join(dir, 'sim-record.json');
  const run = startCli(['--no-ui', '--duration', '30', '--scenario', 'volatile', '--seed', '4', '--data-dir', dir, '--sim-record', recordPath]);
  t.after(() => run.child.kill('SIGKILL'));
  assert.equal(await run.exited, 0, run.stderr());
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as SimRecord;
  const ledger = (JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as PersistedState).ledger!;
  const trades = record.trades.filter((trade) => trade.clientOrderId?.startsWith('mmx') ?? trade.isMaker);
  assert.ok(trades.length >= 3, `only ${trades.length} trades in the run`);
  assert.equal(ledger.sinceStart.fills, trades.length);

  let base = 0;
  let quote = 0;
  for (const trade of trades) {
    const side = trade.side === 'BUY' ? 1 : -1;
    const fee = Number(trade.fee);
    base += side * Number(trade.qty) - (trade.feeAsset === record.baseAsset ? fee : 0);
    quote += -side * Number(trade.quoteQty) - (trade.feeAsset === record.quoteAsset ? fee : 0);
  }
  const mark = ledger.now.mark;
  assert.equal(Math.round(ledger.sinceStart.vsHold * 100), Math.round((base * mark + quote) * 100), `vs hold: ledger ${ledger.sinceStart.vsHold}, simulator ${base * mark + quote}`);
  // and the simulator's own audit of the record, in exact decimals, at the same mark
  const audit = auditAccount(record, {mark});
  assert.equal(audit.balancesReconcile, true, 'the recorded trades account for every balance movement');
  assert.equal(Math.round(ledger.sinceStart.vsHold * 100), Math.round(audit.pnlVsHold! * 100), `vs hold: ledger ${ledger.sinceStart.vsHold}, audit ${audit.pnlVsHold}`);

  // markouts: the mid the ledger read τ after each fill against the recorded reference at the same moment
  const byId = new Map(trades.map((trade) => [trade.tradeId, trade]));
  let compared = 0;
  let worst = 0;
  for (const fill of ledger.recentFills) {
    const trade = byId.get(fill.tradeId);
    assert.ok(trade, `fill ${fill.tradeId} is one of the simulator's trades`);
    for (const [key, seconds] of [['s1', 1], ['s10', 10]] as const) {
      const mid = fill.markoutMids[key];
      if (mid === null) continue;
      const recorded = recordedMidAt(record.reference.path, trade.time + seconds * 1000)!;
      // KuCoin's book is built around the price process: its mid sits within a tick or two of it, and the
      // engine hears of a change a few milliseconds after the simulator made it
      const error = Math.abs(mid - recorded) / recorded;
      worst = Math.max(worst, error);
      const markout = (fill.side === 'BUY' ? 1 : -1) * (mid - fill.price) * fill.qty;
      assert.ok(Math.abs(fill.markouts[key]! - markout) < 1e-9, 'the markout is side × (mid − price) × qty');
      compared++;
    }
  }
  assert.ok(compared >= 3, `only ${compared} markouts to compare`);
  assert.ok(worst < 0.002, `a markout mid ${(worst * 100).toFixed(3)} % away from the recorded reference`);
});
