// The engine's clocks (timerEvents.ts): what each timer does to the state, what it journals, and
// whether it asks for a decision pass.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {applyTimer} from '../../source/engine/timerEvents.js';
import {makeState, putOrder, recordedContext, T0} from './engineFixtures.js';

/** MEXC book 0.249 / 0.251 (10,000 RMV each), synced and live: spread 0.8 %, 2,490 / 2,510 USDT in the band. */
function withMexcBook(configure?: Parameters<typeof makeState>[0]) {
  const r = recordedContext(makeState(configure));
  r.state.mexcBook.applySnapshot(1, [['0.24900', '10000']], [['0.25100', '10000']], T0);
  r.state.streams['mexc.book'].state = 'live';
  return r;
}

test('complianceSample journals the sample of the MEXC book at the timer time, own orders measured, and decides nothing', () => {
  const r = withMexcBook();
  putOrder(r.state, 'mmxa', {side: 'BUY', priceTicks: 24_900, qtyLots: 100_000, state: 'open'}); // 1,000 RMV = 249 USDT
  putOrder(r.state, 'mmxb', {side: 'SELL', priceTicks: 25_100, qtyLots: 100_000, state: 'pendingNew'}); // not resting yet
  assert.equal(applyTimer(r.ctx, 'complianceSample', T0 + 700), false);
  assert.deepEqual(r.journal, [
    {
      stream: 'compliance',
      at: T0 + 700,
      pass: true,
      passCombined: true,
      spread: 0.008,
      bidDepth: 2490,
      askDepth: 2510,
      combinedDepth: 5000,
      ownBidDepth: 249,
      ownAskDepth: 0,
      reason: null,
      checks: {bid: true, ask: true, spread: true},
    },
  ]);
  const gauges = r.state.compliance.gauges(T0 + 700);
  assert.equal(gauges.lastHour.samples, 1, 'the sample is recorded in the tracker');
  assert.equal(gauges.lastHour.perSide, 100);
  assert.equal(r.pushed.length, 0);
});

test('complianceSample uses the configured band, minimum depth and maximum spread', () => {
  const depth = withMexcBook((c) => (c.compliance.minDepthUsdt = 2_500));
  applyTimer(depth.ctx, 'complianceSample', T0);
  assert.equal(depth.journal[0]!.stream === 'compliance' && depth.journal[0]!.reason, 'bid depth 2490 < 2500');

  const spread = withMexcBook((c) => (c.compliance.maxSpreadPct = 0.005));
  applyTimer(spread.ctx, 'complianceSample', T0);
  assert.equal(spread.journal[0]!.stream === 'compliance' && spread.journal[0]!.reason, 'spread 0.8% ≥ 0.5%');

  const band = withMexcBook((c) => (c.bandPct = 0.003));
  applyTimer(band.ctx, 'complianceSample', T0);
  const rec = band.journal[0]!;
  assert.ok(rec.stream === 'compliance');
  assert.deepEqual([rec.bidDepth, rec.askDepth, rec.reason], [0, 0, 'bid depth 0 < 1000']);
});

test('complianceSample fails a synced book whose stream is not live, naming the stream state', () => {
  for (const s of ['stale', 'down', 'connecting'] as const) {
    const r = withMexcBook();
    r.state.streams['mexc.book'].state = s;
    applyTimer(r.ctx, 'complianceSample', T0);
    const rec = r.journal[0]!;
    assert.ok(rec.stream === 'compliance');
    assert.deepEqual([rec.pass, rec.reason, (rec as unknown as {checks: unknown}).checks], [false, `book stale: MEXC book ${s}`, {bid: false, ask: false, spread: false}], s);
  }
});

