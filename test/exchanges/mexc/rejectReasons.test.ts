// MEXC's business codes and post-only texts → the engine's venue-neutral RejectReason, and the detail
// text for the journal. The code table is written out here (docs/protocols/mexc.md §1.6), not read from the module.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {rejectDetail, rejectReasonOf} from '../../../source/exchanges/mexc/rejectReasons.js';
import type {RejectReason} from '../../../source/engine/events.js';

const MAPPED: Array<[number, RejectReason, string]> = [
  [10101, 'insufficientFunds', 'Insufficient balance'],
  [30004, 'insufficientFunds', 'Insufficient position'],
  [30005, 'insufficientFunds', 'Oversold'],
  [-2011, 'orderNotFound', 'Unknown order sent'],
  [-2013, 'orderNotFound', 'Order does not exist'],
  [30000, 'notNow', 'Suspended transaction for the symbol'],
  [30001, 'notNow', 'Current trading type (bid or ask) is not allowed'],
  [30016, 'notNow', 'Trading disabled'],
  [30029, 'notNow', 'Cannot exceed the maximum order limit'],
  [10007, 'notNow', 'Symbol not support api'],
  [30002, 'invalid', 'Minimum transaction volume cannot be less than'],
  [700004, 'invalid', 'Parameter error'],
  [700007, 'invalid', 'No permission to access the endpoint'],
];

for (const [code, reason, message] of MAPPED) {
  test(`code ${code} ("${message}") → ${reason}`, () => {
    assert.equal(rejectReasonOf(code, message), reason);
    assert.equal(rejectReasonOf(code, ''), reason, 'the code alone decides, whatever the text');
  });
}

const POST_ONLY_TEXTS = [
  'Post only order would immediately match',
  'post-only order rejected',
  'PostOnly: order would cross',
  'LIMIT_MAKER order would immediately match and take',
  'limit_maker rejected',
  'Order would immediately match',
  'order would cross the book',
  'order would take liquidity',
  'order would immediately take',
];

for (const text of POST_ONLY_TEXTS) {
  test(`post-only text "${text}" → wouldCross whatever the code`, () => {
    for (const code of [null, 30041, 10101, -2011, 700004, 99999]) assert.equal(rejectReasonOf(code, text), 'wouldCross', `code ${code}`);
  });
}

test('30041 ("current order type can not place order") stays other until its meaning is verified', () => {
  assert.equal(rejectReasonOf(30041, 'current order type can not place order'), 'other');
});

test('unknown codes → other', () => {
  for (const code of [0, 1, 400, 10102, 30006, 700003, 99999, -1]) assert.equal(rejectReasonOf(code, 'something went wrong'), 'other', `code ${code}`);
});

test('no code outside the table above is mapped (a sweep of MEXC’s code ranges): a new mapping needs its own test', () => {
  const mapped = new Set(MAPPED.map(([code]) => code));
  const ranges: Array<[number, number]> = [[-3_000, 1_000], [10_000, 10_300], [30_000, 30_100], [700_000, 700_020]];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      if (!mapped.has(code)) assert.equal(rejectReasonOf(code, 'x'), 'other', `code ${code}`);
    }
  }
});

test('no code → other (unless the text says post-only)', () => {
  assert.equal(rejectReasonOf(null, 'Insufficient balance'), 'other', 'the text is not read for anything but post-only');
  assert.equal(rejectReasonOf(null, ''), 'other');
});

test('a text that merely mentions "post" or "match" is not read as post-only', () => {
  assert.equal(rejectReasonOf(null, 'post request failed'), 'other');
  assert.equal(rejectReasonOf(null, 'no match for symbol'), 'other');
});

test('rejectDetail prefixes the code when the message lacks it', () => {
  assert.equal(rejectDetail(10101, 'Insufficient balance'), '10101 Insufficient balance');
  assert.equal(rejectDetail(-2011, 'Unknown order sent'), '-2011 Unknown order sent');
});

test('rejectDetail keeps the message as it is when it already carries the code', () => {
  assert.equal(rejectDetail(10101, 'code 10101: Insufficient balance'), 'code 10101: Insufficient balance');
  assert.equal(rejectDetail(-2011, '{"code":-2011,"msg":"Unknown order sent"}'), '{"code":-2011,"msg":"Unknown order sent"}');
});

test('rejectDetail without a code is the message alone', () => {
  assert.equal(rejectDetail(null, 'Post only order would immediately match'), 'Post only order would immediately match');
});
