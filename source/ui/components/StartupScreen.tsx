// The console while the bot starts: one row per start-up step (source/runtime/startupProgress.ts), so an
// operator sees what it waits for and why it retries instead of a blank screen. Every row is one line,
// truncated to the terminal's width; the countdown of a retry stays visible however long its reason.
import React from 'react';
import {Box, Text} from 'ink';
import type {Mode} from '../../engine/view/snapshot.js';
import type {StartupStep, StartupStepState, StartupView} from '../../engine/view/startupView.js';
import {formatDuration} from '../viewModel/format.js';
import {displayWidth, nextTry, oneLine} from '../viewModel/startupText.js';
import {planLayout} from '../viewModel/layout.js';
import {MODE_LABEL} from './StatusBar.js';
import {Spinner} from './Spinner.js';
import {useClock} from '../hooks/use-clock.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {useTheme} from '../hooks/use-theme.js';

/** Clock for the retry countdowns and elapsed times: a second's countdown never lags by a visible amount. */
const STARTUP_CLOCK_MS = 250;
const MARK_WIDTH = 2;
/** Below this many columns a retry's reason is left out, for its attempt and countdown. */
const MIN_REASON_WIDTH = 8;

export interface StartupScreenProps {
  view: StartupView;
  /** quit has been sent */
  stopping: boolean;
  mode?: Mode | undefined;
  symbol?: string | undefined;
  /** clock for countdowns and elapsed times (tests pin it) */
  now?: () => number;
}

export function StartupScreen({view, stopping, mode, symbol, now = Date.now}: StartupScreenProps): React.JSX.Element {
  const time = useClock(now, STARTUP_CLOCK_MS);
  const size = useTerminalSize();
  const {columns} = planLayout(size.columns, size.rows);
  const labelWidth = Math.min(Math.max(...view.steps.map((step) => step.label.length)) + 1, columns - MARK_WIDTH);
  const detailWidth = Math.max(0, columns - MARK_WIDTH - labelWidth);
  const failedStep = view.steps.some((step) => step.state.kind === 'failed');
  return (
    <Box flexDirection="column" width={columns}>
      <StartupTitle view={view} mode={mode} symbol={symbol} now={time} />
      <Box flexDirection="column" marginY={1}>
        {view.steps.map((step) => (
          <StepRow key={step.id} step={step} labelWidth={labelWidth} detailWidth={detailWidth} now={time} />
        ))}
        {view.phase === 'failed' && !failedStep && view.failure !== null ? <FailureRow reason={view.failure} width={columns - MARK_WIDTH} /> : null}
      </Box>
      <StartupKeyLine stopping={stopping} />
    </Box>
  );
}

/** "mexc-mm  SIM  RMVUSDT  starting 12s", or that start-up failed. */
function StartupTitle(props: {view: StartupView; mode: Mode | undefined; symbol: string | undefined; now: number}): React.JSX.Element {
  const {view, mode, symbol, now} = props;
  const theme = useTheme();
  const modeColour = mode === undefined ? undefined : theme.mode[mode];
  return (
    <Text wrap="truncate-end">
      <Text bold>mexc-mm</Text>
      {mode === undefined ? null : (
        <Text>
          {' '}
          <Text bold inverse={modeColour === undefined} backgroundColor={modeColour?.background} color={modeColour?.text}>
            {` ${MODE_LABEL[mode]} `}
          </Text>
        </Text>
      )}
      {symbol === undefined ? null : <Text bold>{`${mode === undefined ? '  ' : ' '}${symbol}`}</Text>}
      {view.phase === 'failed' ? (
        <Text bold color={theme.tone.bad}>  start-up FAILED</Text>
      ) : (
        <Text dimColor>{`  starting ${formatDuration((now - view.startedAt) / 1000)}`}</Text>
      )}
    </Text>
  );
}

/** Mark, label, detail in fixed columns: widths are set, not left to flex, so every row stays one line. */
function StepRow(props: {step: StartupStep; labelWidth: number; detailWidth: number; now: number}): React.JSX.Element {
  const {step, labelWidth, detailWidth, now} = props;
  return (
    <Box>
      <Box width={MARK_WIDTH} flexShrink={0}>
        <StepMark state={step.state} />
      </Box>
      <Box width={labelWidth} flexShrink={0}>
        <Text dimColor={step.state.kind === 'pending'} wrap="truncate-end">
          {step.label}
        </Text>
      </Box>
      <StepDetail state={step.state} width={detailWidth} now={now} />
    </Box>
  );
}

