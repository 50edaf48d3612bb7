import React, {memo} from 'react';
import {Text} from 'ink';
import {MODE_LABEL, type StatusBarView} from '../viewModel/statusBarView.js';
import {useTheme} from '../hooks/use-theme.js';

export {MODE_LABEL, SNAPSHOT_STALE_MS} from '../viewModel/statusBarView.js';

/** Top line: mode banner, pair, run state (and a frozen-engine warning), next reset, uptime, clock. */
export const StatusBar = memo(function StatusBar({view}: {view: StatusBarView}): React.JSX.Element {
  const theme = useTheme();
  const modeColour = theme.mode[view.mode];
  return (
    <Text wrap="truncate-end">
      <Text bold inverse={modeColour === undefined} backgroundColor={modeColour?.background} color={modeColour?.text}>
        {` ${MODE_LABEL[view.mode]} `}
      </Text>
      <Text bold>{` ${view.symbol}`}</Text>
      <Text dimColor>{` ref ${view.referenceSymbol}  `}</Text>
      <Text bold color={theme.tone[view.run.tone]}>
        {view.run.text}
      </Text>
      {view.noUpdate === null ? null : <Text bold color={theme.tone.bad}>{`  NO UPDATE ${view.noUpdate}`}</Text>}
      <Text>{`  reset ${view.reset}`}</Text>
      <Text dimColor>{`  up ${view.uptime}  ${view.clock} UTC`}</Text>
    </Text>
  );
});
