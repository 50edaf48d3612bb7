import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {OWN_MARKER} from './BookPanel.js';
import {RATE_LOW, RATE_OK} from './ComplianceGauge.js';

const KEYS: ReadonlyArray<readonly [string, string]> = [
  ['p', 'pause / resume quoting (orders stay; nothing new is placed)'],
  ['c', 'cancel all our orders (asks y/n)'],
  ['r', 'reset now: rebuild all orders without a compliance gap'],
  ['k', 'kill switch: cancel all and HALT, kept across restarts (y/n);'],
  ['', 'when halted, k resumes from the halt (y/n)'],
  ['q', 'quit: cancel our orders, flush state, exit (also Ctrl-C)'],
  ['?', 'this help'],
];

/** Keys and how to read the screen; any key closes it. Fits 80×24. */
export const HelpOverlay = memo(function HelpOverlay(): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <Text bold>mexc-mm keys</Text>
      {KEYS.map(([letter, text], index) => (
        <Text key={index} wrap="truncate-end">
          <Text bold>{`  ${letter.padEnd(3)}`}</Text>
          <Text>{text}</Text>
        </Text>
      ))}
      <Text> </Text>
      <Text bold>reading the screen</Text>
      <Text wrap="truncate-end">{`  ${OWN_MARKER}    book level holding our orders (also highlighted); a = ask, b = bid`}</Text>
      <Text wrap="truncate-end">{'  now  PASS: spread < max and each side ≥ the minimum depth in the band'}</Text>
      <Text wrap="truncate-end">{'       comb: the combined-depth reading (both sides together)'}</Text>
      <Text wrap="truncate-end">{`  1h/24h  % of passing samples: OK ≥ ${RATE_OK}%, LOW ≥ ${RATE_LOW}%, else BAD`}</Text>
      <Text wrap="truncate-end">{'  BID/ASK  QUOTING or HELD, our USDT in the band / target, and why'}</Text>
      <Text wrap="truncate-end">{'  P&L  today vs holding the starting inventory; negative = cost of compliance'}</Text>
      <Text wrap="truncate-end">{'  markouts  USDT a fill was worth 1s/10s/60s later; negative = picked off'}</Text>
      <Text wrap="truncate-end">{'  history  pass █ ≥ 99%, depth ▅ = target, base ratio; blank = no samples'}</Text>
      <Text wrap="truncate-end">{'  streams  lower case = healthy, CAPITALS = trouble; times are UTC'}</Text>
      <Text> </Text>
      <Text dimColor>press any key to close</Text>
    </Box>
  );
});
