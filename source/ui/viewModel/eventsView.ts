// What the events panel shows: the most recent events, newest first, exactly its lines (blank-padded); the
// engine's last error joins them when it is not already one of the events.
import type {RecentEvent} from '../../engine/view/snapshot.js';
import {formatClock} from './format.js';
import type {Tone} from './theme.js';

const LEVEL: Record<RecentEvent['level'], {word: string; tone: Tone | null}> = {
  info: {word: 'info', tone: null},
  warn: {word: 'WARN', tone: 'warn'},
  error: {word: 'ERR ', tone: 'bad'},
};

/** Newest first; the engine's last error joins the list when it is not already one of the events. */
export function eventsToShow(events: readonly RecentEvent[], lastError: {at: number; message: string} | null): RecentEvent[] {
  const list = [...events];
  if (lastError !== null && !list.some((event) => event.at === lastError.at && event.text === lastError.message)) {
    list.push({at: lastError.at, level: 'error', text: lastError.message});
  }
  return list.sort((a, b) => b.at - a.at);
}

export interface EventLineView {
  clock: string;
  /** "info", "WARN", "ERR " */
  level: string;
  /** null for info (neither bold nor coloured) */
  tone: Tone | null;
  text: string;
}

export interface EventsView {
  /** the panel's height; 0: not shown */
  lines: number;
  events: EventLineView[];
}

export function eventsView(events: readonly RecentEvent[], lastError: {at: number; message: string} | null, lines: number): EventsView {
  if (lines === 0) return {lines, events: []};
  return {
    lines,
    events: eventsToShow(events, lastError)
      .slice(0, lines)
      .map((event) => ({clock: formatClock(event.at), level: LEVEL[event.level].word, tone: LEVEL[event.level].tone, text: event.text})),
  };
}
