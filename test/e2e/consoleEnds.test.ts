// The console's own ways to end and to start, in tmux as an operator has it: the session killed under a
// running console (the pane's processes get SIGHUP and the terminal is gone), and the start-up screen
// while KuCoin is unreachable, with q leaving start-up cleanly.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {CLI, ourOpenOrders, startStandaloneSim, waitFor, type StandaloneSim} from './processHarness.js';
import {requireTmux, startTmuxConsoleInTempDir} from './tmuxConsole.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function consoleIn(t: {after: (fn: () => void) => void}, args: string[], env: Record<string, string> = {}) {
  return startTmuxConsoleInTempDir(t, {
    command: (dataDir) => [process.execPath, ...CLI, '--data-dir', dataDir, ...args],
    cwd: repoRoot,
    tempPrefix: 'mm-e2e-console-',
    socketPrefix: 'mm-e2e-ends',
    env,
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let sim: StandaloneSim;
before(async () => {
  sim = await startStandaloneSim(['--seed', '14']);
});
after(async () => {
  await sim.stop();
});

test('tmux kill-session under a running console: the hangup stops it like q, none of our orders left, lock released', {timeout: 90_000}, async (t) => {
  if (!requireTmux(t)) return;
  const endpoints = ['--mexc-rest', sim.urls.mexcRest, '--mexc-ws', sim.urls.mexcWs, '--kucoin-rest', sim.urls.kucoinRest];
  const {tmux, dataDir} = consoleIn(t, endpoints, {MEXC_API_KEY: sim.apiKey, MEXC_API_SECRET: sim.apiSecret});
  await tmux.waitForScreen('both sides quoting', (s) => /^BID QUOTING/m.test(s) && /^ASK QUOTING/m.test(s), 40_000);
  await waitFor('our ladder resting on the simulator', async () => (await ourOpenOrders(sim)).length >= 8, 30_000);
  const pid = tmux.commandPid();
  assert.ok(pid !== null, 'the bot runs in the pane');
  execFileSync('tmux', ['-L', tmux.socket, 'kill-session', '-t', 'console']);
  await waitFor('the bot process to end after the hangup', () => !alive(pid), 45_000);
  assert.deepEqual(await ourOpenOrders(sim), [], 'none of our orders left on the simulator');
  assert.equal(existsSync(join(dataDir, 'mexc-mm.lock')), false, 'lock released');
  const journal = readdirSync(join(dataDir, 'journal')).filter((name) => name.startsWith('events')).map((name) => readFileSync(join(dataDir, 'journal', name), 'utf8')).join('');
  assert.match(journal, /stopping \(SIGHUP\)/, 'the stop names the hangup');
  assert.doesNotMatch(journal, /crash/, 'the gone terminal is not a crash');
});

test('start-up screen while KuCoin is unreachable: the reference step retries with its reason; q leaves start-up with exit 0', {timeout: 90_000}, async (t) => {
  if (!requireTmux(t)) return;
  // the in-process simulator for MEXC, KuCoin pointed at a port nobody listens on
  const {tmux, dataDir} = consoleIn(t, ['--kucoin-rest', 'http://127.0.0.1:1']);
  const screen = await tmux.waitForScreen(
    'the reference step retrying with its reason and countdown',
    (s) => /reference symbol .*ECONNREFUSED.*attempt \d+/.test(s) && /next try in \d+s|trying again/.test(s),
    30_000,
  );
  assert.match(screen, /mexc-mm\s+SIM\s+RMVUSDT\s+starting/);
  assert.match(screen, /✓ simulator|simulator .*calm, seed 1/);
  assert.match(screen, /time sync\s+.*waiting/);
  assert.match(screen, /q quits/);
  for (const line of screen.split('\n')) assert.ok(line.length <= 80, `fits 80 columns: ${line}`);
  tmux.sendKeys('q');
  assert.equal(await tmux.waitForExit(20_000), 0);
  assert.equal(existsSync(join(dataDir, 'mexc-mm.lock')), false, 'lock released');
});
