// The console draws only what changed: these tests count the frames Ink writes (ink-testing-library keeps
// every one) while snapshots arrive and the clock moves, on a clock the test moves (node:test's mock
// timers; see use-engine-snapshot.test.tsx for why ticks run inside act()).
import {afterEach, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import React, {act} from 'react';
import {cleanup} from 'ink-testing-library';
import {App} from '../../../source/ui/components/App.js';
import type {EngineSnapshot} from '../../../source/engine/view/snapshot.js';
import {SNAPSHOT_INTERVAL_MS} from '../../../source/ui/hooks/use-engine-snapshot.js';
import {SCREEN_CLOCK_MS} from '../../../source/ui/hooks/use-screen-view.js';
import {compliantSnapshot, quietNextSnapshot, snapshotFeed, T0} from '../fixtures.js';
import {plain, renderAt, resize} from '../terminal.js';

afterEach(cleanup);

/** The compliant snapshot with the best KuCoin bid's size changed: a change the 80x24 screen shows. */
function withTopBidSize(size: number): EngineSnapshot {
  const s = compliantSnapshot();
  s.books.kucoin.bids[0] = {...s.books.kucoin.bids[0]!, size};
  return s;
}

/** Runs `work` inside React's act(), which renders whatever it set before returning. */
function inAct(work: () => void): void {
  const scope = globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean};
  scope.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    act(work);
  } finally {
    scope.IS_REACT_ACT_ENVIRONMENT = false;
  }
}

/** `snapshot` as published now (the mocked clock): its books and its own time 100 ms old, so no age shows. */
function publishedNow(snapshot: EngineSnapshot): EngineSnapshot {
  const at = Date.now() - 100;
  snapshot.updatedAt = at;
  snapshot.books.mexc.lastUpdateAt = at;
  snapshot.books.kucoin.lastUpdateAt = at;
  return snapshot;
}

/**
 * The console at 80x24 on mocked timers from the start (Date, setTimeout and setInterval: the throttle and
 * the clock), its clock at T0. `tick` moves the mocked clock inside act(); `frames()` counts what Ink wrote.
 */
async function mount(t: TestContext) {
  t.mock.timers.enable({apis: ['setTimeout', 'setInterval', 'Date'], now: T0});
  const feed = snapshotFeed(compliantSnapshot());
  const rendered = renderAt(<App snapshots={feed} onCommand={() => {}} now={() => Date.now()} />, 80, 24);
  // the hook subscribes in an effect, which React runs on a later turn (setImmediate is not mocked)
  for (let turn = 0; feed.listeners() === 0; turn += 1) {
    if (turn > 1000) throw new Error('the console never subscribed to the snapshots');
    await new Promise((resolve) => setImmediate(resolve));
  }
  const tick = (ms: number): void => inAct(() => t.mock.timers.tick(ms));
  const publish = (snapshot: EngineSnapshot): void => inAct(() => feed.publish(publishedNow(snapshot)));
  return {feed, rendered, tick, publish, frames: () => rendered.frames.length, frame: () => plain(rendered.lastFrame())};
}

test('a snapshot that changes nothing shown draws no frame; one that does draws one', async (t) => {
  const {tick, publish, frames, frame} = await mount(t);
  tick(2 * SNAPSHOT_INTERVAL_MS); // past any render of the mount
  const before = frames();
  const screen = frame();
  for (let i = 0; i < 10; i += 1) {
    publish(quietNextSnapshot());
    tick(SNAPSHOT_INTERVAL_MS / 10); // a quiet market: new snapshots every 50 ms, within one second of the clock
  }
  assert.equal(frames(), before, 'no frame for snapshots that change nothing on screen');
  assert.equal(frame(), screen);
  publish(withTopBidSize(81_000));
  tick(100); // T0 + 1.6 s: the clock still reads 12:00:01
  assert.equal(frames(), before + 1, 'one frame for the visible change');
  assert.match(frame(), /^ b 0\.012340 +81,000 /m);
});

test('the clock draws a frame when a second shown on screen changes, and none within it', async (t) => {
  const {tick, publish, frames, frame} = await mount(t);
  assert.match(frame(), /reset 12:34 .* 12:00:00 UTC$/m);
  const before = frames();
  tick(SCREEN_CLOCK_MS - 1); // T0 + 999 ms: every age and countdown still reads the same
  assert.equal(frames(), before, 'no frame while no shown second changed');
  tick(1); // the next clock tick, at T0 + 1 s
  assert.equal(frames(), before + 1);
  assert.match(frame(), /reset 12:33 .* 12:00:01 UTC$/m);
  // a snapshot 600 ms later rebuilds the screen with the clock at T0 + 1.6 s: every time still reads the same
  tick(600);
  publish(quietNextSnapshot());
  tick(0);
  assert.equal(frames(), before + 1, 'no frame: the screen holds times in the seconds it shows, not the milliseconds');
  tick(400); // T0 + 2 s
  assert.equal(frames(), before + 2);
  assert.match(frame(), /reset 12:32 .* 12:00:02 UTC$/m);
  // no snapshot since the one of T0 + 1.5 s: the clock alone keeps the screen moving, and says the engine is silent
  tick(6 * SCREEN_CLOCK_MS);
  assert.match(frame(), /RUNNING {2}NO UPDATE 6s {2}reset 12:26 /);
  assert.match(frame(), /^KuCoin RMV-USDT ref {2}live 6s ago/m);
});

test('a burst of visible changes, with the clock running, draws at most 2 frames a second, the last one included', async (t) => {
  const {tick, publish, frames, frame} = await mount(t);
  tick(2 * SNAPSHOT_INTERVAL_MS);
  const times: number[] = [];
  let seen = frames();
  // 3 s of a volatile market: the best bid changes every 10 ms
  for (let i = 1; i <= 300; i += 1) {
    publish(withTopBidSize(80_000 + i));
    tick(10);
    if (frames() !== seen) {
      times.push(Date.now());
      seen = frames();
    }
  }
  assert.ok(times.length >= 5, `${times.length} frames in 3 s: the screen keeps moving`);
  for (let i = 1; i < times.length; i += 1) {
    assert.ok(times[i]! - times[i - 1]! >= SNAPSHOT_INTERVAL_MS, `frames ${i - 1} and ${i} only ${times[i]! - times[i - 1]!} ms apart`);
  }
  tick(SNAPSHOT_INTERVAL_MS);
  assert.match(frame(), /^ b 0\.012340 +80,300 /m, 'the last snapshot lands');
});

test('a resize lays the screen out again at once, outside the throttle', async (t) => {
  const {rendered, frame} = await mount(t);
  inAct(() => resize(rendered, 140, 50));
  assert.match(frame(), /^sell 0\.012580 /m, 'the order table of a tall terminal, without waiting for a snapshot');
});
