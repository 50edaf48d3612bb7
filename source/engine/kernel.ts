// The queue consumer: the only writer of engine state. Each batch of events is applied in arrival order
// (each event type has its handler module), then the trading state is checked and at most one decision
// pass runs (book bursts coalesce into a single decision), and the plan's intents go to the executor.
// Everything the outside sees (journal records, notices, resync requests, the snapshot and the state to
// persist) leaves through EngineOutputs; the snapshot is built here, by the writer, never by a reader.
import type {EngineEvent} from './events.js';
import type {EventQueue} from './queue.js';
import type {OrderExecutor} from './orders/orderExecutor.js';
import type {EngineState} from './engineState.js';
import {createEngineContext, type EngineContext, type EngineOutputs} from './engineContext.js';
import {planOrders} from './planner/planOrders.js';
import type {Plan} from './planner/plan.js';
import {applyPlan} from './orders/applyPlan.js';
import {applyFill, applyOrderOutcome, applyOrderUpdate} from './orders/orderEvents.js';
import {applyOpenOrders, retryReconcile} from './orders/applyReconcile.js';
import {applyBookEvent, applyConnection} from './marketData.js';
import {applyTimer} from './timerEvents.js';
import {applyCommand, checkTradingState} from './risk/tradingControl.js';
import {holdUntil} from './risk/throttleHold.js';
import {recordDecision} from './risk/suspensionControl.js';
import {haltOf} from './risk/tradingState.js';
import {buildPersistedState, buildSnapshot} from './view/snapshotBuilder.js';
import {symbolRestrictionNotes} from './symbolRules.js';
import {observeLatency} from './engineTallies.js';

export class Engine {
  private running = false;
  private lastPlan: Plan | null = null;
  /** views to publish at the end of the current batch */
  private snapshotDue = false;
  private persistDue = false;
  private readonly ctx: EngineContext;

  constructor(
    readonly state: EngineState,
    private readonly queue: EventQueue,
    executor: OrderExecutor,
    private readonly outputs: EngineOutputs,
    nextClientOrderId: () => string,
    private readonly clock: () => number,
    /** a monotonic clock in ms for the decision-latency histogram (never feeds a decision) */
    private readonly elapsed: () => number = () => performance.now(),
  ) {
    this.ctx = createEngineContext(state, executor, outputs, nextClientOrderId, clock, () => void (this.persistDue = true));
  }

  /**
   * The consumer loop. Publishes a first snapshot before it waits for events (so readers have one at
   * once), and returns when a quit has completed (all our orders gone or the deadline passed).
   */
  async run(): Promise<void> {
    if (this.running) throw new Error('engine already running');
    this.running = true;
    const {notices} = this.ctx;
    notices.info(`engine started in ${this.state.mode} mode on ${this.state.rules.symbol}`);
    for (const note of symbolRestrictionNotes(this.state.rules)) notices.warn(note);
    const halt = haltOf(this.state.trading);
    if (halt) notices.warn(`starting HALTED (${halt.reason}); press k to resume`);
    this.outputs.snapshot(buildSnapshot(this.state, null));
    while (this.running) {
      const batch = await this.queue.next();
      // aborted while waiting: the events still queued are not applied (they could place orders)
      if (batch.length === 0 || !this.running) break;
      this.handleBatch(batch);
    }
  }

  /**
   * Ends the consumer loop without applying anything more: for a crash, where the engine's state can no
   * longer be trusted to stop in order. The runtime then sweeps our orders straight through the port.
   */
  abort(): void {
    this.running = false;
    this.queue.close();
  }

  /** Applies one batch and runs at most one decision pass. Public for tests and benchmarks. */
  handleBatch(batch: readonly EngineEvent[]): Plan | null {
    const state = this.state;
    const began = this.elapsed();
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
    checkTradingState(this.ctx);
    let plan: Plan | null = null;
    if (decide) {
      state.counters.decisions++;
      plan = planOrders(state, this.ctx.nextClientOrderId);
      this.lastPlan = plan;
      if (plan.pricing) state.lastDepthTarget = plan.pricing.depthTarget;
      recordDecision(this.ctx, plan);
      applyPlan(this.ctx, plan);
      observeLatency(state.tallies.decisionLatency, (this.elapsed() - began) / 1000);
    }
    this.checkStopped();
    this.publishViews();
    return plan;
  }

