// What the compliance gauges show, in four lines: the current sample (PASS/FAIL and why), the 1 h and 24 h
// pass rates per criterion, and the streak / longest gap / last failure.
import type {ComplianceGauges, PassRates} from '../../engine/view/snapshot.js';
import {formatClock, formatDuration, formatFraction, formatRate, formatUsdt} from './format.js';
import type {Tone} from './theme.js';

/** Grades for a pass rate over a window. MEXC publishes no threshold; these only steer the eye. */
export const RATE_OK = 99;
export const RATE_LOW = 95;

export function rateGrade(rate: number | null): {word: string; tone: Tone | null} {
  if (rate === null) return {word: 'n/a', tone: null};
  if (rate >= RATE_OK) return {word: 'OK', tone: 'ok'};
  if (rate >= RATE_LOW) return {word: 'LOW', tone: 'warn'};
  return {word: 'BAD', tone: 'bad'};
}

/** One side's depth: its figure and whether it reaches the target. */
export interface DepthFigure {
  text: string;
  atTarget: boolean;
}

export type NowLineView =
  | {sample: false}
  | {
      sample: true;
      pass: boolean;
      spread: string;
      bid: DepthFigure;
      ask: DepthFigure;
      combined: string;
      passCombined: boolean;
      /** why the sample failed; null when it passed (then the target shows) */
      reason: string | null;
      target: string;
    };

export interface WindowLineView {
  label: string;
  /** rate and grade word, padded: "  99.6% OK " */
  rate: string;
  tone: Tone | null;
  criteria: string;
  samples: string;
}

export interface StreakLineView {
  passing: boolean;
  streak: string;
  longestGap: string;
  lastFailure: {clock: string; reason: string} | null;
}

export interface ComplianceView {
  now: NowLineView;
  lastHour: WindowLineView;
  lastDay: WindowLineView;
  streak: StreakLineView;
}

export function complianceView(compliance: ComplianceGauges, depthTarget: number): ComplianceView {
  return {
    now: nowLine(compliance, depthTarget),
    lastHour: windowLine('1h', compliance.lastHour),
    lastDay: windowLine('24h', compliance.lastDay),
    streak: streakLine(compliance),
  };
}

function nowLine(compliance: ComplianceGauges, depthTarget: number): NowLineView {
  const sample = compliance.now;
  if (sample === null) return {sample: false};
  const depth = (value: number): DepthFigure => ({text: formatUsdt(value), atTarget: value >= depthTarget});
  return {
    sample: true,
    pass: sample.pass,
    spread: formatFraction(sample.spread),
    bid: depth(sample.bidDepth),
    ask: depth(sample.askDepth),
    combined: formatUsdt(sample.combinedDepth),
    passCombined: sample.passCombined,
    reason: sample.reason,
    target: formatUsdt(depthTarget),
  };
}

function windowLine(label: string, rates: PassRates): WindowLineView {
  const perSide = rates.samples === 0 ? null : rates.perSide;
  const grade = rateGrade(perSide);
  const part = (name: string, value: number | null): string => `  ${name} ${formatRate(value).replace('%', '')}`;
  return {
    label: label.padEnd(5),
    rate: `${formatRate(perSide).padStart(6)} ${grade.word.padEnd(3)}`,
    tone: grade.tone,
    criteria: part('bid', rates.bid) + part('ask', rates.ask) + part('spr', rates.spread) + part('comb', rates.combined),
    samples: `${rates.samples.toLocaleString('en-US')} samples`,
  };
}

function streakLine(compliance: ComplianceGauges): StreakLineView {
  const {streakSec, longestGapSec, lastFailure} = compliance;
  const passing = streakSec >= 0;
  return {
    passing,
    streak: `${passing ? 'PASS' : 'FAIL'} ${formatDuration(streakSec)}`,
    longestGap: longestGapSec > 0 ? formatDuration(longestGapSec) : 'none',
    lastFailure: lastFailure === null ? null : {clock: formatClock(lastFailure.at), reason: lastFailure.reason},
  };
}
