import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MexcApiError, MexcThrottledError, MexcTransportError, classifyHttpStatus, summarizeFailure} from '../../../source/exchanges/mexc/errors.js';

test('HTTP statuses: 4xx rejected, 429/418 rate limited, 5xx unknown', () => {
  assert.equal(classifyHttpStatus(400), 'rejected');
  assert.equal(classifyHttpStatus(403), 'rejected');
  assert.equal(classifyHttpStatus(429), 'rateLimited');
  assert.equal(classifyHttpStatus(418), 'rateLimited');
  assert.equal(classifyHttpStatus(500), 'unknown');
  assert.equal(classifyHttpStatus(504), 'unknown');
});

test('transport failures: only "never connected" is definite', () => {
  assert.equal(new MexcTransportError('notConnected', 'refused').failure, 'rejected');
  assert.equal(new MexcTransportError('timeout', 't').failure, 'unknown');
  assert.equal(new MexcTransportError('connectionLost', 'reset').failure, 'unknown');
  assert.equal(new MexcTransportError('malformedBody', 'x').failure, 'unknown');
});

test('summaries keep code, message and the rate-limit deadline; foreign errors count as unknown', () => {
  assert.deepEqual(summarizeFailure(new MexcApiError(429, 429, 'Too Many Requests', 123)), {
    failure: 'rateLimited',
    code: 429,
    message: 'MEXC HTTP 429 code 429: Too Many Requests',
    rateLimitedUntil: 123,
    unsent: false,
  });
  assert.equal(summarizeFailure(new MexcThrottledError('blocked', 99, 'held')).rateLimitedUntil, 99);
  assert.equal(summarizeFailure(new MexcThrottledError('budget', 99, 'request budget exhausted')).unsent, true, 'refused before sending');
  assert.equal(summarizeFailure(new TypeError('boom')).failure, 'unknown');
  assert.equal(summarizeFailure('weird').failure, 'unknown');
});

test('an API error names the HTTP status, the MEXC code when there is one, and the message', () => {
  assert.equal(new MexcApiError(503, null, 'Service Unavailable').message, 'MEXC HTTP 503: Service Unavailable');
  assert.equal(new MexcApiError(400, 10072, 'Api key info invalid').message, 'MEXC HTTP 400 code 10072: Api key info invalid');
  assert.equal(new MexcApiError(400, 10072, 'x').failure, 'rejected');
  assert.equal(new MexcApiError(400, 10072, 'x').rateLimitedUntil, null);
});
