// The paper overlay while the real MEXC feed polls REST (its WebSocket down, docs/protocols/mexc.md §4.7):
// 'polling' keeps the real book (each polled snapshot replaces it whole), so our paper orders stay
// checkable against it and every polled snapshot reaches the engine as a fresh overlaid snapshot.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {EngineEvent} from '../../../source/engine/events.js';
import {PaperBookStream} from '../../../source/exchanges/paper/paperBookStream.js';
import {makeHarness, wire} from './matcherHarness.js';

test('polled real snapshots keep the paper book usable: post-only checks work and each is sent whole', async () => {
  const h = makeHarness({synced: false});
  const stream = new PaperBookStream({book: h.book, matcher: h.matcher, now: () => h.clock.now});
  const sent: EngineEvent[] = [];
  await stream.start((event) => void sent.push(event));
  const real = (event: EngineEvent) => stream.onRealEvent(event);
  real({type: 'connection', stream: 'mexc.book', state: 'down', reason: 'closed by peer (1006)', at: 0});
  real({type: 'connection', stream: 'mexc.book', state: 'polling', reason: 'WebSocket down (closed by peer (1006)); REST snapshots every 2s', at: 0});
  real({type: 'book.snapshot', venue: 'mexc', version: 500, bids: wire([[25000, 5000]]), asks: wire([[25500, 3000]]), at: 0});
  // between two polls the reason may change (a later reconnect failed differently): the book stays
  real({type: 'connection', stream: 'mexc.book', state: 'polling', reason: 'WebSocket down (socket error: connect ECONNREFUSED); REST snapshots every 2s', at: 0});
  const placed = h.place('mmx1', 'BUY', 25100, 2000);
  assert.notEqual(placed.kind, 'rejected', 'the polled book answers the post-only check');
  stream.flush();
  real({type: 'book.snapshot', venue: 'mexc', version: 503, bids: wire([[25010, 4000]]), asks: wire([[25490, 3000]]), at: 0});

  // the health is relayed as it came; every polled snapshot goes out as an overlaid snapshot
  const relayed = sent.filter((e) => e.type === 'connection').map((e) => e.type === 'connection' && e.state);
  assert.deepEqual(relayed, ['down', 'polling', 'polling']);
  const snapshots = sent.filter((e): e is Extract<EngineEvent, {type: 'book.snapshot'}> => e.type === 'book.snapshot');
  assert.equal(snapshots.length, 2);
  assert.ok(snapshots[1]!.version > snapshots[0]!.version);
  assert.ok(h.book.synced);
  await stream.stop();
});
