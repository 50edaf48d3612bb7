import {useContext} from 'react';
import {ThemeContext, type Theme} from '../viewModel/theme.js';

/** The colour theme of the console (context: colour support is a property of the whole terminal). */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
