import {afterEach, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import React, {act} from 'react';
import {Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {useEngineSnapshot, type SnapshotSource} from '../../../source/ui/hooks/use-engine-snapshot.js';
import {compliantSnapshot, snapshotFeed} from '../fixtures.js';
import {plain, waitFor, waitForFrame} from '../terminal.js';

afterEach(cleanup);

/** Shows the snapshot's pid and records each of its renders: when (Date.now(), mocked in the throttle tests) and which pid. */
function probe(source: SnapshotSource, intervalMs: number) {
  const counter = {log: [] as Array<{at: number; pid: number}>};
  function Probe(): React.JSX.Element {
    const snapshot = useEngineSnapshot(source, intervalMs);
    counter.log.push({at: Date.now(), pid: snapshot.pid});
    return <Text>{`pid ${snapshot.pid}`}</Text>;
  }
  return {counter, rendered: render(<Probe />)};
}

const withPid = (pid: number) => ({...compliantSnapshot(), pid});

/**
 * Mounts the probe on real timers (Ink and the waits need them), waits for the hook to subscribe, then
 * hands the hook's clock (setTimeout and Date) to node:test's mock timers, so the throttle is proven on a
 * clock the test moves, never by comparing with wall-clock time. `tick` moves that clock inside React's
 * act(), which renders whatever the hook's timers set before it returns (React's own scheduler is not
 * mocked, so without act a render would land on a later turn of the real event loop).
 */
async function mountThrottled(t: TestContext, intervalMs: number) {
  const feed = snapshotFeed(withPid(0));
  const {counter, rendered} = probe(feed, intervalMs);
  await waitFor(() => feed.listeners() === 1, 'the hook to subscribe');
  t.mock.timers.enable({apis: ['setTimeout', 'Date'], now: 1_000_000});
  counter.log.length = 0;
  const tick = (ms: number): void => {
    const scope = globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean};
    scope.IS_REACT_ACT_ENVIRONMENT = true;
    try {
      act(() => t.mock.timers.tick(ms));
    } finally {
      scope.IS_REACT_ACT_ENVIRONMENT = false;
    }
  };
  const frame = (): string => plain(rendered.lastFrame());
  return {feed, counter, frame, tick, start: Date.now()};
}

test('a burst of snapshots collapses into one render of the newest', async (t) => {
  const {feed, counter, frame, tick} = await mountThrottled(t, 200);
  for (let pid = 1; pid <= 100; pid += 1) feed.publish(withPid(pid));
  tick(0); // the first change after a quiet period renders on the next timer turn
  assert.deepEqual(counter.log.map((r) => r.pid), [100], 'one render, of the newest snapshot');
  assert.equal(frame(), 'pid 100');
  tick(1000);
  assert.equal(counter.log.length, 1, 'no render without a new snapshot');
});

test('a steady stream renders at most once per interval, and the last snapshot always lands', async (t) => {
  const intervalMs = 100;
  const {feed, counter, frame, tick, start} = await mountThrottled(t, intervalMs);
  const renders = counter.log;
  const at = () => renders.map((r) => r.at - start);
  // 150 snapshots, one every 2 ms of the mocked clock: 298 ms of publishing
  for (let pid = 1; pid <= 150; pid += 1) {
    feed.publish(withPid(pid));
    tick(0); // whatever is due now runs now
    if (pid < 150) tick(2);
  }
  for (let i = 1; i < renders.length; i += 1) {
    assert.ok(renders[i]!.at - renders[i - 1]!.at >= intervalMs, `renders ${i - 1} and ${i} only ${renders[i]!.at - renders[i - 1]!.at} ms apart`);
    assert.ok(renders[i]!.pid > renders[i - 1]!.pid, 'each render shows a newer snapshot');
  }
  // the first change after a quiet period is not held back; after that one render per interval
  assert.deepEqual(at(), [0, 100, 200]);
  // trailing edge: the last snapshot (published at 298 ms) lands when its interval is up at 300 ms, not before
  tick(1);
  assert.notEqual(frame(), 'pid 150', 'the last snapshot waits for its interval');
  tick(1);
  assert.equal(frame(), 'pid 150');
  assert.deepEqual(at(), [0, 100, 200, 300]);
  tick(10 * intervalMs);
  assert.equal(renders.length, 4, 'and nothing renders after it');
});

test('unmounting unsubscribes and drops a pending render', async () => {
  const feed = snapshotFeed(withPid(0));
  const {rendered} = probe(feed, 10_000);
  await waitFor(() => feed.listeners() === 1, 'the hook to subscribe');
  feed.publish(withPid(1)); // first one renders on the next tick
  await waitForFrame(rendered, (frame) => frame === 'pid 1');
  feed.publish(withPid(2)); // this one waits for the 10 s interval: a pending timer
  const frames = rendered.frames.length;
  const timeouts = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  const pendingBefore = timeouts();
  rendered.unmount();
  assert.equal(feed.listeners(), 0);
  assert.equal(timeouts(), pendingBefore - 1, 'the pending render timer is cleared');
  // (under CI=true Ink writes one more, empty, frame on unmount in debug mode: look before it)
  assert.equal(plain(rendered.frames[frames - 1]), 'pid 1');
});
