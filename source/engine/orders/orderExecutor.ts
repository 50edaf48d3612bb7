// Sends the engine's intents through the trading port and turns every outcome into an event on the
// queue. It holds no engine state: the consumer learns what happened only through those events.
import type {EngineEvent} from '../events.js';
import {PortError, type CancelIntent, type PlaceIntent, type TradingPort} from '../ports.js';

type UnknownOutcome = {kind: 'unknown'; clientOrderId: string; message: string};

export class OrderExecutor {
  private inFlight = 0;
  private requests = 0;
  /** last REST health reported, so only changes become connection events */
  private restState: 'live' | 'down' | null = null;
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly trading: TradingPort,
    private readonly push: (event: EngineEvent) => void,
    private readonly now: () => number,
  ) {}

  place(intents: readonly PlaceIntent[]): void {
    const requestId = ++this.requests;
    this.send(intents, (batch) => this.trading.placeOrders(batch), (outcome, at) => {
      switch (outcome.kind) {
        case 'placed':
          return this.push({type: 'order.ack', clientOrderId: outcome.clientOrderId, orderId: outcome.orderId, at});
        case 'rejected':
          return this.push({type: 'order.rejected', clientOrderId: outcome.clientOrderId, reason: outcome.reason, detail: outcome.detail, requestId, at});
        case 'throttled':
          return this.push({type: 'order.throttled', clientOrderId: outcome.clientOrderId, retryAt: outcome.retryAt, message: outcome.message, at});
        case 'unknown':
          return this.push({type: 'order.unknown', clientOrderId: outcome.clientOrderId, message: outcome.message, requestId, at});
      }
    });
  }

  cancel(intents: readonly CancelIntent[]): void {
    const requestId = ++this.requests;
    this.send(intents, (batch) => this.trading.cancelOrders(batch), (outcome, at) => {
      switch (outcome.kind) {
        case 'cancelled':
          return this.push({type: 'cancel.ack', clientOrderId: outcome.clientOrderId, at});
        case 'rejected':
          return this.push({type: 'cancel.rejected', clientOrderId: outcome.clientOrderId, reason: outcome.reason, detail: outcome.detail, requestId, at});
        case 'throttled':
          return this.push({type: 'cancel.throttled', clientOrderId: outcome.clientOrderId, retryAt: outcome.retryAt, message: outcome.message, at});
        case 'unknown':
          return this.push({type: 'cancel.unknown', clientOrderId: outcome.clientOrderId, message: outcome.message, at});
      }
    });
  }

  /** One order request: per-item outcomes become events; a throw means nothing is known of any item. */
  private send<I extends {clientOrderId: string}, O extends {kind: string; clientOrderId: string; message?: string}>(
    intents: readonly I[],
    call: (intents: readonly I[]) => Promise<readonly O[]>,
    onOutcome: (outcome: O | UnknownOutcome, at: number) => void,
  ): void {
    if (intents.length === 0) return;
    this.track(async () => {
      let outcomes: ReadonlyArray<O | UnknownOutcome>;
      try {
        outcomes = await call(intents);
      } catch (error) {
        // the port promised per-item outcomes; a throw means we cannot know what reached the exchange
        outcomes = intents.map((i) => ({kind: 'unknown' as const, clientOrderId: i.clientOrderId, message: describe(error)}));
      }
      const at = this.now();
      const unknown = outcomes.find((o) => o.kind === 'unknown');
      // a request our own budget refused to send says nothing about the exchange's health
      if (!outcomes.every((o) => o.kind === 'throttled')) this.restHealth(outcomes.some((o) => o.kind !== 'unknown'), unknown?.message);
      for (const outcome of outcomes) onOutcome(outcome, at);
    });
  }

  /** Open orders (+ balances when asked), for reconciliation. `at` of the openOrders event is when the request was sent. */
  reconcile(withBalances = true): void {
    this.track(async () => {
      const sentAt = this.now();
      try {
        const orders = await this.trading.openOrders();
        this.restHealth(true);
        this.push({type: 'openOrders', orders, at: sentAt});
      } catch (error) {
        this.failed('openOrders', error);
      }
      if (!withBalances) return;
      try {
        const balances = await this.trading.balances();
        this.push({type: 'balance', balances, complete: true, at: this.now()});
      } catch (error) {
        this.failed('balances', error);
      }
    });
  }

  query(clientOrderIds: readonly string[]): void {
    for (const clientOrderId of clientOrderIds) {
      this.track(async () => {
        try {
          const order = await this.trading.queryOrder(clientOrderId);
          this.push({type: 'order.query', clientOrderId, order, at: this.now()});
        } catch (error) {
          this.failed(`query ${clientOrderId}`, error);
        }
      });
    }
  }

  /** Resolves once no request is in flight. */
  async drained(): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** REST health as a stream: live after an answer from the exchange, down when requests get none. */
  private restHealth(answered: boolean, reason?: string): void {
    const state = answered ? 'live' : 'down';
    if (state === this.restState) return;
    this.restState = state;
    this.push({type: 'connection', stream: 'mexc.rest', state, reason: answered ? null : (reason ?? 'no answer'), at: this.now()});
  }

  private failed(what: string, error: unknown): void {
    const port = error instanceof PortError ? error : null;
    // an error with a code is still an answer from the exchange; only silence or transport errors mean
    // down; a request our own budget refused to send says nothing either way
    if (!port?.unsent) this.restHealth(port?.code != null, describe(error));
    this.push({
      type: 'request.failed',
      what,
      code: port?.code ?? null,
      message: describe(error),
      rateLimitedUntil: port?.rateLimitedUntil ?? null,
      unsent: port?.unsent ?? false,
      at: this.now(),
    });
  }

  private track(work: () => Promise<void>): void {
    this.inFlight++;
    void work()
      .catch((error: unknown) => this.failed('executor', error))
      .finally(() => {
        this.inFlight--;
        if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