/** Spinner while a step works; a mark once it has ended. */
function StepMark({state}: {state: StartupStepState}): React.JSX.Element {
  const theme = useTheme();
  switch (state.kind) {
    case 'pending':
      return <Text dimColor>·</Text>;
    case 'running':
      return <Spinner color={theme.tone.accent} />;
    case 'retrying':
      return <Spinner color={theme.tone.warn} />;
    case 'done':
      return <Text color={theme.tone.ok}>✓</Text>;
    case 'skipped':
      return <Text dimColor>–</Text>;
    case 'failed':
      return <Text bold color={theme.tone.bad}>✗</Text>;
  }
}

function StepDetail({state, width, now}: {state: StartupStepState; width: number; now: number}): React.JSX.Element | null {
  const theme = useTheme();
  switch (state.kind) {
    case 'pending':
      return <OneLine text="waiting" width={width} dim />;
    case 'running':
      return now - state.since >= 1000 ? <OneLine text={formatDuration((now - state.since) / 1000)} width={width} dim /> : null;
    case 'retrying':
      return <RetryDetail reason={state.reason} attempt={state.attempt} nextAt={state.nextAt} width={width} now={now} />;
    case 'done':
      return <OneLine text={state.result} width={width} />;
    case 'skipped':
      return <OneLine text={state.why} width={width} dim />;
    case 'failed':
      return <OneLine text={state.reason} width={width} colour={theme.tone.bad} />;
  }
}

/**
 * "<reason> · attempt 3, next try in 4s": the reason gets what the attempt and countdown leave, so a long
 * one is cut (by Ink, which measures wide characters) and the countdown stays on screen.
 */
function RetryDetail(props: {reason: string; attempt: number; nextAt: number; width: number; now: number}): React.JSX.Element {
  const {reason, attempt, nextAt, width, now} = props;
  const theme = useTheme();
  const tail = ` · attempt ${attempt}, ${nextTry(nextAt, now)}`; // one column per character, '·' too: its length is its width
  const reasonWidth = width - tail.length;
  // too narrow for a useful part of the reason: the countdown first, it is what changes
  if (reasonWidth < MIN_REASON_WIDTH) return <OneLine text={`${nextTry(nextAt, now)}, attempt ${attempt}`} width={width} dim />;
  // as wide as the reason, up to what is left: a short reason keeps the tail next to it
  return (
    <>
      <OneLine text={reason} width={Math.min(reasonWidth, displayWidth(oneLine(reason)))} colour={theme.tone.warn} />
      <Text dimColor>{tail}</Text>
    </>
  );
}

/** A text in a box `width` columns wide, cut at its end, never wrapped. */
function OneLine(props: {text: string; width: number; colour?: string | undefined; dim?: boolean}): React.JSX.Element {
  // an explicit width: with Ink 6.8 a text's measured width overrode a maxWidth (the row wrapped)
  return (
    <Box width={props.width} flexShrink={0}>
      <Text color={props.colour} dimColor={props.dim ?? false} wrap="truncate-end">
        {oneLine(props.text)}
      </Text>
    </Box>
  );
}

/** Start-up failed between steps: the reason on a row of its own. */
function FailureRow({reason, width}: {reason: string; width: number}): React.JSX.Element {
  const theme = useTheme();
  return (
    <Box>
      <Box width={MARK_WIDTH} flexShrink={0}>
        <Text bold color={theme.tone.bad}>✗</Text>
      </Box>
      <OneLine text={reason} width={width} colour={theme.tone.bad} />
    </Box>
  );
}

function StartupKeyLine({stopping}: {stopping: boolean}): React.JSX.Element {
  const theme = useTheme();
  if (stopping) {
    return (
      <Text bold color={theme.tone.warn} wrap="truncate-end">
        stopping…
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      <Text bold color={theme.tone.accent}>q</Text>
      <Text> quits</Text>
    </Text>
  );
}
