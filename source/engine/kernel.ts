// The queue consumer: the only writer of engine state. Each batch of events is applied in arrival order,
// then one decision pass runs (book bursts coalesce into a single decision), and the resulting intents go
// to the executor. Everything the outside sees (snapshots, journal records, notices) flows out from here.
import type {EngineEvent, EventOf, OperatorCommand, Venue} from './events.js';
import type {EventQueue} from './queue.js';
import type {OrderExecutor} from './orders/orderExecutor.js';
import type {JournalRecord} from './view/records.js';
import type {RecentEvent} from './view/snapshot.js';
import {isWorking, type EngineState, type LocalOrder} from './engineState.js';
import {ownLevels, planOrders, type Plan} from './planner/planOrders.js';
import {reconcileOrders} from './orders/reconcile.js';
import {sampleCompliance} from './market/compliance.js';
import {accountView} from './market/accountView.js';
import {lotsToQty, ticksToPrice} from './symbolRules.js';
import {killReason} from './risk/killSwitch.js';

export interface EngineOutputs {
  /** a book went out of sequence: the feed must rebuild from a fresh snapshot */
  resync(venue: Venue, reason: string): void;
  journal(record: JournalRecord): void;
  /** operator-facing notice (recent events panel, headless log line) */
  notice(event: RecentEvent): void;
  /** an important change (halt, pause, ...) that should reach the state file now */
  persistNow(): void;
}

/** Rejections that say "not now" rather than "something is wrong": they do not count toward the kill switch. */
const BENIGN_REJECT_CODES = new Set([10101, 30004, 30005]);
const POST_ONLY_REJECT = /post.?only|limit_maker|would (immediately )?(match|cross|take)/i;
/** Gone-already answers to a cancel: the order was filled or never reached the book. */
const UNKNOWN_ORDER_CODES = new Set([-2011, -2013]);
const RECONCILE_GRACE_MS = 3000;
/** a throttled request without a stated retry time holds order changes at least this long */
const MIN_THROTTLE_HOLD_MS = 1000;
const STOP_DEADLINE_MS = 15_000;
const RECENT_EVENTS = 50;
const BALANCE_REFRESH_MS = 5 * 60_000;

export class Engine {
  private running = false;
  private stopDeadline: number | null = null;
  private lastBookJournal: Record<Venue, number> = {mexc: 0, kucoin: 0};
  private lastPlan: Plan | null = null;
  /** the request whose failure was last counted toward the kill switch (one failed batch = one error) */
  private lastFailedRequest = -1;
  private lastBalanceRefresh = -Infinity;
  private finished!: () => void;
  readonly done: Promise<void> = new Promise((resolve) => (this.finished = resolve));

  constructor(
    readonly state: EngineState,
    private readonly queue: EventQueue,
    private readonly executor: OrderExecutor,
    private readonly outputs: EngineOutputs,
    private readonly nextClientOrderId: () => string,
    private readonly clock: () => number,
  ) {}

  /** The consumer loop. Returns when a quit has completed (all our orders gone or the deadline passed). */
  async run(): Promise<void> {
    if (this.running) throw new Error('engine already running');
    this.running = true;
    this.notice('info', `engine started in ${this.state.mode} mode on ${this.state.rules.symbol}`);
    if (this.state.halted) this.notice('warn', `starting HALTED (${this.state.halted.reason}); press k to resume`);
    while (this.running) {
      const batch = await this.queue.next();
      if (batch.length === 0) break;
      this.handleBatch(batch);
    }
    this.finished();
  }

  /** Applies one batch and runs at most one decision pass. Public for tests and benchmarks. */
  handleBatch(batch: readonly EngineEvent[]): Plan | null {
    const state = this.state;
    state.now = this.clock();
    let decide = false;
    let books = 0;
    for (const event of batch) {
      state.counters.events++;
      if (event.type === 'book.snapshot' || event.type === 'book.delta') books++;
      if (this.apply(event)) decide = true;
    }
    if (books > 1) state.counters.coalescedBookEvents += books - 1;
    state.counters.queueDepth = this.queue.depth;
    state.counters.queueHighWater = this.queue.maxDepth;
    this.checkKillSwitch();
    if (state.cancellingAll && state.orders.size === 0) state.cancellingAll = false;
    let plan: Plan | null = null;
    if (decide) plan = this.decide();
    this.checkStopped();
    return plan;
  }

  // ---- event application -------------------------------------------------------------------------

