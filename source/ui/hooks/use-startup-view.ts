import {useSyncExternalStore} from 'react';
import type {StartupView} from '../../engine/view/startupView.js';

export type {StartupView} from '../../engine/view/startupView.js';

/** Start-up progress as the console reads it (source/runtime/startupProgress.ts is the writer). */
export interface StartupSource {
  /** the same object until something changes, as useSyncExternalStore requires */
  get(): StartupView;
  /** calls `listener` whenever the view changes; returns the unsubscribe function */
  subscribe(listener: () => void): () => void;
}

/**
 * The current start-up view, re-rendered on every change. Unthrottled, unlike snapshots: start-up publishes
 * only when a step changes (a handful of times), and a step's change must show at once.
 */
export function useStartupView(source: StartupSource): StartupView {
  return useSyncExternalStore(
    (listener) => source.subscribe(listener),
    () => source.get(),
  );
}
