// The webhook alerts as an operator meets them (docs/monitoring.md §4): the real binary, headless on the
// simulator, with receivers on loopback. A reference outage is announced once it lasts longer than
// alerts.streamDownSec and its end is announced; the run's start and stop are announced; the tokens and
// URLs never reach stdout, the state file or the journals; a receiver that never answers costs the run
// nothing; a webhook whose variable is not set stops start-up with exit 2 naming the key.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {CLI, exitedWithin, startCli, tempDir} from './processHarness.js';
import {startReceiver} from '../monitoring/alerts/receiver.js';

const TOKEN = '987654:telegram-token-for-the-e2e-test';
const HOOK_PATH = '/services/T000/B000/slack-secret-path-e2e';

function writeConfig(dir: string, alerts: unknown): string {
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify({alerts}));
  return path;
}

const everyFile = (dir: string): string[] =>
  readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

test('a reference outage is announced after streamDownSec and its end too; start and stop are announced; no secret is written anywhere', {timeout: 90_000}, async (t) => {
  const telegram = await startReceiver(t);
  const slack = await startReceiver(t);
  const dir = tempDir(t, 'mm-alerts-');
  const config = writeConfig(dir, {
    streamDownSec: 2,
    reminderMin: 0,
    webhooks: [
      {kind: 'telegram', url: telegram.url, tokenEnv: 'E2E_TELEGRAM_TOKEN', chatId: -100123},
      {kind: 'slack', urlEnv: 'E2E_SLACK_URL', events: ['streamDown', 'streamRecovered']},
    ],
  });
  const dataDir = join(dir, 'data');
  const run = startCli(['--no-ui', '--duration', '21', '--seed', '7', '--faults', 'referenceOutage:5s@5s', '--config', config, '--data-dir', dataDir], {
    E2E_TELEGRAM_TOKEN: TOKEN,
    E2E_SLACK_URL: `${slack.url}${HOOK_PATH}`,
  });
  t.after(() => run.child.kill('SIGKILL'));
  assert.equal(await exitedWithin(run, 60_000, 'the run to stop after --duration 21'), 0, run.stderr());

  const texts = telegram.requests.map((r) => {
    assert.equal(r.path, `/bot${TOKEN}/sendMessage`);
    const body = r.body as {chat_id: number; text: string};
    assert.equal(body.chat_id, -100123);
    return body.text;
  });
  assert.match(texts[0] ?? '', /RMVUSDT \(sim\): started/);
  assert.match(texts.at(-1) ?? '', /RMVUSDT \(sim\): stopped; none of our orders is left/);
  const down = texts.filter((text) => /stream kucoin\.book (down|stale) for /.test(text));
  const back = texts.filter((text) => /stream kucoin\.book \w+ again after an outage of /.test(text));
  assert.equal(down.length, 1, `one outage message: ${JSON.stringify(texts)}`);
  assert.equal(back.length, 1, `one recovery message: ${JSON.stringify(texts)}`);
  assert.ok(texts.indexOf(down[0]!) < texts.indexOf(back[0]!));

  // the Slack receiver asked only for the stream events
  assert.deepEqual(slack.requests.map((r) => r.path), [HOOK_PATH, HOOK_PATH]);
  for (const request of slack.requests) assert.match((request.body as {text: string}).text, /kucoin\.book/);

  for (const path of everyFile(dataDir)) {
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes(TOKEN) && !text.includes(HOOK_PATH), `no webhook secret in ${path}`);
  }
  assert.ok(!run.stdout().includes(TOKEN) && !run.stdout().includes(HOOK_PATH) && !run.stderr().includes(TOKEN), 'no webhook secret in the log lines');
});

test('a receiver that never answers delays neither the engine nor the stop beyond the 5 s flush; its failure is logged without its address', {timeout: 90_000}, async (t) => {
  const hanging = await startReceiver(t, () => 'hang');
  const dir = tempDir(t, 'mm-alerts-');
  const config = writeConfig(dir, {webhooks: [{kind: 'generic', url: `${hanging.url}/hook/never-answers-secret`}]});
  const started = Date.now();
  const run = startCli(['--no-ui', '--duration', '8', '--seed', '7', '--config', config, '--data-dir', join(dir, 'data')]);
  t.after(() => run.child.kill('SIGKILL'));
  assert.equal(await exitedWithin(run, 60_000, 'the run to stop after --duration 8'), 0, run.stderr());
  const took = (Date.now() - started) / 1000;
  // start-up, 12 s of quoting, the stop's sweep, then at most 5 s waiting for the last messages
  assert.ok(took < 8 + 15, `the run took ${took.toFixed(1)} s`);
  const stopped = run.lines.find((l) => l.msg === 'stopped') as {leftoverOrders: number; compliance: {perSide: number; samples: number}} | undefined;
  assert.equal(stopped?.leftoverOrders, 0);
  assert.ok(stopped.compliance.perSide >= 80, `the engine quoted as usual: ${stopped.compliance.perSide} % of ${stopped.compliance.samples} samples`);
  assert.ok(hanging.requests.length >= 1, 'the receiver was tried');
  assert.ok(!run.stdout().includes('never-answers-secret'), 'the address is not logged');
});

test('a webhook whose environment variable is not set stops start-up with exit 2 naming the key', {timeout: 30_000}, (t) => {
  const dir = tempDir(t, 'mm-alerts-');
  const config = writeConfig(dir, {webhooks: [{kind: 'generic', url: 'http://127.0.0.1:9/x'}, {kind: 'slack', urlEnv: 'E2E_UNSET_SLACK_URL'}]});
  const env = {...process.env};
  delete env.E2E_UNSET_SLACK_URL;
  const result = spawnSync(process.execPath, [...CLI, '--no-ui', '--duration', '5', '--config', config, '--data-dir', join(dir, 'data')], {encoding: 'utf8', timeout: 20_000, env});
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /alerts\.webhooks\[1\]\.urlEnv: environment variable E2E_UNSET_SLACK_URL is not set/);
});
