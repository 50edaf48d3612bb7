// The last sweep of a stop, on a fake clock: it cancels what survived, waits out rate-limit blocks, and
// never reports "nothing left" when the exchange could not be asked.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {PortError, type CancelIntent, type CancelOutcome} from '../../source/engine/ports.js';
import type {ExchangeOrder} from '../../source/engine/events.js';
import {finalSweep} from '../../source/runtime/finalSweep.js';
import {RecordingTradingPort} from '../engine/engineFixtures.js';

const order = (id: string): ExchangeOrder => ({clientOrderId: id, orderId: `X${id}`, side: 'BUY', priceTicks: 24_900, origQtyLots: 1000, filledLots: 0, status: 'resting'});

function fakeClock() {
  let t = 1_000_000;
  return {now: () => t, sleep: async (ms: number) => void (t += Math.max(0, ms)), elapsed: () => t - 1_000_000};
}

class SweepPort extends RecordingTradingPort {
  listings: Array<() => ExchangeOrder[]> = [];
  override async openOrders(): Promise<ExchangeOrder[]> {
    const next = this.listings.shift();
    if (!next) throw new Error('no more listings scripted');
    return next();
  }
}

test('cancels what is still open, then confirms none is left', async () => {
  const port = new SweepPort();
  port.listings = [() => [order('mmx1'), order('other1'), order('mmx2')], () => []];
  const clock = fakeClock();
  const left = await finalSweep(port, 'mmx', () => undefined, clock);
  assert.equal(left, 0);
  assert.deepEqual(port.cancelled.flat().map((c) => c.clientOrderId), ['mmx1', 'mmx2'], 'only our prefix');
});

test('a 429 block on open orders is waited out until Retry-After, not taken for an empty book', async () => {
  const port = new SweepPort();
  const clock = fakeClock();
  const blocked = () => {
    throw new PortError('openOrders: MEXC HTTP 429: Too Many Requests', 429, clock.now() + 5_000);
  };
  port.listings = [blocked, blocked, () => [order('mmx1')], () => []];
  const lines: string[] = [];
  const left = await finalSweep(port, 'mmx', (_l, text) => void lines.push(text), clock);
  assert.equal(left, 0);
  assert.ok(clock.elapsed() >= 10_000, `waited ${clock.elapsed()} ms for the blocks to pass`);
  assert.equal(port.cancelled.flat().length, 1);
  assert.ok(lines.some((l) => /asking again in 5 s/.test(l)));
});

test('an exchange that never answers gives null ("unconfirmed") at the deadline, not 0', async () => {
  const port = new SweepPort();
  const clock = fakeClock();
  port.listings = Array.from({length: 100}, () => () => {
    throw new PortError('openOrders: MEXC HTTP 503: service not available', 503);
  });
  const lines: string[] = [];
  const left = await finalSweep(port, 'mmx', (_l, text) => void lines.push(text), {...clock, deadlineMs: 20_000});
  assert.equal(left, null);
  assert.ok(clock.elapsed() <= 20_000, 'gives up by the deadline');
  assert.ok(lines.some((l) => /could not confirm that no order of ours is left open/.test(l)));
});

test('a throttled cancel is retried after its retry time; orders that cannot be cancelled are counted', async () => {
  const port = new SweepPort();
  const clock = fakeClock();
  let refuse = true;
  port.cancelAnswer = (i: CancelIntent): CancelOutcome =>
    refuse ? {kind: 'throttled', clientOrderId: i.clientOrderId, retryAt: clock.now() + 2_000, message: 'budget'} : {kind: 'cancelled', clientOrderId: i.clientOrderId};
  port.listings = [() => [order('mmx1')], () => ((refuse = false), [order('mmx1')]), () => []];
  assert.equal(await finalSweep(port, 'mmx', () => undefined, clock), 0);
  assert.ok(clock.elapsed() >= 2_000);

  const stuck = new SweepPort();
  stuck.listings = Array.from({length: 100}, () => () => [order('mmx9')]);
  stuck.cancelAnswer = (i) => ({kind: 'rejected', clientOrderId: i.clientOrderId, reason: 'notNow', detail: '30000 no'});
  assert.equal(await finalSweep(stuck, 'mmx', () => undefined, {...fakeClock(), deadlineMs: 0}), 1);
});
