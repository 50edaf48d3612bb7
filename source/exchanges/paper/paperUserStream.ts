// The paper venue's stand-in for MEXC's private stream: the matcher's order.update / fill / balance events
// go to the engine through here. There is no connection and no listen key, so both streams are reported
// live while started (labelled as paper in the reason).
import type {Balance, EngineEvent, StreamName} from '../../engine/events.js';
import type {EventSink, StreamPort} from '../../engine/ports.js';
import {silentLogger, type Logger} from '../shared/logger.js';
import {StreamSupervisor} from '../shared/streamSupervisor.js';

export interface PaperUserStreamOptions {
  balances: () => Record<string, Balance>;
  now?: () => number;
  log?: Logger;
}

const PAPER_REASON = 'paper: local matcher, nothing sent to MEXC';

export class PaperUserStream implements StreamPort {
  private readonly now: () => number;
  private readonly supervisor: StreamSupervisor;
  private dropped = 0;

  constructor(private readonly opts: PaperUserStreamOptions) {
    this.now = opts.now ?? Date.now;
    // nothing is reconnected or read off a wire here: the supervisor carries the sink and the health
    this.supervisor = new StreamSupervisor({label: 'paper user stream', stream: null, log: opts.log ?? silentLogger, now: this.now});
  }

  async start(sink: EventSink): Promise<void> {
    if (!this.supervisor.start(sink)) return;
    const at = this.now();
    for (const stream of ['mexc.listenKey', 'mexc.user'] as StreamName[]) this.supervisor.setState(stream, 'live', PAPER_REASON, at);
    this.supervisor.emit({type: 'balance', balances: this.opts.balances(), complete: true, at});
  }

  /** Nothing to reconnect: repeat the full balance so the engine's picture is complete again. */
  resync(_reason: string): void {
    if (this.supervisor.running) this.supervisor.emit({type: 'balance', balances: this.opts.balances(), complete: true, at: this.now()});
  }

  async stop(): Promise<void> {
    if (!this.supervisor.stop()) return;
    const at = this.now();
    for (const stream of ['mexc.user', 'mexc.listenKey'] as StreamName[]) this.supervisor.setState(stream, 'down', 'stopped', at);
    this.supervisor.detach();
  }

  /** Events from the matcher. Before start they are dropped: the engine reconciles over the port on start. */
  readonly push = (event: EngineEvent): void => {
    if (!this.supervisor.running) {
      this.dropped += 1;
      return;
    }
    this.supervisor.emit(event);
  };

  droppedEvents(): number {
    return this.dropped;
  }
}
