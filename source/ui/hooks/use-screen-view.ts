import {useStdout} from 'ink';
import {planLayout} from '../viewModel/layout.js';
import {shareUnchanged} from '../viewModel/sameView.js';
import {screenView, type ScreenView} from '../viewModel/screenView.js';
import {SNAPSHOT_INTERVAL_MS, useSnapshotView, type SnapshotSource} from './use-engine-snapshot.js';
import {useResizeSubscription} from './use-terminal-size.js';

/** How often the clock rebuilds the screen without a snapshot: ages and countdowns are shown in whole seconds. */
export const SCREEN_CLOCK_MS = 1000;

/**
 * Everything the normal view shows (viewModel/screenView.ts), from the latest snapshot, the clock and the
 * terminal's size. Rebuilt when a snapshot arrives or the clock ticks, at most once per
 * SNAPSHOT_INTERVAL_MS for both together (so at most 2 renders a second), and at once on a resize. A rebuild
 * that shows the same as the screen already does renders nothing; one that changes a panel hands every other
 * panel its previous view object, so only the changed panels (React.memo) render again.
 */
export function useScreenView(source: SnapshotSource, now: () => number, minIntervalMs = SNAPSHOT_INTERVAL_MS): ScreenView {
  const {stdout} = useStdout();
  const onResize = useResizeSubscription();
  return useSnapshotView(source, () => screenView(source.get(), now(), planLayout(stdout.columns, stdout.rows)), {
    minIntervalMs,
    clockMs: SCREEN_CLOCK_MS,
    merge: shareUnchanged,
    subscribeNow: onResize,
  });
}
