// Bad keys and unknown symbols stop start-up at once: exit 1 within 10 s, one line naming the cause, and
// nothing placed. Driven against a standalone simulator, in sim mode pointed at it and with --live.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {exitedWithin, liveArgs, ourOpenOrders, simModeArgs, startCli, startStandaloneSim, tempDir, type StandaloneSim} from './processHarness.js';

let sim: StandaloneSim;
let readOnly: StandaloneSim;
let configDir: string;
before(async () => {
  sim = await startStandaloneSim(['--seed', '12']);
});
after(async () => {
  await sim.stop();
  await readOnly?.stop();
});

interface Case {
  name: string;
  cause: RegExp;
  env: (sim: StandaloneSim) => NodeJS.ProcessEnv;
  args?: string[];
}

const cases: Case[] = [
  {name: 'wrong secret', cause: /signature: MEXC_API_SECRET does not belong to MEXC_API_KEY \(MEXC code 700002\)/, env: (s) => ({MEXC_API_KEY: s.apiKey, MEXC_API_SECRET: 'f'.repeat(32)})},
  {name: 'wrong key', cause: /rejects the API key .*check MEXC_API_KEY \(MEXC code 10072\)/, env: (s) => ({MEXC_API_KEY: 'mx0vnotakey', MEXC_API_SECRET: s.apiSecret})},
  {name: 'unknown symbol', cause: /MEXC exchangeInfo NOPEUSDT failed: .*bad symbol/, env: (s) => ({MEXC_API_KEY: s.apiKey, MEXC_API_SECRET: s.apiSecret}), args: ['--symbol', 'NOPEUSDT']},
  {name: 'unknown reference symbol', cause: /KuCoin symbol NOPE-USDT failed: .*symbol not exists/, env: (s) => ({MEXC_API_KEY: s.apiKey, MEXC_API_SECRET: s.apiSecret}), args: ['--reference-symbol', 'NOPE-USDT']},
];

async function expectFastFailure(t: Parameters<typeof tempDir>[0], target: StandaloneSim, args: string[], env: NodeJS.ProcessEnv, cause: RegExp): Promise<void> {
  const dir = tempDir(t);
  const startedAt = Date.now();
  const run = startCli([...args, '--data-dir', dir], env);
  t.after(() => void run.child.kill('SIGKILL'));
  const code = await exitedWithin(run, 15_000, 'start-up to give up');
  const tookMs = Date.now() - startedAt;
  assert.equal(code, 1, run.stderr());
  assert.ok(tookMs < 10_000, `gave up within 10 s (took ${tookMs} ms)`);
  const lines = run.stderr().trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${run.stderr()}`);
  assert.match(lines[0]!, cause);
  assert.deepEqual(await ourOpenOrders(target), [], 'nothing placed');
  assert.equal(existsSync(join(dir, 'mexc-mm.lock')), false, 'lock released');
}

for (const mode of ['sim', 'live'] as const) {
  for (const c of cases) {
    test(`${mode} mode, ${c.name}: exit 1 in < 10 s naming the cause, nothing placed`, {timeout: 30_000}, async (t) => {
      const base = mode === 'sim' ? simModeArgs(sim).args : liveArgs(sim);
      await expectFastFailure(t, sim, [...base, ...(c.args ?? [])], c.env(sim), c.cause);
    });
  }
}

test('a key without trade permission (a simulator started with sim.keyCanTrade false): exit 1 in < 10 s naming the permission', {timeout: 60_000}, async (t) => {
  configDir = tempDir(t);
  const {writeFileSync} = await import('node:fs');
  writeFileSync(join(configDir, 'read-only.json'), JSON.stringify({sim: {keyCanTrade: false, seed: 13}}));
  readOnly = await startStandaloneSim(['--config', join(configDir, 'read-only.json')]);
  const env = {MEXC_API_KEY: readOnly.apiKey, MEXC_API_SECRET: readOnly.apiSecret};
  await expectFastFailure(t, readOnly, simModeArgs(readOnly).args, env, /MEXC test order: the API key lacks the permission: enable spot trading \(SPOT_DEAL_WRITE\) for the key \(MEXC code 700007\)/);
  await expectFastFailure(t, readOnly, liveArgs(readOnly), env, /(lacks the permission|canTrade=false)/);
});

test('sim mode pointed at a simulator without its keys: exit 2 naming MEXC_API_KEY and the command that prints them', {timeout: 30_000}, async (t) => {
  const dir = tempDir(t);
  const run = startCli([...simModeArgs(sim).args, '--data-dir', dir], {MEXC_API_KEY: '', MEXC_API_SECRET: ''});
  t.after(() => void run.child.kill('SIGKILL'));
  assert.equal(await exitedWithin(run, 15_000, 'the refusal'), 2);
  assert.match(run.stderr(), /--mexc-rest http:\/\/127\.0\.0\.1:\d+ needs that simulator's keys in MEXC_API_KEY and MEXC_API_SECRET \(`mexc-mm sim` prints the command to use\)/);
});

test('`mexc-mm sim` prints the command that connects a bot to it, and that command runs', {timeout: 60_000}, async (t) => {
  const printed = /Connect a bot to it[^\n]*\n\s+(MEXC_API_KEY=\S+) (MEXC_API_SECRET=\S+) (.+)\n/.exec(sim.output());
  assert.ok(printed, sim.output());
  const [, keyAssignment, secretAssignment, command] = printed;
  assert.equal(keyAssignment, `MEXC_API_KEY=${sim.apiKey}`);
  assert.equal(secretAssignment, `MEXC_API_SECRET=${sim.apiSecret}`);
  const argv = command!.split(' ');
  const flags = argv.slice(argv.findIndex((arg) => arg.startsWith('--mexc-rest')));
  assert.deepEqual(flags.slice(0, 6), ['--mexc-rest', sim.urls.mexcRest, '--mexc-ws', sim.urls.mexcWs, '--kucoin-rest', sim.urls.kucoinRest]);
  const dir = tempDir(t);
  const run = startCli([...flags, '--no-ui', '--duration', '4', '--data-dir', dir], {MEXC_API_KEY: sim.apiKey, MEXC_API_SECRET: sim.apiSecret});
  t.after(() => void run.child.kill('SIGKILL'));
  assert.equal(await exitedWithin(run, 45_000, 'the connected run'), 0, run.stderr());
  assert.ok(run.lines.some((line) => /fill|placed|quoting/.test(String(line.msg))) || run.lines.some((line) => line.msg === 'stopped' && line.leftoverOrders === 0));
});
