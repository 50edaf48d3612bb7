// Operator-facing notices: the recent-events buffer in the snapshot, the error counter and last error,
// and the notice output (journal, headless log). Written by the queue consumer only.
import type {EngineState} from '../engineState.js';
import type {RecentEvent} from './snapshot.js';

const RECENT_EVENTS = 50;

export class Notices {
  constructor(
    private readonly state: EngineState,
    private readonly output: (event: RecentEvent) => void,
    private readonly clock: () => number,
  ) {}

  info(text: string): void {
    this.notice('info', text);
  }

  warn(text: string): void {
    this.notice('warn', text);
  }

  /** Counts an error and remembers it as the last one, then notices it. */
  error(text: string): void {
    this.state.counters.errors++;
    this.state.lastError = {at: this.state.now, message: text};
    this.notice('error', text);
  }

  notice(level: RecentEvent['level'], text: string): void {
    const event = this.remember(level, text, this.state.now || this.clock());
    this.output(event);
  }

  /** A notice that already went to the journal elsewhere (a client's log line): shown, not output again. */
  remember(level: RecentEvent['level'], text: string, at: number): RecentEvent {
    const event: RecentEvent = {at, level, text};
    const recent = this.state.recentEvents;
    recent.push(event);
    if (recent.length > RECENT_EVENTS) recent.splice(0, recent.length - RECENT_EVENTS);
    return event;
  }
}
