import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {priceFinerThan} from '../../../source/exchanges/mexc/depthPush.js';
import type {DepthPush} from '../../../source/exchanges/mexc/depthSync.js';
import type {WireLevel} from '../../../source/engine/events.js';

const push = (bids: string[], asks: string[] = []): DepthPush => ({
  fromVersion: 1,
  toVersion: 1,
  bids: bids.map((price): WireLevel => [price, '1']),
  asks: asks.map((price): WireLevel => [price, '1']),
});

test('priceFinerThan: trailing zeros are not significant; one decimal too many is', () => {
  assert.equal(priceFinerThan(push(['0.25', '0.24999', '0.250000000', '1', '12']), 5), null);
  assert.equal(priceFinerThan(push(['0.25', '0.123456']), 5), '0.123456');
  assert.equal(priceFinerThan(push(['0.1234560']), 5), '0.1234560');
  assert.equal(priceFinerThan(push(['0.1234500']), 5), null);
  assert.equal(priceFinerThan(push(['12.0', '7.']), 0), null);
  assert.equal(priceFinerThan(push(['12.0', '12.5']), 0), '12.5');
  assert.equal(priceFinerThan(push([]), 0), null);
});

test('priceFinerThan: bids are searched before asks, each in wire order', () => {
  assert.equal(priceFinerThan(push(['0.1', '0.111'], ['0.222', '0.2']), 2), '0.111');
  assert.equal(priceFinerThan(push(['0.1', '0.11'], ['0.2', '0.222', '0.2222']), 2), '0.222');
});

// The rule as first written (split at the dot, strip trailing zeros, count), as the model of any string.
const model = (p: DepthPush, decimals: number): string | null => {
  for (const [price] of [...p.bids, ...p.asks]) {
    if ((price.split('.')[1]?.replace(/0+$/, '').length ?? 0) > decimals) return price;
  }
  return null;
};

test('priceFinerThan agrees with the split-and-strip model on any price text', () => {
  const price = fc.oneof(
    fc.tuple(fc.stringMatching(/^\d{1,6}$/), fc.stringMatching(/^\d{0,10}$/)).map(([whole, frac]) => `${whole}.${frac}`),
    fc.stringMatching(/^\d{1,6}$/),
    fc.string({unit: fc.constantFrom('0', '1', '9', '.', 'e', '-')}),
  );
  fc.assert(
    fc.property(fc.array(price, {maxLength: 6}), fc.array(price, {maxLength: 6}), fc.integer({min: 0, max: 12}), (bids, asks, decimals) => {
      const p = push(bids, asks);
      assert.equal(priceFinerThan(p, decimals), model(p, decimals));
    }),
    {numRuns: 2000},
  );
});
