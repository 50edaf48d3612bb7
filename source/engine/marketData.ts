// Market data and stream health applied to engine state: book snapshots and deltas (a version gap asks
// the feed to resync), and connection changes (a reconnect of the private stream or the MEXC book
// triggers a reconcile, since pushes missed while down are not replayed).
import type {EngineContext} from './engineContext.js';
import type {EventOf} from './events.js';
import {startReconcile} from './orders/applyReconcile.js';
import {updateStaleness} from './risk/staleness.js';

export function applyBookEvent(ctx: EngineContext, event: EventOf<'book.snapshot' | 'book.delta'>): boolean {
  const {state} = ctx;
  const book = event.venue === 'mexc' ? state.mexcBook : state.kucoinBook;
  if (event.type === 'book.snapshot') {
    book.applySnapshot(event.version, event.bids, event.asks, event.at);
    journalBook(ctx, event.venue, true);
    recordReference(ctx, event);
    return true;
  }
  const result = book.applyDelta(event.fromVersion, event.toVersion, event.bids, event.asks, event.at);
  if (result === 'gap') {
    state.counters.resyncs++;
    const reason = `${event.venue} version gap: have ${book.version ?? 'none'}, got ${event.fromVersion}..${event.toVersion}`;
    ctx.notices.warn(reason);
    ctx.outputs.resync(event.venue, reason);
    return true;
  }
  if (result === 'applied') {
    journalBook(ctx, event.venue, false);
    recordReference(ctx, event);
  }
  return result === 'applied';
}

/** A changed KuCoin book extends the reference path (a crossed or one-sided book adds nothing). */
function recordReference(ctx: EngineContext, event: EventOf<'book.snapshot' | 'book.delta'>): void {
  if (event.venue !== 'kucoin') return;
  const book = ctx.state.kucoinBook;
  const mid = book.isCrossed() ? null : book.mid();
  if (mid !== null) ctx.state.referencePath.record(ctx.state.now, mid);
}

function journalBook(ctx: EngineContext, venue: EventOf<'book.snapshot'>['venue'], force: boolean): void {
  const record = ctx.books.record(venue, force);
  if (record) ctx.outputs.journal(record);
}

export function applyConnection(ctx: EngineContext, event: EventOf<'connection'>): boolean {
  const {state} = ctx;
  const stream = state.streams[event.stream];
  const wasLive = stream.state === 'live';
  stream.state = event.state;
  stream.reason = event.reason;
  stream.lastMessageAt = event.at;
  if (wasLive !== (event.state === 'live')) {
    ctx.notices.notice(event.state === 'live' ? 'info' : 'warn', `${event.stream} ${event.state}${event.reason ? `: ${event.reason}` : ''}`);
  }
  if (event.state !== 'live' && event.stream === 'mexc.book') state.mexcBook.markUnsynced();
  if (event.state !== 'live' && event.stream === 'kucoin.book') state.kucoinBook.markUnsynced();
  if (!wasLive && event.state === 'live' && (event.stream === 'mexc.user' || event.stream === 'mexc.book')) startReconcile(ctx);
  updateStaleness(state);
  return true;
}
