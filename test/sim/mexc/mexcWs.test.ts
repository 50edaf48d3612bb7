import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {startSimulator, type Simulator} from '../../../source/sim/simulator.js';
import {publicGet, signedRequest, WsProbe, waitFor} from '../simTestKit.js';

const DEPTH = 'spot@public.aggre.depth.v3.api.pb@100ms@RMVUSDT';

type Book = Map<string, string>;
const applyLevels = (book: Book, levels: Array<{price: string; quantity: string}>) => {
  for (const level of levels) {
    if (Number(level.quantity) === 0) book.delete(level.price);
    else book.set(level.price, level.quantity);
  }
};
const bookFrom = (levels: string[][]): Book => new Map(levels.map(([price, quantity]) => [price!, quantity!]));

describe('MEXC WebSocket over real sockets', () => {
  let sim: Simulator;
  const probes: WsProbe[] = [];
  const open = async (query = '') => {
    const probe = await WsProbe.open(sim.urls.mexcWs + query);
    probes.push(probe);
    return probe;
  };
  before(async () => {
    // The others' book changes in bursts with quiet gaps, so a REST snapshot can be matched to a push version.
    sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'volatile', seed: 5, tickMs: 10, wsLimits: {maxTopics: 4}});
  });
  after(async () => {
    for (const probe of probes) probe.close();
    await sim.close();
  });

  test('aggregated depth pushes decode with the official schema, versions are contiguous and rebuild the REST book', async () => {
    const probe = await open();
    await probe.subscribe([DEPTH]);
    assert.deepEqual(probe.texts[0], {id: 1, code: 0, msg: DEPTH});
    await waitFor(() => probe.pushesOf('aggre.depth').length >= 1, 5000, 'first depth push');
    const snapshot = (await publicGet(sim.urls.mexcRest, '/api/v3/depth', 'symbol=RMVUSDT&limit=5000')).body;
    const bids = bookFrom(snapshot.bids);
    const asks = bookFrom(snapshot.asks);
    let version = Number(snapshot.lastUpdateId);
    let applied = 0;
    let cursor = 0;
    const drain = () => {
      const pushes = probe.pushesOf('aggre.depth');
      for (; cursor < pushes.length; cursor++) {
        const push = pushes[cursor]!;
        assert.equal(push.body, 'publicAggreDepths');
        assert.equal(push.symbol, 'RMVUSDT');
        assert.equal(push.publicAggreDepths.eventType, 'spot@public.aggre.depth.v3.api.pb@100ms');
        const from = Number(push.publicAggreDepths.fromVersion);
        const to = Number(push.publicAggreDepths.toVersion);
        assert.ok(from <= to);
        if (to <= version) continue; // already in the snapshot
        assert.ok(from <= version + 1, `push ${from}..${to} continues the local book at ${version}`);
        applyLevels(bids, push.publicAggreDepths.bids);
        applyLevels(asks, push.publicAggreDepths.asks);
        version = to;
        applied++;
      }
    };
    // Compare with a fresh snapshot taken in a quiet moment, when its version equals the last applied push.
    let matched = false;
    const deadline = Date.now() + 10_000;
    while (!matched && Date.now() < deadline) {
      const fresh = (await publicGet(sim.urls.mexcRest, '/api/v3/depth', 'symbol=RMVUSDT&limit=5000')).body;
      assert.match(fresh.lastUpdateId, /^\d+$/, JSON.stringify(fresh));
      await waitFor(() => {
        drain();
        return version >= Number(fresh.lastUpdateId);
      }, 3000, 'pushes up to the fresh snapshot');
      if (version === Number(fresh.lastUpdateId) && applied >= 3) {
        assert.deepEqual(bids, bookFrom(fresh.bids));
        assert.deepEqual(asks, bookFrom(fresh.asks));
        matched = true;
      } else {
        const seen = probe.pushesOf('aggre.depth').length;
        await waitFor(() => probe.pushesOf('aggre.depth').length > seen, 5000, 'next depth push');
      }
    }
    assert.ok(matched, 'the rebuilt book matched a REST snapshot of the same version');
    const all = probe.pushesOf('aggre.depth');
    for (let i = 1; i < all.length; i++) {
      assert.equal(Number(all[i]!.publicAggreDepths.fromVersion), Number(all[i - 1]!.publicAggreDepths.toVersion) + 1, 'fromVersion = previous toVersion + 1');
    }
  });

  test('limit depth, book ticker and deals pushes decode to consistent content', async () => {
    const probe = await open();
    await probe.subscribe(['spot@public.limit.depth.v3.api.pb@RMVUSDT@5', 'spot@public.aggre.bookTicker.v3.api.pb@100ms@RMVUSDT', 'spot@public.aggre.deals.v3.api.pb@100ms@RMVUSDT']);
    const limit = await waitFor(() => probe.pushesOf('limit.depth')[0], 5000, 'limit depth push');
    assert.equal(limit.publicLimitDepths.asks.length, 5);
    assert.equal(limit.publicLimitDepths.bids.length, 5);
    assert.ok(Number(limit.publicLimitDepths.bids[0].price) < Number(limit.publicLimitDepths.asks[0].price));
    const ticker = await waitFor(() => probe.pushesOf('bookTicker')[0], 5000, 'book ticker push');
    assert.ok(Number(ticker.publicAggreBookTicker.bidPrice) < Number(ticker.publicAggreBookTicker.askPrice));
    const deals = await waitFor(() => probe.pushesOf('aggre.deals')[0], 15_000, 'deals push');
    const deal = deals.publicAggreDeals.deals[0];
    assert.ok([1, 2].includes(deal.tradeType));
    assert.ok(Number(deal.price) > 0 && Number(deal.quantity) > 0);
  });

  test('PING in either case answers PONG; the request id is echoed', async () => {
    const probe = await open();
    probe.send({method: 'PING'});
    probe.send({method: 'ping', id: 7});
    await waitFor(() => probe.texts.length >= 2, 3000, 'pongs');
    assert.deepEqual(probe.texts.slice(0, 2), [{id: 0, code: 0, msg: 'PONG'}, {id: 7, code: 0, msg: 'PONG'}]);
  });

  test('unknown, legacy JSON, other-symbol and private-without-listenKey topics are blocked', async () => {
    const probe = await open();
    const topics = ['spot@public.increase.depth.v3.api@RMVUSDT', 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT', 'spot@private.orders.v3.api.pb'];
    probe.send({method: 'SUBSCRIPTION', params: topics, id: 3});
    await waitFor(() => probe.texts.length >= 1, 3000, 'ack');
    assert.deepEqual(probe.texts[0], {id: 3, code: 0, msg: `Not Subscribed successfully! [${topics.join(',')}]. Reason： Blocked! `});
  });

  test('subscriptions beyond the per-connection limit are refused; unsubscribe frees a slot', async () => {
    const probe = await open();
    const topics = ['100ms', '10ms'].flatMap((interval) => ['depth', 'deals', 'bookTicker'].map((kind) => `spot@public.aggre.${kind}.v3.api.pb@${interval}@RMVUSDT`));
    probe.send({method: 'SUBSCRIPTION', params: topics.slice(0, 5), id: 1});
    await waitFor(() => probe.texts.length >= 2, 3000, 'acks');
    assert.equal(probe.texts[0].msg, topics.slice(0, 4).join(','));
    assert.match(probe.texts[1].msg, /Not Subscribed successfully!/);
    probe.send({method: 'UNSUBSCRIPTION', params: [topics[0]], id: 2});
    probe.send({method: 'SUBSCRIPTION', params: [topics[5]], id: 4});
    await waitFor(() => probe.texts.find((text) => text.id === 4), 3000, 'ack');
    assert.deepEqual(probe.texts.find((text) => text.id === 2), {id: 2, code: 0, msg: topics[0]});
    assert.deepEqual(probe.texts.find((text) => text.id === 4), {id: 4, code: 0, msg: topics[5]});
  });

  test('garbage frames get an answer and the connection stays usable', async () => {
    const probe = await open();
    probe.send('not json');
    probe.ws.send(Buffer.from([1, 2, 3]));
    probe.send({method: 'DANCE'});
    probe.send({method: 'PING', id: 9});
    await waitFor(() => probe.texts.find((text) => text.id === 9), 3000, 'pong after garbage');
    assert.equal(probe.closedWith, null);
  });

  test('a listen key serves at most 5 connections', async () => {
    const listenKey = (await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/userDataStream', {})).body.listenKey;
    const five = await Promise.all(Array.from({length: 5}, () => open(`?listenKey=${listenKey}`)));
    await five[4]!.subscribe(['spot@private.orders.v3.api.pb']);
    const sixth = await open(`?listenKey=${listenKey}`);
    await waitFor(() => sixth.closedWith !== null, 3000, 'sixth refused');
    assert.ok(five.every((probe) => probe.closedWith === null));
  });

  test('an invalid listen key is answered with a text frame and the socket is closed', async () => {
    const probe = await open('?listenKey=' + 'ab'.repeat(32));
    await waitFor(() => probe.closedWith !== null, 3000, 'close');
    assert.deepEqual(probe.rawTexts, ['Invalid listen key']);
  });
});

