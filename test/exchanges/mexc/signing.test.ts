import assert from 'node:assert/strict';
import {test} from 'node:test';
import {encodeComponent, encodeQuery, signTotalParams} from '../../../source/exchanges/mexc/signing.js';

// docs/protocols/mexc.md §1.3: the docs' example key and strings, signatures recomputed with openssl
const secret = '45d0b3c26f2644f19bfb98b07741b2f5';

test('signs the documented example query string', () => {
  const query = encodeQuery([
    ['symbol', 'BTCUSDT'],
    ['side', 'BUY'],
    ['type', 'LIMIT'],
    ['quantity', 1],
    ['price', 11],
    ['recvWindow', 5000],
    ['timestamp', 1644489390087],
  ]);
  assert.equal(query, 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087');
  assert.equal(signTotalParams(secret, query), 'fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a');
});

test('signs query and body concatenated without a separator (documented mixed form)', () => {
  const signature = signTotalParams(secret, 'symbol=BTCUSDT&side=BUY&type=LIMIT', 'quantity=1&price=11&recvWindow=5000&timestamp=1644489390087');
  assert.equal(signature, 'd1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592');
});

test('signature is lower-case hex of 64 characters', () => {
  assert.match(signTotalParams('k', 'a=1'), /^[0-9a-f]{64}$/);
});

test('percent-encodes with upper-case escapes, including parentheses and batch JSON', () => {
  assert.equal(encodeComponent('BEP20(BSC)'), 'BEP20%28BSC%29');
  assert.equal(encodeComponent('[{"a":"b,c"}]'), '%5B%7B%22a%22%3A%22b%2Cc%22%7D%5D');
  assert.equal(encodeComponent("it's*!"), 'it%27s%2A%21');
  assert.doesNotMatch(encodeQuery([['batchOrders', '[{"price":"0.5"}]']]), /%[0-9A-F]?[a-f]/);
});
