import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {configSchema, type ConfigInput} from '../../../source/config/configSchema.js';
import type {EngineSnapshot} from '../../../source/engine/view/snapshot.js';
import {Alerter, type AlerterOptions} from '../../../source/monitoring/alerts/alerter.js';
import {WebhookConfigError} from '../../../source/monitoring/alerts/webhookTargets.js';
import {fixtureNow, makeSnapshot} from '../../store/fixtures.js';
import {startReceiver, until} from './receiver.js';

const token = '7012345678:AAH-telegram-secret-token';
const alertsConfig = (alerts: ConfigInput['alerts']) => configSchema.parse({alerts}).alerts;

interface Clock {
  now: number;
}

function makeAlerter(t: TestContext, alerts: ConfigInput['alerts'], snapshot: () => EngineSnapshot | null, clock: Clock, extra: Partial<AlerterOptions> = {}) {
  const lines: string[] = [];
  const alerter = new Alerter({
    config: alertsConfig(alerts),
    mode: 'live',
    symbol: 'RMVUSDT',
    snapshot,
    now: () => clock.now,
    log: (level, text) => lines.push(`${level} ${text}`),
    env: {},
    senderOptions: {backoffMs: [10, 20, 40], attemptTimeoutMs: 200},
    ...extra,
  });
  t.after(() => alerter.stop(0));
  return {alerter, lines};
}

/** The fixture snapshot at `at`, passing, or failing the listing rule for `failingSec`. */
function snapshotAt(at: number, failingSec: number | null): EngineSnapshot {
  const base = makeSnapshot({updatedAt: at});
  const streams = {...base.streams, 'mexc.rest': {...base.streams['mexc.rest'], state: 'live' as const, reason: null}};
  if (failingSec === null) return {...base, streams};
  return {
    ...base,
    streams,
    compliance: {
      ...base.compliance,
      now: {...base.compliance.now!, at, pass: false, askDepth: 870.4, reason: 'ask depth 870 < 1000'},
      streakSec: -failingSec,
      lastHour: {...base.compliance.lastHour, perSide: 97.25},
    },
  };
}

test('end to end: compliance failing, then recovered, reaches a Telegram receiver as sendMessage with the chat id', async (t) => {
  const telegram = await startReceiver(t);
  const clock: Clock = {now: fixtureNow};
  let snapshot: EngineSnapshot | null = null;
  const {alerter} = makeAlerter(t, {complianceGraceSec: 300, webhooks: [{kind: 'telegram', url: telegram.url, token, chatId: '-1001234567890'}]}, () => snapshot, clock);

  alerter.tick(); // no snapshot yet
  snapshot = snapshotAt(clock.now, null);
  alerter.tick();
  clock.now += 10_000;
  snapshot = snapshotAt(clock.now, 10);
  alerter.tick(); // failing, inside its grace
  clock.now += 302_000;
  snapshot = snapshotAt(clock.now, 312);
  alerter.tick(); // failing for longer than the grace
  clock.now += 1000;
  snapshot = snapshotAt(clock.now, 313);
  alerter.tick(); // still failing: nothing new
  clock.now += 60_000;
  snapshot = snapshotAt(clock.now, null);
  alerter.tick();
  await until(() => alerter.stats().some((s) => s.outcome === 'sent' && s.count === 2), 'two messages sent');

  assert.deepEqual(
    telegram.requests.map((r) => [r.method, r.path]),
    [
      ['POST', `/bot${token}/sendMessage`],
      ['POST', `/bot${token}/sendMessage`],
    ],
  );
  assert.deepEqual(
    telegram.requests.map((r) => r.body),
    [
      {chat_id: '-1001234567890', text: 'RMVUSDT (live): compliance failing for 5m12s: ask depth 870 < 1000 (1 h: 97.2 %)', disable_web_page_preview: true},
      {chat_id: '-1001234567890', text: 'RMVUSDT (live): compliance recovered after failing for 6m13s (1 h: 100.0 %)', disable_web_page_preview: true},
    ],
  );
  assert.deepEqual(
    alerter.stats().filter((s) => s.count > 0),
    [{kind: 'telegram', outcome: 'sent', count: 2}],
  );
});

test('each receiver gets only the events it asked for; lifecycle events come from the caller', async (t) => {
  const generic = await startReceiver(t);
  const slack = await startReceiver(t);
  const clock: Clock = {now: fixtureNow};
  let snapshot = snapshotAt(clock.now, null);
  const {alerter} = makeAlerter(
    t,
    {
      webhooks: [
        {kind: 'generic', url: `${generic.url}/hooks/mexc-mm`},
        {kind: 'slack', url: `${slack.url}/services/T/B/secret`, events: ['halted', 'resumed']},
      ],
    },
    () => snapshot,
    clock,
  );
  alerter.lifecycle('started', {version: '0.1.0'});
  alerter.tick();
  clock.now += 1000;
  snapshot = {...snapshotAt(clock.now, null), halted: {since: clock.now - 200, reason: 'kill switch: 3 unknown outcomes'}};
  alerter.tick();
  await alerter.stop(2000);

  assert.deepEqual(
    generic.requests.map((r) => (r.body as {event: string}).event),
    ['started', 'halted'],
  );
  assert.deepEqual(generic.requests[1]!.body, {
    source: 'mexc-mm',
    event: 'halted',
    severity: 'critical',
    symbol: 'RMVUSDT',
    mode: 'live',
    at: new Date(clock.now).toISOString(),
    text: 'RMVUSDT (live): halted: kill switch: 3 unknown outcomes',
    reminder: false,
    details: {reason: 'kill switch: 3 unknown outcomes', durationSec: 0},
  });
  assert.deepEqual(
    slack.requests.map((r) => [r.path, r.body]),
    [['/services/T/B/secret', {text: 'RMVUSDT (live): halted: kill switch: 3 unknown outcomes'}]],
  );
});