  /** Applies one event; returns whether a decision pass is warranted. */
  private apply(event: EngineEvent): boolean {
    const state = this.state;
    switch (event.type) {
      case 'book.snapshot': {
        const book = event.venue === 'mexc' ? state.mexcBook : state.kucoinBook;
        book.applySnapshot(event.version, event.bids, event.asks, event.at);
        this.journalBook(event.venue, true);
        return true;
      }
      case 'book.delta': {
        const book = event.venue === 'mexc' ? state.mexcBook : state.kucoinBook;
        const result = book.applyDelta(event.fromVersion, event.toVersion, event.bids, event.asks, event.at);
        if (result === 'gap') {
          state.counters.resyncs++;
          const reason = `${event.venue} version gap: have ${book.version ?? 'none'}, got ${event.fromVersion}..${event.toVersion}`;
          this.notice('warn', reason);
          this.outputs.resync(event.venue, reason);
          return true;
        }
        if (result === 'applied') this.journalBook(event.venue, false);
        return result === 'applied';
      }
      case 'order.ack':
        return this.onAck(event);
      case 'order.rejected':
        return this.onRejected(event);
      case 'order.throttled': {
        // never executed: the order does not exist, and nothing is wrong with it (no kill-switch count)
        const order = state.orders.get(event.clientOrderId);
        if (!order) return false;
        this.removeOrder(order, 'throttled', event.message);
        this.onThrottled(event.retryAt, event.message);
        return true;
      }
      case 'cancel.throttled': {
        const order = state.orders.get(event.clientOrderId);
        if (!order) return false;
        order.state = 'open';
        order.changedAt = event.at;
        this.journalOrder('cancel-throttled', order, event.message);
        this.onThrottled(event.retryAt, event.message);
        return true;
      }
      case 'order.unknown': {
        const order = state.orders.get(event.clientOrderId);
        if (!order) return false;
        order.state = 'unknown';
        order.changedAt = event.at;
        state.counters.unknownOutcomes++;
        this.countOrderError(event.requestId);
        this.error(`order ${order.clientOrderId} outcome unknown (${event.message}); will reconcile`);
        this.journalOrder('unknown', order, event.message);
        return true;
      }
      case 'cancel.ack': {
        const order = state.orders.get(event.clientOrderId);
        if (!order) return false;
        this.removeOrder(order, 'cancelled', order.retiring ?? order.reason);
        state.counters.ordersCancelled++;
        state.consecutiveOrderErrors = 0;
        return true;
      }
      case 'cancel.rejected': {
        const order = state.orders.get(event.clientOrderId);
        if (!order) return false;
        if (event.code !== null && UNKNOWN_ORDER_CODES.has(event.code)) {
          // filled or never placed: either way it no longer rests
          this.removeOrder(order, 'closed', `cancel: ${event.message}`);
          return true;
        }
        order.state = 'open';
        order.changedAt = event.at;
        state.consecutiveOrderErrors++;
        this.error(`cancel of ${order.clientOrderId} rejected: ${event.code ?? ''} ${event.message}`);
        this.journalOrder('cancel-rejected', order, event.message);
        return true;
      }
      case 'cancel.unknown': {
        const order = state.orders.get(event.clientOrderId);
        if (!order) return false;
        order.state = 'cancelUnknown';
        order.changedAt = event.at;
        state.counters.unknownOutcomes++;
        this.error(`cancel of ${order.clientOrderId} outcome unknown (${event.message}); will reconcile`);
        return true;
      }
      case 'order.query':
        return this.onQuery(event);
      case 'openOrders':
        return this.onOpenOrders(event);
      case 'request.failed': {
        if (event.rateLimitedUntil !== null) {
          state.rateLimitedUntil = Math.max(state.rateLimitedUntil, event.rateLimitedUntil);
          state.counters.rateLimited++;
        }
        if (event.what === 'openOrders') state.reconcileInFlight = false;
        this.error(`${event.what} failed: ${event.code ?? ''} ${event.message}`.replace(/\s+/g, ' '));
        return false;
      }
      case 'order.update':
        return this.onOrderUpdate(event);
      case 'fill':
        return this.onFill(event);
      case 'balance': {
        if (event.complete) state.balances = {...event.balances};
        else state.balances = {...state.balances, ...event.balances};
        if (event.complete) state.balancesKnown = true;
        return true;
      }
      case 'connection':
        return this.onConnection(event);
      case 'stream.malformed':
        state.counters.malformed++;
        return false;
      case 'timer':
        return this.onTimer(event);
      case 'command':
        return this.onCommand(event.command, event.source);
    }
  }

