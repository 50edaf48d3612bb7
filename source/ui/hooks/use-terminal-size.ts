import {useCallback, useSyncExternalStore} from 'react';
import {useStdout} from 'ink';

export interface TerminalSize {
  columns: number | undefined;
  rows: number | undefined;
}

/** Subscribes a listener to the terminal's resize events; returns the unsubscribe function (stable per stdout). */
export function useResizeSubscription(): (onChange: () => void) => () => void {
  const {stdout} = useStdout();
  return useCallback(
    (onChange: () => void) => {
      stdout.on('resize', onChange);
      return () => {
        stdout.off('resize', onChange);
      };
    },
    [stdout],
  );
}

/** The terminal's size, re-rendering on resize (Ink re-lays out the width itself; the height is ours to use). */
export function useTerminalSize(): TerminalSize {
  const {stdout} = useStdout();
  const subscribe = useResizeSubscription();
  // A string, so React compares by value and renders only when the size really changed.
  const key = useSyncExternalStore(subscribe, () => `${stdout.columns ?? ''}x${stdout.rows ?? ''}`);
  const [columns, rows] = key.split('x').map((part) => (part === '' ? undefined : Number(part)));
  return {columns, rows};
}
