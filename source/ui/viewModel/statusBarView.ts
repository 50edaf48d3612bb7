// What the top line shows: mode banner, pair, run state (and a frozen-engine warning), next reset, uptime
// and the clock, every time at the resolution it is shown (whole seconds).
import type {EngineSnapshot, Mode} from '../../engine/view/snapshot.js';
import {formatClock, formatCountdown, formatDuration} from './format.js';

/** A snapshot older than this means the engine has stopped publishing: say so loudly. */
export const SNAPSHOT_STALE_MS = 5000;

export const MODE_LABEL: Record<Mode, string> = {sim: 'SIM', paper: 'PAPER', live: 'LIVE'};

export interface StatusBarView {
  mode: Mode;
  symbol: string;
  referenceSymbol: string;
  /** halted (bad), suspended (warn), paused (warn) or running (ok), in words */
  run: {tone: 'ok' | 'warn' | 'bad'; text: string};
  /** how long since the last snapshot, when it is older than SNAPSHOT_STALE_MS */
  noUpdate: string | null;
  /** countdown to the next reset, or '—' */
  reset: string;
  uptime: string;
  clock: string;
}

export function statusBarView(snapshot: EngineSnapshot, now: number): StatusBarView {
  const snapshotAge = now - snapshot.updatedAt;
  return {
    mode: snapshot.mode,
    symbol: snapshot.symbol,
    referenceSymbol: snapshot.referenceSymbol,
    run: runState(snapshot, now),
    noUpdate: snapshotAge > SNAPSHOT_STALE_MS ? formatDuration(snapshotAge / 1000) : null,
    reset: snapshot.nextResetAt === null ? '—' : formatCountdown(snapshot.nextResetAt, now),
    uptime: formatDuration((now - snapshot.startedAt) / 1000),
    clock: formatClock(now),
  };
}

function runState(snapshot: EngineSnapshot, now: number): StatusBarView['run'] {
  if (snapshot.halted !== null) {
    return {tone: 'bad', text: `HALTED ${formatDuration((now - snapshot.halted.since) / 1000)}: ${snapshot.halted.reason}`};
  }
  if (snapshot.suspension !== null) {
    // automatic and self-clearing: a warning, not the alarm of a halt
    const paused = snapshot.paused ? ' · PAUSED' : '';
    return {tone: 'warn', text: `SUSPENDED ${formatDuration((now - snapshot.suspension.since) / 1000)}: ${snapshot.suspension.reason}${paused}`};
  }
  if (snapshot.paused) return {tone: 'warn', text: 'PAUSED'};
  return {tone: 'ok', text: 'RUNNING'};
}
