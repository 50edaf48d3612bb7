import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {RequestBudget, TokenBucket} from '../../../source/exchanges/mexc/rateLimiter.js';

test('property: a bucket never lets more than the limit through in any window', () => {
  fc.assert(
    fc.property(
      fc.integer({min: 1, max: 50}),
      fc.integer({min: 100, max: 5000}),
      fc.array(fc.integer({min: 0, max: 300}), {minLength: 1, maxLength: 200}),
      (amount, windowMs, gaps) => {
        const bucket = new TokenBucket({amount, windowMs}, 0);
        const taken: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          if (bucket.waitFor(1, now) === 0) {
            bucket.take(1, now);
            taken.push(now);
          }
        }
        for (let i = 0; i < taken.length; i += 1) {
          const inWindow = taken.filter((t) => t >= taken[i]! && t < taken[i]! + windowMs).length;
          assert.ok(inWindow <= amount, `${inWindow} > ${amount} in ${windowMs} ms`);
        }
      },
    ),
  );
});

test('reservation is all-or-nothing across buckets and reports when to retry', () => {
  let now = 0;
  const budget = new RequestBudget({a: {amount: 2, windowMs: 1000}, b: {amount: 100, windowMs: 1000}}, () => now, 0);
  assert.deepEqual(budget.reserve([{bucket: 'a', cost: 1}, {bucket: 'b', cost: 1}]), {ok: true, waitMs: 0});
  const refused = budget.reserve([{bucket: 'a', cost: 1}, {bucket: 'b', cost: 1}]);
  assert.deepEqual(refused, {ok: false, retryAt: 1000});
  now = 1000;
  assert.deepEqual(budget.reserve([{bucket: 'a', cost: 1}]), {ok: true, waitMs: 0});
});

test('a short wait is granted when allowed, and reserves the tokens', () => {
  const budget = new RequestBudget({a: {amount: 2, windowMs: 1000}}, () => 0, 1500);
  assert.deepEqual(budget.reserve([{bucket: 'a', cost: 1}]), {ok: true, waitMs: 0});
  assert.deepEqual(budget.reserve([{bucket: 'a', cost: 1}]), {ok: true, waitMs: 1000});
  assert.equal(budget.reserve([{bucket: 'a', cost: 1}]).ok, false);
});

test('asking how long a request would wait takes nothing from any bucket', () => {
  let now = 0;
  const budget = new RequestBudget({a: {amount: 2, windowMs: 1000}, b: {amount: 4, windowMs: 1000}}, () => now, 0);
  assert.equal(budget.waitMs([{bucket: 'a', cost: 1}, {bucket: 'b', cost: 2}]), 0);
  assert.equal(budget.waitMs([{bucket: 'a', cost: 1}, {bucket: 'b', cost: 2}]), 0, 'still 0: the first question took nothing');
  assert.equal(budget.waitMs([{bucket: 'b', cost: 3}]), Number.POSITIVE_INFINITY, 'more than a bucket holds');
  assert.deepEqual(budget.reserve([{bucket: 'a', cost: 1}]), {ok: true, waitMs: 0});
  assert.equal(budget.waitMs([{bucket: 'a', cost: 1}]), 1000);
  now = 1000;
  assert.equal(budget.waitMs([{bucket: 'a', cost: 1}]), 0);
  assert.throws(() => budget.waitMs([{bucket: 'nope', cost: 1}]), /no rate-limit bucket named nope/);
});
