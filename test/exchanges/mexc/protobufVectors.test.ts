import assert from 'node:assert/strict';
import {test} from 'node:test';
import {depthPushFromWrapper} from '../../../source/exchanges/mexc/depthPush.js';
import {privateEventFromWrapper} from '../../../source/exchanges/mexc/privatePushes.js';
import {encodePushWrapper} from '../../../source/wire/mexcProtobuf/schema.js';
import {classifyFrame} from '../../../source/exchanges/mexc/wsFrames.js';

// Wire test vectors of docs/protocols/mexc.md §6.5
const depthHex =
  '0a2f73706f74407075626c69632e61676772652e64657074682e76332e6170692e7062403130306d734042544355534454ca136c0a0e0a093131373134352e343912013012170a093131373035332e3431120a312e38363833373237311a2773706f74407075626c69632e61676772652e64657074682e76332e6170692e7062403130306d73220b34333239363336333233362a0b34333239363336333235351a074254435553445430a8e3eef58833';
const orderHex =
  '0a1d73706f7440707269766174652e6f72646572732e76332e6170692e70621a064d585553445430a98095d4c43282135a0a1a4330325f5f35303539373930313734333930303236323431313512046d6d2d311a06332e353132312201312a01303206332e36393632380140025201305a01306201316a01317206332e3639363278028001938095d4c432';
const dealHex =
  '0a1c73706f7440707269766174652e6465616c732e76332e6170692e70621a064d585553445430dc8095d4c4329213710a06332e363936321201311a06332e36393632200228013a14353035393739303137343339303032363234583142046d6d2d314a1a4330325f5f3530353937393031373433393030323632343131355215302e303030333939383337373336393639383137315a024d5860a88095d4c432';

const mxRules = {symbol: 'MXUSDT', priceDecimals: 4, qtyDecimals: 2};

function push(hex: string) {
  const frame = classifyFrame(Buffer.from(hex, 'hex'), true);
  assert.equal(frame.kind, 'push');
  if (frame.kind !== 'push') throw new Error('unreachable');
  return frame.wrapper;
}

test('decodes the aggregated-depth wire vector', () => {
  const wrapper = push(depthHex);
  assert.equal(Buffer.from(depthHex, 'hex').length, 176);
  assert.equal(wrapper.channel, 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT');
  assert.equal(wrapper.symbol, 'BTCUSDT');
  assert.equal(wrapper.sendTime, '1754741322152');
  const decoded = depthPushFromWrapper(wrapper);
  assert.deepEqual(decoded, {
    ok: true,
    value: {fromVersion: 43296363236, toVersion: 43296363255, asks: [['117145.49', '0']], bids: [['117053.41', '1.86837271']]},
  });
});

test('decodes the private-order wire vector into an order.update', () => {
  const wrapper = push(orderHex);
  assert.equal(wrapper.channel, 'spot@private.orders.v3.api.pb');
  const decoded = privateEventFromWrapper(wrapper, mxRules, 7);
  assert.deepEqual(decoded, {
    ok: true,
    value: {
      type: 'order.update',
      clientOrderId: 'mm-1',
      orderId: 'C02__505979017439002624115',
      side: 'SELL',
      status: 'filled',
      priceTicks: 35121,
      origQtyLots: 100,
      filledLots: 100,
      at: 7,
    },
  });
});

test('decodes the private-deal wire vector into a fill', () => {
  const wrapper = push(dealHex);
  assert.equal(wrapper.channel, 'spot@private.deals.v3.api.pb');
  const decoded = privateEventFromWrapper(wrapper, mxRules, 9);
  assert.deepEqual(decoded, {
    ok: true,
    value: {
      type: 'fill',
      clientOrderId: 'mm-1',
      orderId: 'C02__505979017439002624115',
      tradeId: '505979017439002624X1',
      side: 'SELL',
      priceTicks: 36962,
      qtyLots: 100,
      fee: '0.0003998377369698171',
      feeAsset: 'MX',
      isMaker: true,
      at: 9,
    },
  });
});

test('ignores private pushes of another symbol', () => {
  const decoded = privateEventFromWrapper(push(orderHex), {...mxRules, symbol: 'RMVUSDT'}, 0);
  assert.deepEqual(decoded, {ok: true, value: null});
});

test('classifies truncated protobuf as malformed instead of throwing', () => {
  const frame = classifyFrame(Buffer.from(depthHex.slice(0, 120), 'hex'), true);
  assert.equal(frame.kind, 'malformed');
});

test('classifies JSON control frames: ack, PONG, refusal text and plain text', () => {
  assert.deepEqual(classifyFrame(Buffer.from('{"id":0,"code":0,"msg":"PONG"}'), false), {kind: 'pong'});
  assert.deepEqual(classifyFrame(Buffer.from('{"id":3,"code":0,"msg":"spot@x"}'), false), {kind: 'ack', id: 3, code: 0, msg: 'spot@x'});
  assert.deepEqual(classifyFrame(Buffer.from('Invalid listen key'), false), {kind: 'text', text: 'Invalid listen key'});
  assert.equal(classifyFrame(Buffer.from('[1,2]'), false).kind, 'malformed');
});

test('depth pushes with bad versions or levels are refused; exponent-form sizes are accepted', () => {
  const wrap = (body: Record<string, unknown>) =>
    push(Buffer.from(encodePushWrapper({channel: 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT', publicAggreDepths: {eventType: 'x', ...body}})).toString('hex'));
  assert.deepEqual(depthPushFromWrapper(wrap({asks: [{price: '1.5', quantity: '0E-8'}], fromVersion: '7', toVersion: '7'})), {
    ok: true,
    value: {fromVersion: 7, toVersion: 7, asks: [['1.5', '0E-8']], bids: []},
  });
  assert.equal(depthPushFromWrapper(wrap({fromVersion: '9', toVersion: '8'})).ok, false);
  assert.equal(depthPushFromWrapper(wrap({toVersion: '8'})).ok, false); // fromVersion missing (proto3 default "")
  assert.equal(depthPushFromWrapper(wrap({asks: [{price: 'abc', quantity: '1'}], fromVersion: '1', toVersion: '2'})).ok, false);
  assert.equal(depthPushFromWrapper(wrap({fromVersion: '99999999999999999999', toVersion: '99999999999999999999'})).ok, false);
});
