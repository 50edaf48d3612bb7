// Which MEXC answers mean "these keys cannot be used from here", and which do not.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MexcApiError, MexcTransportError} from '../../../source/exchanges/mexc/errors.js';
import {accessFailureOf, isClockRejection} from '../../../source/exchanges/mexc/accessErrors.js';

test('key, signature, IP, permission, clock and ban codes are access failures, each with its own problem', () => {
  const problems = [10072, 700001, 700002, 700006, 700007, 700003, 70011].map((code) => accessFailureOf(new MexcApiError(400, code, 'x'))?.problem);
  assert.deepEqual(problems, ['apiKey', 'apiKey', 'signature', 'ipWhitelist', 'permission', 'clock', 'banned']);
  assert.match(accessFailureOf(new MexcApiError(400, 10072, 'Api key info invalid'))!.cause, /\(MEXC code 10072\)$/);
});

test('code 400 is an access failure only as "api key required"', () => {
  assert.equal(accessFailureOf(new MexcApiError(400, 400, 'api key required'))?.problem, 'noKey');
  assert.equal(accessFailureOf(new MexcApiError(400, 400, 'Bad request')), null);
});

test('order refusals, 5xx, rate limits and transport failures are not access failures', () => {
  for (const error of [
    new MexcApiError(400, 10101, 'Insufficient balance'),
    new MexcApiError(400, 10007, 'bad symbol'),
    new MexcApiError(503, 503, 'service not available'),
    new MexcApiError(429, 429, 'Too Many Requests', 1),
    new MexcTransportError('timeout', 'no answer'),
    new Error('10072'),
  ])
    assert.equal(accessFailureOf(error), null, error.message);
});

test('isClockRejection: 700003 only', () => {
  assert.equal(isClockRejection(new MexcApiError(400, 700003, 'outside recvWindow')), true);
  assert.equal(isClockRejection(new MexcApiError(400, 700002, 'signature')), false);
});