test('complianceSample reads a REST-polled MEXC book while its snapshot is at most staleAfterSec old; older, it fails naming the stream', () => {
  const fresh = withMexcBook();
  fresh.state.streams['mexc.book'].state = 'polling';
  fresh.state.now = T0 + 10_000;
  applyTimer(fresh.ctx, 'complianceSample', T0 + 10_000);
  const ok = fresh.journal[0]!;
  assert.ok(ok.stream === 'compliance');
  assert.deepEqual([ok.pass, ok.reason], [true, null]);

  const old = withMexcBook();
  old.state.streams['mexc.book'].state = 'polling';
  old.state.now = T0 + 10_001;
  applyTimer(old.ctx, 'complianceSample', T0 + 10_001);
  const rec = old.journal[0]!;
  assert.ok(rec.stream === 'compliance');
  assert.deepEqual([rec.pass, rec.reason], [false, 'book stale: MEXC book polling']);
});

test('complianceSample updates the staleness clocks first', () => {
  const r = withMexcBook();
  r.state.now = T0 + 3;
  applyTimer(r.ctx, 'complianceSample', T0 + 3);
  assert.equal(r.state.referenceStaleSince, T0 + 3, 'no KuCoin book: the reference is stale');
});

test('reconcile starts one reconcile (open orders and, on a fresh state, balances) and decides nothing', async () => {
  const r = recordedContext();
  r.state.now = T0 + 9;
  assert.equal(applyTimer(r.ctx, 'reconcile', T0 + 9), false);
  assert.equal(r.state.reconcileInFlight, true);
  assert.equal(r.state.lastBalanceRefreshAt, T0 + 9);
  await r.executor.drained();
  assert.deepEqual(r.pushed.map((e) => e.type), ['connection', 'openOrders', 'balance']);
  assert.equal(applyTimer(r.ctx, 'reconcile', T0 + 10), false);
  await r.executor.drained();
  assert.equal(r.pushed.length, 3, 'a second reconcile while one is in flight sends nothing');
});

test('reset before its time does nothing; at nextResetAt it retires the ladder; both ask for a decision', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa');
  const due = T0 + 1_800_000;
  assert.equal(r.state.nextResetAt, due);
  r.state.now = due - 1;
  assert.equal(applyTimer(r.ctx, 'reset', due - 1), true);
  assert.equal(r.state.orders.get('mmxa')!.retiring, null);
  assert.equal(r.state.nextResetAt, due);
  assert.equal(r.notices.length, 0);
  r.state.now = due;
  assert.equal(applyTimer(r.ctx, 'reset', due), true);
  assert.equal(r.state.orders.get('mmxa')!.retiring, 'reset');
  assert.equal(r.state.nextResetAt, due + 1_800_000);
  assert.deepEqual(r.notices.map((n) => n.text), ['scheduled reset: rebuilding 1 order(s), new ones first']);
});

test('reset goes by the engine clock, not the timer event time', () => {
  const r = recordedContext();
  putOrder(r.state, 'mmxa');
  r.state.now = T0 + 1_800_000 - 1;
  applyTimer(r.ctx, 'reset', T0 + 1_800_000);
  assert.equal(r.state.orders.get('mmxa')!.retiring, null);
});

test('depthCheck asks for a decision pass and changes nothing', () => {
  const r = recordedContext();
  assert.equal(applyTimer(r.ctx, 'depthCheck', T0), true);
  assert.equal(r.state.referenceStaleSince, null);
  assert.deepEqual([r.journal, r.notices, r.pushed], [[], [], []]);
});

test('staleCheck updates the staleness clocks and asks for a decision pass', () => {
  const r = recordedContext();
  r.state.now = T0 + 4;
  assert.equal(applyTimer(r.ctx, 'staleCheck', T0 + 4), true);
  assert.equal(r.state.referenceStaleSince, T0 + 4);
});

test('stateFlush and snapshot change nothing here and decide nothing (the kernel publishes the views)', () => {
  for (const timer of ['stateFlush', 'snapshot'] as const) {
    const r = recordedContext();
    assert.equal(applyTimer(r.ctx, timer, T0), false, timer);
    assert.equal(r.state.referenceStaleSince, null, timer);
    assert.deepEqual([r.journal, r.notices, r.pushed], [[], [], []], timer);
  }
});
