import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DAY_MS, FillLedger, HOUR_JOURNAL_DELAY_MS, HOUR_MS, REMEMBERED_TRADE_IDS, type LedgerFillInput} from '../../../source/engine/ledger/fillLedger.js';

// an hour boundary to work around: 10:00 UTC on some day
const H = 500_000 * HOUR_MS;
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

function fill(over: Partial<LedgerFillInput> & Pick<LedgerFillInput, 'tradeId' | 'side' | 'price' | 'qty' | 'at'>): LedgerFillInput {
  const signed = over.side === 'BUY' ? 1 : -1;
  const feeQuote = over.feeQuote ?? 0;
  return {
    clientOrderId: 'mmx1',
    orderId: 'E1',
    fee: feeQuote,
    feeAsset: 'USDT',
    feeQuote,
    baseChange: signed * over.qty,
    quoteChange: -signed * over.price * over.qty - feeQuote,
    refMid: null,
    mexcMid: null,
    ...over,
  };
}

function begun(): FillLedger {
  const ledger = new FillLedger();
  ledger.begin(H + 1000, 1000, 250, 0.25); // 1,000 base and 250 USDT at 0.25: 500 USDT, half in base
  return ledger;
}

test('P&L versus holding is the base the fills moved at the mark plus the USDT they moved; mark-to-market adds the market move of the start inventory', () => {
  const ledger = begun();
  ledger.addFill(fill({tradeId: 'a', side: 'BUY', price: 0.249, qty: 100, at: H + 2000, feeQuote: 0.01}));
  ledger.addFill(fill({tradeId: 'b', side: 'SELL', price: 0.252, qty: 40, at: H + 3000}));
  ledger.setMark(H + 4000, 0.26);
  const view = ledger.view(H + 4000)!;
  // base +60, USDT −24.9 − 0.01 + 10.08 = −14.83
  close(view.sinceStart.baseChange, 60, 'base change');
  close(view.sinceStart.quoteChange, -14.83, 'quote change');
  close(view.sinceStart.vsHold, 60 * 0.26 - 14.83, 'vs hold');
  // holdings now 1060 × 0.26 + 235.17 against 1000 × 0.25 + 250 at the start
  close(view.sinceStart.markToMarket, 1060 * 0.26 + 235.17 - 500, 'mark to market');
  close(view.sinceStart.fees, 0.01, 'fees');
  close(view.sinceStart.turnover, 24.9 + 10.08, 'turnover');
  assert.deepEqual([view.sinceStart.fills, view.sinceStart.buys, view.sinceStart.sells], [2, 1, 1]);
  // 40 of the 100 bought at 0.249 closed at 0.252
  close(view.sinceStart.realised, 40 * 0.003, 'realised');
  close(view.position, 60, 'position');
  close(view.averageCost!, 0.249, 'average cost');
  close(view.unrealised, 60 * (0.26 - 0.249), 'unrealised');
  close(view.now.base, 1060, 'inventory base');
  close(view.now.quote, 235.17, 'inventory quote');
  close(view.now.baseRatio, (1060 * 0.26) / (1060 * 0.26 + 235.17), 'base ratio');
  assert.equal(view.start.baseRatio, 0.8 * 0 + 0.5 * 1); // 250 / 500
});

test('a fill applied before the ledger began is taken back out of the starting balances (they already hold it)', () => {
  const ledger = new FillLedger();
  ledger.addFill(fill({tradeId: 'early', side: 'BUY', price: 0.25, qty: 100, at: H}));
  ledger.begin(H + 1000, 1100, 225, 0.25);
  const view = ledger.view(H + 1000)!;
  assert.deepEqual([view.start.base, view.start.quote], [1000, 250]);
  assert.deepEqual([view.now.base, view.now.quote], [1100, 225]);
});

test('a trade id counts once: the second time it is refused and counted as a duplicate', () => {
  const ledger = begun();
  assert.equal(ledger.addFill(fill({tradeId: 't', side: 'BUY', price: 0.25, qty: 10, at: H + 2000})), true);
  assert.equal(ledger.addFill(fill({tradeId: 't', side: 'BUY', price: 0.25, qty: 10, at: H + 2500})), false);
  const view = ledger.view(H + 3000)!;
  assert.equal(view.sinceStart.fills, 1);
  assert.equal(view.duplicateFills, 1);
  close(view.sinceStart.baseChange, 10, 'base counted once');
});

test('the trade ids remembered are bounded: the oldest is forgotten past the limit', () => {
  const ledger = begun();
  for (let i = 0; i <= REMEMBERED_TRADE_IDS; i++) ledger.addFill(fill({tradeId: `t${i}`, side: i % 2 ? 'BUY' : 'SELL', price: 0.25, qty: 1, at: H + 2000}));
  assert.equal(ledger.persisted().tradeIds.length, REMEMBERED_TRADE_IDS);
  assert.equal(ledger.addFill(fill({tradeId: 't0', side: 'SELL', price: 0.25, qty: 1, at: H + 3000})), true);
});

