import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import {serveSimulator} from '../../source/commands/sim.js';
import {publicGet, waitFor} from '../sim/simTestKit.js';

test('mexc-mm sim prints its URLs and test account, serves until SIGTERM, then prints the observer summary', async () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += chunk));
  const running = serveSimulator({symbol: 'RMVUSDT', referenceSymbol: 'RMV-USDT', scenario: 'calm', seed: 4, port: 0, tickMs: 20, observerIntervalMs: 100}, out);
  await waitFor(() => text.includes('API secret:'), 5000, 'banner');
  const url = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(text)?.[1];
  const rest = url('MEXC REST')!;
  assert.match(rest, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(url('MEXC WS')!, /^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
  assert.match(url('KuCoin REST')!, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(url('API key')!, /^mx0v[0-9a-f]{18}$/);
  assert.match(url('API secret')!, /^[0-9a-f]{32}$/);
  assert.deepEqual((await publicGet(rest, '/api/v3/ping')).body, {});
  const observerUrl = url('observer')!;
  const summary = (await fetch(observerUrl).then((response) => response.json())) as any;
  assert.equal(typeof summary.samples, 'number');
  process.emit('SIGTERM');
  await running;
  assert.match(text, /observer: \d+ samples/);
  assert.match(text, /pass \(each side >= 1000 USDT\)/);
});
