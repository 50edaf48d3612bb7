import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {KucoinBookModel, type BookOp} from '../../../source/sim/kucoin/bookModel.js';
import {buildL2Updates} from '../../../source/sim/kucoin/level2Messages.js';
import {SeededRandom} from '../../../source/sim/seededRandom.js';

const scales = {priceDecimals: 5, sizeDecimals: 2};

/** A mid path: a random walk with occasional jumps, in price units. */
const midPath = fc.tuple(fc.double({min: 0.001, max: 500, noNaN: true}), fc.array(fc.double({min: -0.08, max: 0.08, noNaN: true}), {minLength: 1, maxLength: 25}));

function apply(levels: {bids: Map<number, number>; asks: Map<number, number>}, op: BookOp): void {
  if (op.priceTicks === 0) return;
  if (op.sizeLots === 0) levels[op.side].delete(op.priceTicks);
  else levels[op.side].set(op.priceTicks, op.sizeLots);
}

test('ops take consecutive sequences and replaying them reproduces the book, which stays uncrossed and inside the band', () => {
  fc.assert(
    fc.property(fc.integer(), midPath, (seed, [start, moves]) => {
      const book = new KucoinBookModel({seed, ...scales});
      const mirror = {bids: new Map<number, number>(), asks: new Map<number, number>()};
      let mid = start;
      for (const move of moves) {
        mid *= 1 + move;
        const before = book.sequence;
        const ops = book.step(mid);
        ops.forEach((op, k) => assert.equal(op.sequence, before + k + 1));
        assert.equal(book.sequence, before + ops.length);
        for (const op of ops) apply(mirror, op);
        assert.deepEqual(mirror.bids, book.bids);
        assert.deepEqual(mirror.asks, book.asks);
        const best = book.bestBidAsk();
        assert.ok(best, 'both sides present');
        assert.ok(best.bidTicks < best.askTicks, 'uncrossed');
        const midTicks = mid * 10 ** scales.priceDecimals;
        assert.ok(best.askTicks - best.bidTicks <= Math.max(2, midTicks * 0.001 + 2), 'tight spread');
        for (const price of book.bids.keys()) assert.ok(price > 0 && price >= Math.min(best.bidTicks, midTicks * 0.95 - 1));
        for (const price of book.asks.keys()) assert.ok(price <= Math.max(best.askTicks, midTicks * 1.05 + 1));
        for (const size of [...book.bids.values(), ...book.asks.values()]) assert.ok(Number.isSafeInteger(size) && size > 0);
      }
    }),
    {numRuns: 60},
  );
});

test('l2update messages cover every sequence of a step once, per-change sequences stay in range, and replaying them equals replaying the ops', () => {
  fc.assert(
    fc.property(fc.integer(), midPath, (seed, [start, moves]) => {
      const book = new KucoinBookModel({seed, ...scales});
      const viaOps = {bids: new Map<number, number>(), asks: new Map<number, number>()};
      const viaMessages = {bids: new Map<string, string>(), asks: new Map<string, string>()};
      const chunking = SeededRandom.stream(seed, 'test-chunking');
      let mid = start;
      let expectedStart = book.sequence + 1;
      for (const move of moves) {
        mid *= 1 + move;
        const ops = book.step(mid);
        for (const op of ops) apply(viaOps, op);
        for (const message of buildL2Updates(ops, 'X-USDT', 1, scales, chunking)) {
          assert.equal(message.sequenceStart, expectedStart);
          assert.ok(message.sequenceEnd >= message.sequenceStart);
          expectedStart = message.sequenceEnd + 1;
          for (const side of ['asks', 'bids'] as const) {
            for (const [price, size, seq] of message.changes[side]) {
              assert.ok(Number(seq) >= message.sequenceStart && Number(seq) <= message.sequenceEnd);
              if (price === '0') continue;
              if (size === '0') viaMessages[side].delete(price);
              else viaMessages[side].set(price, size);
            }
          }
        }
        assert.equal(expectedStart, book.sequence + 1);
      }
      const asText = (m: Map<number, number>): Map<string, string> =>
        new Map([...m].map(([p, s]) => [String(p / 10 ** scales.priceDecimals), String(s / 10 ** scales.sizeDecimals)]));
      assert.deepEqual(new Map([...viaMessages.bids].map(([p, s]) => [String(Number(p)), String(Number(s))])), asText(viaOps.bids));
      assert.deepEqual(new Map([...viaMessages.asks].map(([p, s]) => [String(Number(p)), String(Number(s))])), asText(viaOps.asks));
    }),
    {numRuns: 60},
  );
});

test('a repeated change of one price inside a message is coalesced to the latest, leaving a hole in per-change sequences', () => {
  const ops: BookOp[] = [
    {side: 'asks', priceTicks: 100, sizeLots: 5, sequence: 17},
    {side: 'asks', priceTicks: 100, sizeLots: 7, sequence: 18},
    {side: 'bids', priceTicks: 90, sizeLots: 0, sequence: 19},
  ];
  const oneChunk = {next: () => 0.999, int: (_lo: number, hi: number) => hi};
  const [message, extra] = buildL2Updates(ops, 'X-USDT', 5, {priceDecimals: 1, sizeDecimals: 0}, oneChunk);
  assert.equal(extra, undefined);
  assert.deepEqual(message, {
    changes: {asks: [['10', '7', '18']], bids: [['9', '0', '19']]},
    sequenceEnd: 19,
    sequenceStart: 17,
    symbol: 'X-USDT',
    time: 5,
  });
});
