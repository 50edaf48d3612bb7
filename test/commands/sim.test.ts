import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import {describeFaults, serveSimulator} from '../../source/commands/sim.js';
import {publicGet, waitFor} from '../sim/simTestKit.js';

test('mexc-mm sim prints its URLs and test account, serves until SIGTERM, then prints the observer summary', async (t) => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += chunk));
  // The market model never steps (tickMs of an hour): the book stays as primed at start, so the observer's
  // figures can be computed here from the public depth.
  const running = serveSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 4, port: 0, tickMs: 3_600_000, observerIntervalMs: 100}, out);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.emit('SIGTERM');
    await running;
  };
  t.after(stop); // a failed assertion must not leave the simulator serving (the test file would never end)
  await waitFor(() => text.includes('API secret:'), 5000, 'banner');
  const url = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(text)?.[1];
  const rest = url('MEXC REST')!;
  assert.match(rest, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(url('MEXC WS')!, /^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
  assert.match(url('KuCoin REST')!, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(url('API key')!, /^mx0v[0-9a-f]{18}$/);
  assert.match(url('API secret')!, /^[0-9a-f]{32}$/);
  assert.match(text, /^  faults: +none$/m);
  assert.deepEqual((await publicGet(rest, '/api/v3/ping')).body, {});
  const observerUrl = url('observer')!;
  assert.equal(observerUrl, `${rest}/observer`);

  // The rule computed from the book the public depth shows: mid of the touch, each side's quote value
  // within ±2 % of mid, spread < 2 % and ≥ 1,000 USDT per side (or combined).
  const depth = (await publicGet(rest, '/api/v3/depth', 'symbol=RMVUSDT&limit=5000')).body as {bids: [string, string][]; asks: [string, string][]};
  const levels = (side: [string, string][]) => side.map(([price, qty]) => [Number(price), Number(qty)] as const);
  const bids = levels(depth.bids);
  const asks = levels(depth.asks);
  const mid = (bids[0]![0] + asks[0]![0]) / 2;
  const bidDepth = bids.filter(([price]) => price >= mid * 0.98).reduce((sum, [price, qty]) => sum + price * qty, 0);
  const askDepth = asks.filter(([price]) => price <= mid * 1.02).reduce((sum, [price, qty]) => sum + price * qty, 0);
  const spreadPct = ((asks[0]![0] - bids[0]![0]) / mid) * 100;
  const spreadOk = spreadPct < 2;
  const passPerSide = spreadOk && bidDepth >= 1000 && askDepth >= 1000;
  const passCombined = spreadOk && bidDepth + askDepth >= 1000;
  // Without a bot the other participants' book is thin and wide: every sample fails, the first one too
  // (taken before or after the book was primed), so the whole summary is known.
  assert.deepEqual([passPerSide, passCombined], [false, false], `bid ${bidDepth}, ask ${askDepth}, spread ${spreadPct} %`);

  type Summary = {
    samples: number; passPerSidePct: number; passCombinedPct: number; longestGapSec: number; currentGapSec: number;
    current: {mid: number; spreadPct: number; bidDepthUsdt: number; askDepthUsdt: number; passPerSide: boolean; passCombined: boolean} | null;
  };
  const observed = async () => (await fetch(observerUrl).then((response) => response.json())) as Summary;
  const startedAt = Date.now();
  let summary = await observed();
  while (summary.samples < 3 && Date.now() - startedAt < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    summary = await observed();
  }
  assert.ok(summary.samples >= 3, `the observer samples every 100 ms (${summary.samples} samples)`);
  assert.deepEqual([summary.passPerSidePct, summary.passCombinedPct], [0, 0]);
  assert.equal(summary.currentGapSec, summary.samples * 0.1);
  assert.equal(summary.longestGapSec, summary.samples * 0.1);
  const current = summary.current!;
  assert.ok(Math.abs(current.mid - mid) < 1e-9, `observer mid ${current.mid}, book mid ${mid}`);
  assert.ok(Math.abs(current.spreadPct - spreadPct) < 1e-9, `observer spread ${current.spreadPct}, book ${spreadPct}`);
  assert.ok(Math.abs(current.bidDepthUsdt - bidDepth) < 1e-6, `observer bid depth ${current.bidDepthUsdt}, book ${bidDepth}`);
  assert.ok(Math.abs(current.askDepthUsdt - askDepth) < 1e-6, `observer ask depth ${current.askDepthUsdt}, book ${askDepth}`);
  assert.deepEqual([current.passPerSide, current.passCombined], [false, false]);

  await stop();
  const printed = Number(/observer: (\d+) samples/.exec(text)?.[1]);
  assert.ok(printed >= summary.samples, `printed ${printed} samples, ${summary.samples} served before`);
  assert.match(text, /pass \(each side >= 1000 USDT\): 0\.0 %/);
  assert.match(text, /pass \(combined   >= 1000 USDT\): 0\.0 %/);
});

test('the banner says which faults run and when: timed outages, stress faults, none', () => {
  assert.equal(describeFaults({scenario: 'calm'}), 'none');
  assert.equal(
    describeFaults({scenario: 'calm', faults: [{name: 'referenceOutage', startSec: 30, durationSec: 600}, 'wsDrop']}),
    'referenceOutage for 10m from 30s; wsDrop on from the start',
  );
  assert.equal(describeFaults({scenario: 'stress', faults: [{name: 'mexcPublicOutage', startSec: 0, durationSec: 90}]}), 'every stress fault, staggered; mexcPublicOutage for 90s from the start');
});
