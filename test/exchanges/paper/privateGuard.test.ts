import assert from 'node:assert/strict';
import {test} from 'node:test';
import {endpoints} from '../../../source/exchanges/mexc/endpoints.js';
import {MexcRestClient} from '../../../source/exchanges/mexc/mexcRestClient.js';
import {PRIVATE_METHODS, guardPrivateEndpoints} from '../../../source/exchanges/paper/privateGuard.js';

test('every signed MEXC endpoint is on the guard list, under the client method of the same name', () => {
  const signed = Object.values(endpoints).filter((e) => e.signed);
  assert.ok(signed.length > 0);
  for (const endpoint of signed) {
    assert.ok(PRIVATE_METHODS.has(endpoint.name), `${endpoint.name} is not guarded`);
    assert.equal(typeof (MexcRestClient.prototype as unknown as Record<string, unknown>)[endpoint.name], 'function');
  }
});

test('a private call through the guard is refused before sending, counted and logged; public calls pass', async () => {
  const logs: string[] = [];
  // port 9 on loopback: nothing listens, so a call that did go out would fail differently
  const rest = new MexcRestClient({baseUrl: 'http://127.0.0.1:9', recvWindowMs: 5000, timeoutMs: 500, apiKey: 'k', apiSecret: 's'});
  try {
    const guard = guardPrivateEndpoints(rest, (_level, msg) => logs.push(msg));
    await assert.rejects(guard.rest.order({symbol: 'X', side: 'BUY', type: 'LIMIT_MAKER', quantity: '1', price: '1'}), /paper mode: private endpoint order/);
    await assert.rejects(guard.rest.createListenKey(), /private endpoint createListenKey/);
    assert.equal(guard.privateRequests(), 2);
    assert.equal(rest.counters().requests, 0, 'nothing was sent');
    assert.equal(logs.length, 2);
    // public methods reach the real client (and here fail to connect)
    await assert.rejects(guard.rest.exchangeInfo('X'), /notConnected|ECONNREFUSED/);
    assert.equal(rest.counters().requests, 1);
    assert.equal(guard.privateRequests(), 2);
  } finally {
    rest.close();
  }
});
