// Texts of the start-up screen (components/StartupScreen.tsx), pure so their edge cases are testable alone.
import {formatDuration} from './format.js';

/** "next try in 4s" until the retry is due, then "trying again". */
export function nextTry(nextAt: number, now: number): string {
  const left = Math.ceil((nextAt - now) / 1000);
  return left > 0 ? `next try in ${formatDuration(left)}` : 'trying again';
}

/** Error texts may span lines (stack-like messages, JSON bodies): the screen shows them on one. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// East Asian wide and fullwidth blocks (CJK, Hangul, fullwidth forms) and the emoji planes: two columns each.
// MEXC's error messages are sometimes Chinese.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

/** Columns a one-line text takes, close enough to size a box: Ink, which measures exactly, cuts what is over. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}
