import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {decimalsOfIncrement, fetchKucoinSymbol, parseKucoinSymbol} from '../../../source/exchanges/kucoin/kucoinSymbol.js';
import {PortError} from '../../../source/engine/ports.js';

test('increments become decimal counts', () => {
  assert.equal(decimalsOfIncrement('0.00001'), 5);
  assert.equal(decimalsOfIncrement('0.00000001'), 8);
  assert.equal(decimalsOfIncrement('0.1'), 1);
  assert.equal(decimalsOfIncrement('0.5'), 1);
  assert.equal(decimalsOfIncrement('0.0100'), 2);
  assert.equal(decimalsOfIncrement('1'), 0);
  assert.equal(decimalsOfIncrement('10'), 0);
  assert.throws(() => decimalsOfIncrement('0'), /positive/);
  assert.throws(() => decimalsOfIncrement('1e-5'), /positive/);
});

test('parses the sheet BTC-USDT symbol sample (docs/protocols/kucoin.md §4)', () => {
  const data = {symbol: 'BTC-USDT', name: 'BTC-USDT', baseMinSize: '0.00001', baseIncrement: '0.00000001', quoteIncrement: '0.000001', priceIncrement: '0.1', minFunds: '0.1', enableTrading: true};
  assert.deepEqual(parseKucoinSymbol(data, 'BTC-USDT'), {symbol: 'BTC-USDT', priceDecimals: 1, sizeDecimals: 8, enableTrading: true});
  assert.equal(parseKucoinSymbol({...data, enableTrading: false}, 'BTC-USDT').enableTrading, false);
  assert.throws(() => parseKucoinSymbol(data, 'ETH-USDT'), PortError);
  assert.throws(() => parseKucoinSymbol(null, 'BTC-USDT'), PortError);
  assert.throws(() => parseKucoinSymbol({...data, priceIncrement: undefined}, 'BTC-USDT'), PortError);
});

test('fetchKucoinSymbol reads /api/v2/symbols/{symbol} and maps API errors to PortError with the code', async () => {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/api/v2/symbols/RMV-USDT') {
      response.end(JSON.stringify({code: '200000', data: {symbol: 'RMV-USDT', priceIncrement: '0.00001', baseIncrement: '0.01', enableTrading: true}}));
    } else {
      response.end(JSON.stringify({code: '900001', msg: 'symbol not exists'}));
    }
  });
  after(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const restUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  assert.deepEqual(await fetchKucoinSymbol(restUrl, 'RMV-USDT', 2000), {symbol: 'RMV-USDT', priceDecimals: 5, sizeDecimals: 2, enableTrading: true});
  await assert.rejects(fetchKucoinSymbol(restUrl, 'NOPE-USDT', 2000), (error: unknown) => error instanceof PortError && error.code === 900001);
  await assert.rejects(fetchKucoinSymbol('http://127.0.0.1:1', 'RMV-USDT', 2000), (error: unknown) => error instanceof PortError && error.code === null);
});
