import React, {useEffect, useState} from 'react';
import {Text} from 'ink';
import {useTheme} from '../hooks/use-theme.js';

/** Time per spinner frame: lively, and within the console's 10 frames a second (renderConsole.tsx). */
export const SPINNER_FRAME_MS = 120;

/** The frame for a wall-clock time: every spinner on screen turns in step with the others. */
export function spinnerFrame(frames: readonly string[], atMs: number): string {
  return frames[Math.floor(atMs / SPINNER_FRAME_MS) % frames.length] ?? '';
}

/** A one-cell busy indicator with its own timer (the animation is not a displayed time: wall clock). */
export function Spinner(props: {color?: string | undefined}): React.JSX.Element {
  const {spinnerFrames} = useTheme();
  const [at, setAt] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setAt(Date.now()), SPINNER_FRAME_MS);
    return () => clearInterval(timer);
  }, []);
  return <Text color={props.color}>{spinnerFrame(spinnerFrames, at)}</Text>;
}
