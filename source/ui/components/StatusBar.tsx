import React from 'react';
import {Text} from 'ink';
import type {EngineSnapshot, Mode} from '../../engine/view/snapshot.js';
import {formatCountdown, formatDuration, formatClock} from '../viewModel/format.js';
import {useTheme} from '../hooks/use-theme.js';

/** A snapshot older than this means the engine has stopped publishing: say so loudly. */
export const SNAPSHOT_STALE_MS = 5000;

export const MODE_LABEL: Record<Mode, string> = {sim: 'SIM', paper: 'PAPER', live: 'LIVE'};

/** Top line: mode banner, pair, run state (and a frozen-engine warning), next reset, uptime, clock. */
export function StatusBar(props: {snapshot: EngineSnapshot; now: number}): React.JSX.Element {
  const {snapshot, now} = props;
  const theme = useTheme();
  const modeColour = theme.mode[snapshot.mode];
  const snapshotAge = now - snapshot.updatedAt;
  return (
    <Text wrap="truncate-end">
      <Text bold inverse={modeColour === undefined} backgroundColor={modeColour?.background} color={modeColour?.text}>
        {` ${MODE_LABEL[snapshot.mode]} `}
      </Text>
      <Text bold>{` ${snapshot.symbol}`}</Text>
      <Text dimColor>{` ref ${snapshot.referenceSymbol}  `}</Text>
      <RunState snapshot={snapshot} now={now} />
      {snapshotAge > SNAPSHOT_STALE_MS ? (
        <Text bold color={theme.tone.bad}>{`  NO UPDATE ${formatDuration(snapshotAge / 1000)}`}</Text>
      ) : null}
      <Text>{`  reset ${snapshot.nextResetAt === null ? '—' : formatCountdown(snapshot.nextResetAt, now)}`}</Text>
      <Text dimColor>{`  up ${formatDuration((now - snapshot.startedAt) / 1000)}  ${formatClock(now)} UTC`}</Text>
    </Text>
  );
}

function RunState(props: {snapshot: EngineSnapshot; now: number}): React.JSX.Element {
  const {snapshot, now} = props;
  const theme = useTheme();
  if (snapshot.halted !== null) {
    return (
      <Text bold color={theme.tone.bad}>
        {`HALTED ${formatDuration((now - snapshot.halted.since) / 1000)}: ${snapshot.halted.reason}`}
      </Text>
    );
  }
  if (snapshot.suspension !== null) {
    // automatic and self-clearing: a warning, not the alarm of a halt
    return (
      <Text bold color={theme.tone.warn}>
        {`SUSPENDED ${formatDuration((now - snapshot.suspension.since) / 1000)}: ${snapshot.suspension.reason}${snapshot.paused ? ' · PAUSED' : ''}`}
      </Text>
    );
  }
  if (snapshot.paused) return <Text bold color={theme.tone.warn}>PAUSED</Text>;
  return <Text bold color={theme.tone.ok}>RUNNING</Text>;
}