  private onAck(event: EventOf<'order.ack'>): boolean {
    const order = this.state.orders.get(event.clientOrderId);
    if (!order) return false;
    order.orderId = event.orderId;
    if (order.state === 'pendingNew' || order.state === 'unknown') order.state = 'open';
    order.changedAt = event.at;
    this.state.counters.ordersPlaced++;
    this.state.consecutiveOrderErrors = 0;
    this.journalOrder('placed', order, order.reason);
    return true;
  }

  private countOrderError(requestId: number): void {
    if (requestId === this.lastFailedRequest) return;
    this.lastFailedRequest = requestId;
    this.state.consecutiveOrderErrors++;
  }

  private onRejected(event: EventOf<'order.rejected'>): boolean {
    const state = this.state;
    const order = state.orders.get(event.clientOrderId);
    if (!order) return false;
    state.counters.ordersRejected++;
    const benign = (event.code !== null && BENIGN_REJECT_CODES.has(event.code)) || POST_ONLY_REJECT.test(event.message);
    if (!benign) this.countOrderError(event.requestId);
    this.removeOrder(order, 'rejected', `${event.code ?? ''} ${event.message}`.trim());
    (benign ? this.notice.bind(this, 'info') : this.error.bind(this))(
      `order ${order.clientOrderId} rejected: ${event.code ?? ''} ${event.message}`.replace(/\s+/g, ' '),
    );
    return true;
  }

  private onQuery(event: EventOf<'order.query'>): boolean {
    const order = this.state.orders.get(event.clientOrderId);
    if (!order) return false;
    const remote = event.order;
    if (remote === null || remote.status === 'CANCELED' || remote.status === 'FILLED' || remote.status === 'PARTIALLY_CANCELED') {
      this.removeOrder(order, 'closed', remote === null ? 'exchange does not know it: never placed' : `exchange says ${remote.status}`);
      return true;
    }
    order.state = 'open';
    order.orderId = remote.orderId;
    order.filledLots = Math.max(order.filledLots, remote.filledLots);
    order.changedAt = event.at;
    this.notice('info', `order ${order.clientOrderId} confirmed on the book after an unknown outcome`);
    return true;
  }

  private onOpenOrders(event: EventOf<'openOrders'>): boolean {
    const state = this.state;
    state.reconcileInFlight = false;
    state.lastReconcileAt = event.at;
    const plan = reconcileOrders({
      local: state.orders,
      remote: event.orders,
      prefix: state.config.exchange.clientOrderIdPrefix,
      listedAt: event.at,
      graceMs: RECONCILE_GRACE_MS,
      adoptUnknown: !state.halted && !state.stopping,
    });
    for (const {local, remote} of plan.confirm) {
      if (local.state === 'unknown' || local.state === 'pendingNew') local.state = 'open';
      if (local.state === 'cancelUnknown') local.state = 'open'; // still there: the cancel did not happen
      local.orderId = remote.orderId;
      local.filledLots = Math.max(local.filledLots, remote.filledLots);
    }
    for (const remote of plan.adopt) {
      const order: LocalOrder = {
        clientOrderId: remote.clientOrderId,
        orderId: remote.orderId,
        side: remote.side,
        priceTicks: remote.priceTicks,
        qtyLots: remote.origQtyLots,
        filledLots: remote.filledLots,
        state: 'open',
        retiring: null,
        createdAt: event.at,
        changedAt: event.at,
        reason: 'adopted',
      };
      state.orders.set(order.clientOrderId, order);
      this.journalOrder('adopted', order, 'found on the exchange');
    }
    if (plan.adopt.length > 0) this.notice('info', `adopted ${plan.adopt.length} order(s) of ours found on the exchange`);
    const cancels = plan.cancel.map((remote) => ({
      kind: 'cancel' as const,
      clientOrderId: remote.clientOrderId,
      orderId: remote.orderId,
      reason: 'reconcile: not wanted',
    }));
    for (const remote of plan.cancel) {
      state.orders.set(remote.clientOrderId, {
        clientOrderId: remote.clientOrderId,
        orderId: remote.orderId,
        side: remote.side,
        priceTicks: remote.priceTicks,
        qtyLots: remote.origQtyLots,
        filledLots: remote.filledLots,
        state: 'pendingCancel',
        retiring: 'reconcile',
        createdAt: event.at,
        changedAt: state.now,
        reason: 'reconcile: not wanted',
      });
    }
    this.executor.cancel(cancels);
    for (const local of plan.close) this.removeOrder(local, 'closed', 'no longer on the exchange');
    if (plan.query.length > 0) {
      for (const local of plan.query) local.changedAt = state.now;
      this.executor.query(plan.query.map((o) => o.clientOrderId));
    }
    return true;
  }

