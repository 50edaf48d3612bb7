// The MEXC book the engine sees in paper mode: the real book feed (MexcBookStream) with our paper orders
// resting in it, emitted as 'mexc.book' events. Versions are our own counter (a snapshot, then deltas with
// fromVersion = last + 1), because the overlay changes on its own (a paper order placed, cancelled or
// filled) between real updates. The real feed's health and malformed-frame events are passed through
// unchanged.
import type {EngineEvent, StreamState} from '../../engine/events.js';
import type {EventSink, StreamPort} from '../../engine/ports.js';
import {silentLogger, type Logger} from '../shared/logger.js';
import {StreamSupervisor} from '../shared/streamSupervisor.js';
import type {OverlaidBook} from './overlaidBook.js';
import type {PaperMatcher} from './paperMatcher.js';

export interface PaperBookStreamOptions {
  book: OverlaidBook;
  matcher: PaperMatcher;
  now?: () => number;
  log?: Logger;
}

export interface PaperBookStreamStats {
  snapshots: number;
  deltas: number;
  /** overlay version last sent to the engine */
  version: number;
}

export class PaperBookStream implements StreamPort {
  private readonly now: () => number;
  private readonly log: Logger;
  /** carries the sink only: the health reported is the real feed's, relayed as it comes */
  private readonly supervisor: StreamSupervisor;
  private version = 0;
  /** the engine holds an overlay snapshot to apply deltas to */
  private baseSent = false;
  private lastConnection: Extract<EngineEvent, {type: 'connection'}> | null = null;
  private resyncTimer: NodeJS.Immediate | null = null;
  private readonly stats_ = {snapshots: 0, deltas: 0};

  constructor(private readonly opts: PaperBookStreamOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? silentLogger;
    this.supervisor = new StreamSupervisor({label: 'paper mexc.book', stream: null, log: this.log, now: this.now});
  }

  /** Sink for the real MexcBookStream's events. */
  readonly onRealEvent = (event: EngineEvent): void => {
    switch (event.type) {
      case 'book.snapshot':
        if (event.venue !== 'mexc') return;
        this.opts.matcher.onRealSnapshot(event.bids, event.asks);
        this.sendSnapshot();
        return;
      case 'book.delta':
        if (event.venue !== 'mexc') return;
        this.opts.matcher.onRealDelta(event.bids, event.asks);
        this.flush();
        return;
      case 'connection':
        if (event.stream !== 'mexc.book') return;
        if (losesSync(event.state)) {
          this.opts.matcher.onRealUnsynced();
          this.opts.book.dropDirty();
        }
        this.lastConnection = event;
        this.supervisor.emit(event);
        return;
      case 'stream.malformed':
        if (event.stream === 'mexc.book') this.supervisor.emit(event);
        return;
      default:
        return;
    }
  };

  async start(sink: EventSink): Promise<void> {
    if (!this.supervisor.start(sink)) return;
    this.baseSent = false;
    if (this.opts.book.synced) this.sendSnapshot();
    if (this.lastConnection) this.supervisor.emit({...this.lastConnection, at: this.now()});
  }

  /** The engine lost continuity (e.g. it marked the book unsynced while the feed was stale): send the overlay whole. */
  resync(reason: string): void {
    if (!this.supervisor.running || this.resyncTimer) return;
    this.log('info', `paper mexc.book: resync requested (${reason}); sending a fresh overlaid snapshot`);
    // deferred: the engine calls this from inside its consumer loop
    this.resyncTimer = setImmediate(() => {
      this.resyncTimer = null;
      if (this.opts.book.synced) this.sendSnapshot();
    });
  }

  async stop(): Promise<void> {
    if (this.resyncTimer) clearImmediate(this.resyncTimer);
    this.resyncTimer = null;
    if (this.supervisor.stop()) this.supervisor.emit({type: 'connection', stream: 'mexc.book', state: 'down', reason: 'stopped', at: this.now()});
    this.supervisor.detach();
    this.baseSent = false;
  }

  /** Sends the levels changed since the last call (paper orders placed/cancelled/filled, real updates). */
  flush(): void {
    const book = this.opts.book;
    if (!book.synced || !this.supervisor.running) {
      book.dropDirty(); // the next snapshot carries them
      return;
    }
    if (!this.baseSent) {
      this.sendSnapshot();
      return;
    }
    const changes = book.takeDirty();
    if (!changes) return;
    const fromVersion = this.version + 1;
    this.version = fromVersion;
    this.stats_.deltas += 1;
    this.supervisor.emit({type: 'book.delta', venue: 'mexc', fromVersion, toVersion: fromVersion, bids: changes.bids, asks: changes.asks, at: this.now()});
  }

  stats(): PaperBookStreamStats {
    return {...this.stats_, version: this.version};
  }

  private sendSnapshot(): void {
    const book = this.opts.book;
    book.dropDirty();
    if (!this.supervisor.running || !book.synced) return;
    const {bids, asks} = book.snapshotLevels();
    this.version += 1;
    this.baseSent = true;
    this.stats_.snapshots += 1;
    this.supervisor.emit({type: 'book.snapshot', venue: 'mexc', version: this.version, bids, asks, at: this.now()});
  }
}

/**
 * States in which the real feed has dropped its local book (stale keeps it: the book is quiet, not lost;
 * polling keeps it too: every REST snapshot that follows replaces it whole).
 */
function losesSync(state: StreamState): boolean {
  switch (state) {
    case 'connecting':
    case 'syncing':
    case 'down':
      return true;
    case 'live':
    case 'stale':
    case 'polling':
      return false;
  }
}
