import {test} from 'node:test';
import assert from 'node:assert/strict';
import {liveArgs, ourOpenOrders, startCli, startStandaloneSim, tempDir, waitFor} from './processHarness.js';

test('kill -9 mid-run, then restart: our resting orders are adopted, none duplicated, none left at the end', {timeout: 120_000}, async (t) => {
  const sim = await startStandaloneSim(['--seed', '5']);
  t.after(() => sim.stop());
  const dir = tempDir(t);
  const env = {MEXC_API_KEY: sim.apiKey, MEXC_API_SECRET: sim.apiSecret};

  const first = startCli([...liveArgs(sim), '--data-dir', dir], env);
  t.after(() => first.child.kill('SIGKILL'));
  await waitFor('10 resting orders', async () => (await ourOpenOrders(sim)).length >= 10, 30_000);
  first.child.kill('SIGKILL');
  await first.exited;
  const orphans = await ourOpenOrders(sim);
  assert.ok(orphans.length >= 10, 'orders survive the crash on the exchange');

  const second = startCli([...liveArgs(sim), '--duration', '10', '--data-dir', dir], env);
  t.after(() => second.child.kill('SIGKILL'));
  let most = 0;
  const watch = setInterval(() => {
    ourOpenOrders(sim).then((o) => (most = Math.max(most, o.length)), () => undefined);
  }, 200);
  t.after(() => clearInterval(watch));
  const code = await second.exited;
  clearInterval(watch);
  assert.equal(code, 0, second.stderr());
  assert.ok(second.lines.some((l) => /adopted \d+ order/.test(String(l.msg))), 'restart adopts the orders it finds');
  // place-before-cancel may briefly add replacements, but never a second full ladder on top of the adopted one
  assert.ok(most <= 16, `at most ${most} of our orders open at once`);
  assert.deepEqual(await ourOpenOrders(sim), [], 'nothing of ours left open');
});
