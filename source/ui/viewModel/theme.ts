// Colours by meaning. Colour is always doubled by text (PASS/FAIL, markers, words), so a NO_COLOR theme
// (https://no-color.org) only drops the colours and the screen still says everything.
import {createContext} from 'react';
import type {Mode} from '../../engine/view/snapshot.js';

export type Tone = 'ok' | 'warn' | 'bad' | 'own' | 'bid' | 'ask' | 'accent';

export interface Theme {
  /** false under NO_COLOR: every colour below is undefined */
  colour: boolean;
  tone: Record<Tone, string | undefined>;
  /** background and text of the mode banner */
  mode: Record<Mode, {background: string; text: string} | undefined>;
  /** frames of the busy spinner (start-up screen) */
  spinnerFrames: readonly string[];
}

/** Braille dots: one cell wide, smooth at ~8 frames a second. */
export const BRAILLE_SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;
/** A terminal without colour may be a limited one (serial line, dumb terminal) where braille shows as boxes. */
export const ASCII_SPINNER = ['|', '/', '-', '\\'] as const;

export const colourTheme: Theme = {
  colour: true,
  tone: {ok: 'green', warn: 'yellow', bad: 'red', own: 'cyan', bid: 'green', ask: 'red', accent: 'cyan'},
  mode: {sim: {background: 'blue', text: 'white'}, paper: {background: 'yellow', text: 'black'}, live: {background: 'red', text: 'white'}},
  spinnerFrames: BRAILLE_SPINNER,
};

export const noColourTheme: Theme = {
  colour: false,
  tone: {ok: undefined, warn: undefined, bad: undefined, own: undefined, bid: undefined, ask: undefined, accent: undefined},
  mode: {sim: undefined, paper: undefined, live: undefined},
  spinnerFrames: ASCII_SPINNER,
};

/** NO_COLOR set to any non-empty value disables colour (no-color.org); so does TERM=dumb, which has none. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  const noColour = env['NO_COLOR'];
  return (noColour !== undefined && noColour !== '') || env['TERM'] === 'dumb' ? noColourTheme : colourTheme;
}

export const ThemeContext = createContext<Theme>(colourTheme);
