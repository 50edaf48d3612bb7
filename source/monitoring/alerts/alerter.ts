// The webhook alerts as the runtime wires them (docs/monitoring.md §4): once a second it reads the
// engine's latest snapshot, and turns what changed into messages for the receivers that asked for them.
// It only reads snapshots, outside the queue consumer, and a slow or dead receiver never reaches back
// here (webhookSender.ts). Without webhooks it does nothing at all, not even run a timer.
import type {AlertEventName, Config} from '../../config/configSchema.js';
import type {EngineSnapshot, Mode} from '../../engine/view/snapshot.js';
import {observeConditions} from './alertConditions.js';
import {alertMessage, webhookRequest, type AlertDetails, type AlertEvent, type LifecycleEventName} from './alertMessages.js';
import {initialTrackerState, trackAlerts, trackerSettings, type TrackerSettings, type TrackerState} from './alertTracker.js';
import {WebhookSender, type AlertLog, type AlertStat, type SenderOptions} from './webhookSender.js';
import {resolveWebhookTargets, webhookSecrets, type WebhookTarget} from './webhookTargets.js';

export interface AlerterOptions {
  config: Config['alerts'];
  mode: Mode;
  symbol: string;
  /** the engine's latest snapshot; null before it has published one */
  snapshot: () => EngineSnapshot | null;
  now?: () => number;
  /** failures and drops, never with an address or token */
  log: AlertLog;
  /** where `tokenEnv` / `urlEnv` are looked up */
  env?: NodeJS.ProcessEnv;
  intervalMs?: number;
  senderOptions?: SenderOptions;
}

export class Alerter {
  readonly #options: AlerterOptions;
  readonly #targets: WebhookTarget[];
  readonly #settings: TrackerSettings;
  readonly #sender: WebhookSender | null;
  readonly #now: () => number;
  #state: TrackerState = initialTrackerState();
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  /** Resolves every receiver's secret now, so a missing variable stops start-up: throws WebhookConfigError. */
  constructor(options: AlerterOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#targets = resolveWebhookTargets(options.config.webhooks, options.env ?? process.env);
    this.#settings = trackerSettings(options.config);
    this.#sender =
      this.#targets.length === 0
        ? null
        : new WebhookSender(
            this.#targets.map(({index, kind}) => ({index, kind})),
            {...options.senderOptions, log: options.log, secrets: webhookSecrets(this.#targets)},
          );
  }

  /** true when at least one webhook is configured */
  get enabled(): boolean {
    return this.#sender !== null;
  }

  /** Checks the snapshot every `intervalMs` (1 s) until stop(). Does nothing without webhooks. */
  start(): void {
    if (this.#sender === null || this.#timer !== null || this.#stopped) return;
    this.#timer = setInterval(() => this.tick(), this.#options.intervalMs ?? 1000);
    // alerts never keep a finished process alive
    this.#timer.unref();
  }

  /** One check of the latest snapshot: what the timer runs. Never throws. */
  tick(): void {
    if (this.#sender === null || this.#stopped) return;
    try {
      const now = this.#now();
      const step = trackAlerts(this.#state, observeConditions(this.#options.snapshot()), now, this.#settings);
      this.#state = step.state;
      for (const event of step.events) this.#dispatch(event);
    } catch (error) {
      this.#options.log('error', `alerts: checking the snapshot failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** `started` once the engine runs; `stopped` or `stopUnconfirmed` when the run ended, before stop(). */
  lifecycle(event: LifecycleEventName, details: AlertDetails = {}): void {
    if (this.#sender === null || this.#stopped) return;
    this.#dispatch({event, at: this.#now(), details});
  }

  /** Messages per receiver kind and outcome, for `mexc_mm_alert_messages_total{kind,outcome}`. */
  stats(): AlertStat[] {
    return this.#sender?.stats() ?? [];
  }

  /** Tokens and addresses to keep out of every file and log line (store/secretGuard.ts). */
  secrets(): string[] {
    return webhookSecrets(this.#targets);
  }

  /** Stops checking, waits up to `flushTimeoutMs` for the queued messages, then abandons the rest. */
  async stop(flushTimeoutMs = 5000): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#sender === null) return;
    await this.#sender.flush(flushTimeoutMs);
    this.#sender.close();
  }

  #dispatch(event: AlertEvent): void {
    const message = alertMessage(event, {symbol: this.#options.symbol, mode: this.#options.mode});
    const label: string = message.reminder ? `${message.event} (reminder)` : message.event;
    for (const target of this.#targets) {
      if (wants(target, message.event)) this.#sender!.enqueue(target.index, {request: webhookRequest(target, message), label});
    }
  }
}

const wants = (target: WebhookTarget, event: AlertEventName): boolean => target.events.has(event);
