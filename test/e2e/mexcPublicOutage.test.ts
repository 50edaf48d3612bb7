import {test} from 'node:test';
import assert from 'node:assert/strict';
import {tempDir} from './processHarness.js';
import {describeSamples, quotesBothSides, readJournal, readState, startObservedRun, stoppedCleanly} from './dataDirProbe.js';

// MEXC's public WebSocket refused for 12 s (private WS and REST untouched): the book comes from REST
// snapshots meanwhile (docs/protocols/mexc.md §4.7), then from the WebSocket again.
const OUTAGE_START_SEC = 10;
const OUTAGE_SEC = 12;

test('MEXC public WebSocket down for 12 s: the book stream polls REST, then is live again; never halted, both sides quoted throughout', {timeout: 100_000}, async (t) => {
  const dir = tempDir(t);
  const {run, sampler, failIfNot} = await startObservedRun(t, dir, ['--duration', '75', '--seed', '4', '--faults', `mexcPublicOutage:${OUTAGE_SEC}s@${OUTAGE_START_SEC}s`]);
  const mexcState = (s: {state: {streams: Record<string, {state: string}>} | null}) => s.state?.streams['mexc.book']?.state;

  const quoting = await sampler
    .next('quoting on both sides with the MEXC book live', (s) => mexcState(s) === 'live' && s.state !== null && quotesBothSides(s.state), 20_000, run)
    .catch(failIfNot('no ladder before the outage'));
  const outageSeen = await sampler
    .next('the observer to report the MEXC public outage', (s) => s.observer?.outages?.mexcPublicOutage === true, (OUTAGE_START_SEC + 10) * 1000, run)
    .catch(failIfNot('the simulator never reported mexcPublicOutage'));
  const polling = await sampler
    .next('the MEXC book stream polling REST', (s) => mexcState(s) === 'polling', 10_000, run)
    .catch(failIfNot('the MEXC book stream never went to polling'));
  const outageOver = await sampler
    .next('the observer to report the public WebSocket back', (s) => s.observer?.outages?.mexcPublicOutage === false, (OUTAGE_SEC + 10) * 1000, run)
    .catch(failIfNot('the outage did not end'));
  // the reconnect backoff is capped at 30 s; a 12 s outage leaves it under 16 s
  const live = await sampler
    .next('the MEXC book stream live again', (s) => mexcState(s) === 'live', 30_000, run)
    .catch(failIfNot('the MEXC book stream did not come back live within 30 s of the outage end'));
  const settled = await sampler
    .next('both sides quoted after the outage', (s) => s.at > live.at + 2_000 && mexcState(s) === 'live' && s.state !== null && quotesBothSides(s.state), 15_000, run)
    .catch(failIfNot('no ladder after the WebSocket came back'));
  sampler.stop();
  await stoppedCleanly(run, 'the bot to exit after SIGTERM', {timeoutMs: 30_000});
  const timeline = describeSamples(sampler.samples, 400);

  t.diagnostic(`polling ${((polling.at - outageSeen.at) / 1000).toFixed(1)} s into the outage; live ${((live.at - outageOver.at) / 1000).toFixed(1)} s after it`);
  const whole = sampler.states(quoting.at, settled.at);
  assert.ok(whole.length > 60, `${whole.length} samples`);
  for (const s of whole) {
    assert.equal(s.state.halted, null, `halted at ${s.at}\n${timeline}`);
    // KuCoin is untouched: the price never leaves the reference
    assert.equal(s.state.pricing.step, 'reference', `pricing ${s.state.pricing.step} at ${s.at}\n${timeline}`);
    assert.ok(quotesBothSides(s.state), `a side without our orders at ${s.at}\n${timeline}`);
  }
  // while the WebSocket was refused the stream polled (after at most the first poll interval of 'down')
  // and never claimed to be live
  const during = sampler.states(outageSeen.at + 1_000, outageOver.at);
  assert.ok(during.length >= (OUTAGE_SEC - 3) * 3, `${during.length} samples during the outage`);
  const states = during.map((s) => s.state.streams['mexc.book']!.state);
  assert.ok(!states.includes('live'), `mexc.book live while its WebSocket was refused\n${timeline}`);
  const polled = states.filter((state) => state === 'polling').length;
  assert.ok(polled >= during.length - 3 * 3, `polling in ${polled} of ${during.length} samples during the outage\n${timeline}`);
  assert.ok(polling.at < outageOver.at);
  // a freshly polled book may be acted on: no suspension while polling (only the seconds of 'down'
  // before the first poll freeze order changes)
  for (const s of during.filter((d) => d.state.streams['mexc.book']!.state === 'polling')) {
    assert.equal(s.state.suspension, null, `suspended while polling at ${s.at}\n${timeline}`);
  }
  // the private stream and REST kept working
  for (const s of during) {
    assert.equal(s.state.streams['mexc.user']?.state, 'live', `mexc.user at ${s.at}\n${timeline}`);
    assert.equal(s.state.streams['kucoin.book']?.state, 'live', `kucoin.book at ${s.at}\n${timeline}`);
  }

  const texts = readJournal(dir, 'events').map((e) => `${e.level}: ${e.text}`);
  assert.ok(texts.some((text) => /^warn: mexc\.book polling: /.test(text)), `a polling notice:\n${texts.join('\n')}`);
  assert.deepEqual(texts.filter((text) => /KILL SWITCH|halt/i.test(text)), [], 'no kill-switch notice');
  assert.equal(readState(dir)!.halted, null, 'the state file carries no halt');
});
