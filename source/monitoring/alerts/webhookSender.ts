// Delivers alert messages without ever holding up the bot (docs/monitoring.md §4): each receiver has its
// own bounded queue drained in the background, a failing receiver is retried with backoff and then
// counted, and nothing here throws into the caller. The only place that speaks HTTP for alerts.
import {setTimeout as delay} from 'node:timers/promises';
import got, {HTTPError} from 'got';
import {SecretGuard} from '../../store/secretGuard.js';
import type {WebhookRequest} from './alertMessages.js';
import type {WebhookKind} from './webhookTargets.js';

export type AlertLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type AlertLog = (level: AlertLogLevel, text: string) => void;

export interface Receiver {
  /** position in alerts.webhooks: the only way logs name it */
  index: number;
  kind: WebhookKind;
}

export interface OutgoingMessage {
  request: WebhookRequest;
  /** what the logs may say about it (the event's name): never the request */
  label: string;
}

export interface SenderOptions {
  /** the waits before the 2nd, 3rd, … attempt; their number + 1 is the number of attempts */
  backoffMs?: readonly number[];
  /** each attempt is given up after this long */
  attemptTimeoutMs?: number;
  /** messages waiting per receiver; when full the oldest is dropped */
  maxQueue?: number;
}

export type AlertOutcome = 'sent' | 'failed' | 'dropped';
export interface AlertStat {
  kind: WebhookKind;
  outcome: AlertOutcome;
  count: number;
}

export const defaultSenderOptions: Required<SenderOptions> = {backoffMs: [1000, 2000, 4000], attemptTimeoutMs: 5000, maxQueue: 50};

interface Lane {
  receiver: Receiver;
  queue: OutgoingMessage[];
  /** a drain is scheduled or running */
  busy: boolean;
}

type Attempt = {ok: true} | {ok: false; retry: boolean; what: string};

const outcomes: readonly AlertOutcome[] = ['sent', 'failed', 'dropped'];

export class WebhookSender {
  readonly #lanes: Map<number, Lane>;
  readonly #options: Required<SenderOptions>;
  readonly #log: AlertLog;
  readonly #guard: SecretGuard;
  readonly #counts = new Map<WebhookKind, Record<AlertOutcome, number>>();
  readonly #abort = new AbortController();
  #idleWaiters: (() => void)[] = [];

