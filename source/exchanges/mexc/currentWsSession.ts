// A stream's one MEXC WebSocket session at a time. Callbacks of a session that was replaced or dropped are
// not passed on, so a late frame or end of an old connection cannot touch the stream's state.
import {WsSession, defaultWsTiming, type WsSessionHandlers, type WsSessionTiming} from './wsSession.js';

export class CurrentWsSession {
  private session: WsSession | null = null;
  private readonly timing: WsSessionTiming;

  /** `timing`: overrides of the documented defaults (defaultWsTiming) */
  constructor(
    timing: Partial<WsSessionTiming> | undefined,
    private readonly now: () => number,
  ) {
    this.timing = {...defaultWsTiming, ...timing};
  }

  /** a session is open (or opening) and has not ended */
  get active(): boolean {
    return this.session !== null;
  }

  isSubscribed(): boolean {
    return this.session?.isSubscribed() ?? false;
  }

  /** when the current session last received a frame of any kind; null without one */
  lastFrameTime(): number | null {
    return this.session?.lastFrameTime() ?? null;
  }

  /** Opens a new session; `handlers.onEnd` runs once it ended, after it stopped being the current one. */
  open(url: string, topics: readonly string[], handlers: WsSessionHandlers): void {
    const current = (): boolean => this.session === session;
    const session: WsSession = new WsSession(
      url,
      topics,
      {
        onOpen: () => current() && handlers.onOpen?.(),
        onSubscribed: () => current() && handlers.onSubscribed(),
        onPush: (wrapper) => current() && handlers.onPush(wrapper),
        onText: (text) => current() && handlers.onText?.(text),
        onMalformed: (reason) => current() && handlers.onMalformed(reason),
        onEnd: (end) => {
          if (!current()) return;
          this.session = null;
          handlers.onEnd(end);
        },
      },
      this.timing,
      this.now,
    );
    this.session = session;
    session.open();
  }

  /** Ends the current session; its onEnd runs (the owner reconnects). */
  close(reason: string): void {
    this.session?.close(reason);
  }

  /** Forgets the current session, then closes it: its onEnd does not run (the owner is stopping). */
  drop(reason: string): void {
    const session = this.session;
    this.session = null;
    session?.close(reason);
  }
}