test('stop waits for the last message (stopped) before it resolves', async (t) => {
  const generic = await startReceiver(t);
  const clock: Clock = {now: fixtureNow};
  const {alerter} = makeAlerter(t, {webhooks: [{kind: 'generic', url: generic.url}]}, () => null, clock);
  alerter.lifecycle('stopped');
  await alerter.stop(2000);
  assert.equal(generic.requests.length, 1);
  assert.equal((generic.requests[0]!.body as {event: string}).event, 'stopped');
  alerter.lifecycle('started');
  alerter.tick();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(generic.requests.length, 1, 'nothing is sent after stop');
});

test('stop gives up after its timeout when the receiver hangs', async (t) => {
  const hanging = await startReceiver(t, () => 'hang');
  const {alerter} = makeAlerter(t, {webhooks: [{kind: 'slack', url: hanging.url}]}, () => null, {now: fixtureNow}, {senderOptions: {attemptTimeoutMs: 5000}});
  alerter.lifecycle('stopUnconfirmed', {reason: '2 of ours may be left'});
  const start = Date.now();
  await alerter.stop(100);
  const waited = Date.now() - start;
  assert.ok(waited >= 90 && waited < 1000, `waited ${waited} ms`);
});

test('the timer reads the snapshot every interval once started, and stops with stop()', async (t) => {
  const generic = await startReceiver(t);
  let reads = 0;
  const clock: Clock = {now: fixtureNow};
  const {alerter} = makeAlerter(
    t,
    {webhooks: [{kind: 'generic', url: generic.url}]},
    () => {
      reads++;
      return {...snapshotAt(clock.now, null), halted: {since: clock.now, reason: 'operator kill switch'}};
    },
    clock,
    {intervalMs: 10},
  );
  alerter.start();
  await until(() => generic.requests.length === 1, 'the halt message', 1000);
  assert.ok(reads >= 1);
  await alerter.stop(500);
  const after = reads;
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.equal(reads, after, 'the snapshot is still read after stop');
  assert.equal((generic.requests[0]!.body as {text: string}).text, 'RMVUSDT (live): halted: operator kill switch');
});

test('with no webhooks configured it does nothing: no timer, no snapshot reads, no stats', async (t) => {
  let reads = 0;
  const {alerter} = makeAlerter(t, {}, () => (reads++, null), {now: fixtureNow}, {intervalMs: 5});
  // the alerter's timer is unref'd, so it would not show among the active resources: watch setInterval
  const realSetInterval = globalThis.setInterval;
  let intervals = 0;
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => (intervals++, realSetInterval(...args))) as typeof setInterval;
  try {
    alerter.start();
  } finally {
    globalThis.setInterval = realSetInterval;
  }
  assert.equal(intervals, 0);
  alerter.tick();
  alerter.lifecycle('started');
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(reads, 0);
  assert.equal(alerter.enabled, false);
  assert.deepEqual(alerter.stats(), []);
  assert.deepEqual(alerter.secrets(), []);
  await alerter.stop();
});

test('a variable named by the config that is not set stops construction, naming the key', () => {
  assert.throws(
    () =>
      new Alerter({
        config: alertsConfig({webhooks: [{kind: 'generic', url: 'https://ops.example.com/h'}, {kind: 'slack', urlEnv: 'SLACK_WEBHOOK_URL'}]}),
        mode: 'live',
        symbol: 'RMVUSDT',
        snapshot: () => null,
        log: () => undefined,
        env: {},
      }),
    (error: unknown) => error instanceof WebhookConfigError && error.message === 'alerts.webhooks[1].urlEnv: environment variable SLACK_WEBHOOK_URL is not set',
  );
});

test('secrets() lists the token taken from the environment, for the SecretGuard', (t) => {
  const {alerter} = makeAlerter(t, {webhooks: [{kind: 'telegram', tokenEnv: 'TELEGRAM_BOT_TOKEN', chatId: 1}]}, () => null, {now: fixtureNow}, {env: {TELEGRAM_BOT_TOKEN: token}});
  assert.ok(alerter.secrets().includes(token));
  assert.deepEqual(
    alerter.stats().map((s) => [s.kind, s.outcome, s.count]),
    [
      ['telegram', 'sent', 0],
      ['telegram', 'failed', 0],
      ['telegram', 'dropped', 0],
    ],
  );
});

test('a snapshot reader that throws is logged, and the timer goes on', (t) => {
  const {alerter, lines} = makeAlerter(t, {webhooks: [{kind: 'generic', url: 'http://127.0.0.1:9/h'}]}, () => {
    throw new Error('feed gone');
  }, {now: fixtureNow});
  assert.doesNotThrow(() => alerter.tick());
  assert.deepEqual(lines, ['error alerts: checking the snapshot failed: feed gone']);
});