  private onOrderUpdate(event: EventOf<'order.update'>): boolean {
    const state = this.state;
    let order = state.orders.get(event.clientOrderId);
    if (!order) {
      if (!event.clientOrderId.startsWith(state.config.exchange.clientOrderIdPrefix)) return false;
      if (event.status !== 'NEW' && event.status !== 'PARTIALLY_FILLED') return false;
      // an order of ours we do not know (placed before a crash): the next reconcile adopts it properly
      state.lastReconcileAt = null;
      return false;
    }
    order.orderId = event.orderId || order.orderId;
    order.filledLots = Math.max(order.filledLots, event.filledLots);
    switch (event.status) {
      case 'NEW':
      case 'PARTIALLY_FILLED':
        if (order.state === 'pendingNew' || order.state === 'unknown') order.state = 'open';
        order.changedAt = event.at;
        return true;
      case 'FILLED':
        this.removeOrder(order, 'closed', 'filled');
        return true;
      case 'CANCELED':
      case 'PARTIALLY_CANCELED':
        if (order.state === 'pendingCancel' || order.state === 'cancelUnknown') state.counters.ordersCancelled++;
        this.removeOrder(order, 'cancelled', order.retiring ?? 'cancelled on the exchange');
        return true;
    }
  }

  private onFill(event: EventOf<'fill'>): boolean {
    const state = this.state;
    state.counters.fills++;
    const price = ticksToPrice(event.priceTicks, state.rules);
    const qty = lotsToQty(event.qtyLots, state.rules);
    this.outputs.journal({
      stream: 'fills',
      at: event.at,
      clientOrderId: event.clientOrderId,
      orderId: event.orderId,
      tradeId: event.tradeId,
      side: event.side,
      price,
      qty,
      fee: event.fee,
      feeAsset: event.feeAsset,
    });
    this.notice('info', `fill ${event.side} ${qty} @ ${price} (${event.clientOrderId})`);
    return true;
  }

  private onConnection(event: EventOf<'connection'>): boolean {
    const state = this.state;
    const stream = state.streams[event.stream];
    const wasLive = stream.state === 'live';
    stream.state = event.state;
    stream.reason = event.reason;
    stream.lastMessageAt = event.at;
    if (wasLive !== (event.state === 'live')) {
      this.notice(event.state === 'live' ? 'info' : 'warn', `${event.stream} ${event.state}${event.reason ? `: ${event.reason}` : ''}`);
    }
    if (event.state !== 'live' && event.stream === 'mexc.book') state.mexcBook.markUnsynced();
    if (event.state !== 'live' && event.stream === 'kucoin.book') state.kucoinBook.markUnsynced();
    // after any reconnect of the private side, our picture of orders may be stale: reconcile now
    if (!wasLive && event.state === 'live' && (event.stream === 'mexc.user' || event.stream === 'mexc.book')) this.startReconcile();
    this.updateStaleness();
    return true;
  }

  private onTimer(event: EventOf<'timer'>): boolean {
    const state = this.state;
    switch (event.timer) {
      case 'complianceSample': {
        this.updateStaleness();
        const mexcStream = state.streams['mexc.book'];
        const staleReason = mexcStream.state !== 'live' ? `MEXC book ${mexcStream.state}` : null;
        const sample = sampleCompliance({
          book: state.mexcBook,
          own: ownLevels(state.orders.values(), state.rules),
          pct: state.config.bandPct,
          minDepth: state.config.compliance.minDepthUsdt,
          maxSpread: state.config.compliance.maxSpreadPct,
          at: event.at,
          staleReason,
        });
        state.compliance.record(sample);
        this.outputs.journal({stream: 'compliance', ...sample});
        return false;
      }
      case 'reconcile':
        this.startReconcile();
        return false;
      case 'reset':
        if (state.now >= state.nextResetAt) this.beginReset('scheduled reset');
        return true;
      case 'depthCheck':
        return true;
      case 'staleCheck':
        this.updateStaleness();
        return true;
      case 'stateFlush':
        return false;
    }
  }