  constructor(receivers: readonly Receiver[], options: SenderOptions & {log: AlertLog; secrets: readonly string[]}) {
    this.#lanes = new Map(receivers.map((receiver) => [receiver.index, {receiver, queue: [], busy: false}]));
    this.#options = {
      backoffMs: options.backoffMs ?? defaultSenderOptions.backoffMs,
      attemptTimeoutMs: options.attemptTimeoutMs ?? defaultSenderOptions.attemptTimeoutMs,
      maxQueue: Math.max(1, options.maxQueue ?? defaultSenderOptions.maxQueue),
    };
    this.#log = options.log;
    this.#guard = new SecretGuard(options.secrets);
    for (const {kind} of receivers) this.#counts.set(kind, {sent: 0, failed: 0, dropped: 0});
  }

  get closed(): boolean {
    return this.#abort.signal.aborted;
  }

  /** Queues a message for one receiver and returns at once; delivery happens later, in the background. */
  enqueue(index: number, message: OutgoingMessage): void {
    const lane = this.#lanes.get(index);
    if (!lane || this.closed) return;
    lane.queue.push(message);
    if (lane.queue.length > this.#options.maxQueue) {
      const dropped = lane.queue.shift()!;
      this.#count(lane, 'dropped');
      this.#write('warn', `${name(lane)}: queue full (${this.#options.maxQueue}), dropped the oldest message (${dropped.label})`);
    }
    if (!lane.busy) {
      lane.busy = true;
      // not even the request's set-up runs inside the caller's turn
      setImmediate(() => void this.#drain(lane));
    }
  }

  /** Per receiver kind and outcome, every combination present (zeros included), since the start. */
  stats(): AlertStat[] {
    return [...this.#counts].flatMap(([kind, counts]) => outcomes.map((outcome) => ({kind, outcome, count: counts[outcome]})));
  }

  /** Nothing queued and nothing in flight. */
  get idle(): boolean {
    return [...this.#lanes.values()].every((lane) => !lane.busy && lane.queue.length === 0);
  }

  /** Resolves once every queue is empty or after `timeoutMs`, whichever comes first; never rejects. */
  flush(timeoutMs: number): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#idleWaiters = this.#idleWaiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.#idleWaiters.push(done);
    });
  }

  /** Stops for good: the attempt in flight is abandoned, no retry follows, what is queued is not sent. */
  close(): void {
    if (this.closed) return;
    this.#abort.abort();
    for (const lane of this.#lanes.values()) {
      if (lane.queue.length > 0) this.#write('warn', `${name(lane)}: ${lane.queue.length} message(s) not sent: alerts closed`);
      lane.queue.length = 0;
    }
  }

  async #drain(lane: Lane): Promise<void> {
    try {
      for (let message = lane.queue.shift(); message !== undefined && !this.closed; message = lane.queue.shift()) await this.#deliver(lane, message);
    } catch (error) {
      // a bug here must not become an unhandled rejection that crashes the bot
      this.#write('error', `${name(lane)}: alert sender failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      lane.busy = false;
      if (this.idle) for (const waiter of [...this.#idleWaiters]) waiter();
    }
  }

  async #deliver(lane: Lane, message: OutgoingMessage): Promise<void> {
    const attempts = this.#options.backoffMs.length + 1;
    for (let attempt = 1; ; attempt++) {
      const result = await this.#post(message.request);
      if (this.closed) return;
      if (result.ok) {
        this.#count(lane, 'sent');
        return;
      }
      if (!result.retry || attempt >= attempts) {
        this.#count(lane, 'failed');
        const tries = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
        this.#write('warn', `${name(lane)}: ${message.label} not sent after ${tries}: ${result.what}`);
        return;
      }
      const wait = this.#options.backoffMs[attempt - 1]!;
      this.#write('debug', `${name(lane)}: ${message.label} attempt ${attempt} failed (${result.what}); retrying in ${wait} ms`);
      // unref'd: a pending retry alone does not keep the process alive
      await delay(wait, undefined, {signal: this.#abort.signal, ref: false}).catch(() => undefined);
      if (this.closed) return;
    }
  }

  async #post(request: WebhookRequest): Promise<Attempt> {
    try {
      await got.post(request.url, {
        json: request.json,
        timeout: {request: this.#options.attemptTimeoutMs},
        retry: {limit: 0},
        throwHttpErrors: true,
        signal: this.#abort.signal,
      });
      return {ok: true};
    } catch (error) {
      if (error instanceof HTTPError) {
        const status = error.response.statusCode;
        // a refusal (bad token, unknown chat, wrong body) stays one; a busy or broken receiver may not
        return {ok: false, retry: status >= 500 || status === 429 || status === 408, what: `HTTP ${status}`};
      }
      const code = (error as {code?: unknown}).code;
      // the code (ECONNREFUSED, ETIMEDOUT, …) says enough and cannot carry the address
      const what = typeof code === 'string' && code !== '' ? code : error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
      return {ok: false, retry: true, what};
    }
  }

  #count(lane: Lane, outcome: AlertOutcome): void {
    this.#counts.get(lane.receiver.kind)![outcome]++;
  }

  // every line goes through the guard: the second line of defence after never putting an address in one
  #write(level: AlertLogLevel, text: string): void {
    try {
      this.#log(level, this.#guard.scrub(text));
    } catch {
      // a failing log must not stop delivery
    }
  }
}

const name = (lane: Lane): string => `alert webhook #${lane.receiver.index} (${lane.receiver.kind})`;
