import assert from 'node:assert/strict';
import {test} from 'node:test';
import {decodePushWrapper, encodePushWrapper} from '../../../source/wire/mexcProtobuf/schema.js';
import type {PushWrapper} from '../../../source/exchanges/mexc/wsFrames.js';
import {dealsFromWrapper, dealsTopic} from '../../../source/exchanges/paper/publicDeals.js';

const rules = {priceDecimals: 5, qtyDecimals: 2};
const topic = dealsTopic('RMVUSDT');

/** Through the official schema, as the wire would carry it. */
function wrapper(deals: Array<Record<string, unknown>>): PushWrapper {
  const bytes = encodePushWrapper({channel: topic, symbol: 'RMVUSDT', sendTime: 1, publicAggreDeals: {deals, eventType: 'spot@public.aggre.deals.v3.api.pb@100ms'}});
  return decodePushWrapper(bytes) as PushWrapper;
}

test('the deals topic is the protobuf aggregated-deals channel', () => {
  assert.equal(topic, 'spot@public.aggre.deals.v3.api.pb@100ms@RMVUSDT');
});

test('aggregated deals decode to ticks, lots, taker side and server time', () => {
  const decoded = dealsFromWrapper(
    wrapper([
      {price: '0.25011', quantity: '12.5', tradeType: 1, time: 1754741322152, tradeId: 'a1'},
      {price: '0.249', quantity: '3', tradeType: 2, time: 1754741322153},
    ]),
    rules,
  );
  assert.deepEqual(decoded, {
    ok: true,
    deals: [
      {priceTicks: 25011, lots: 1250, takerSide: 'BUY', time: 1754741322152, tradeId: 'a1'},
      {priceTicks: 24900, lots: 300, takerSide: 'SELL', time: 1754741322153, tradeId: ''},
    ],
  });
});

test('a price finer than the tick is rounded against us, never into a fill', () => {
  const decoded = dealsFromWrapper(
    wrapper([
      {price: '0.250001', quantity: '1', tradeType: 2, time: 1},
      {price: '0.250009', quantity: '1', tradeType: 1, time: 1},
    ]),
    rules,
  );
  assert.ok(decoded.ok);
  // a seller's print above 0.25000 must not look like a trade at or below 0.25000 (it would fill a 0.25000 bid)
  assert.deepEqual(
    decoded.deals.map((d) => d.priceTicks),
    [25001, 25000],
  );
});

test('malformed deals are reported, not guessed', () => {
  assert.equal(dealsFromWrapper(wrapper([{price: 'abc', quantity: '1', tradeType: 1, time: 1}]), rules).ok, false);
  assert.equal(dealsFromWrapper(wrapper([{price: '0.25', quantity: '1', tradeType: 3, time: 1}]), rules).ok, false);
  const depth = decodePushWrapper(encodePushWrapper({channel: topic, publicAggreDepths: {asks: [], bids: [], eventType: 'x', fromVersion: '1', toVersion: '1'}}));
  assert.equal(dealsFromWrapper(depth as PushWrapper, rules).ok, false);
});