  private onCommand(command: OperatorCommand, source: string): boolean {
    const state = this.state;
    switch (command.kind) {
      case 'pause':
        state.paused = true;
        this.notice('warn', `paused (${source}): no new orders; press p to resume`);
        break;
      case 'resume':
        state.paused = false;
        state.cancellingAll = false;
        this.notice('info', `resumed (${source})`);
        break;
      case 'cancelAll': {
        // the planner keeps cancelling until none is left, so a throttled or failed cancel is retried
        state.paused = true;
        state.cancellingAll = true;
        const count = [...state.orders.values()].filter((o) => o.state === 'open' || o.state === 'unknown').length;
        this.notice('warn', `cancel all (${source}): ${count} order(s); paused — press p to resume quoting`);
        break;
      }
      case 'resetNow':
        this.beginReset(`reset requested (${source})`);
        break;
      case 'kill':
        this.halt(`${command.reason} (${source})`);
        break;
      case 'unkill':
        if (state.halted) {
          this.notice('warn', `kill switch released (${source}); quoting resumes`);
          state.halted = null;
          state.consecutiveOrderErrors = 0;
          state.dataStaleSince = null;
        }
        break;
      case 'quit':
        if (!state.stopping) {
          state.stopping = {since: state.now, reason: command.reason};
          this.stopDeadline = state.now + STOP_DEADLINE_MS;
          this.notice('info', `stopping (${command.reason}): cancelling our orders`);
        }
        break;
    }
    this.outputs.persistNow();
    return true;
  }

  // ---- decisions --------------------------------------------------------------------------------

  private decide(): Plan {
    const state = this.state;
    state.counters.decisions++;
    const plan = planOrders(state, this.nextClientOrderId);
    this.lastPlan = plan;
    state.sideReasons = {bid: plan.sides.bid.reason, ask: plan.sides.ask.reason};
    state.sideShortfall = {bid: plan.sides.bid.shortfallQuote, ask: plan.sides.ask.shortfallQuote};
    for (const {clientOrderId, reason} of plan.retire) {
      const order = state.orders.get(clientOrderId);
      if (order && !order.retiring) order.retiring = reason;
    }
    for (const intent of plan.places) {
      const order: LocalOrder = {
        clientOrderId: intent.clientOrderId,
        orderId: null,
        side: intent.side,
        priceTicks: intent.priceTicks,
        qtyLots: intent.qtyLots,
        filledLots: 0,
        state: 'pendingNew',
        retiring: null,
        createdAt: state.now,
        changedAt: state.now,
        reason: intent.reason,
      };
      state.orders.set(order.clientOrderId, order);
      this.journalOrder('place', order, intent.reason);
    }
    this.executor.place(plan.places);
    this.sendCancels(plan.cancels);
    return plan;
  }

  private sendCancels(cancels: Plan['cancels']): void {
    const state = this.state;
    const sent = [];
    for (const intent of cancels) {
      const order = state.orders.get(intent.clientOrderId);
      if (!order || order.state === 'pendingCancel') continue;
      order.state = 'pendingCancel';
      order.changedAt = state.now;
      this.journalOrder('cancel', order, intent.reason);
      sent.push(intent);
    }
    this.executor.cancel(sent);
  }

  private beginReset(reason: string): void {
    const state = this.state;
    let count = 0;
    for (const order of state.orders.values()) {
      if (isWorking(order) && !order.retiring) {
        order.retiring = 'reset';
        count++;
      }
    }
    state.nextResetAt = state.now + state.config.timers.resetIntervalSec * 1000;
    this.notice('info', `${reason}: rebuilding ${count} order(s), new ones first`);
  }

  private startReconcile(): void {
    const state = this.state;
    if (state.reconcileInFlight) return;
    state.reconcileInFlight = true;
    // balances also arrive on the private stream: a REST refresh is only needed now and then, or when
    // that stream is not live (each refresh is a weighted request against the hourly budget)
    const balancesDue =
      !state.balancesKnown || state.streams['mexc.user'].state !== 'live' || state.now - this.lastBalanceRefresh >= BALANCE_REFRESH_MS;
    if (balancesDue) this.lastBalanceRefresh = state.now;
    this.executor.reconcile(balancesDue);
  }

