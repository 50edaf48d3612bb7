import assert from 'node:assert/strict';
import {test} from 'node:test';
import {auditAccount, firstPointAtOrAfter, type AuditInput} from '../../../source/sim/record/accountAudit.js';
import type {RecordedTrade} from '../../../source/sim/record/simRecord.js';

const trade = (over: Partial<RecordedTrade> & Pick<RecordedTrade, 'time' | 'side' | 'price' | 'qty' | 'quoteQty'>): RecordedTrade => ({
  tradeId: `t${over.time}`,
  orderId: `o${over.time}`,
  clientOrderId: null,
  fee: '0',
  feeAsset: over.side === 'BUY' ? 'RMV' : 'USDT',
  isMaker: true,
  ...over,
});

// Worked by hand below: a taker buy with a base fee, a maker sell, and a late maker buy whose 60 s is past the path.
const record: AuditInput = {
  baseAsset: 'RMV',
  quoteAsset: 'USDT',
  startedAt: 0,
  endedAt: 62_000,
  startBalances: {RMV: '1000', USDT: '1000'},
  finalBalances: {RMV: '1006.995', USDT: '998.27'},
  trades: [
    trade({time: 1000, side: 'BUY', price: '0.25', qty: '10', quoteQty: '2.5', fee: '0.005', isMaker: false}),
    trade({time: 2000, side: 'SELL', price: '0.26', qty: '4', quoteQty: '1.04'}),
    trade({time: 10_000, side: 'BUY', price: '0.27', qty: '1', quoteQty: '0.27'}),
  ],
  reference: {
    path: [
      [0, 0.25],
      [1500, 0.251],
      [2000, 0.26],
      [3000, 0.255],
      [12_000, 0.27],
      [62_000, 0.28],
    ],
    final: [62_000, 0.28],
  },
};

const close = (actual: number | null, expected: number, what: string) => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);
};

test('balance changes include fees exactly, and the trades reconcile start with final', () => {
  const audit = auditAccount(record);
  // base: +10 − 0.005 (fee) − 4 + 1; quote: −2.5 + 1.04 − 0.27
  assert.equal(audit.baseChange, '6.995');
  assert.equal(audit.quoteChange, '-1.73');
  assert.deepEqual(audit.fees, {RMV: '0.005', USDT: '0'});
  assert.equal(audit.turnoverQuote, '3.81');
  assert.deepEqual(audit.fills, {buy: 2, sell: 1, maker: 2, taker: 1});
  assert.equal(audit.balancesReconcile, true);
  assert.equal(audit.durationSec, 62);
  assert.equal(auditAccount({...record, finalBalances: {RMV: '1006.995', USDT: '998.28'}}).balancesReconcile, false);
});

test('P&L versus holding = baseChange × mark + quoteChange, at the final reference unless a mark is given', () => {
  const atFinal = auditAccount(record);
  assert.equal(atFinal.mark, 0.28);
  close(atFinal.pnlVsHold, 6.995 * 0.28 - 1.73, 'at 0.28'); // 0.2286
  close(auditAccount(record, {mark: 0.25}).pnlVsHold, 0.01875, 'at 0.25');
  assert.equal(auditAccount({...record, reference: {path: [], final: null}}).pnlVsHold, null);
});

test('markouts read the first reference point at or after trade time + τ, signed by our side; null past the path', () => {
  const audit = auditAccount(record);
  const [buy, sell, late] = audit.trades;
  // BUY 10 @ 0.25 at 1 s: 2 s → 0.26 (exactly at), 11 s → 12 s's 0.27, 61 s → 62 s's 0.28
  close(buy!.markouts['1s'], 0.1, 'buy 1s');
  close(buy!.markouts['10s'], 0.2, 'buy 10s');
  close(buy!.markouts['60s'], 0.3, 'buy 60s');
  // SELL 4 @ 0.26 at 2 s: −(0.255 − 0.26) × 4, −(0.27 − 0.26) × 4, −(0.28 − 0.26) × 4
  close(sell!.markouts['1s'], 0.02, 'sell 1s');
  close(sell!.markouts['10s'], -0.04, 'sell 10s');
  close(sell!.markouts['60s'], -0.08, 'sell 60s');
  // BUY 1 @ 0.27 at 10 s: 11 s → 0.27, 20 s → 0.28, 70 s → nothing recorded that late
  close(late!.markouts['1s'], 0, 'late 1s');
  close(late!.markouts['10s'], 0.01, 'late 10s');
  assert.equal(late!.markouts['60s'], null);
  close(audit.markoutSums['1s'].sum, 0.12, '1s sum');
  close(audit.markoutSums['10s'].sum, 0.17, '10s sum');
  close(audit.markoutSums['60s'].sum, 0.22, '60s sum');
  assert.deepEqual([audit.markoutSums['1s'].counted, audit.markoutSums['10s'].counted, audit.markoutSums['60s'].counted], [3, 3, 2]);
  close(audit.adverseSelection, -0.22, 'adverse selection = − the 60 s sum');
});

test('a record with no trades changes nothing and selects nothing adversely', () => {
  const audit = auditAccount({...record, trades: [], finalBalances: {RMV: '1000', USDT: '1000'}});
  assert.equal(audit.baseChange, '0');
  assert.equal(audit.quoteChange, '0');
  assert.equal(audit.pnlVsHold, 0);
  assert.equal(audit.adverseSelection, 0);
  assert.equal(audit.balancesReconcile, true);
});

test('a trade whose numbers are not exact decimals is refused, not read as zero', () => {
  assert.throws(() => auditAccount({...record, trades: [trade({time: 1, side: 'BUY', price: '0.25', qty: '1e3', quoteQty: '250'})]}), /qty "1e3"/);
});

test('firstPointAtOrAfter: the first point at or after a time, path.length past the end', () => {
  const path: Array<[number, number]> = [
    [10, 1],
    [20, 2],
    [20, 3],
    [30, 4],
  ];
  assert.deepEqual([5, 10, 11, 20, 21, 30, 31].map((t) => firstPointAtOrAfter(path, t)), [0, 0, 1, 1, 3, 3, 4]);
});