describe('MEXC WebSocket connection limits', () => {
  test('a connection without subscription is closed after the no-subscription timeout', async (t) => {
    const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 1, tickMs: 50, wsLimits: {noSubscriptionMs: 300, idleMs: 800, housekeepingMs: 50}});
    t.after(() => sim.close());
    // lower bounds only, read before the server's timer can start, so a slow machine only lengthens them
    const start = Date.now();
    const idle = await WsProbe.open(sim.urls.mexcWs);
    t.after(() => idle.close());
    await waitFor(() => idle.closedWith !== null, 3000, 'server close');
    assert.ok(Date.now() - start >= 250);
    assert.equal(idle.closedWith, 1000);
    // subscribed, but to a channel with no traffic (no own trades) and the client never pings: idle timeout
    const listenKey = (await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/userDataStream', {})).body.listenKey;
    const quiet = await WsProbe.open(`${sim.urls.mexcWs}?listenKey=${listenKey}`);
    t.after(() => quiet.close());
    const subscribedAt = Date.now();
    await quiet.subscribe(['spot@private.deals.v3.api.pb']);
    await waitFor(() => quiet.closedWith !== null, 5000, 'idle close');
    assert.ok(Date.now() - subscribedAt >= 700, 'closed by the idle timeout, not the no-subscription one');
  });
});
