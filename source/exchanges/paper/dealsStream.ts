// Real public trades of the MEXC symbol (aggregated deals, protobuf) for the paper matcher, over the MEXC
// client's own WsSession, reconnected with jittered backoff. Trades missed while disconnected are not
// replayed: the matcher then only under-fills (and still fills from the book moving through our prices).
import type {SymbolRules} from '../../engine/symbolRules.js';
import {silentLogger, type Logger} from '../shared/logger.js';
import type {SessionEnd} from '../shared/sessionEnd.js';
import {StreamSupervisor} from '../shared/streamSupervisor.js';
import {CurrentWsSession} from '../mexc/currentWsSession.js';
import type {WsSessionTiming} from '../mexc/wsSession.js';
import type {PushWrapper} from '../mexc/wsFrames.js';
import {dealsFromWrapper, dealsTopic, type PublicDeal} from './publicDeals.js';

export interface DealsStreamOptions {
  wsUrl: string;
  rules: Pick<SymbolRules, 'symbol' | 'priceDecimals' | 'qtyDecimals'>;
  onDeals: (deals: PublicDeal[]) => void;
  log?: Logger;
  now?: () => number;
  interval?: '100ms' | '10ms';
  timing?: Partial<WsSessionTiming>;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
}

export type DealsStreamState = 'connecting' | 'live' | 'down' | 'stopped';

export interface DealsStreamStats {
  pushes: number;
  deals: number;
  malformedFrames: number;
  connects: number;
}

export class DealsStream {
  private readonly log: Logger;
  private readonly topic: string;
  private readonly supervisor: StreamSupervisor;
  private readonly session: CurrentWsSession;
  private state_: DealsStreamState = 'stopped';
  private readonly stats_: Omit<DealsStreamStats, 'malformedFrames'> = {pushes: 0, deals: 0, connects: 0};

  constructor(private readonly opts: DealsStreamOptions) {
    this.log = opts.log ?? silentLogger;
    this.topic = dealsTopic(opts.rules.symbol, opts.interval);
    // a quiet market may send no trade for minutes: only PONGs prove the connection is alive
    this.session = new CurrentWsSession(opts.timing, opts.now ?? Date.now);
    // no engine stream name for public trades: malformed frames are counted and logged, not reported
    this.supervisor = new StreamSupervisor({
      label: 'paper: MEXC public trades',
      stream: null,
     
      log: this.log,
      now: opts.now ?? Date.now,
      reconnectBaseMs: opts.reconnectBaseMs,
      reconnectMaxMs: opts.reconnectMaxMs,
    });
  }

  /** Connects; the trades go to `onDeals`, not to an engine sink. */
  start(): void {
    if (!this.supervisor.start(null)) return;
    this.connect();
  }

  stop(): void {
    if (!this.supervisor.stop()) return;
    this.session.drop('stopped');
    this.state_ = 'stopped';
  }

  state(): DealsStreamState {
    return this.state_;
  }

  stats(): DealsStreamStats {
    return {...this.stats_, malformedFrames: this.supervisor.malformedFrames};
  }

  private connect(): void {
    this.stats_.connects += 1;
    this.state_ = 'connecting';
    this.session.open(this.opts.wsUrl, [this.topic], {
      onSubscribed: () => {
        this.supervisor.backoff.reset();
        if (this.state_ !== 'live') this.log('info', 'paper: MEXC public trades live');
        this.state_ = 'live';
      },
      onPush: (wrapper) => this.onPush(wrapper),
      onText: (text) => this.malformed(`unexpected text frame: ${text}`),
      onMalformed: (reason) => this.malformed(reason),
      onEnd: (end) => this.onEnd(end),
    });
  }

  private onPush(wrapper: PushWrapper): void {
    if (wrapper.channel !== this.topic) return this.malformed(`push on unexpected channel ${wrapper.channel}`);
    const decoded = dealsFromWrapper(wrapper, this.opts.rules);
    if (!decoded.ok) return this.malformed(decoded.reason);
    this.stats_.pushes += 1;
    this.stats_.deals += decoded.deals.length;
    if (decoded.deals.length === 0) return;
    try {
      this.opts.onDeals(decoded.deals);
    } catch (error) {
      this.log('error', `paper: trade handler threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private onEnd(end: SessionEnd): void {
    if (!this.supervisor.running) return;
    this.state_ = 'down';
    this.supervisor.reconnectAfter(end, () => this.connect(), ' (fills from trades paused)');
  }

  private malformed(reason: string): void {
    this.supervisor.malformed(reason);
  }
}
