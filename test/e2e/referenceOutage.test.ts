import {test} from 'node:test';
import assert from 'node:assert/strict';
import {tempDir} from './processHarness.js';
import {describeSamples, quotesBothSides, readJournal, readState, resting, startObservedRun, stoppedCleanly} from './dataDirProbe.js';

// KuCoin (the reference) unreachable for 20 s from 10 s after the simulator starts, the market moving on:
// the fallback chain of docs/strategy.md §4.1 must carry the bot through it without a halt.
const OUTAGE_START_SEC = 10;
const OUTAGE_SEC = 20;

test('KuCoin unreachable for 20 s: reference → heldLast → MEXC others\' mid and back, both sides quoted throughout, never halted, journal tells each step', {timeout: 110_000}, async (t) => {
  const dir = tempDir(t);
  const {run, sampler, failIfNot} = await startObservedRun(t, dir, ['--duration', '80', '--seed', '3', '--faults', `referenceOutage:${OUTAGE_SEC}s@${OUTAGE_START_SEC}s`]);

  const quoting = await sampler
    .next('quoting from the reference on both sides', (s) => s.state?.pricing.step === 'reference' && quotesBothSides(s.state), 20_000, run)
    .catch(failIfNot('no ladder before the outage'));
  const outageSeen = await sampler
    .next('the observer to report the reference outage', (s) => s.observer?.outages?.referenceOutage === true, (OUTAGE_START_SEC + 10) * 1000, run)
    .catch(failIfNot('the simulator never reported referenceOutage'));
  const othersMid = await sampler
    .next("pricing from MEXC others' mid", (s) => s.state?.pricing.step === 'mexcOthers', 15_000, run)
    .catch(failIfNot("the fallback chain did not reach MEXC others' mid (calm scenario: the others' book is two-sided and near the last fair)"));
  const outageOver = await sampler
    .next('the observer to report the reference back', (s) => s.observer?.outages?.referenceOutage === false, (OUTAGE_SEC + 10) * 1000, run)
    .catch(failIfNot('the outage did not end'));
  const back = await sampler
    .next('pricing from the reference again', (s) => s.state?.pricing.step === 'reference' && s.state.pricing.referenceStaleSince === null, 30_000, run)
    .catch(failIfNot('the reference did not come back within 30 s of the outage end'));
  const settled = await sampler
    .next('both sides quoted again after the outage', (s) => s.at > back.at + 2_000 && s.state?.pricing.step === 'reference' && quotesBothSides(s.state), 15_000, run)
    .catch(failIfNot('no ladder after the reference came back'));
  sampler.stop();
  await stoppedCleanly(run, 'the bot to exit after SIGTERM', {timeoutMs: 30_000});
  const timeline = describeSamples(sampler.samples, 400);

  // the whole run, from the first ladder on: never halted, never suspended for want of a price
  const run_ = sampler.states(quoting.at);
  assert.ok(run_.length > 100, `${run_.length} samples`);
  for (const s of run_) {
    assert.equal(s.state.halted, null, `halted at ${s.at}\n${timeline}`);
    assert.notEqual(s.state.pricing.step, 'none', `no price at ${s.at}\n${timeline}`);
    assert.notEqual(s.state.suspension?.cause, 'reference', `suspended for want of a price at ${s.at}\n${timeline}`);
  }
  // during the outage (a sample's state file may lag the observer by a flush, hence the second of margin
  // at each end) the pricing left the reference, and both sides stayed quoted, with real depth
  const during = sampler.states(outageSeen.at + 1_000, outageOver.at);
  assert.ok(during.length >= (OUTAGE_SEC - 4) * 3, `${during.length} samples during the outage`);
  const steps = new Set(during.map((s) => s.state.pricing.step));
  assert.ok(!steps.has('reference'), `the reference priced us while KuCoin was down: steps ${[...steps]}\n${timeline}`);
  assert.ok(steps.has('heldLast') && steps.has('mexcOthers'), `steps during the outage: ${[...steps]}`);
  for (const s of sampler.states(quoting.at, settled.at)) {
    assert.ok(quotesBothSides(s.state), `a side without our orders at ${s.at}\n${timeline}`);
  }
  // on MEXC others' mid the quotes keep their normal size: our own depth within the band stays at the
  // compliance minimum on each side, short dips aside (a fill, or the ladder moving: new orders count once
  // acknowledged, and a rate-limit hold can delay the top-up by a couple of seconds)
  const onOthers = sampler.states(othersMid.at, outageOver.at).filter((s) => s.state.pricing.step === 'mexcOthers');
  const isThin = (s: {state: {sides: {bid: {ownDepth: number}; ask: {ownDepth: number}}}}) => s.state.sides.bid.ownDepth < 1000 || s.state.sides.ask.ownDepth < 1000;
  let longestThinMs = 0;
  let thinFrom: number | null = null;
  for (const s of onOthers) {
    if (isThin(s)) thinFrom ??= s.at;
    else thinFrom = null;
    if (thinFrom !== null) longestThinMs = Math.max(longestThinMs, s.at - thinFrom);
  }
  const thin = onOthers.filter(isThin).length;
  t.diagnostic(
    `MEXC others' mid ${((othersMid.at - outageSeen.at) / 1000).toFixed(1)} s into the outage; reference back ${((back.at - outageOver.at) / 1000).toFixed(1)} s after it; ` +
      `${thin} of ${onOthers.length} samples on others' mid with a side under 1,000 USDT of ours (longest ${longestThinMs} ms)`,
  );
  assert.ok(onOthers.length >= 20, `${onOthers.length} samples on MEXC others' mid`);
  assert.ok(thin <= onOthers.length * 0.25 && longestThinMs <= 4_000, `${thin} of ${onOthers.length} samples on MEXC others' mid had a side under 1,000 USDT of our depth, for up to ${longestThinMs} ms\n${timeline}`);
  // the independent observer (the simulator's own view of the MEXC book) sampled through the outage too
  const observer = run.lines.find((l) => l.msg === 'simulator observer')?.observer as {samples: number; passPerSidePct: number} | undefined;
  assert.ok(observer, 'the simulator observer line');
  const failing = Math.round(observer.samples * (1 - observer.passPerSidePct / 100));
  assert.ok(failing <= 2, `${failing} of ${observer.samples} observer samples failed`);

  // the operator's account of it, in order, in the events journal
  const events = readJournal(dir, 'events').filter((e) => e.at >= outageSeen.at - 2_000);
  const texts = events.map((e) => `${e.level}: ${e.text}`);
  const index = (pattern: RegExp): number => texts.findIndex((text) => pattern.test(text));
  const held = index(/^warn: holding the last fair price \d[\d.]* through a brief gap \(KuCoin (down|connecting|stale) \d+s\)$/);
  const others = index(/^warn: pricing from MEXC others' mid \d[\d.]* \(KuCoin (down|connecting|stale) \d+s\)$/);
  const backPattern = /^info: reference back after (?:(\d+)m)?(\d+)s, last on MEXC others' mid: fair \d[\d.]* vs MEXC others' mid \d[\d.]* \([+−]\d+\.\d\d%\); quoting from the reference$/;
  const backAgain = index(backPattern);
  assert.ok(held >= 0 && others > held && backAgain > others, `step notices in order (held ${held}, others ${others}, back ${backAgain}):\n${texts.join('\n')}`);
  // the time away counts the whole outage, heldLast included, not the last step alone
  const [, minutes, seconds] = backPattern.exec(texts[backAgain]!)!;
  const awaySec = Number(minutes ?? 0) * 60 + Number(seconds);
  const staleSec = (back.at - outageSeen.at) / 1000;
  assert.ok(awaySec >= OUTAGE_SEC - 1 && Math.abs(awaySec - staleSec) <= 3, `away ${awaySec} s in "${texts[backAgain]}"; the samples saw ${staleSec.toFixed(1)} s off the reference`);
  const all = readJournal(dir, 'events').map((e) => e.text ?? '');
  assert.deepEqual(all.filter((text) => /KILL SWITCH|halt/i.test(text)), [], 'no kill-switch notice');
  const final = readState(dir)!;
  assert.equal(final.halted, null, 'the state file carries no halt');
  assert.equal(resting(final, 'BUY').length + resting(final, 'SELL').length, 0, 'no order of ours resting at the end');
});