  /**
   * After the loop ended: applies the last events (e.g. the request counters of the final sweep) and
   * publishes the final snapshot and state to persist. The consumer is no longer running, so this call
   * is the only writer.
   */
  finish(events: readonly EngineEvent[]): void {
    if (this.running) throw new Error('finish() is for an engine whose loop has ended');
    this.handleBatch(events);
    this.snapshotDue = this.persistDue = true;
    this.publishViews();
  }

  private publishViews(): void {
    if (this.snapshotDue) this.outputs.snapshot(buildSnapshot(this.state, this.lastPlan));
    if (this.persistDue) this.outputs.persist(buildPersistedState(this.state, this.lastPlan));
    this.snapshotDue = this.persistDue = false;
  }

  /** Applies one event; returns whether a decision pass is warranted. */
  private apply(event: EngineEvent): boolean {
    const ctx = this.ctx;
    switch (event.type) {
      case 'book.snapshot':
      case 'book.delta':
        return applyBookEvent(ctx, event);
      case 'order.ack':
      case 'order.rejected':
      case 'order.throttled':
      case 'order.unknown':
      case 'cancel.ack':
      case 'cancel.rejected':
      case 'cancel.throttled':
      case 'cancel.unknown':
      case 'order.query':
        return applyOrderOutcome(ctx, event);
      case 'openOrders':
        return applyOpenOrders(ctx, event);
      case 'request.failed': {
        if (event.rateLimitedUntil !== null) holdUntil(this.state, event.rateLimitedUntil);
        if (event.what === 'openOrders') this.state.reconcileInFlight = false;
        if (event.what === 'openOrders' || event.what === 'balances') retryReconcile(this.state, event.rateLimitedUntil);
        const text = `${event.what} failed: ${event.code ?? ''} ${event.message}`.replace(/\s+/g, ' ');
        // refused by our own budget: nothing went wrong at the venue, it is retried once requests flow
        if (event.unsent) ctx.notices.warn(text);
        else ctx.notices.error(text);
        return false;
      }
      case 'order.update':
        return applyOrderUpdate(ctx, event);
      case 'fill':
        return applyFill(ctx, event);
      case 'balance':
        this.state.balances = event.complete ? {...event.balances} : {...this.state.balances, ...event.balances};
        if (event.complete) this.state.balancesKnown = true;
        return true;
      case 'connection':
        return applyConnection(ctx, event);
      case 'stream.malformed':
        this.state.counters.malformed++;
        return false;
      case 'request.counters':
        this.state.counters.requests = event.requests;
        this.state.counters.throttled = event.throttled;
        this.state.portRateLimited = event.rateLimited;
        return false;
      case 'notice':
        ctx.notices.remember(event.level, event.text, event.at);
        return false;
      case 'timer':
        if (event.timer === 'snapshot') this.snapshotDue = true;
        if (event.timer === 'stateFlush') this.persistDue = true;
        return applyTimer(ctx, event.timer, event.at);
      case 'command':
        return applyCommand(ctx, event.command, event.source);
    }
  }

  /** A quit completes when none of our orders is left, or its deadline passed. */
  private checkStopped(): void {
    const {trading} = this.state;
    if (trading.kind !== 'stopping' || !this.running) return;
    const remaining = this.state.orders.size;
    if (remaining === 0 || this.state.now >= trading.deadline) {
      if (remaining > 0) this.ctx.notices.error(`stop deadline passed with ${remaining} order(s) unconfirmed`);
      this.running = false;
      this.queue.close();
    }
  }

  get plan(): Plan | null {
    return this.lastPlan;
  }
}
