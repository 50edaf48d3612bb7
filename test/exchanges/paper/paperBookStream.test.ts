import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import type {EngineEvent} from '../../../source/engine/events.js';
import {OrderBook} from '../../../source/engine/market/orderbook.js';
import {PaperBookStream} from '../../../source/exchanges/paper/paperBookStream.js';
import {makeHarness, wire, type Harness} from './matcherHarness.js';

/** The stream under test, fed by hand-made real-feed events, with what the engine would hold. */
function setup(h: Harness = makeHarness({synced: false})) {
  const stream = new PaperBookStream({book: h.book, matcher: h.matcher, now: () => h.clock.now});
  const sent: EngineEvent[] = [];
  const engineBook = new OrderBook(5);
  const results: string[] = [];
  const sink = (event: EngineEvent): void => {
    sent.push(event);
    if (event.type === 'book.snapshot') engineBook.applySnapshot(event.version, event.bids, event.asks, event.at);
    if (event.type === 'book.delta') results.push(engineBook.applyDelta(event.fromVersion, event.toVersion, event.bids, event.asks, event.at));
  };
  let realVersion = 100;
  const real = {
    snapshot: (bids: Array<[number, number]>, asks: Array<[number, number]>) =>
      stream.onRealEvent({type: 'book.snapshot', venue: 'mexc', version: ++realVersion, bids: wire(bids), asks: wire(asks), at: 0}),
    delta: (bids: Array<[number, number]>, asks: Array<[number, number]>) => {
      const from = ++realVersion;
      realVersion += 3; // the real feed's versions jump; ours must not
      stream.onRealEvent({type: 'book.delta', venue: 'mexc', fromVersion: from, toVersion: realVersion, bids: wire(bids), asks: wire(asks), at: 0});
    },
    state: (state: 'connecting' | 'syncing' | 'live' | 'stale' | 'down') =>
      stream.onRealEvent({type: 'connection', stream: 'mexc.book', state, reason: null, at: 0}),
  };
  const place = (id: string, side: 'BUY' | 'SELL', ticks: number, lots: number) => {
    const outcome = h.place(id, side, ticks, lots);
    stream.flush();
    return outcome;
  };
  const cancel = (id: string) => {
    const outcome = h.matcher.cancel({kind: 'cancel', clientOrderId: id, orderId: null, reason: 'test'});
    stream.flush();
    return outcome;
  };
  /** engine book as {ticks: size} per side */
  const engineLevels = () => ({
    bids: engineBook.levels('bids', 100).map((l) => [l.priceTicks, Math.round(l.size * 100)]),
    asks: engineBook.levels('asks', 100).map((l) => [l.priceTicks, Math.round(l.size * 100)]),
  });
  return {h, stream, sent, sink, engineBook, results, real, place, cancel, engineLevels};
}

test('the engine gets the real book with our paper orders added into its levels', async () => {
  const s = setup();
  await s.stream.start(s.sink);
  s.real.snapshot([[25000, 5000], [24900, 1000]], [[25500, 3000]]);
  s.real.state('live');
  s.place('mmx1', 'BUY', 25000, 2000); // joins a real level
  s.place('mmx2', 'SELL', 25400, 1500); // a level of its own
  assert.deepEqual(s.engineLevels(), {
    bids: [
      [25000, 7000],
      [24900, 1000],
    ],
    asks: [
      [25400, 1500],
      [25500, 3000],
    ],
  });
  assert.deepEqual(s.results, ['applied', 'applied']);
  s.cancel('mmx2');
  assert.deepEqual(s.engineLevels().asks, [[25500, 3000]]);
});

