// The console as an operator sees it: the real binary in tmux at 80x24 on the simulator. Reads the screen,
// presses p, p, r, c y, k y, q, and checks the screen after each, the exit code, the state file (via
// `mexc-mm status --json`) and the events journal.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {CLI} from './processHarness.js';
import {requireTmux, startTmuxConsoleInTempDir} from './tmuxConsole.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Seconds to the next ladder rebuild, from the banner's "reset mm:ss". */
function resetCountdown(screen: string): number | null {
  const match = /reset (\d+):(\d\d)/.exec(screen.split('\n')[0] ?? '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * What `mexc-mm status --json` shows of our orders. The state file lists only our working orders — filled
 * and cancelled ones are dropped from the engine's order map — each with one of these statuses
 * (source/store/persistedStateSchema.ts); every one of them may still rest on the exchange.
 */
const WORKING_STATUSES = ['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'UNKNOWN'];
interface StatusJson {
  running: boolean;
  mode: string;
  paused: boolean;
  halted: {since: number; reason: string} | null;
  orders: Array<{clientOrderId: string; side: 'BUY' | 'SELL'; status: string}>;
}
function readStatus(dataDir: string): StatusJson {
  const status = spawnSync(process.execPath, [...CLI, 'status', '--json', '--data-dir', dataDir], {cwd: repoRoot, encoding: 'utf8', timeout: 30_000});
  const body = JSON.parse(status.stdout) as StatusJson;
  // README "Status exit codes": 0 or 1 (compliant or not, halted) while running, 3 once stopped
  assert.ok(body.running ? status.status === 0 || status.status === 1 : status.status === 3, `status exit ${status.status} with running ${body.running}: ${status.stderr}`);
  return body;
}

const banner = (screen: string): string => screen.split('\n')[0] ?? '';
const keyBar = (screen: string): string => screen.trimEnd().split('\n').at(-1) ?? '';

test('console in tmux at 80x24: quoting, pause/resume, reset, cancel all, kill switch, quit with exit 0 and the halt persisted', {timeout: 90_000}, async (t) => {
  if (!requireTmux(t)) return;
  const {tmux, dataDir, stderr} = startTmuxConsoleInTempDir(t, {
    command: (data) => [process.execPath, ...CLI, '--seed', '7', '--data-dir', data],
    cwd: repoRoot,
    tempPrefix: 'mm-e2e-tmux-',
    socketPrefix: 'mm-e2e',
  });

  // 1. up, running, quoting both sides, compliant now
  const up = await tmux.waitForScreen(
    'the console quoting both sides and passing',
    (s) =>
      banner(s).includes(' SIM ') &&
      banner(s).includes('RUNNING') &&
      /^BID QUOTING .*buy\s+\d+×/m.test(s) &&
      /^ASK QUOTING .*sell\s+\d+×/m.test(s) &&
      /^now\s+PASS/m.test(s),
    45_000,
  ).catch((error: Error) => assert.fail(`${error.message}\nstderr: ${stderr()}`));
  assert.match(keyBar(up), /p pause\s+c cancel all\s+r reset\s+k kill\s+q quit/);
  assert.ok(up.trimEnd().split('\n').length <= 24, 'the frame fits 24 rows');
  for (const line of up.split('\n')) assert.ok([...line].length <= 80, `line fits 80 columns: ${line}`);
  // The state file (flushed every second) shows the resting ladder as working orders on both sides: the
  // same reading that must come back empty after q.
  let quoting = readStatus(dataDir);
  for (let attempt = 0; attempt < 5 && !(quoting.orders.some((o) => o.side === 'BUY' && o.status === 'NEW') && quoting.orders.some((o) => o.side === 'SELL' && o.status === 'NEW')); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    quoting = readStatus(dataDir);
  }
  assert.equal(quoting.running, true);
  assert.ok(quoting.orders.some((o) => o.side === 'BUY' && o.status === 'NEW'), `a resting bid in the state file: ${JSON.stringify(quoting.orders)}`);
  assert.ok(quoting.orders.some((o) => o.side === 'SELL' && o.status === 'NEW'), `a resting ask in the state file: ${JSON.stringify(quoting.orders)}`);
  for (const order of quoting.orders) assert.ok(WORKING_STATUSES.includes(order.status), `status ${order.status} of ${order.clientOrderId}`);

  // 2. p pauses: banner PAUSED, both sides held ("paused"), the key bar offers resume
  tmux.sendKeys('p');
  await tmux.waitForScreen(
    'PAUSED after p',
    (s) => banner(s).includes('PAUSED') && /^BID HELD .*paused/m.test(s) && /^ASK HELD .*paused/m.test(s) && /p resume/.test(keyBar(s)),
    20_000,
  );

  // 3. p again resumes
  tmux.sendKeys('p');
  await tmux.waitForScreen('RUNNING after the second p', (s) => banner(s).includes('RUNNING') && !banner(s).includes('PAUSED') && /resume sent/.test(keyBar(s)), 20_000);

  // 4. r rebuilds the ladder now: the reset countdown starts again from the full interval
  const beforeReset = await tmux.waitForScreen('the reset countdown below 29:57', (s) => (resetCountdown(s) ?? 1800) <= 1797, 20_000);
  const countdownBefore = resetCountdown(beforeReset)!;
  tmux.sendKeys('r');
  const afterReset = await tmux.waitForScreen(
    `the reset countdown restarted (was ${countdownBefore} s)`,
    (s) => /reset sent/.test(keyBar(s)) && (resetCountdown(s) ?? 0) > countdownBefore,
    20_000,
  );
  assert.ok(resetCountdown(afterReset)! >= 1790, banner(afterReset));
  await tmux.waitForScreen('both sides quoting again after the reset', (s) => /^BID QUOTING .*buy\s+\d+×/m.test(s) && /^ASK QUOTING .*sell\s+\d+×/m.test(s), 20_000);

  // 5. c asks first; y cancels every order of ours and pauses
  tmux.sendKeys('c');
  await tmux.waitForScreen('the cancel-all confirmation', (s) => /Cancel ALL our orders\?\s+y = yes, any other key = no/.test(keyBar(s)), 20_000);
  tmux.sendKeys('y');
  await tmux.waitForScreen(
    'no orders on either side, paused',
    (s) => banner(s).includes('PAUSED') && /^BID HELD\s+0\/[\d,]+ paused\s+buy\s+no orders/m.test(s) && /^ASK HELD\s+0\/[\d,]+ paused\s+sell\s+no orders/m.test(s),
    20_000,
  );

  // 6. k asks first; y halts
  tmux.sendKeys('k');
  await tmux.waitForScreen('the kill-switch confirmation', (s) => /KILL SWITCH: cancel all and halt quoting\?\s+y = yes, any other key = no/.test(keyBar(s)), 20_000);
  tmux.sendKeys('y');
  const halted = await tmux.waitForScreen('HALTED in the banner', (s) => /HALTED \d+s: operator/.test(banner(s)), 20_000);
  assert.match(halted, /^BID HELD\s+0\/[\d,]+ halted/m);
  assert.match(keyBar(halted), /k un-halt/);

  // 7. q quits: our orders are cancelled and confirmed gone (exit 0 means the final sweep found none)
  tmux.sendKeys('q');
  const code = await tmux.waitForExit(30_000);
  assert.equal(code, 0, `exit code; stderr: ${stderr()}`);
  assert.match(stderr(), /simulator observer[^:]*: \{/, 'the in-process simulator reports its observer summary on exit');

  // 8. the state file: stopped, halted persisted, nothing of ours open
  const state = readStatus(dataDir);
  assert.equal(state.running, false);
  assert.equal(state.mode, 'sim');
  assert.ok(state.halted, 'halted is persisted');
  assert.match(state.halted.reason, /operator \(key\)/);
  assert.equal(state.paused, true);
  // Every order the state file lists is a working one (possibly still open): none may be left.
  const open = state.orders.filter((o) => WORKING_STATUSES.includes(o.status));
  assert.equal(open.length, state.orders.length, `only working statuses in the state file: ${JSON.stringify(state.orders)}`);
  assert.equal(open.length, 0, `open orders in the state file: ${JSON.stringify(open)}`);

  // 9. every key left its event in the journal, in order
  const journalDir = join(dataDir, 'journal');
  const events = readdirSync(journalDir)
    .filter((f) => f.startsWith('events-'))
    .sort()
    .flatMap((f) => readFileSync(join(journalDir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => (JSON.parse(line) as {text: string}).text);
  const expected = [/^paused \(key\)/, /^resumed \(key\)/, /^reset requested \(key\): rebuilding \d+ order/, /^cancel all \(key\): \d+ order/, /^KILL SWITCH: operator \(key\)/, /^stopping \(/];
  let from = 0;
  for (const pattern of expected) {
    const index = events.findIndex((text, i) => i >= from && pattern.test(text));
    assert.ok(index >= 0, `event ${pattern} after #${from} in:\n${events.join('\n')}`);
    from = index + 1;
  }
});
