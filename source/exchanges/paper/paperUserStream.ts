// The paper venue's stand-in for MEXC's private stream: the matcher's order.update / fill / balance events
// go to the engine through here. There is no connection and no listen key, so both streams are reported
// live while started (labelled as paper in the reason).
import type {Balance, EngineEvent, StreamName} from '../../engine/events.js';
import type {EventSink, StreamPort} from '../../engine/ports.js';
import {silentLogger, type Logger} from '../shared/logger.js';

export interface PaperUserStreamOptions {
  balances: () => Record<string, Balance>;
  now?: () => number;
  log?: Logger;
}

const PAPER_REASON = 'paper: local matcher, nothing sent to MEXC';

export class PaperUserStream implements StreamPort {
  private readonly now: () => number;
  private readonly log: Logger;
  private sink: EventSink | null = null;
  private dropped = 0;

  constructor(private readonly opts: PaperUserStreamOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? silentLogger;
  }

  async start(sink: EventSink): Promise<void> {
    this.sink = sink;
    const at = this.now();
    for (const stream of ['mexc.listenKey', 'mexc.user'] as StreamName[]) this.emit({type: 'connection', stream, state: 'live', reason: PAPER_REASON, at});
    this.emit({type: 'balance', balances: this.opts.balances(), complete: true, at});
  }

  /** Nothing to reconnect: repeat the full balance so the engine's picture is complete again. */
  resync(_reason: string): void {
    if (this.sink) this.emit({type: 'balance', balances: this.opts.balances(), complete: true, at: this.now()});
  }

  async stop(): Promise<void> {
    if (!this.sink) return;
    const at = this.now();
    for (const stream of ['mexc.user', 'mexc.listenKey'] as StreamName[]) this.emit({type: 'connection', stream, state: 'down', reason: 'stopped', at});
    this.sink = null;
  }

  /** Events from the matcher. Before start they are dropped: the engine reconciles over the port on start. */
  readonly push = (event: EngineEvent): void => {
    if (!this.sink) {
      this.dropped += 1;
      return;
    }
    this.emit(event);
  };

  droppedEvents(): number {
    return this.dropped;
  }

  private emit(event: EngineEvent): void {
    try {
      this.sink?.(event);
    } catch (error) {
      this.log('error', `paper user stream: event sink threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