test('versions are our own: a snapshot, then deltas each starting at the last version + 1', async () => {
  const s = setup();
  await s.stream.start(s.sink);
  s.real.snapshot([[25000, 5000]], [[25500, 3000]]);
  s.place('mmx1', 'BUY', 25100, 2000);
  s.real.delta([[24900, 100]], []);
  s.real.delta([], [[25600, 100]]);
  s.cancel('mmx1');
  const book = s.sent.filter((e) => e.type === 'book.snapshot' || e.type === 'book.delta');
  assert.deepEqual(
    book.map((e) => (e.type === 'book.snapshot' ? ['snapshot', e.version] : ['delta', e.fromVersion, e.toVersion])),
    [
      ['snapshot', 1],
      ['delta', 2, 2],
      ['delta', 3, 3],
      ['delta', 4, 4],
      ['delta', 5, 5],
    ],
  );
});

test('a paper fill shows in the same delta as the real change that caused it', async () => {
  const s = setup();
  await s.stream.start(s.sink);
  s.real.snapshot([[25000, 5000]], [[25500, 3000]]);
  s.place('mmx1', 'BUY', 25100, 2000);
  s.real.delta([], [[25050, 500]]); // an ask through our bid: fills 500 and is consumed
  const last = s.sent.at(-1);
  assert.equal(last?.type, 'book.delta');
  assert.deepEqual(s.engineLevels(), {bids: [[25100, 1500], [25000, 5000]], asks: [[25500, 3000]]});
  assert.equal(s.engineBook.isCrossed(), false);
  assert.equal(s.h.ofType('fill')[0]?.qtyLots, 500);
});

test('nothing reaches the engine before start; start sends the overlay, then the feed state', async () => {
  const s = setup();
  s.real.snapshot([[25000, 5000]], [[25500, 3000]]);
  s.real.state('live');
  s.place('mmx1', 'BUY', 25100, 2000);
  assert.equal(s.sent.length, 0);
  await s.stream.start(s.sink);
  assert.deepEqual(
    s.sent.map((e) => e.type),
    ['book.snapshot', 'connection'],
  );
  assert.deepEqual(s.engineLevels().bids, [
    [25100, 2000],
    [25000, 5000],
  ]);
});

test('while the real feed resyncs no delta goes out; the next real snapshot is sent whole with a new version', async () => {
  const s = setup();
  await s.stream.start(s.sink);
  s.real.snapshot([[25000, 5000]], [[25500, 3000]]);
  s.place('mmx1', 'BUY', 25100, 2000);
  s.real.state('syncing');
  const before = s.sent.length;
  const refused = s.place('mmx2', 'BUY', 25050, 2000);
  assert.equal(refused.kind, 'rejected'); // post-only cannot be checked without the book
  s.cancel('mmx1');
  assert.deepEqual(
    s.sent.slice(before).map((e) => e.type),
    [],
  );
  s.real.snapshot([[25010, 4000]], [[25490, 3000]]);
  const snapshot = s.sent.at(-1);
  assert.equal(snapshot?.type === 'book.snapshot' && snapshot.version, 3);
  assert.deepEqual(s.engineLevels(), {bids: [[25010, 4000]], asks: [[25490, 3000]]});
});

test('an engine resync request is answered with a fresh overlaid snapshot, not a new REST snapshot', async () => {
  const s = setup();
  await s.stream.start(s.sink);
  s.real.snapshot([[25000, 5000]], [[25500, 3000]]);
  s.place('mmx1', 'BUY', 25100, 2000);
  s.engineBook.markUnsynced();
  s.stream.resync('version gap');
  s.stream.resync('version gap'); // coalesced
  await new Promise<void>((resolve) => setImmediate(resolve));
  const snapshots = s.sent.filter((e) => e.type === 'book.snapshot');
  assert.equal(snapshots.length, 2);
  assert.equal(s.engineBook.synced, true);
  assert.deepEqual(s.engineLevels().bids, [
    [25100, 2000],
    [25000, 5000],
  ]);
});

test('stop reports the stream down and detaches', async () => {
  const s = setup();
  await s.stream.start(s.sink);
  s.real.snapshot([[25000, 5000]], [[25500, 3000]]);
  await s.stream.stop();
  assert.deepEqual(s.sent.at(-1), {type: 'connection', stream: 'mexc.book', state: 'down', reason: 'stopped', at: s.h.clock.now});
  const count = s.sent.length;
  s.real.delta([[24900, 100]], []);
  s.place('mmx1', 'BUY', 25100, 2000);
  assert.equal(s.sent.length, count);
});

