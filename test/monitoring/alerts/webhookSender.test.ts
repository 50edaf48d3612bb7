import {test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {performance} from 'node:perf_hooks';
import {WebhookSender, type AlertLogLevel, type OutgoingMessage, type Receiver, type SenderOptions} from '../../../source/monitoring/alerts/webhookSender.js';
import {closedPort, startReceiver, until, type Answer, type ReceivedRequest} from './receiver.js';

const token = '7012345678:AAH-telegram-secret-token';
const fast: SenderOptions = {backoffMs: [10, 20, 40], attemptTimeoutMs: 200};

interface Harness {
  sender: WebhookSender;
  lines: {level: AlertLogLevel; text: string}[];
}

function makeSender(t: TestContext, receivers: Receiver[], options: SenderOptions & {secrets?: string[]} = {}): Harness {
  const lines: Harness['lines'] = [];
  const sender = new WebhookSender(receivers, {...fast, ...options, secrets: options.secrets ?? [], log: (level, text) => lines.push({level, text})});
  t.after(() => sender.close());
  return {sender, lines};
}

const message = (url: string, n: number): OutgoingMessage => ({request: {url, json: {text: `message ${n}`, n}}, label: `event${n}`});
const count = (sender: WebhookSender, kind: string, outcome: string): number => sender.stats().find((s) => s.kind === kind && s.outcome === outcome)?.count ?? -1;

/** How long `enqueue` takes, and how many event-loop turns pass in the `windowMs` after it. */
async function enqueueAndWatchLoop(sender: WebhookSender, index: number, messages: OutgoingMessage[], windowMs: number): Promise<{enqueueMs: number; turns: number}> {
  const start = performance.now();
  for (const m of messages) sender.enqueue(index, m);
  const enqueueMs = performance.now() - start;
  let turns = 0;
  const until = performance.now() + windowMs;
  await new Promise<void>((resolve) => {
    const spin = (): void => {
      turns++;
      if (performance.now() >= until) resolve();
      else setImmediate(spin);
    };
    setImmediate(spin);
  });
  return {enqueueMs, turns};
}

test('each message reaches its receiver exactly once, in order, with its body', async (t) => {
  const receiver = await startReceiver(t);
  const {sender} = makeSender(t, [{index: 0, kind: 'generic'}]);
  for (let n = 1; n <= 3; n++) sender.enqueue(0, message(`${receiver.url}/hook`, n));
  await sender.flush(2000);
  assert.deepEqual(
    receiver.requests.map((r) => [r.method, r.path, r.body]),
    [1, 2, 3].map((n) => ['POST', '/hook', {text: `message ${n}`, n}]),
  );
  assert.deepEqual(sender.stats(), [
    {kind: 'generic', outcome: 'sent', count: 3},
    {kind: 'generic', outcome: 'failed', count: 0},
    {kind: 'generic', outcome: 'dropped', count: 0},
  ]);
});

test('a receiver answering 500 gets 4 attempts with the backoff between, then the message counts as failed', async (t) => {
  const receiver = await startReceiver(t, () => 500);
  const {sender, lines} = makeSender(t, [{index: 3, kind: 'slack'}]);
  sender.enqueue(3, message(`${receiver.url}/services/T/B/slack-secret-path`, 1));
  await sender.flush(2000);
  assert.equal(receiver.requests.length, 4);
  const gaps = receiver.requests.slice(1).map((r, i) => r.at - receiver.requests[i]!.at);
  gaps.forEach((gap, i) => assert.ok(gap >= fast.backoffMs![i]! - 2, `gap ${i}: ${gap} ms`));
  assert.equal(count(sender, 'slack', 'failed'), 1);
  assert.equal(count(sender, 'slack', 'sent'), 0);
  const warn = lines.filter((l) => l.level === 'warn');
  assert.deepEqual(
    warn.map((l) => l.text),
    ['alert webhook #3 (slack): event1 not sent after 4 attempts: HTTP 500'],
  );
});

test('a receiver that recovers during the retries gets the message delivered once', async (t) => {
  const receiver = await startReceiver(t, (_request, n) => (n < 3 ? 503 : 200));
  const {sender} = makeSender(t, [{index: 0, kind: 'generic'}]);
  sender.enqueue(0, message(receiver.url, 1));
  await sender.flush(2000);
  assert.equal(receiver.requests.length, 3);
  assert.equal(count(sender, 'generic', 'sent'), 1);
  assert.equal(count(sender, 'generic', 'failed'), 0);
});

test('a refusal (HTTP 400: bad token, unknown chat) is not retried', async (t) => {
  const receiver = await startReceiver(t, () => 400);
  const {sender, lines} = makeSender(t, [{index: 0, kind: 'telegram'}]);
  sender.enqueue(0, message(receiver.url, 1));
  await sender.flush(2000);
  assert.equal(receiver.requests.length, 1);
  assert.equal(count(sender, 'telegram', 'failed'), 1);
  assert.match(lines.at(-1)!.text, /not sent after 1 attempt: HTTP 400$/);
});

test('a receiver that is down does not delay the caller, and its failure is counted', async (t) => {
  const port = await closedPort();
  const {sender, lines} = makeSender(t, [{index: 0, kind: 'generic'}]);
  const {enqueueMs, turns} = await enqueueAndWatchLoop(sender, 0, [message(`http://127.0.0.1:${port}/hook`, 1)], 30);
  assert.ok(enqueueMs < 5, `enqueue took ${enqueueMs} ms`);
  assert.ok(turns > 10, `only ${turns} event-loop turns in 30 ms`);
  await sender.flush(2000);
  assert.equal(count(sender, 'generic', 'failed'), 1);
  assert.match(lines.at(-1)!.text, /^alert webhook #0 \(generic\): event1 not sent after 4 attempts: ECONNREFUSED$/);
});

test('a receiver that never answers does not block the event loop; each attempt times out and it counts as failed', async (t) => {
  const receiver = await startReceiver(t, () => 'hang');
  const {sender, lines} = makeSender(t, [{index: 0, kind: 'generic'}], {backoffMs: [10], attemptTimeoutMs: 100});
  const {enqueueMs, turns} = await enqueueAndWatchLoop(sender, 0, [message(receiver.url, 1), message(receiver.url, 2)], 50);
  assert.ok(enqueueMs < 5, `enqueue took ${enqueueMs} ms`);
  assert.ok(turns > 10, `only ${turns} event-loop turns in 50 ms`);
  await sender.flush(3000);
  assert.equal(receiver.requests.length, 4);
  assert.equal(count(sender, 'generic', 'failed'), 2);
  assert.match(lines.at(-1)!.text, /event2 not sent after 2 attempts: ETIMEDOUT$/);
});

test('a full queue drops its oldest message, and counts it', async (t) => {
  const receiver = await startReceiver(t);
  const {sender, lines} = makeSender(t, [{index: 0, kind: 'generic'}], {maxQueue: 3});
  for (let n = 1; n <= 6; n++) sender.enqueue(0, message(receiver.url, n));
  await sender.flush(2000);
  assert.deepEqual(
    receiver.requests.map((r) => (r.body as {n: number}).n),
    [4, 5, 6],
  );
  assert.equal(count(sender, 'generic', 'dropped'), 3);
  assert.equal(count(sender, 'generic', 'sent'), 3);
  assert.equal(lines.filter((l) => l.text.includes('queue full (3), dropped the oldest message')).length, 3);
});

test('the default queue holds 50 messages per receiver', async (t) => {
  const receiver = await startReceiver(t);
  const {sender} = makeSender(t, [{index: 0, kind: 'generic'}]);
  for (let n = 1; n <= 60; n++) sender.enqueue(0, message(receiver.url, n));
  await sender.flush(5000);
  assert.equal(count(sender, 'generic', 'dropped'), 10);
  assert.equal(receiver.requests.length, 50);
  assert.equal((receiver.requests[0]!.body as {n: number}).n, 11);
});

test('receivers are independent: a hanging one does not hold up another', async (t) => {
  const hanging = await startReceiver(t, () => 'hang');
  const healthy = await startReceiver(t);
  const {sender} = makeSender(t, [
    {index: 0, kind: 'slack'},
    {index: 1, kind: 'generic'},
  ]);
  sender.enqueue(0, message(hanging.url, 1));
  sender.enqueue(1, message(healthy.url, 2));
  // counted once the answer is back, a moment after the receiver has seen the request
  await until(() => count(sender, 'generic', 'sent') === 1, 'the healthy receiver', 1000);
  assert.equal(healthy.requests.length, 1);
  assert.equal(count(sender, 'slack', 'sent'), 0);
});

test('no log line carries a token or an address, whatever fails', async (t) => {
  const failing = await startReceiver(t, () => 500);
  const port = await closedPort();
  const telegramUrl = `${failing.url}/bot${token}/sendMessage`;
  const slackPath = '/services/T0001/B0002/slackSecretPart';
  const secrets = [token, telegramUrl, `http://127.0.0.1:${port}${slackPath}`, slackPath];
  const {sender, lines} = makeSender(t, [{index: 0, kind: 'telegram'}, {index: 1, kind: 'slack'}], {secrets, maxQueue: 1});
  sender.enqueue(0, {request: {url: telegramUrl, json: {chat_id: 1, text: 'x'}}, label: 'halted'});
  sender.enqueue(1, {request: {url: `http://127.0.0.1:${port}${slackPath}`, json: {text: 'x'}}, label: 'halted'});
  // the second line of defence: even a label that (by a bug) carried a secret is scrubbed
  sender.enqueue(1, {request: {url: `http://127.0.0.1:${port}${slackPath}`, json: {text: 'x'}}, label: `oops ${token}`});
  sender.enqueue(1, {request: {url: `http://127.0.0.1:${port}${slackPath}`, json: {text: 'x'}}, label: 'last'});
  await sender.flush(3000);
  assert.ok(lines.length >= 4, `${lines.length} lines`);
  for (const {text} of lines) {
    for (const secret of [token, 'slackSecretPart', `/bot`, String(port)]) assert.ok(!text.includes(secret), `"${secret}" in: ${text}`);
  }
  assert.ok(lines.some((l) => l.text.includes('[redacted]')));
});

test('flush gives up after its timeout when a receiver hangs', async (t) => {
  const receiver = await startReceiver(t, () => 'hang');
  const {sender} = makeSender(t, [{index: 0, kind: 'generic'}], {attemptTimeoutMs: 5000});
  sender.enqueue(0, message(receiver.url, 1));
  const start = performance.now();
  await sender.flush(80);
  const waited = performance.now() - start;
  assert.ok(waited >= 70 && waited < 1000, `flush waited ${waited} ms`);
  assert.equal(sender.idle, false);
});

test('close stops the retries at once and the sender takes nothing more', async (t) => {
  const answered: ReceivedRequest[] = [];
  const receiver = await startReceiver(t, (request): Answer => (answered.push(request), 500));
  const {sender, lines} = makeSender(t, [{index: 0, kind: 'generic'}], {backoffMs: [10_000, 10_000, 10_000]});
  sender.enqueue(0, message(receiver.url, 1));
  sender.enqueue(0, message(receiver.url, 2));
  await until(() => answered.length === 1, 'the first attempt');
  await new Promise((resolve) => setTimeout(resolve, 20));
  sender.close();
  const start = performance.now();
  await sender.flush(2000);
  assert.ok(performance.now() - start < 500, 'flush after close waited on a retry');
  sender.enqueue(0, message(receiver.url, 3));
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(receiver.requests.length, 1);
  assert.ok(lines.some((l) => l.text === 'alert webhook #0 (generic): 1 message(s) not sent: alerts closed'));
  assert.equal(count(sender, 'generic', 'failed'), 0);
});

test('a message for an index no receiver has is ignored', (t) => {
  const {sender} = makeSender(t, [{index: 0, kind: 'generic'}]);
  sender.enqueue(7, message('http://127.0.0.1:1', 1));
  assert.equal(sender.idle, true);
});
