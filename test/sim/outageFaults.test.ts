// The outage faults (source/sim/faults.ts, kucoin/kucoinSim.ts, mexc/mexcWsServer.ts): referenceOutage makes
// the KuCoin venue unreachable (refused, open sockets dropped) while its market keeps moving, then listens
// again on the same port; mexcPublicOutage takes down MEXC's public WebSocket only. Both are timed windows
// of model steps, shown by the observer report, and never part of scenario stress.
import assert from 'node:assert/strict';
import {after, describe, test} from 'node:test';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/sim/simulator.js';
import {publicGet, signedRequest, WsProbe, waitFor} from './simTestKit.js';
import {WsClient} from './kucoin/kucoinTestClient.js';

const started: Simulator[] = [];
const probes: Array<{close(): unknown}> = [];
after(async () => {
  for (const probe of probes) await probe.close();
  for (const sim of started) await sim.close();
});

async function simulator(extra: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  const sim = await startSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 3, tickMs: 10, observerIntervalMs: 50, ...extra});
  started.push(sim);
  return sim;
}

/** How a plain HTTP GET to the KuCoin venue ends: 'ok' or the socket error code. */
async function kucoinGet(sim: Simulator): Promise<string> {
  try {
    const response = await fetch(`${sim.urls.kucoinRest}/api/v1/market/orderbook/level2_20?symbol=RMV-USDT`);
    await response.arrayBuffer();
    return response.ok ? 'ok' : `HTTP ${response.status}`;
  } catch (error) {
    const cause = (error as {cause?: {code?: string}}).cause;
    return cause?.code ?? String(error);
  }
}

const mexcPublicWs = async (sim: Simulator): Promise<'open' | 'refused'> => {
  try {
    probes.push(await WsProbe.open(sim.urls.mexcWs));
    return 'open';
  } catch {
    return 'refused';
  }
};

describe('referenceOutage', () => {
  test('KuCoin refuses connections and drops its sockets for the window, its book keeps moving, then it is back on the same URL', async () => {
    const sim = await simulator();
    assert.equal(await kucoinGet(sim), 'ok');
    const client = await WsClient.connect(sim.urls.kucoinRest);
    probes.push(client);
    await client.subscribe('/market/level2:RMV-USDT');
    assert.equal(sim.observerReport().outages.referenceOutage, false);

    sim.setFault('referenceOutage', true, 1.5); // 150 steps of 10 ms
    await waitFor(() => client.closedWith !== null, 3000, 'the open KuCoin socket dropped');
    assert.equal(await kucoinGet(sim), 'ECONNREFUSED', 'a new connection is refused, not answered');
    const during = sim.stats().kucoin;
    assert.equal(during['reachable'], 0);
    assert.equal(during['outages'], 1);
    const report = sim.observerReport();
    assert.equal(report.outages.referenceOutage, true);
    assert.equal(report.outages.mexcPublicOutage, false);
    assert.ok(report.reference > 0, 'the true reference price is reported');
    const stepsBefore = during['steps'] ?? 0;
    await waitFor(() => (sim.stats().kucoin['steps'] ?? 0) > stepsBefore + 20, 3000, 'the KuCoin book stepping during the outage');
    assert.equal(await kucoinGet(sim), 'ECONNREFUSED');

    await waitFor(() => !sim.observerReport().outages.referenceOutage, 5000, 'the window closing');
    let answer = '';
    const deadline = Date.now() + 3000;
    while ((answer = await kucoinGet(sim)) !== 'ok' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(answer, 'ok', 'listening again on the same port');
    const again = await WsClient.connect(sim.urls.kucoinRest);
    probes.push(again);
    await again.subscribe('/market/level2:RMV-USDT');
    assert.equal(sim.stats().kucoin['reachable'], 1);
    assert.equal(sim.stats().faultsInjected['referenceOutage'], 1);
  });

  test('the MEXC venue is untouched by a KuCoin outage', async () => {
    const sim = await simulator();
    sim.setFault('referenceOutage', true);
    await waitFor(() => sim.stats().kucoin['reachable'] === 0, 3000, 'KuCoin down');
    assert.equal((await publicGet(sim.urls.mexcRest, '/api/v3/depth', 'symbol=RMVUSDT&limit=5')).status, 200);
    assert.equal(await mexcPublicWs(sim), 'open');
    sim.setFault('referenceOutage', false);
    await waitFor(() => sim.stats().kucoin['reachable'] === 1, 3000, 'KuCoin back when switched off');
  });

  test('a window given at start opens and closes on model time', async () => {
    const sim = await simulator({faults: [{name: 'referenceOutage', startSec: 0.5, durationSec: 0.5}]});
    assert.equal(sim.observerReport().outages.referenceOutage, false, 'not before its start');
    await waitFor(() => sim.observerReport().outages.referenceOutage, 3000, 'the window opening');
    await waitFor(() => !sim.observerReport().outages.referenceOutage, 3000, 'the window closing');
    assert.ok(sim.market().step >= 100, `closed at step ${sim.market().step}, not before 50 + 50`);
  });
});

describe('mexcPublicOutage', () => {
  test('public sockets drop and new ones are refused, the private socket and REST keep working', async () => {
    const sim = await simulator();
    const publicProbe = await WsProbe.open(sim.urls.mexcWs);
    probes.push(publicProbe);
    const listenKey = (await signedRequest(sim.urls.mexcRest, sim.account, 'POST', '/api/v3/userDataStream', {})).body.listenKey as string;
    const privateProbe = await WsProbe.open(`${sim.urls.mexcWs}?listenKey=${listenKey}`);
    probes.push(privateProbe);

    sim.setFault('mexcPublicOutage', true, 1);
    await waitFor(() => publicProbe.closedWith !== null, 3000, 'the public socket dropped');
    assert.equal(publicProbe.closedWith, 1006, 'no close frame');
    assert.equal(await mexcPublicWs(sim), 'refused');
    assert.equal(privateProbe.closedWith, null, 'the private socket stays');
    const again = await WsProbe.open(`${sim.urls.mexcWs}?listenKey=${listenKey}`);
    probes.push(again);
    assert.equal((await publicGet(sim.urls.mexcRest, '/api/v3/depth', 'symbol=RMVUSDT&limit=5')).status, 200, 'REST depth still answers');
    assert.equal(sim.observerReport().outages.mexcPublicOutage, true);

    await waitFor(() => !sim.observerReport().outages.mexcPublicOutage, 5000, 'the window closing');
    assert.equal(await mexcPublicWs(sim), 'open');
  });
});

test('scenario stress switches on every stress fault but no outage; an outage given with it still applies', async () => {
  const stress = await simulator({scenario: 'stress'});
  const report = stress.observerReport();
  assert.deepEqual(report.outages, {referenceOutage: false, mexcPublicOutage: false});
  const withOutage = await simulator({scenario: 'stress', faults: ['referenceOutage']});
  assert.equal(withOutage.observerReport().outages.referenceOutage, true);
  await waitFor(() => withOutage.stats().kucoin['reachable'] === 0, 3000, 'KuCoin down under stress');
});

test('GET /observer serves the report: the summary, the true reference and the outage flags', async () => {
  const sim = await simulator({faults: ['mexcPublicOutage']});
  const response = await fetch(sim.urls.observer);
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(typeof body['samples'], 'number');
  assert.equal(typeof body['reference'], 'number');
  assert.deepEqual(body['outages'], {referenceOutage: false, mexcPublicOutage: true});
});