test('the real feed\'s malformed frames are passed on to the engine, once each', async () => {
  const s = setup();
  s.stream.onRealEvent({type: 'stream.malformed', stream: 'mexc.book', reason: 'before start', at: 0});
  await s.stream.start(s.sink);
  s.stream.onRealEvent({type: 'stream.malformed', stream: 'mexc.book', reason: 'bad frame', at: 7});
  assert.deepEqual(
    s.sent.filter((e) => e.type === 'stream.malformed'),
    [{type: 'stream.malformed', stream: 'mexc.book', reason: 'bad frame', at: 7}],
  );
});

test('whatever happens, the engine book applies every delta and equals the overlay', () => {
  type Op =
    | {kind: 'place'; side: 'BUY' | 'SELL'; offset: number; lots: number}
    | {kind: 'cancel'; index: number}
    | {kind: 'deal'; side: 'BUY' | 'SELL'; offset: number; lots: number}
    | {kind: 'level'; book: 'bids' | 'asks'; offset: number; lots: number}
    | {kind: 'resnapshot'};
  const op: fc.Arbitrary<Op> = fc.oneof(
    {arbitrary: fc.record({kind: fc.constant('place' as const), side: fc.constantFrom('BUY' as const, 'SELL' as const), offset: fc.integer({min: -200, max: 200}), lots: fc.integer({min: 500, max: 3000})}), weight: 4},
    {arbitrary: fc.record({kind: fc.constant('cancel' as const), index: fc.nat(20)}), weight: 2},
    {arbitrary: fc.record({kind: fc.constant('deal' as const), side: fc.constantFrom('BUY' as const, 'SELL' as const), offset: fc.integer({min: -200, max: 200}), lots: fc.integer({min: 1, max: 3000})}), weight: 3},
    {arbitrary: fc.record({kind: fc.constant('level' as const), book: fc.constantFrom('bids' as const, 'asks' as const), offset: fc.integer({min: -200, max: 200}), lots: fc.integer({min: 0, max: 3000})}), weight: 4},
    {arbitrary: fc.record({kind: fc.constant('resnapshot' as const)}), weight: 1},
  );
  fc.assert(
    fc.asyncProperty(fc.array(op, {maxLength: 50}), async (ops) => {
      const s = setup(makeHarness({synced: false, base: 500, quote: 200}));
      await s.stream.start(s.sink);
      const mid = 25150;
      s.real.snapshot([[25000, 2000]], [[25300, 2000]]);
      let n = 0;
      for (const o of ops) {
        switch (o.kind) {
          case 'place':
            s.place(`mmx${++n}`, o.side, mid + o.offset, o.lots);
            break;
          case 'cancel': {
            const open = s.h.matcher.openOrders();
            const target = open[o.index % Math.max(1, open.length)];
            if (target) s.cancel(target.clientOrderId);
            break;
          }
          case 'deal':
            s.h.deal(o.side, mid + o.offset, o.lots);
            s.stream.flush();
            break;
          case 'level':
            if (o.book === 'bids') s.real.delta([[mid + o.offset, o.lots]], []);
            else s.real.delta([], [[mid + o.offset, o.lots]]);
            break;
          case 'resnapshot':
            s.real.snapshot([[25000, 2000]], [[25300, 2000]]);
            break;
        }
      }
      assert.ok(s.results.every((r) => r === 'applied'), `deltas: ${s.results.join(',')}`);
      const expected = s.h.book.snapshotLevels();
      const asTicks = (levels: ReadonlyArray<readonly [string, string]>) => levels.map(([p, q]) => [Math.round(Number(p) * 1e5), Math.round(Number(q) * 100)]);
      assert.deepEqual(s.engineLevels(), {bids: asTicks(expected.bids), asks: asTicks(expected.asks)});
    }),
    {numRuns: 200},
  );
});
