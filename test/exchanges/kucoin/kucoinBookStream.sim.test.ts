// The KuCoin client against the simulator over real sockets: the book built from the client's events
// must equal the simulator's REST snapshot, and every injected fault must end in a re-synced book.
import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import type {EngineEvent, EventOf, StreamState} from '../../../source/engine/events.js';
import {parseScaled} from '../../../source/wire/scaledDecimal.js';
import {KucoinBookStream} from '../../../source/exchanges/kucoin/kucoinBookStream.js';
import {fetchKucoinSymbol} from '../../../source/exchanges/kucoin/kucoinSymbol.js';
import {kucoinRequest} from '../../../source/exchanges/kucoin/kucoinRest.js';
import {parseLevel2Snapshot} from '../../../source/exchanges/kucoin/kucoinWire.js';
import {startKucoinSim, type KucoinSim} from '../../../source/sim/kucoin/kucoinSim.js';
import {waitFor} from './scriptedKucoinServer.js';

const SYMBOL = 'RMV-USDT';
const PRICE_DECIMALS = 5;
const COMPARE_DEPTH = 50;

/** The engine's view, rebuilt from events alone; it also checks the client's version contract. */
class EventBook {
  readonly bids = new Map<string, string>();
  readonly asks = new Map<string, string>();
  version: number | null = null;
  snapshots = 0;
  deltas = 0;
  readonly violations: string[] = [];
  readonly states: {state: StreamState; reason: string | null}[] = [];

  apply(event: EngineEvent): void {
    switch (event.type) {
      case 'book.snapshot':
        this.bids.clear();
        this.asks.clear();
        for (const [p, s] of event.bids) this.bids.set(p, s);
        for (const [p, s] of event.asks) this.asks.set(p, s);
        this.version = event.version;
        this.snapshots += 1;
        return;
      case 'book.delta':
        if (this.version === null) this.violations.push(`delta ${event.fromVersion} before any snapshot`);
        else if (event.fromVersion !== this.version + 1) this.violations.push(`delta from ${event.fromVersion} on book at ${this.version}`);
        if (event.toVersion < event.fromVersion) this.violations.push(`delta ${event.fromVersion}..${event.toVersion} runs backwards`);
        for (const [side, levels] of [[this.bids, event.bids], [this.asks, event.asks]] as const) {
          for (const [p, s] of levels) {
            if (p === '0') this.violations.push('price-0 marker emitted as a level');
            if (s === '0') side.delete(p);
            else side.set(p, s);
          }
        }
        this.version = event.toVersion;
        this.deltas += 1;
        return;
      case 'connection':
        if (event.stream !== 'kucoin.book') this.violations.push(`connection event for ${event.stream}`);
        this.states.push({state: event.state, reason: event.reason});
        return;
      default:
        this.violations.push(`unexpected event ${event.type}`);
    }
  }

  top(side: 'bids' | 'asks', depth: number): [string, string][] {
    const ticks = (price: string) => parseScaled(price, PRICE_DECIMALS);
    const levels = [...this[side].entries()].sort((a, b) => (side === 'bids' ? ticks(b[0]) - ticks(a[0]) : ticks(a[0]) - ticks(b[0])));
    return levels.slice(0, depth);
  }

  get state(): StreamState | undefined {
    return this.states.at(-1)?.state;
  }
}

interface Rig {
  sim: KucoinSim;
  stream: KucoinBookStream;
  book: EventBook;
  /** steps the market every 20 ms until pause() */
  resume(): void;
  pause(): void;
}

async function rig(t: TestContext, staleAfterMs = 5000): Promise<Rig> {
  const sim = await startKucoinSim({symbol: SYMBOL, priceDecimals: PRICE_DECIMALS, sizeDecimals: 2, seed: 1, port: 0});
  const book = new EventBook();
  const stream = new KucoinBookStream({
    restUrl: sim.restUrl,
    symbol: SYMBOL,
    staleAfterMs,
    timeoutMs: 1000,
    snapshotQuietMs: 100,
    reconnectBaseMs: 20,
    reconnectMaxMs: 200,
  });
  let timer: NodeJS.Timeout | null = null;
  let tick = 0;
  const step = () => {
    tick += 1;
    // a slow wobble of ±0.2 %: the book moves but stays inside what a 100-level snapshot covers
    sim.step(Date.now(), 0.5 * (1 + 0.002 * Math.sin(tick / 25)));
  };
  const pause = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  t.after(async () => {
    pause();
    await stream.stop();
    await sim.close();
  });
  step(); // the book exists before the client arrives
  await stream.start((event) => book.apply(event));
  return {sim, stream, book, pause, resume: () => (timer ??= setInterval(step, 20))};
}

/** Stops the market, waits for the client to catch up, then compares with the simulator's REST book. */
async function assertBookMatchesSim(r: Rig): Promise<void> {
  r.pause();
  const sequence = r.sim.stats().sequence;
  await waitFor(() => r.book.version === sequence, `client at sequence ${sequence} (is ${r.book.version})`, 5000);
  const data = await kucoinRequest({method: 'GET', restUrl: r.sim.restUrl, path: `/api/v1/market/orderbook/level2_100?symbol=${SYMBOL}`, timeoutMs: 2000});
  const snapshot = parseLevel2Snapshot(data);
  assert.ok(snapshot.ok);
  if (!snapshot.ok) return;
  assert.equal(snapshot.value.sequence, sequence);
  assert.deepEqual(r.book.top('bids', COMPARE_DEPTH), snapshot.value.bids.slice(0, COMPARE_DEPTH));
  assert.deepEqual(r.book.top('asks', COMPARE_DEPTH), snapshot.value.asks.slice(0, COMPARE_DEPTH));
  const best = r.sim.bestBidAsk();
  assert.ok(best);
  assert.equal(parseScaled(r.book.top('bids', 1)[0]![0], PRICE_DECIMALS), Math.round(best!.bid * 10 ** PRICE_DECIMALS));
  assert.equal(parseScaled(r.book.top('asks', 1)[0]![0], PRICE_DECIMALS), Math.round(best!.ask * 10 ** PRICE_DECIMALS));
  assert.deepEqual(r.book.violations, []);
}

