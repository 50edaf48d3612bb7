// The real MEXC book stream against the simulator with its WebSocket behind a loopback proxy the test
// switches off and on, REST always reachable: while the WebSocket is down the book comes from REST
// snapshots at most once per restPollMs ('polling'), and once it is back the normal sync takes over
// (docs/protocols/mexc.md §4.7).
import assert from 'node:assert/strict';
import net from 'node:net';
import {after, test} from 'node:test';
import type {EngineEvent} from '../../../source/engine/events.js';
import {MexcBookStream} from '../../../source/exchanges/mexc/mexcBookStream.js';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {MexcTradingPort} from '../../../source/exchanges/mexc/mexcTradingPort.js';
import {startSimulator} from '../../../source/sim/simulator.js';
import {BookReplica, waitFor} from './bookReplica.js';

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** TCP proxy to `target`; while off, every connection (new and open) is cut. */
async function startSwitchableProxy(target: {host: string; port: number}) {
  const open = new Set<net.Socket>();
  let on = true;
  const server = net.createServer((client) => {
    if (!on) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        open.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as net.AddressInfo;
  const cutAll = () => {
    for (const s of open) s.destroy();
  };
  return {
    port,
    set(value: boolean) {
      on = value;
      if (!on) cutAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}

/** Keeps placing and cancelling our own orders near the touch so the book's version keeps moving. */
function startChurn(port: MexcTradingPort, bestBid: number, bestAsk: number, qtyDecimals: number) {
  let running = true;
  let n = 0;
  const live: string[] = [];
  const loop = (async () => {
    while (running) {
      n += 1;
      const side = n % 2 ? 'BUY' : 'SELL';
      const priceTicks = side === 'BUY' ? bestBid - 1 - (n % 50) : bestAsk + 1 + (n % 50);
      const id = `mmxp${n}`;
      const [outcome] = await port.placeOrders([{kind: 'place', clientOrderId: id, side, priceTicks, qtyLots: (5 + (n % 7)) * 10 ** qtyDecimals, reason: 'churn'}]);
      if (outcome?.kind === 'placed') live.push(id);
      if (live.length > 12) await port.cancelOrders([{kind: 'cancel', clientOrderId: live.shift()!, orderId: null, reason: 'churn'}]);
      await new Promise((r) => setTimeout(r, 40));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

test('WebSocket down, REST up: polled snapshots at most once per restPollMs, then back to live deltas', async () => {
  const restPollMs = 250;
  const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'volatile', seed: 7, port: 0, tickMs: 50});
  cleanups.push(() => sim.close());
  const simWs = new URL(sim.urls.mexcWs);
  const proxy = await startSwitchableProxy({host: simWs.hostname, port: Number(simWs.port)});
  cleanups.push(() => proxy.close());
  const rest = new MexcRestClient({baseUrl: sim.urls.mexcRest, ...sim.account, recvWindowMs: 5000, timeoutMs: 2000});
  cleanups.push(() => rest.close());
  // when each poll (limit 100) was sent; the sync snapshot (5000) and probes (5) are not polls
  const pollSentAt: number[] = [];
  const depth = rest.depth.bind(rest);
  rest.depth = (symbol, limit) => {
    if (limit === 100) pollSentAt.push(Date.now());
    return depth(symbol, limit);
  };
  const trading = new MexcTradingPort({rest, symbol: 'RMVUSDT', clientOrderIdPrefix: 'mmx'});
  const rules = await trading.rules();
  const top = await depth('RMVUSDT', 5);
  const ticks = (price: string) => Math.round(Number(price) * 10 ** rules.priceDecimals);
  cleanups.push(startChurn(trading, ticks(top.bids[0]![0]), ticks(top.asks[0]![0]), rules.qtyDecimals));

  const book = new MexcBookStream({
    wsUrl: `ws://127.0.0.1:${proxy.port}${simWs.pathname}`,
    rest,
    symbol: 'RMVUSDT',
    priceDecimals: rules.priceDecimals,
    staleAfterMs: 5000,
    reconnectBaseMs: 50,
    reconnectMaxMs: 200,
    restPollMs,
  });
  const replica = new BookReplica();
  const receivedAt = new Map<EngineEvent, number>();
  cleanups.push(() => book.stop());
  await book.start((event) => {
    receivedAt.set(event, Date.now());
    replica.sink(event);
  });
  await waitFor(() => replica.lastState() === 'live' && replica.deltas > 0, 5000, 'live over the WebSocket');
  assert.equal(book.stats().restPolls, 0, 'a healthy connect does not poll');

  // WebSocket gone (the open session is cut, every reconnect refused); REST still answers
  proxy.set(false);
  await waitFor(() => replica.lastState() === 'polling', 5000, 'polling');
  const pollingFrom = replica.events.findIndex((e) => e.type === 'connection' && e.state === 'polling');
  const polled = () => replica.events.slice(pollingFrom).filter((e): e is Extract<EngineEvent, {type: 'book.snapshot'}> => e.type === 'book.snapshot');
  await waitFor(() => polled().length >= 6, 10_000, 'six polled snapshots');
  assert.match(replica.states.find((s) => s.state === 'polling')!.reason ?? '', /^WebSocket down \(.+\); REST snapshots every 0\.25s$/);
  assert.ok(book.stats().connects >= 3, 'the reconnect loop keeps running');

  // the rate bound: over the window from the first poll to the last, no more polls than it has intervals
  const sent = pollSentAt.slice();
  const window = sent.at(-1)! - sent[0]!;
  assert.ok(sent.length <= Math.floor((window + 5) / restPollMs) + 1, `${sent.length} polls in ${window} ms`);
  const received = polled().slice(0, 6);
  assert.ok(received.length <= book.stats().restPolls, 'one snapshot per poll at most');
  for (const e of received) assert.equal(e.venue, 'mexc');
  const versions = received.map((e) => e.version);
  for (let i = 1; i < versions.length; i += 1) assert.ok(versions[i]! >= versions[i - 1]!, `versions never go back: ${versions.join(',')}`);
  assert.ok(versions.at(-1)! > versions[0]!, `versions advance: ${versions.join(',')}`);
  // no delta while polling, and nothing but 'polling' in between (no 'connecting' flicker per attempt)
  const sinceDown = replica.events.slice(pollingFrom);
  assert.ok(!sinceDown.some((e) => e.type === 'book.delta'));
  assert.ok(sinceDown.every((e) => e.type !== 'connection' || e.state === 'polling'), JSON.stringify(replica.states.slice(-5)));
  assert.ok(receivedAt.get(received[0]!)! >= receivedAt.get(replica.events[pollingFrom]!)!);

  // WebSocket back: the normal sync takes over and polling stops
  proxy.set(true);
  const deltasBefore = replica.deltas;
  await waitFor(() => replica.lastState() === 'live', 5000, 'live again');
  const liveAt = Date.now();
  const pollsAtLive = book.stats().restPolls;
  const afterPolling = replica.states.slice(replica.states.findIndex((s) => s.state === 'polling'));
  assert.deepEqual(
    afterPolling.map((s) => s.state).filter((s) => s !== 'polling'),
    ['syncing', 'live'],
  );
  await waitFor(() => replica.deltas >= deltasBefore + 5 && Date.now() - liveAt >= 3 * restPollMs, 10_000, 'deltas over three poll intervals');
  assert.equal(book.stats().restPolls, pollsAtLive, 'no poll once the WebSocket is live');
  assert.equal(replica.lastState(), 'live');
  assert.ok(book.stats().snapshots >= 2, 'synced from the WebSocket procedure twice');
});
