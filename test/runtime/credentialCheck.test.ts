// The start-up key check: a signed account read, then a test order that is never placed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {MexcRestClient} from '../../source/exchanges/mexc/mexcRestClient.js';
import type {NewOrder} from '../../source/exchanges/mexc/orderRequests.js';
import {MexcApiError} from '../../source/exchanges/mexc/errors.js';
import {checkCredentials, permissionProbeOrder} from '../../source/runtime/credentialCheck.js';
import {StartupError} from '../../source/runtime/startupError.js';
import {withStartupRetries} from '../../source/runtime/startupRetry.js';
import {rules} from '../engine/engineFixtures.js';

function fakeRest(answers: {openOrders?: () => unknown[]; testOrder?: (order: NewOrder) => void; bid?: string | null}) {
  const tested: NewOrder[] = [];
  const rest = {
    openOrders: async () => (answers.openOrders ?? (() => [{}, {}]))(),
    depth: async () => ({lastUpdateId: 1, bids: answers.bid === null ? [] : [[answers.bid ?? '0.25000', '10']], asks: [['0.25100', '10']]}),
    testOrder: async (order: NewOrder) => {
      tested.push(order);
      answers.testOrder?.(order);
    },
  } as unknown as MexcRestClient;
  return {rest, tested};
}

const retrying = <T>(what: string, call: () => Promise<T>) => withStartupRetries(what, call, {log: () => undefined, sleep: async () => undefined});
const warnings: string[] = [];
const log = (_level: string, text: string) => void warnings.push(text);

test('the probe order is a post-only buy at half the best bid, of at least the minimum notional, on the symbol grid', () => {
  const order = permissionProbeOrder({...rules, minNotional: 5}, 0.25)!;
  assert.deepEqual({side: order.side, type: order.type, price: order.price}, {side: 'BUY', type: 'LIMIT_MAKER', price: '0.12500'});
  assert.ok(Number(order.price) * Number(order.quantity) >= 5, 'over the minimum notional');
  assert.match(order.quantity, /^\d+\.\d{2}$/);
  assert.equal(permissionProbeOrder(rules, null), null);
  assert.equal(permissionProbeOrder(rules, 0), null);
});

test('keys that read and trade: the open orders counted, the test order tried once, "trading allowed"', async () => {
  const {rest, tested} = fakeRest({});
  const report = await checkCredentials({rest, rules, retrying, log});
  assert.equal(report.openOrders, 2);
  assert.equal(report.testOrderAccepted, true);
  assert.equal(tested.length, 1);
  assert.equal(report.summary, 'trading allowed; 2 open order(s) on RMVUSDT');
});

test('a wrong key or secret stops at the signed read, naming the cause, before any test order', async () => {
  for (const [code, cause] of [[10072, /MEXC open orders RMVUSDT \(signed\): MEXC rejects the API key/], [700002, /signature/]] as const) {
    const {rest, tested} = fakeRest({openOrders: () => { throw new MexcApiError(400, code, 'refused'); }});
    await assert.rejects(checkCredentials({rest, rules, retrying, log}), (error: unknown) => error instanceof StartupError && cause.test(error.message));
    assert.equal(tested.length, 0);
  }
});

test('a key whose test order gets 700007 stops start-up, naming the permission', async () => {
  const {rest} = fakeRest({testOrder: () => { throw new MexcApiError(400, 700007, 'No permission to access the endpoint.'); }});
  await assert.rejects(checkCredentials({rest, rules, retrying, log}), /MEXC test order: the API key lacks the permission/);
});

test('a test order refused for another reason, or an empty book, leaves the permission unverified but starts', async () => {
  warnings.length = 0;
  const refused = await checkCredentials({rest: fakeRest({testOrder: () => { throw new MexcApiError(400, 30002, 'minimum transaction volume'); }}).rest, rules, retrying, log});
  assert.equal(refused.testOrderAccepted, false);
  assert.match(refused.summary, /^trade permission not verified/);
  const empty = await checkCredentials({rest: fakeRest({bid: null}).rest, rules, retrying, log});
  assert.equal(empty.testOrderAccepted, null);
  assert.equal(warnings.length, 2);
});