const deltasAfter = async (r: Rig, count: number) => {
  const target = r.book.deltas + count;
  await waitFor(() => r.book.deltas >= target, `${count} more deltas`, 5000);
};

test('symbol info from the simulator: decimals and trading flag', async (t) => {
  const sim = await startKucoinSim({symbol: SYMBOL, priceDecimals: PRICE_DECIMALS, sizeDecimals: 2, seed: 1, port: 0});
  t.after(() => sim.close());
  assert.deepEqual(await fetchKucoinSymbol(sim.restUrl, SYMBOL, 2000), {symbol: SYMBOL, priceDecimals: 5, sizeDecimals: 2, enableTrading: true});
});

test('the book built from the stream equals the simulator snapshot after streaming', async (t) => {
  const r = await rig(t);
  r.resume();
  await waitFor(() => r.book.state === 'live', 'live');
  await deltasAfter(r, 150);
  await assertBookMatchesSim(r);
  assert.deepEqual(r.book.states.map((s) => s.state), ['connecting', 'syncing', 'live']);
  const counters = r.stream.counters();
  assert.equal(counters.malformedFrames, 0);
  assert.equal(counters.gaps, 0);
  assert.equal(counters.connects, 1);
  // keep streaming after a comparison: still consistent
  r.resume();
  await deltasAfter(r, 100);
  await assertBookMatchesSim(r);
});

test('sequenceGap: the lost message is detected, the book resyncs and matches again', async (t) => {
  const r = await rig(t);
  r.resume();
  await waitFor(() => r.book.state === 'live', 'live');
  await deltasAfter(r, 20);
  r.sim.setFault('sequenceGap', true);
  await waitFor(() => r.stream.counters().gaps >= 1, 'gap detected');
  r.sim.setFault('sequenceGap', false);
  await waitFor(() => r.book.state === 'live' && r.stream.counters().snapshots >= 2, 'resynced');
  await deltasAfter(r, 30);
  await assertBookMatchesSim(r);
  assert.ok(r.book.states.some((s) => s.state === 'syncing' && /sequence gap/.test(s.reason ?? '')));
  assert.equal(r.stream.counters().connects, 1, 'a gap is repaired on the same connection');
});

test('stall: silence turns the stream stale; when data returns the gap is resynced', async (t) => {
  const r = await rig(t, 300);
  r.resume();
  await waitFor(() => r.book.state === 'live', 'live');
  await deltasAfter(r, 20);
  r.sim.setFault('stall', true);
  await waitFor(() => r.book.state === 'stale', 'stale', 3000);
  r.sim.setFault('stall', false);
  await waitFor(() => r.book.state === 'live' && r.stream.counters().snapshots >= 2, 'live after resync');
  await deltasAfter(r, 30);
  await assertBookMatchesSim(r);
  assert.ok(r.stream.counters().gaps >= 1, 'withheld messages are a gap');
  assert.ok(r.stream.counters().pongTimeouts === 0);
});

test('wsDrop: the stream goes down, reconnects with a new token once the network is back, and matches', async (t) => {
  const r = await rig(t);
  r.resume();
  await waitFor(() => r.book.state === 'live', 'live');
  await deltasAfter(r, 20);
  const tokensBefore = r.sim.stats().tokensIssued!;
  r.sim.setFault('wsDrop', true);
  await waitFor(() => r.book.state === 'down', 'down');
  await waitFor(() => r.stream.counters().connects >= 3, 'refused reconnect attempts');
  r.sim.setFault('wsDrop', false);
  await waitFor(() => r.book.state === 'live', 'live again', 5000);
  await deltasAfter(r, 30);
  await assertBookMatchesSim(r);
  assert.ok(r.sim.stats().tokensIssued! - tokensBefore >= 2, 'a new token per connection attempt');
});

test('dropConnections: an abrupt close is followed by reconnect and resync', async (t) => {
  const r = await rig(t);
  r.resume();
  await waitFor(() => r.book.state === 'live', 'live');
  r.sim.dropConnections();
  await waitFor(() => r.book.states.filter((s) => s.state === 'live').length >= 2, 'live twice');
  await deltasAfter(r, 30);
  await assertBookMatchesSim(r);
  assert.equal(r.stream.counters().disconnects, 1);
});

test('a resync requested by the engine rebuilds the book from a fresh snapshot', async (t) => {
  const r = await rig(t);
  r.resume();
  await waitFor(() => r.book.state === 'live', 'live');
  await deltasAfter(r, 20);
  r.stream.resync('engine saw a crossed book');
  await waitFor(() => r.book.snapshots >= 2 && r.book.state === 'live', 'resynced');
  await deltasAfter(r, 20);
  await assertBookMatchesSim(r);
});
