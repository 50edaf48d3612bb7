import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkTimestamp, computeSignature, stripSignature, verifySignature} from '../../../source/sim/mexc/mexcSignature.js';

const KEY = '45d0b3c26f2644f19bfb98b07741b2f5';
const QUERY = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087';

test('signature matches the fact sheet vector for an all-query request', () => {
  assert.equal(computeSignature(KEY, QUERY), 'fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a');
  assert.deepEqual(verifySignature(KEY, `${QUERY}&signature=fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a`, ''), {ok: true});
});

test('mixed query + body is signed as the two strings concatenated without a separator', () => {
  const signature = 'd1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592';
  const body = `quantity=1&price=11&recvWindow=5000&timestamp=1644489390087&signature=${signature}`;
  assert.deepEqual(verifySignature(KEY, 'symbol=BTCUSDT&side=BUY&type=LIMIT', body), {ok: true});
});

test('upper-case hex, a wrong key and a missing signature are refused', () => {
  const good = computeSignature(KEY, QUERY);
  assert.deepEqual(verifySignature(KEY, `${QUERY}&signature=${good.toUpperCase()}`, ''), {ok: false, reason: 'mismatch'});
  assert.deepEqual(verifySignature('other', `${QUERY}&signature=${good}`, ''), {ok: false, reason: 'mismatch'});
  assert.deepEqual(verifySignature(KEY, QUERY, ''), {ok: false, reason: 'missing'});
});

test('stripSignature keeps every other byte as sent', () => {
  assert.deepEqual(stripSignature('a=%2C&signature=abc&b=1'), {rest: 'a=%2C&b=1', signature: 'abc'});
});

test('timestamp rule: ts < now + 1000 and now - ts <= recvWindow, recvWindow capped at 60000', () => {
  const now = 1_000_000;
  assert.deepEqual(checkTimestamp(String(now), undefined, now), {ok: true});
  assert.deepEqual(checkTimestamp(String(now + 999), undefined, now), {ok: true});
  assert.deepEqual(checkTimestamp(String(now + 1000), undefined, now), {ok: false, reason: 'outsideWindow'});
  assert.deepEqual(checkTimestamp(String(now - 5000), undefined, now), {ok: true});
  assert.deepEqual(checkTimestamp(String(now - 5001), undefined, now), {ok: false, reason: 'outsideWindow'});
  assert.deepEqual(checkTimestamp(String(now - 20_000), '30000', now), {ok: true});
  assert.deepEqual(checkTimestamp(String(now), '60001', now), {ok: false, reason: 'recvWindowTooLarge'});
  assert.deepEqual(checkTimestamp(undefined, undefined, now), {ok: false, reason: 'missing'});
});
