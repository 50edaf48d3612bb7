// Public MEXC market-data pushes. Book changes and trades are collected per push interval (100 ms and
// 10 ms windows) and flushed to the topics that have subscribers. Aggregated depth carries absolute level
// sizes (0 = delete) and the contiguous version range it covers, so fromVersion = previous toVersion + 1
// unless a fault loses a push (docs/protocols/mexc.md §4.5).
import type {FaultController} from '../faults.js';
import type {LevelChange, MatchingEngine} from './matchingEngine.js';
import {aggreDepthPush, bookTickerPush, dealsPush, limitDepthPush, type Level, type PublicTrade} from './mexcPushes.js';
import {aggreTopic, eventTypeOf, limitDepthTopic, type PushInterval} from './mexcTopics.js';
import type {MexcWsServer} from './mexcWsServer.js';
import type {SimSymbol} from './simSymbol.js';

class Window {
  private readonly changes = new Map<string, LevelChange>();
  private fromVersion: number | null = null;
  private toVersion = 0;
  readonly trades: PublicTrade[] = [];
  loseNextDepth = false;
  lastTicker = '';
  lastTickerAt = 0;

  addChange(change: LevelChange): void {
    this.fromVersion ??= change.version;
    this.toVersion = change.version;
    this.changes.set(`${change.side}:${change.priceTicks}`, change);
  }

  takeDepth(): {asks: Level[]; bids: Level[]; from: number; to: number} | null {
    if (this.fromVersion === null) return null;
    const asks: Level[] = [];
    const bids: Level[] = [];
    for (const change of this.changes.values()) (change.side === 'BUY' ? bids : asks).push([change.priceTicks, change.lots]);
    asks.sort((a, b) => a[0] - b[0]);
    bids.sort((a, b) => b[0] - a[0]);
    const out = {asks, bids, from: this.fromVersion, to: this.toVersion};
    this.changes.clear();
    this.fromVersion = null;
    return out;
  }
}

const LIMIT_LEVELS = [5, 10, 20] as const;
/** Snapshot-style pushes (partial depth, book ticker) go out on change, and at least this often so a new subscriber gets one. */
const SNAPSHOT_REFRESH_MS = 1000;

export interface PublicFeedStats {
  depthPushes: number;
  lostDepthPushes: number;
  /** exceptions caught while flushing (a simulator bug): counted, never thrown out of the timer */
  flushErrors: number;
}

export class PublicFeed {
  readonly stats: PublicFeedStats = {depthPushes: 0, lostDepthPushes: 0, flushErrors: 0};
  private readonly windows: Record<PushInterval, Window> = {'100ms': new Window(), '10ms': new Window()};
  private readonly timers: NodeJS.Timeout[];
  private lastLimitVersion = -1;
  private lastLimitAt = 0;

  constructor(
    private readonly rules: SimSymbol,
    private readonly book: MatchingEngine,
    private readonly ws: MexcWsServer,
    private readonly faults: FaultController,
    private readonly now: () => number,
  ) {
    this.timers = [setInterval(() => this.guardedFlush('100ms'), 100), setInterval(() => this.guardedFlush('10ms'), 10)];
  }

  onLevelChange(change: LevelChange): void {
    this.windows['100ms'].addChange(change);
    this.windows['10ms'].addChange(change);
  }

  onTrade(trade: PublicTrade): void {
    this.windows['100ms'].trades.push(trade);
    this.windows['10ms'].trades.push(trade);
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  private guardedFlush(interval: PushInterval): void {
    try {
      this.flush(interval);
    } catch {
      this.stats.flushErrors++;
    }
  }

  private flush(interval: PushInterval): void {
    const window = this.windows[interval];
    const symbol = this.rules.symbol;
    if (this.faults.takeDepthGap()) {
      this.windows['100ms'].loseNextDepth = true;
      this.windows['10ms'].loseNextDepth = true;
    }
    const depth = window.takeDepth();
    const trades = window.trades.splice(0);
    // A stalled feed keeps the connection (and PONGs) alive but sends nothing; what it withheld is lost.
    if (this.faults.stalled()) return;
    const sendTime = this.now();
    const depthTopic = aggreTopic('depth', interval, symbol);
    if (depth && window.loseNextDepth) {
      window.loseNextDepth = false;
      this.stats.lostDepthPushes++;
    } else if (depth && this.ws.hasSubscribers(depthTopic)) {
      this.stats.depthPushes++;
      this.ws.broadcast(depthTopic, aggreDepthPush(depthTopic, eventTypeOf(depthTopic, symbol), this.rules, depth.asks, depth.bids, depth.from, depth.to, sendTime));
    }
    const dealsTopic = aggreTopic('deals', interval, symbol);
    if (trades.length > 0 && this.ws.hasSubscribers(dealsTopic)) {
      this.ws.broadcast(dealsTopic, dealsPush(dealsTopic, eventTypeOf(dealsTopic, symbol), this.rules, trades, sendTime));
    }
    this.flushTicker(interval, window, sendTime);
    if (interval === '100ms') this.flushLimitDepth(sendTime);
  }

  private flushTicker(interval: PushInterval, window: Window, sendTime: number): void {
    const topic = aggreTopic('bookTicker', interval, this.rules.symbol);
    const [bid] = this.book.levels('BUY', 1);
    const [ask] = this.book.levels('SELL', 1);
    const key = `${bid?.join(':')}/${ask?.join(':')}`;
    if (key === window.lastTicker && sendTime - window.lastTickerAt < SNAPSHOT_REFRESH_MS) return;
    window.lastTicker = key;
    window.lastTickerAt = sendTime;
    if (this.ws.hasSubscribers(topic)) this.ws.broadcast(topic, bookTickerPush(topic, this.rules, bid ?? null, ask ?? null, this.book.version, sendTime));
  }

  private flushLimitDepth(sendTime: number): void {
    if (this.book.version === this.lastLimitVersion && sendTime - this.lastLimitAt < SNAPSHOT_REFRESH_MS) return;
    this.lastLimitVersion = this.book.version;
    this.lastLimitAt = sendTime;
    for (const levels of LIMIT_LEVELS) {
      const topic = limitDepthTopic(this.rules.symbol, levels);
      if (!this.ws.hasSubscribers(topic)) continue;
      const asks = this.book.levels('SELL', levels);
      const bids = this.book.levels('BUY', levels);
      this.ws.broadcast(topic, limitDepthPush(topic, eventTypeOf(topic, this.rules.symbol), this.rules, asks, bids, this.book.version, sendTime));
    }
  }
}
