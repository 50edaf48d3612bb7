import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseRetryAfterMs} from '../../../source/exchanges/mexc/retryAfter.js';

const NOW = Date.UTC(2026, 9, 21, 7, 28, 0); // Wed, 21 Oct 2026 07:28:00 GMT

test('Retry-After in seconds becomes milliseconds, fractions rounded, surrounding blanks ignored', () => {
  assert.equal(parseRetryAfterMs('3', NOW), 3000);
  assert.equal(parseRetryAfterMs(' 2.5 ', NOW), 2500);
  assert.equal(parseRetryAfterMs('0.0004', NOW), 0);
  assert.equal(parseRetryAfterMs('0', NOW), 0);
});

test('Retry-After as an HTTP date is the time left until then, never negative', () => {
  assert.equal(parseRetryAfterMs('Wed, 21 Oct 2026 07:28:05 GMT', NOW), 5000);
  assert.equal(parseRetryAfterMs('Wed, 21 Oct 2026 07:27:00 GMT', NOW), 0);
});

test('a repeated header uses its first value; a missing or unreadable one gives no delay', () => {
  assert.equal(parseRetryAfterMs(['4', '9'], NOW), 4000);
  assert.equal(parseRetryAfterMs(undefined, NOW), null);
  assert.equal(parseRetryAfterMs([], NOW), null);
  assert.equal(parseRetryAfterMs('soon', NOW), null);
  assert.equal(parseRetryAfterMs('', NOW), null);
});
