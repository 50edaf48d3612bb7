import {test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {startCli, tempDir} from './processHarness.js';
import {describeSamples, killAtEnd, quotesBothSides, readJournal, readState, Sampler, type BotState, stoppedCleanly} from './dataDirProbe.js';

// docs/strategy.md §12.1: a suspension is a condition of the world and clears with it; it is never
// persisted as a halt. The kill switch's halt is, and a restart starts halted.

test('a run that ends suspended (reference gone, onStale "cancel") leaves no halt: the next run on the same data dir quotes at once', {timeout: 90_000}, async (t) => {
  const dir = tempDir(t);
  const config = join(dir, 'config.json');
  // the old rule: hold 2 s, then suspend and cancel (the chain would quote from MEXC for minutes)
  writeFileSync(config, JSON.stringify({fallback: {onStale: 'cancel'}, risk: {referenceStaleHoldSec: 2}}));
  const data = join(dir, 'data');

  // run 1: KuCoin gone from 6 s after the start to past the end of the run
  const first = startCli(['--no-ui', '--duration', '14', '--seed', '8', '--config', config, '--faults', 'referenceOutage:60s@6s', '--data-dir', data]);
  killAtEnd(t, first, dir);
  const firstSamples = new Sampler(data, first.child.pid!).start();
  t.after(() => firstSamples.stop());
  await stoppedCleanly(first, 'run 1 to stop by itself after --duration 14', {signal: false});
  firstSamples.stop();
  const firstTimeline = describeSamples(firstSamples.samples, 80);
  assert.ok(firstSamples.states().some((s) => quotesBothSides(s.state)), `run 1 quoted before the outage\n${firstTimeline}`);
  const ended = readState(data)!;
  assert.equal(ended.pid, first.child.pid);
  // the premise: run 1 ended suspended for want of a price, its orders cancelled, and not halted
  assert.equal(ended.pricing.step, 'none', `run 1 ended on ${ended.pricing.step}\n${firstTimeline}`);
  assert.equal(ended.suspension?.cause, 'reference', `run 1 ended with suspension ${JSON.stringify(ended.suspension)}\n${firstTimeline}`);
  assert.equal(ended.halted, null, 'a suspension is no halt');
  const firstEvents = readJournal(data, 'events').map((e) => e.text ?? '');
  assert.ok(
    firstEvents.some((text) => /^SUSPENDED: reference stale for over 2s; cancelling our orders until the reference is back/.test(text)),
    `the suspension notice:\n${firstEvents.join('\n')}`,
  );
  const suspendedSamples = firstSamples.states().filter((s) => s.state.suspension?.cause === 'reference');
  assert.ok(suspendedSamples.length > 0 && suspendedSamples.at(-1)!.state.orders.length === 0, `orders cancelled while suspended\n${firstTimeline}`);

  // run 2: same data dir, no fault, default config
  const secondStart = Date.now();
  const second = startCli(['--no-ui', '--duration', '40', '--seed', '8', '--data-dir', data]);
  killAtEnd(t, second, dir);
  const samples = new Sampler(data, second.child.pid!).start();
  t.after(() => samples.stop());
  const quoting = await samples
    .next('run 2 quoting from the reference on both sides', (s) => s.state?.pricing.step === 'reference' && quotesBothSides(s.state), 20_000, second)
    .catch((error: Error) => {
      throw new Error(`${error.message}\nrun 2 did not quote after a run that ended suspended; samples:\n${describeSamples(samples.samples)}`);
    });
  const firstOfRun2 = samples.states()[0]!;
  assert.equal(firstOfRun2.state.halted, null, 'run 2 does not start halted');
  assert.equal(quoting.state!.halted, null);
  assert.equal(quoting.state!.suspension, null, 'run 2 is not suspended once it quotes');
  // had run 2 restored run 1's suspension, its first decision would have lifted it, with a notice naming it
  await new Promise((r) => setTimeout(r, 1_500)); // the journal flushes about once a second
  const secondEvents = readJournal(data, 'events').filter((e) => e.at >= secondStart).map((e) => e.text ?? '');
  assert.deepEqual(secondEvents.filter((text) => /was: reference stale|KILL SWITCH|halt/i.test(text)), [], `run 2's events:\n${secondEvents.join('\n')}`);
  samples.stop();
  await stoppedCleanly(second, 'run 2 to exit after SIGTERM');
});

test('an order-error halt (kill switch) is carried across a restart: the next run starts halted and places nothing', {timeout: 90_000}, async (t) => {
  const dir = tempDir(t);
  const config = join(dir, 'config.json');
  // one order request without an answer (timeoutAfterAccept: executed, answer withheld 30 s) trips the kill switch
  writeFileSync(config, JSON.stringify({risk: {maxConsecutiveOrderErrors: 1}, exchange: {requestTimeoutMs: 1500}}));
  const data = join(dir, 'data');

  const first = startCli(['--no-ui', '--duration', '40', '--seed', '9', '--config', config, '--faults', 'timeoutAfterAccept', '--data-dir', data]);
  killAtEnd(t, first, dir);
  const firstSamples = new Sampler(data, first.child.pid!).start();
  t.after(() => firstSamples.stop());
  const halted = await firstSamples
    .next('run 1 halted by the kill switch', (s) => s.state?.halted != null && s.state.orders.length === 0, 25_000, first)
    .catch((error: Error) => {
      throw new Error(`${error.message}\nno order-error halt in run 1; samples:\n${describeSamples(firstSamples.samples)}`);
    });
  firstSamples.stop();
  const halt = halted.state!.halted!;
  assert.match(halt.reason, /^\d+ consecutive order errors$/);
  assert.ok(halted.state!.counters.unknownOutcomes >= 1, 'the halt came from an order request without an answer');
  await stoppedCleanly(first, 'run 1 to exit after SIGTERM');
  const ended = readState(data)!;
  assert.deepEqual(ended.halted, halt, 'run 1 persisted its halt');
  const firstEvents = readJournal(data, 'events').map((e) => e.text ?? '');
  assert.ok(firstEvents.some((text) => /^KILL SWITCH: \d+ consecutive order errors; cancelling all orders and halting/.test(text)), firstEvents.join('\n'));

  // run 2: same data dir, no fault, default config (8 errors to halt): the halt comes from the state file
  const secondStart = Date.now();
  const second = startCli(['--no-ui', '--duration', '40', '--seed', '9', '--data-dir', data]);
  killAtEnd(t, second, dir);
  const samples = new Sampler(data, second.child.pid!).start();
  t.after(() => samples.stop());
  // ready to trade in every other respect: both books synced and live, pricing from the reference
  const ready = (s: BotState): boolean =>
    s.books.mexc.synced && s.books.kucoin.synced && s.streams['mexc.book']?.state === 'live' && s.streams['kucoin.book']?.state === 'live' && s.pricing.step === 'reference';
  const readyAt = await samples
    .next('run 2 with both books live', (s) => s.state !== null && ready(s.state), 20_000, second)
    .catch((error: Error) => {
      throw new Error(`${error.message}\nsamples:\n${describeSamples(samples.samples)}`);
    });
  // a bot that is not halted has its ladder up within a second of this (see the test above): give it 5
  await samples.next('5 s of run 2 ready to trade', (s) => s.at > readyAt.at + 5_000, 15_000, second);
  samples.stop();
  const timeline = describeSamples(samples.samples, 200);
  const seen = samples.states();
  assert.ok(seen.length >= 20, `${seen.length} samples of run 2`);
  for (const s of seen) {
    assert.deepEqual(s.state.halted, halt, `run 2 halted since run 1's halt, at ${s.at}\n${timeline}`);
    assert.deepEqual(s.state.orders, [], `no order in run 2 at ${s.at}\n${timeline}`);
    assert.equal(s.state.counters.ordersPlaced, 0, `nothing placed in run 2 at ${s.at}`);
  }
  await stoppedCleanly(second, 'run 2 to exit after SIGTERM');
  const placedInRun2 = readJournal(data, 'orders').filter((o) => o.at >= secondStart && o.action === 'place');
  assert.deepEqual(placedInRun2, [], 'no placement journalled by run 2');
  assert.deepEqual(readState(data)!.halted, halt, 'still halted after run 2: only the operator releases it');
});