test('markouts: side × (mid τ later − price) × qty at 1 s, 10 s and 60 s; the 60 s sum, negated, is the adverse selection', () => {
  const ledger = begun();
  ledger.addFill(fill({tradeId: 'buy', side: 'BUY', price: 0.25, qty: 100, at: H + 2000}));
  ledger.addFill(fill({tradeId: 'sell', side: 'SELL', price: 0.251, qty: 100, at: H + 2000}));
  const mids = new Map([[H + 3000, 0.2495], [H + 12_000, 0.249], [H + 62_000, 0.248]]);
  const asked: number[] = [];
  const midAt = (due: number) => (asked.push(due), mids.get(due) ?? null);
  assert.deepEqual(ledger.measureMarkouts(H + 2999, midAt), []);
  assert.deepEqual(asked, []); // nothing is due yet
  ledger.measureMarkouts(H + 12_500, midAt);
  let view = ledger.view(H + 12_500)!;
  const [buy, sell] = view.recentFills;
  assert.deepEqual(buy!.markoutMids, {s1: 0.2495, s10: 0.249, s60: null});
  close(buy!.markouts.s1!, -0.05, 'buy 1 s');
  close(sell!.markouts.s10!, 0.2, 'sell 10 s');
  assert.equal(view.pendingMarkouts, 2);
  const done = ledger.measureMarkouts(H + 62_000, midAt);
  assert.deepEqual(done.map((f) => f.tradeId), ['buy', 'sell']);
  view = ledger.view(H + 62_000)!;
  close(view.sinceStart.markoutSums.s60, 100 * (0.248 - 0.25) + 100 * (0.251 - 0.248), '60 s sum');
  close(view.sinceStart.adverseSelection, -view.sinceStart.markoutSums.s60, 'adverse selection');
  assert.deepEqual(view.sinceStart.markoutCounts, {s1: 2, s10: 2, s60: 2});
  assert.equal(view.pendingMarkouts, 0);
  close(view.today.markoutSums.s1, view.sinceStart.markoutSums.s1, 'today carries the same markouts');
});

test('a markout without a reference at its horizon stays null and is not counted', () => {
  const ledger = begun();
  ledger.addFill(fill({tradeId: 'x', side: 'BUY', price: 0.25, qty: 1, at: H + 2000}));
  const done = ledger.measureMarkouts(H + 70_000, () => null);
  assert.deepEqual(done[0]!.markouts, {s1: null, s10: null, s60: null});
  assert.deepEqual(ledger.view(H + 70_000)!.sinceStart.markoutCounts, {s1: 0, s10: 0, s60: 0});
});

test('hours: a closed hour keeps its P&L; the next hour carries the move of the drift; the hours add up to since-start', () => {
  const ledger = begun();
  ledger.addFill(fill({tradeId: 'a', side: 'BUY', price: 0.25, qty: 100, at: H + 5000})); // +100 base, −25 USDT
  ledger.setMark(H + HOUR_MS - 1000, 0.251);
  ledger.setMark(H + HOUR_MS + 1000, 0.26); // closes the first hour at 0.251
  const view = ledger.view(H + HOUR_MS + 1000)!;
  assert.equal(view.hours.length, 2);
  const [first, second] = view.hours;
  close(first!.vsHold, 100 * 0.251 - 25, 'first hour');
  close(second!.vsHold, 100 * (0.26 - 0.251), 'second hour: the drift revalued');
  close(first!.vsHold + second!.vsHold, view.sinceStart.vsHold, 'hours add up');
  assert.deepEqual([first!.fills, second!.fills], [1, 0]);
  assert.equal(first!.from, H);
});

test('a closed hour is journalled once, after its last fills\' 60 s markouts had time to come in', () => {
  const ledger = begun();
  ledger.addFill(fill({tradeId: 'a', side: 'BUY', price: 0.25, qty: 100, at: H + HOUR_MS - 10_000}));
  ledger.setMark(H + HOUR_MS + 500, 0.25);
  assert.deepEqual(ledger.hoursToJournal(H + HOUR_MS + 500), []);
  ledger.measureMarkouts(H + HOUR_MS + 50_000, () => 0.249);
  const ready = ledger.hoursToJournal(H + HOUR_MS + HOUR_JOURNAL_DELAY_MS);
  assert.equal(ready.length, 1);
  assert.equal(ready[0]!.figures.markoutCounts.s60, 1);
  close(ready[0]!.inventory.base, 1100, 'inventory at the hour end');
  assert.deepEqual(ledger.hoursToJournal(H + 2 * HOUR_MS), []);
});

test('today is the current UTC day only; yesterday is among the days', () => {
  const ledger = begun();
  ledger.addFill(fill({tradeId: 'a', side: 'BUY', price: 0.25, qty: 100, at: H + 5000}));
  const tomorrow = (Math.floor(H / DAY_MS) + 1) * DAY_MS + 1000;
  ledger.setMark(tomorrow, 0.25);
  const view = ledger.view(tomorrow)!;
  assert.equal(view.today.fills, 0);
  assert.equal(view.days.length, 2);
  assert.equal(view.days[0]!.fills, 1);
});

test('persisted and restored through JSON, the ledger goes on with the same figures and still knows its trade ids', () => {
  const ledger = begun();
  ledger.addFill(fill({tradeId: 'a', side: 'BUY', price: 0.25, qty: 100, at: H + 5000}));
  ledger.setMark(H + 6000, 0.26);
  const restored = new FillLedger(JSON.parse(JSON.stringify(ledger.persisted())));
  assert.deepEqual(restored.view(H + 6000), ledger.view(H + 6000));
  assert.equal(restored.addFill(fill({tradeId: 'a', side: 'BUY', price: 0.25, qty: 100, at: H + 5000})), false);
  assert.equal(restored.newestFillAt, H + 5000);
  assert.equal(restored.measureMarkouts(H + 70_000, () => 0.25).length, 1); // its pending markouts came along
});
