import assert from 'node:assert/strict';
import {test} from 'node:test';
import {decodePushWrapper} from '../../../source/wire/mexcProtobuf/schema.js';
import {aggreDepthPush, encodePush, privateOrderPush} from '../../../source/sim/mexc/mexcPushes.js';
import {makeSimSymbol} from '../../../source/sim/mexc/simSymbol.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// The sheet's depth vector puts the oneof body before `symbol`; protobufjs writes fields in number order.
// Field order is free on the protobuf wire, so we require the same fields with the same encodings:
// equal decoded content and equal length.
test('aggregated depth push encodes exactly the fields of the fact sheet vector', () => {
  const rules = {...makeSimSymbol('BTCUSDT'), priceDecimals: 2, qtyDecimals: 8};
  const channel = 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT';
  const bytes = aggreDepthPush(channel, 'spot@public.aggre.depth.v3.api.pb@100ms', rules, [[11714549, 0]], [[11705341, 186837271]], 43296363236, 43296363255, 1754741322152);
  const vector = Buffer.from(
    '0a2f73706f74407075626c69632e61676772652e64657074682e76332e6170692e7062403130306d734042544355534454ca136c0a0e0a093131373134352e343912013012170a093131373035332e3431120a312e38363833373237311a2773706f74407075626c69632e61676772652e64657074682e76332e6170692e7062403130306d73220b34333239363336333233362a0b34333239363336333235351a074254435553445430a8e3eef58833',
    'hex',
  );
  assert.equal(bytes.length, vector.length);
  assert.deepEqual(decodePushWrapper(bytes), decodePushWrapper(vector));
});

test('proto3 defaults are left off the wire: private order and deal vectors are reproduced exactly', () => {
  const order = encodePush({
    channel: 'spot@private.orders.v3.api.pb',
    privateOrders: {
      id: 'C02__505979017439002624115', clientId: 'mm-1', price: '3.5121', quantity: '1', amount: '0', avgPrice: '3.6962',
      orderType: 1, tradeType: 2, isMaker: false, remainAmount: '0', remainQuantity: '0', lastDealQuantity: '1',
      cumulativeQuantity: '1', cumulativeAmount: '3.6962', status: 2, createTime: 1736417034259,
    },
    symbol: 'MXUSDT',
    sendTime: 1736417034281,
  });
  assert.equal(
    hex(order),
    '0a1d73706f7440707269766174652e6f72646572732e76332e6170692e70621a064d585553445430a98095d4c43282135a0a1a4330325f5f35303539373930313734333930303236323431313512046d6d2d311a06332e353132312201312a01303206332e36393632380140025201305a01306201316a01317206332e3639363278028001938095d4c432',
  );
  const deal = encodePush({
    channel: 'spot@private.deals.v3.api.pb',
    privateDeals: {
      price: '3.6962', quantity: '1', amount: '3.6962', tradeType: 2, isMaker: true, isSelfTrade: false,
      tradeId: '505979017439002624X1', clientOrderId: 'mm-1', orderId: 'C02__505979017439002624115',
      feeAmount: '0.0003998377369698171', feeCurrency: 'MX', time: 1736417034280,
    },
    symbol: 'MXUSDT',
    sendTime: 1736417034332,
  });
  assert.equal(
    hex(deal),
    '0a1c73706f7440707269766174652e6465616c732e76332e6170692e70621a064d585553445430dc8095d4c4329213710a06332e363936321201311a06332e36393632200228013a14353035393739303137343339303032363234583142046d6d2d314a1a4330325f5f3530353937393031373433393030323632343131355215302e303030333939383337373336393639383137315a024d5860a88095d4c432',
  );
});

test('private order push carries the documented status and type codes', () => {
  const rules = makeSimSymbol('RMVUSDT');
  const bytes = privateOrderPush(
    rules,
    {orderId: 'C02__1', clientOrderId: 'mmx-1', side: 'BUY', type: 'LIMIT_MAKER', priceTicks: 25000, origLots: 10000, executedLots: 4000, cumQuoteTickLots: 25000 * 4000, status: 'PARTIALLY_FILLED', time: 1, updateTime: 2},
    4000,
    true,
    3,
  );
  const decoded = decodePushWrapper(bytes) as any;
  assert.equal(decoded.body, 'privateOrders');
  assert.equal(decoded.privateOrders.orderType, 2);
  assert.equal(decoded.privateOrders.tradeType, 1);
  assert.equal(decoded.privateOrders.status, 3);
  assert.equal(decoded.privateOrders.isMaker, true);
  assert.equal(decoded.privateOrders.price, '0.25');
  assert.equal(decoded.privateOrders.quantity, '100');
  assert.equal(decoded.privateOrders.remainQuantity, '60');
  assert.equal(decoded.privateOrders.cumulativeQuantity, '40');
  assert.equal(decoded.privateOrders.cumulativeAmount, '10');
  assert.equal(decoded.privateOrders.avgPrice, '0.25');
  assert.equal(decoded.privateOrders.lastDealQuantity, '40');
});
