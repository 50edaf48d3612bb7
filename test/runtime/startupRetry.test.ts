// Start-up reads retried through a venue hiccup, failing fast on a definite answer, on a fake clock.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PortError} from '../../source/engine/ports.js';
import {MexcApiError, MexcTransportError} from '../../source/exchanges/mexc/errors.js';
import {StartupError} from '../../source/runtime/startupError.js';
import {isTransient, StartupAborted, withStartupRetries} from '../../source/runtime/startupRetry.js';

function fakeClock() {
  let t = 0;
  return {now: () => t, sleep: async (ms: number) => void (t += ms), elapsed: () => t};
}

test('transient: 5xx, 429, timeouts and unreachable venues; not a definite refusal', () => {
  assert.equal(isTransient(new MexcApiError(503, 503, 'service not available')), true);
  assert.equal(isTransient(new MexcApiError(429, 429, 'Too Many Requests', Date.now() + 1000)), true);
  assert.equal(isTransient(new MexcTransportError('timeout', 'GET /api/v3/time: timeout')), true);
  assert.equal(isTransient(new MexcApiError(400, 10007, 'bad symbol')), false);
  assert.equal(isTransient(new PortError('GET /api/v2/symbols: connect ECONNREFUSED', null, null, true)), true);
  assert.equal(isTransient(new PortError('kucoin symbol X-USDT: no data (unknown symbol?)', null)), false);
  assert.equal(isTransient(new Error('anything else')), false);
});

test('a venue answering 503 twice, then fine: the third attempt succeeds after backing off', async () => {
  const clock = fakeClock();
  let calls = 0;
  const warnings: string[] = [];
  const value = await withStartupRetries(
    'MEXC exchangeInfo RMVUSDT',
    async () => {
      calls++;
      if (calls < 3) throw new MexcApiError(503, 503, 'service not available');
      return 'rules';
    },
    {log: (_l, m) => void warnings.push(m), ...clock},
  );
  assert.equal(value, 'rules');
  assert.equal(calls, 3);
  assert.equal(clock.elapsed(), 1000 + 2000, 'exponential backoff');
  assert.match(warnings[0]!, /MEXC exchangeInfo RMVUSDT failed \(MEXC HTTP 503 code 503: service not available\); attempt 2 in 1 s/);
});

test('a Retry-After longer than the backoff is honoured', async () => {
  const clock = fakeClock();
  let calls = 0;
  await withStartupRetries('MEXC server time', async () => {
    if (calls++ === 0) throw new MexcApiError(429, 429, 'Too Many Requests', clock.now() + 7_000);
    return 1;
  }, {log: () => undefined, ...clock});
  assert.equal(clock.elapsed(), 7_000);
});

test('a definite refusal fails at once as a StartupError naming what failed', async () => {
  const clock = fakeClock();
  await assert.rejects(
    withStartupRetries('KuCoin symbol NOPE-USDT', async () => {
      throw new PortError('kucoin symbol NOPE-USDT: no data (unknown symbol?)', null);
    }, {log: () => undefined, ...clock}),
    (error: unknown) => error instanceof StartupError && error.exitCode === 1 && /^KuCoin symbol NOPE-USDT failed: .*unknown symbol/.test(error.message),
  );
  assert.equal(clock.elapsed(), 0);
});

test('a venue down for longer than the deadline gives up with the attempt count', async () => {
  const clock = fakeClock();
  await assert.rejects(
    withStartupRetries('MEXC server time', async () => {
      throw new MexcTransportError('notConnected', 'GET /api/v3/time: connect ECONNREFUSED');
    }, {log: () => undefined, deadlineMs: 20_000, ...clock}),
    (error: unknown) => error instanceof StartupError && /MEXC server time failed after 5 attempts: .*ECONNREFUSED/.test(error.message),
  );
  assert.ok(clock.elapsed() <= 20_000);
});

test('an access answer (wrong key, signature, permission, IP) fails at once, naming the cause, with the error as its cause', async () => {
  const cases: Array<[number, RegExp]> = [
    [10072, /rejects the API key.*MEXC_API_KEY.*code 10072/],
    [700002, /signature: MEXC_API_SECRET does not belong to MEXC_API_KEY.*code 700002/],
    [700006, /not on the API key's whitelist.*code 700006/],
    [700007, /lacks the permission.*SPOT_DEAL_WRITE.*code 700007/],
    [700001, /malformed.*code 700001/],
  ];
  for (const [code, cause] of cases) {
    const clock = fakeClock();
    let calls = 0;
    const failure = new MexcApiError(400, code, 'refused');
    await assert.rejects(
      withStartupRetries('MEXC keys', async () => {
        calls++;
        throw failure;
      }, {log: () => undefined, ...clock}),
      (error: unknown) => error instanceof StartupError && error.exitCode === 1 && cause.test(error.message) && error.cause === failure,
    );
    assert.equal(calls, 1, `code ${code}: one attempt`);
    assert.equal(clock.elapsed(), 0, `code ${code}: no waiting`);
  }
});

test('a clock outside recvWindow gets exactly one more attempt (after the re-sync it triggers), then fails naming the clock', async () => {
  const clock = fakeClock();
  let calls = 0;
  await assert.rejects(
    withStartupRetries('MEXC keys', async () => {
      calls++;
      throw new MexcApiError(400, 700003, 'Timestamp for this request is outside of the recvWindow.');
    }, {log: () => undefined, ...clock}),
    /MEXC keys: the clock is outside MEXC's recvWindow even after re-syncing: fix the system clock \(NTP\) \(MEXC code 700003\)/,
  );
  assert.equal(calls, 2);
  let second = 0;
  const value = await withStartupRetries('MEXC keys', async () => {
    if (second++ === 0) throw new MexcApiError(400, 700003, 'outside recvWindow');
    return 'ok';
  }, {log: () => undefined, ...clock});
  assert.equal(value, 'ok', 'the attempt after the re-sync succeeds');
});

test('start-up abandoned while waiting to retry: rejects with StartupAborted at once, no further attempt', async () => {
  const controller = new AbortController();
  let calls = 0;
  const sleeps: number[] = [];
  const pending = withStartupRetries(
    'KuCoin symbol RMV-USDT',
    async () => {
      calls++;
      throw new MexcTransportError('notConnected', 'connect ECONNREFUSED');
    },
    {log: () => undefined, signal: controller.signal, sleep: (ms) => (sleeps.push(ms), new Promise<void>(() => undefined))},
  );
  await new Promise((resolve) => setImmediate(resolve));
  controller.abort('SIGHUP');
  await assert.rejects(pending, (error: unknown) => error instanceof StartupAborted && error.reason === 'SIGHUP');
  assert.equal(calls, 1);
  assert.deepEqual(sleeps, [1000]);
});

test('each retry is told to onRetry with the reason, the next attempt number and the wait', async () => {
  const clock = fakeClock();
  const told: Array<[string, number, number]> = [];
  let calls = 0;
  await withStartupRetries('MEXC server time', async () => {
    if (calls++ < 2) throw new MexcApiError(503, 503, 'service not available');
    return 1;
  }, {log: () => undefined, onRetry: (reason, attempt, wait) => void told.push([reason, attempt, wait]), ...clock});
  assert.deepEqual(told, [
    ['MEXC HTTP 503 code 503: service not available', 2, 1000],
    ['MEXC HTTP 503 code 503: service not available', 3, 2000],
  ]);
});
