// Test harness for the console: ink-testing-library render, a terminal size of our choosing, ANSI
// stripping, and waiting for a frame with a deadline (no fixed sleeps).
import type {ReactElement} from 'react';
import {render} from 'ink-testing-library';

export type Rendered = ReturnType<typeof render>;

// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks), the only escapes Ink writes.
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

export const plain = (frame: string | undefined): string => (frame ?? '').replace(ANSI, '');

/** Give the test stdout a size (ink-testing-library reports 100 columns and no rows) and announce it. */
export function resize(rendered: Rendered, columns: number, rows: number): void {
  Object.defineProperty(rendered.stdout, 'columns', {value: columns, configurable: true});
  Object.defineProperty(rendered.stdout, 'rows', {value: rows, configurable: true});
  rendered.stdout.emit('resize');
}

/** Render `tree` at a terminal size; the re-render makes the returned frame already laid out for it. */
export function renderAt(tree: ReactElement, columns: number, rows: number): Rendered {
  const rendered = render(tree);
  resize(rendered, columns, rows);
  rendered.rerender(tree);
  return rendered;
}

/** Resolve with the plain last frame once `predicate` holds; fail after `timeoutMs`. */
export async function waitForFrame(rendered: Rendered, predicate: (frame: string) => boolean, timeoutMs = 2000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = plain(rendered.lastFrame());
    if (predicate(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`frame condition not met within ${timeoutMs} ms; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Wait until `predicate` holds (polling), with a deadline. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const lines = (frame: string): string[] => frame.split('\n');
export const widest = (frame: string): number => Math.max(...lines(frame).map((line) => line.length));

/** Keys written before Ink listens to stdin are lost: wait until useInput has attached. */
export async function inputReady(rendered: Rendered): Promise<void> {
  await waitFor(() => rendered.stdin.listenerCount('readable') > 0, 'the console to listen for keys');
}
