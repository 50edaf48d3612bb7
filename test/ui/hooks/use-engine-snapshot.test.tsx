import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {useEngineSnapshot, type SnapshotSource} from '../../../source/ui/hooks/use-engine-snapshot.js';
import {compliantSnapshot, snapshotFeed} from '../fixtures.js';
import {plain, waitFor, waitForFrame} from '../terminal.js';

afterEach(cleanup);

/** Shows the snapshot's pid and counts its own renders. */
function probe(source: SnapshotSource, intervalMs: number) {
  const counter = {renders: 0};
  function Probe(): React.JSX.Element {
    const snapshot = useEngineSnapshot(source, intervalMs);
    counter.renders += 1;
    return <Text>{`pid ${snapshot.pid}`}</Text>;
  }
  return {counter, rendered: render(<Probe />)};
}

const withPid = (pid: number) => ({...compliantSnapshot(), pid});

test('a burst of snapshots collapses into one render of the newest', async () => {
  const feed = snapshotFeed(withPid(0));
  const {counter, rendered} = probe(feed, 200);
  await waitFor(() => feed.listeners() === 1, 'the hook to subscribe');
  const before = counter.renders;
  for (let pid = 1; pid <= 100; pid += 1) feed.publish(withPid(pid));
  await waitForFrame(rendered, (frame) => frame === 'pid 100');
  assert.ok(counter.renders - before <= 2, `${counter.renders - before} renders for 100 snapshots`);
});

test('a steady stream renders at most once per interval, and the last snapshot always lands', async () => {
  const feed = snapshotFeed(withPid(0));
  const intervalMs = 100;
  const {counter, rendered} = probe(feed, intervalMs);
  await waitFor(() => feed.listeners() === 1, 'the hook to subscribe');
  const before = counter.renders;
  const started = Date.now();
  let pid = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      pid += 1;
      feed.publish(withPid(pid));
      if (pid === 150) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  await waitForFrame(rendered, (frame) => frame === 'pid 150');
  const elapsed = Date.now() - started;
  const renders = counter.renders - before;
  assert.ok(renders <= Math.ceil(elapsed / intervalMs) + 1, `${renders} renders in ${elapsed} ms for ${pid} snapshots`);
  assert.ok(renders < pid / 2);
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
