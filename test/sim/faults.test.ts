import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {startSimulator, type Simulator} from '../../source/sim/simulator.js';
import {publicGet, signedRequest, WsProbe, waitFor} from './simTestKit.js';

const DEPTH = 'spot@public.aggre.depth.v3.api.pb@10ms@RMVUSDT';
const versions = (probe: WsProbe) => probe.pushesOf('aggre.depth').map((push) => [Number(push.publicAggreDepths.fromVersion), Number(push.publicAggreDepths.toVersion)] as const);
const hasGap = (ranges: ReadonlyArray<readonly [number, number]>, fromIndex = 1) => {
  for (let i = Math.max(1, fromIndex); i < ranges.length; i++) if (ranges[i]![0] !== ranges[i - 1]![1] + 1) return true;
  return false;
};

describe('fault injection, one fault at a time', () => {
  let sim: Simulator;
  const probes: WsProbe[] = [];
  const open = async (query = '') => {
    const probe = await WsProbe.open(sim.urls.mexcWs + query);
    probes.push(probe);
    return probe;
  };
  const order = (clientId: string, opts: {signal?: AbortSignal} = {}) => {
    const price = (Math.floor(sim.market().reference * 0.995 * 1e5) / 1e5).toFixed(5);
    return signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/order', {symbol: 'RMVUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '10', price, newClientOrderId: clientId}, opts);
  };
  const isOpen = (clientId: string) => sim.openOrders().some((o) => o.clientOrderId === clientId);

  before(async () => {
    sim = await startSimulator({
      symbol: 'RMVUSDT',
      referenceSymbol: 'RMV-USDT',
      scenario: 'volatile',
      seed: 77,
      tickMs: 10,
      faultTiming: {serverErrorEvery: 2, timeoutEvery: 1, timeoutHoldMs: 5000, delayedAckEvery: 1, delayedAckMs: 400, stallSteps: 100_000, stallPeriodSteps: 200_000, burstSteps: 100_000, burstPeriodSteps: 200_000},
    });
  });
  after(async () => {
    for (const probe of probes) probe.close();
    await sim.close();
  });

  test('wsDrop: every MEXC socket dies without a close frame', async () => {
    const probe = await open();
    await probe.subscribe([DEPTH]);
    sim.setFault('wsDrop', true);
    await waitFor(() => probe.closedWith !== null, 3000, 'drop');
    sim.setFault('wsDrop', false);
    assert.equal(probe.closedWith, 1006);
    assert.ok(sim.stats().faultsInjected.wsDrop! >= 1);
    const again = await open();
    await again.subscribe([DEPTH]);
    await waitFor(() => again.pushes.length > 0, 3000, 'pushes after reconnect');
  });

  test('stall: the feed goes silent while the socket stays up and answers PING; data resumes with lost versions', async () => {
    const probe = await open();
    await probe.subscribe([DEPTH]);
    await waitFor(() => probe.pushes.length >= 2, 5000, 'pushes before the stall');
    sim.setFault('stall', true);
    assert.equal(sim.stats().kucoin.fault_stall, 1, 'the KuCoin feed stalls too');
    const stepAtStall = sim.market().step;
    // A PING round trip is a fence: the server answers it on the same socket, in order, so once its PONG is
    // here every push sent before the stall began has arrived too.
    let pingId = 100;
    const pingPong = async (what: string) => {
      const id = pingId++;
      probe.send({method: 'PING', id});
      await waitFor(() => probe.texts.find((text) => text.id === id && text.msg === 'PONG'), 2000, what);
    };
    await pingPong('pong right after the stall began');
    const silentFrom = probe.pushes.length;
    // ten pings spread over the stall, the market (10 ms steps, each a depth flush) moving between them
    for (let i = 0; i < 10; i++) {
      const step = sim.market().step;
      await waitFor(() => sim.market().step >= step + 3, 5000, 'the market keeps moving');
      await pingPong('pong while stalled');
    }
    assert.ok(sim.market().step >= stepAtStall + 30);
    assert.equal(probe.pushes.length, silentFrom, 'no push while stalled');
    const lastBefore = versions(probe).at(-1)!;
    sim.setFault('stall', false);
    assert.equal(sim.stats().kucoin.fault_stall, 0);
    await waitFor(() => probe.pushes.length > silentFrom, 5000, 'pushes after the stall');
    const firstAfter = versions(probe)[silentFrom]!;
    assert.ok(firstAfter[0] > lastBefore[1] + 1, 'the withheld changes are lost: a version gap');
  });

  test('sequenceGap: a depth push goes missing, so fromVersion skips ahead', async () => {
    const probe = await open();
    await probe.subscribe([DEPTH]);
    await waitFor(() => probe.pushes.length >= 2, 5000, 'pushes');
    assert.equal(hasGap(versions(probe)), false);
    const before = sim.stats().faultsInjected.sequenceGap!;
    sim.setFault('sequenceGap', true);
    const from = probe.pushes.length;
    await waitFor(() => hasGap(versions(probe), from), 5000, 'a version gap');
    sim.setFault('sequenceGap', false);
    assert.ok(sim.stats().faultsInjected.sequenceGap! > before);
  });

  test('rateLimitBurst: requests get 429 with Retry-After until it ends', async () => {
    sim.setFault('rateLimitBurst', true);
    const limited = await publicGet(sim.urls.mexcRest, '/api/v3/ping');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.deepEqual(limited.body, {code: 429, msg: 'Too Many Requests'});
    assert.equal(sim.stats().kucoin.fault_rateLimitBurst, 1);
    sim.setFault('rateLimitBurst', false);
    assert.equal((await publicGet(sim.urls.mexcRest, '/api/v3/ping')).status, 200);
  });

  test('serverError: 5xx before execution, and 5xx after the order was placed (outcome unknown)', async () => {
    sim.setFault('serverError', true);
    const first = await order('mmx-se-1');
    assert.equal(first.status, 503);
    assert.equal(isOpen('mmx-se-1'), false, 'refused before execution');
    const second = await order('mmx-se-2');
    assert.equal(second.status, 200);
    const third = await order('mmx-se-3');
    sim.setFault('serverError', false);
    assert.equal(third.status, 500);
    assert.deepEqual(third.body, {code: 500, msg: 'Internal error'});
    assert.equal(isOpen('mmx-se-3'), true, 'executed although the reply was 500');
  });

  test('timeoutAfterAccept: the order is placed but the reply never comes', async () => {
    sim.setFault('timeoutAfterAccept', true);
    // the reason proves the reply never came: our own deadline ended the wait (an answer would resolve, a
    // closed socket would reject with a TypeError), so no elapsed-time check is needed
    await assert.rejects(order('mmx-to-1', {signal: AbortSignal.timeout(300)}), {name: 'TimeoutError'});
    sim.setFault('timeoutAfterAccept', false);
    assert.equal(isOpen('mmx-to-1'), true);
    const listed = await signedRequest(sim.urls.mexcRest, sim.account, 'GET', '/api/v3/openOrders', {symbol: 'RMVUSDT'});
    assert.ok(listed.body.some((o: any) => o.clientOrderId === 'mmx-to-1'), 'reconciliation finds it');
  });

  test('delayedAck: the private push arrives before the late REST reply', async () => {
    const listenKey = (await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/userDataStream', {})).body.listenKey;
    const probe = await open(`?listenKey=${listenKey}`);
    await probe.subscribe(['spot@private.orders.v3.api.pb']);
    sim.setFault('delayedAck', true);
    const started = Date.now();
    const pushed = () => probe.pushes.some((push) => push.privateOrders?.clientId === 'mmx-da-1');
    const reply = await order('mmx-da-1');
    const repliedAt = Date.now();
    // ordering, not timing: the push is already in when the reply is read
    const pushedBeforeReply = pushed();
    sim.setFault('delayedAck', false);
    assert.equal(reply.status, 200);
    // a lower bound of the simulator's 400 ms hold, started after `started` was read: load only lengthens it
    assert.ok(repliedAt - started >= 390, `reply after ${repliedAt - started} ms`);
    assert.ok(pushedBeforeReply, 'push first, ack later');
  });

  test('listenKeyExpiry: keys die, private sockets close and keepalive fails with 730708', async () => {
    const listenKey = (await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/userDataStream', {})).body.listenKey;
    const probe = await open(`?listenKey=${listenKey}`);
    await probe.subscribe(['spot@private.account.v3.api.pb']);
    sim.setFault('listenKeyExpiry', true);
    await waitFor(() => probe.closedWith !== null, 3000, 'private socket closed');
    sim.setFault('listenKeyExpiry', false);
    const keepalive = await signedRequest(sim.urls.mexcRest, sim.account, 'PUT', '/api/v3/userDataStream', {listenKey});
    assert.equal(keepalive.body.code, 730708);
    const fresh = (await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/userDataStream', {})).body.listenKey;
    assert.notEqual(fresh, listenKey);
  });
});

describe('the stress scenario', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'stress', seed: 3, tickMs: 2});
  });
  after(() => sim.close());

  test('switches every fault on, staggered so the first requests and steps are not all hit at once', async () => {
    assert.equal((await publicGet(sim.urls.mexcRest, '/api/v3/ping')).status, 200);
    await waitFor(() => {
      const injected = sim.stats().faultsInjected;
      return injected.wsDrop! >= 1 && injected.sequenceGap! >= 1 && injected.stall! >= 1;
    }, 10_000, 'periodic faults firing');
  });
});
