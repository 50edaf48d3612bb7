// Pushes one market step to the subscribed sessions: every /market/level2 increment, and the snapshot-style
// topics (level2Depth5/50, level1) only when their content changed (docs/protocols/kucoin.md §3.3, §3.4).

import type {KucoinBookModel} from './bookModel.js';
import {formatLevels, type L2UpdateData, type Scales} from './level2Messages.js';
import type {KucoinSimCounters} from './simCounters.js';
import type {KucoinWsSession, ServedPrefix} from './wsSession.js';

export class MarketPublisher {
  private readonly lastPushed = {depth5: '', depth50: '', level1: ''};

  constructor(
    private readonly symbol: string,
    private readonly scales: Scales,
    private readonly book: KucoinBookModel,
    private readonly sessions: ReadonlySet<KucoinWsSession>,
    private readonly counters: KucoinSimCounters,
  ) {}

  publish(updates: readonly L2UpdateData[], marketTime: number): void {
    if (this.anySubscribed('/market/level2')) {
      for (const data of updates) {
        const text = JSON.stringify({topic: `/market/level2:${this.symbol}`, type: 'message', subject: 'trade.l2update', data});
        this.counters.l2updatesSent += this.broadcast('/market/level2', text);
      }
    }
    for (const [prefix, key, depth] of [
      ['/spotMarket/level2Depth5', 'depth5', 5],
      ['/spotMarket/level2Depth50', 'depth50', 50],
    ] as const) {
      if (!this.anySubscribed(prefix)) continue;
      const levels = {asks: formatLevels(this.book.top('asks', depth), this.scales), bids: formatLevels(this.book.top('bids', depth), this.scales)};
      const fingerprint = JSON.stringify(levels);
      if (fingerprint === this.lastPushed[key]) continue;
      this.lastPushed[key] = fingerprint;
      const text = JSON.stringify({topic: `${prefix}:${this.symbol}`, type: 'message', subject: 'level2', data: {...levels, timestamp: marketTime}});
      this.counters.depthSnapshotsPushed += this.broadcast(prefix, text);
    }
    if (this.anySubscribed('/spotMarket/level1')) {
      const [ask] = formatLevels(this.book.top('asks', 1), this.scales);
      const [bid] = formatLevels(this.book.top('bids', 1), this.scales);
      const fingerprint = JSON.stringify([ask, bid]);
      if (ask && bid && fingerprint !== this.lastPushed.level1) {
        this.lastPushed.level1 = fingerprint;
        const text = JSON.stringify({topic: `/spotMarket/level1:${this.symbol}`, type: 'message', subject: 'level1', data: {asks: ask, bids: bid, timestamp: marketTime}});
        this.broadcast('/spotMarket/level1', text);
      }
    }
  }

  private anySubscribed(prefix: ServedPrefix): boolean {
    for (const session of this.sessions) if (session.isSubscribed(prefix)) return true;
    return false;
  }

  private broadcast(prefix: ServedPrefix, text: string): number {
    let sent = 0;
    for (const session of this.sessions) if (session.isSubscribed(prefix) && session.sendText(text)) sent += 1;
    return sent;
  }
}
