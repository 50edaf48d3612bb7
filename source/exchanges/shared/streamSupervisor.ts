// The lifecycle every venue stream shares, written once: started/stopped and the engine's sink, health
// per stream name (a 'connection' event only when state or reason changed), the reconnect timer with
// jittered backoff, the watchdog interval, malformed frames (counted, a rate-limited warning, and a
// 'stream.malformed' event), and a sink that throws (caught and logged: nothing throws into the engine).
// The streams keep their protocol logic and call in here; stop() clears every timer it holds.
import type {EngineEvent, StreamName, StreamState} from '../../engine/events.js';
import type {EventSink} from '../../engine/ports.js';
import type {Logger} from './logger.js';
import {RateLimitedLog} from './rateLimitedLog.js';
import {ReconnectBackoff} from './reconnectBackoff.js';
import type {SessionEnd} from './sessionEnd.js';

export interface StreamSupervisorOptions {
  /** prefix of every log line, e.g. 'mexc.book' */
  label: string;
  /** the stream its frames belong to, named in 'stream.malformed'; null for a feed the engine does not track */
  stream: StreamName | null;
  log: Logger;
  now: () => number;
  /** reconnect backoff (defaults 500 ms .. 30 s) */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** jitter source of the backoff (tests) */
  random?: () => number;
  /** also log every health change (`label state: reason`, warn for down and stale) */
  logStates?: boolean;
}

export interface ReportedHealth {
  state: StreamState;
  reason: string | null;
}

export class StreamSupervisor {
  readonly backoff: ReconnectBackoff;
  private readonly malformedLog: RateLimitedLog;
  private readonly healthByStream = new Map<StreamName, ReportedHealth>();
  private sink: EventSink | null = null;
  private running_ = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private malformed_ = 0;
  private sinkErrors_ = 0;

  constructor(private readonly opts: StreamSupervisorOptions) {
    this.backoff = new ReconnectBackoff(opts.reconnectBaseMs ?? 500, opts.reconnectMaxMs ?? 30_000, opts.random);
    this.malformedLog = new RateLimitedLog(opts.log);
  }

  get running(): boolean {
    return this.running_;
  }

  get malformedFrames(): number {
    return this.malformed_;
  }

  /** exceptions thrown by the sink (the engine), caught here */
  get sinkErrors(): number {
    return this.sinkErrors_;
  }

  /**
   * Takes the sink (null for a feed that feeds no engine) and marks the stream running; false (and
   * nothing changes) when it already is.
   */
  start(sink: EventSink | null): boolean {
    if (this.running_) return false;
    this.sink = sink;
    this.running_ = true;
    return true;
  }

  /**
   * Marks the stream stopped and clears the reconnect timer and the watchdog; false when it was not
   * running. The sink stays, so the stream's final 'down' events still reach the engine (see detach).
   */
  stop(): boolean {
    if (!this.running_) return false;
    this.running_ = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.reconnectTimer = this.watchdog = null;
    return true;
  }

  /** From now on no event reaches the engine. */
  detach(): void {
    this.sink = null;
  }

  /** Runs `tick` while started, at a quarter of `staleAfterMs` (between `minTickMs` and 1 s). */
  watch(staleAfterMs: number, tick: () => void, minTickMs = 20): void {
    if (this.watchdog) clearInterval(this.watchdog);
    const tickMs = Math.max(minTickMs, Math.min(1000, Math.floor(staleAfterMs / 4)));
    this.watchdog = setInterval(tick, tickMs);
  }

  /** Calls `connect` after `delayMs` unless stopped first; replaces a reconnect already pending. */
  reconnectIn(delayMs: number, connect: () => void): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.running_) connect();
    }, delayMs);
  }

  /** After a session ended: at once when it reached its lifetime (a planned close), else after backoff. */
  reconnectAfter(end: SessionEnd, connect: () => void, note = ''): void {
    const planned = end.kind === 'lifetime';
    const delay = planned ? 0 : this.backoff.next();
    this.opts.log(planned ? 'info' : 'warn', `${this.opts.label}: ${end.reason}; reconnecting in ${delay} ms${note}`);
    this.reconnectIn(delay, connect);
  }

  health(stream: StreamName): ReportedHealth | null {
    return this.healthByStream.get(stream) ?? null;
  }

  /** Reports the health of `stream`; repeats of the current state and reason are not re-sent. */
  setState(stream: StreamName, state: StreamState, reason: string | null, at = this.opts.now()): void {
    const previous = this.healthByStream.get(stream);
    if (previous && previous.state === state && previous.reason === reason) return;
    this.healthByStream.set(stream, {state, reason});
    if (this.opts.logStates) this.opts.log(state === 'down' || state === 'stale' ? 'warn' : 'info', `${this.opts.label} ${state}${reason ? `: ${reason}` : ''}`);
    this.emit({type: 'connection', stream, state, reason, at});
  }

  /** A frame that could not be read: counted, warned about (the first few, then a sample) and reported. */
  malformed(reason: string): void {
    this.malformed_ += 1;
    this.malformedLog.warn(`${this.opts.label}: malformed frame (${this.malformed_} so far): ${reason}`);
    if (this.opts.stream !== null) this.emit({type: 'stream.malformed', stream: this.opts.stream, reason, at: this.opts.now()});
  }

  emit(event: EngineEvent): void {
    if (!this.sink) return;
    try {
      this.sink(event);
    } catch (error) {
      this.sinkErrors_ += 1;
      this.opts.log('error', `${this.opts.label}: event sink threw on ${event.type}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
