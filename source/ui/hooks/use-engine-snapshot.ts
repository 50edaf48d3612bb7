import {useEffect, useState} from 'react';
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

/**
 * The latest snapshot, re-rendered at most once per `minIntervalMs`. A burst of notifications collapses into
 * one render of the newest snapshot (trailing edge, so the last state is never lost).
 */
export function useEngineSnapshot(source: SnapshotSource, minIntervalMs = SNAPSHOT_INTERVAL_MS): EngineSnapshot {
  const [snapshot, setSnapshot] = useState(() => source.get());
  useEffect(() => {
    let timer: NodeJS.Timeout | null = null;
    let lastRenderAt = 0;
    const flush = (): void => {
      timer = null;
      lastRenderAt = Date.now();
      setSnapshot(source.get());
    };
    const unsubscribe = source.subscribe(() => {
      if (timer !== null) return;
      const wait = Math.max(0, lastRenderAt + minIntervalMs - Date.now());
      timer = setTimeout(flush, wait);
    });
    // A snapshot may have been published between the first get() and subscribe().
    setSnapshot(source.get());
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [source, minIntervalMs]);
  return snapshot;
}