  private halt(reason: string): void {
    const state = this.state;
    if (state.halted) return;
    state.halted = {since: state.now, reason};
    this.error(`KILL SWITCH: ${reason}; cancelling all orders and halting (press k to resume)`);
    this.outputs.persistNow();
  }

  private checkKillSwitch(): void {
    const state = this.state;
    if (state.halted || state.stopping) return;
    const reason = killReason(state, accountView(state).baseRatio);
    if (reason) this.halt(reason);
  }

  private updateStaleness(): void {
    const state = this.state;
    const limit = state.config.risk.staleAfterSec * 1000;
    const kucoin = state.kucoinBook;
    const referenceFresh =
      state.streams['kucoin.book'].state === 'live' && kucoin.synced && kucoin.lastUpdateAt !== null && state.now - kucoin.lastUpdateAt <= limit;
    if (referenceFresh) state.referenceStaleSince = null;
    else if (state.referenceStaleSince === null) state.referenceStaleSince = state.now;
    const mexcFresh = state.streams['mexc.book'].state === 'live' && state.mexcBook.synced;
    if (referenceFresh && mexcFresh) state.dataStaleSince = null;
    else if (state.dataStaleSince === null) state.dataStaleSince = state.now;
  }

  private checkStopped(): void {
    const state = this.state;
    if (!state.stopping || !this.running) return;
    const remaining = [...state.orders.values()];
    const deadlinePassed = this.stopDeadline !== null && state.now >= this.stopDeadline;
    if (remaining.length === 0 || deadlinePassed) {
      if (remaining.length > 0) this.error(`stop deadline passed with ${remaining.length} order(s) unconfirmed`);
      this.running = false;
      this.queue.close();
    }
  }

  // ---- bookkeeping -------------------------------------------------------------------------------

  /**
   * Rate limited (our own budget or a 429): hold all order changes until requests may flow again. One
   * notice per hold, not one per order of a refused batch.
   */
  private onThrottled(retryAt: number | null, message: string): void {
    const state = this.state;
    const until = Math.max(retryAt ?? 0, state.now + MIN_THROTTLE_HOLD_MS);
    const alreadyHolding = state.now < state.rateLimitedUntil;
    state.rateLimitedUntil = Math.max(state.rateLimitedUntil, until);
    if (alreadyHolding) return;
    state.counters.rateLimited++;
    this.notice('warn', `rate limited (${message}); holding order changes for ${Math.ceil((state.rateLimitedUntil - state.now) / 1000)}s`);
  }

  private removeOrder(order: LocalOrder, action: 'cancelled' | 'rejected' | 'closed' | 'throttled', reason: string): void {
    this.state.orders.delete(order.clientOrderId);
    this.journalOrder(action, order, reason);
  }

  private journalOrder(action: Extract<JournalRecord, {stream: 'orders'}>['action'], order: LocalOrder, reason: string): void {
    this.outputs.journal({
      stream: 'orders',
      at: this.state.now,
      action,
      clientOrderId: order.clientOrderId,
      orderId: order.orderId,
      side: order.side,
      price: ticksToPrice(order.priceTicks, this.state.rules),
      qty: lotsToQty(order.qtyLots, this.state.rules),
      reason,
    });
  }

  private journalBook(venue: Venue, force: boolean): void {
    const state = this.state;
    if (!force && state.now - this.lastBookJournal[venue] < state.config.journal.bookIntervalMs) return;
    this.lastBookJournal[venue] = state.now;
    const book = venue === 'mexc' ? state.mexcBook : state.kucoinBook;
    const n = state.config.journal.bookLevels;
    const levels = (side: 'bids' | 'asks'): [number, number][] =>
      book.levels(side, n).map((l) => [book.ticksToPrice(l.priceTicks), l.size]);
    this.outputs.journal({stream: venue === 'mexc' ? 'book.mexc' : 'book.kucoin', at: state.now, version: book.version, bids: levels('bids'), asks: levels('asks')});
  }

  private notice(level: RecentEvent['level'], text: string): void {
    const event: RecentEvent = {at: this.state.now || this.clock(), level, text};
    const recent = this.state.recentEvents;
    recent.push(event);
    if (recent.length > RECENT_EVENTS) recent.splice(0, recent.length - RECENT_EVENTS);
    this.outputs.notice(event);
  }

  private error(message: string): void {
    this.state.counters.errors++;
    this.state.lastError = {at: this.state.now, message};
    this.notice('error', message);
  }

  get plan(): Plan | null {
    return this.lastPlan;
  }
}
