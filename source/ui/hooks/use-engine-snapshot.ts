import {useEffect, useRef, useState} from 'react';
import type {EngineSnapshot} from '../../engine/view/snapshot.js';

export interface SnapshotSource {
  get(): EngineSnapshot;
  /** calls `listener` whenever a new snapshot is available; returns the unsubscribe function */
  subscribe(listener: () => void): () => void;
}

/**
 * Default minimum time between two snapshot renders: at most 2 per second, whatever the engine's rate.
 * A console watched for days needs no more; each render of the full screen costs Ink's layout and ANSI
 * slicing (measured on volatile at 80x24: 5 renders/s took ~9 % of a core on top of the engine).
 */
export const SNAPSHOT_INTERVAL_MS = 500;

export interface SnapshotViewOptions<V> {
  /** minimum time between two renders; SNAPSHOT_INTERVAL_MS by default */
  minIntervalMs?: number;
  /** also rebuild this often without a new snapshot (ages and countdowns move), within the same budget; null: never */
  clockMs?: number | null;
  /**
   * What to show given the view on screen and a freshly built one: the view on screen itself when nothing
   * visible changed (then nothing renders), else the new one (which may reuse unchanged parts of the old).
   * By default a new object is a change.
   */
  merge?: (onScreen: V, next: V) => V;
  /** a further source of change that rebuilds at once, outside the throttle (a terminal resize); stable across renders */
  subscribeNow?: ((listener: () => void) => () => void) | undefined;
}

const newIsChange = <V,>(onScreen: V, next: V): V => (Object.is(onScreen, next) ? onScreen : next);

/**
 * A view built from the latest snapshot (and the clock), rendered only when `merge` says it changed, and
 * at most once per `minIntervalMs`. A notification (or clock tick) within the interval after a render waits
 * for its end, and a burst of them collapses into one rebuild from the newest snapshot (trailing edge, so
 * the last state is never lost); a rebuild that changes nothing costs no render and does not count.
 * `build` is read at each rebuild, so it may close over the latest props.
 */
export function useSnapshotView<V>(source: SnapshotSource, build: () => V, options: SnapshotViewOptions<V> = {}): V {
  const {minIntervalMs = SNAPSHOT_INTERVAL_MS, clockMs = null, subscribeNow} = options;
  const [view, setView] = useState(build);
  // refs keep the subscriptions stable while the props change; `shown` is the view last handed to React
  const buildRef = useRef(build);
  buildRef.current = build;
  const mergeRef = useRef(options.merge ?? newIsChange);
  mergeRef.current = options.merge ?? newIsChange;
  const shown = useRef(view);
  useEffect(() => {
    let timer: NodeJS.Timeout | null = null;
    let lastRenderAt = 0;
    /** whether the rebuilt view differs from the one on screen (and was handed to React) */
    const rebuild = (): boolean => {
      const next = mergeRef.current(shown.current, buildRef.current());
      if (next === shown.current) return false;
      shown.current = next;
      setView(next);
      return true;
    };
    const flush = (): void => {
      timer = null;
      if (rebuild()) lastRenderAt = Date.now();
    };
    // The budget counts renders, not rebuilds: a rebuild that changed nothing does not hold the next one back.
    const request = (): void => {
      if (timer !== null) return;
      const wait = Math.max(0, lastRenderAt + minIntervalMs - Date.now());
      timer = setTimeout(flush, wait);
    };
    const unsubscribe = source.subscribe(request);
    const clock = clockMs === null ? null : setInterval(request, clockMs);
    const unsubscribeNow = subscribeNow?.(() => void rebuild());
    // A snapshot may have been published between the first build and subscribe().
    rebuild();
    return () => {
      unsubscribe();
      unsubscribeNow?.();
      if (clock !== null) clearInterval(clock);
      if (timer !== null) clearTimeout(timer);
    };
  }, [source, minIntervalMs, clockMs, subscribeNow]);
  return view;
}

/**
 * The latest snapshot, re-rendered at most once per `minIntervalMs`. A burst of notifications collapses into
 * one render of the newest snapshot (trailing edge, so the last state is never lost).
 */
export function useEngineSnapshot(source: SnapshotSource, minIntervalMs = SNAPSHOT_INTERVAL_MS): EngineSnapshot {
  return useSnapshotView(source, () => source.get(), {minIntervalMs});
}
