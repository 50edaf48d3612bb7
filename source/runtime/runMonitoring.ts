// The monitoring side of one run (docs/monitoring.md): the metrics endpoint when a port is configured,
// and the webhook alerter when receivers are. Both read the engine's published snapshot and live
// outside the queue consumer; neither can delay or stop the bot (a failed scrape or webhook is logged).
import {readFileSync} from 'node:fs';
import type {Config} from '../config/configSchema.js';
import type {EngineSnapshot, Mode} from '../engine/view/snapshot.js';
import {MetricsServer, MetricsServerError} from '../monitoring/metricsServer.js';
import {Alerter} from '../monitoring/alerts/alerter.js';
import {WebhookConfigError} from '../monitoring/alerts/webhookTargets.js';
import {StartupError} from './startupError.js';

export type MonitoringLog = (level: 'debug' | 'info' | 'warn' | 'error', text: string, fields?: Record<string, unknown>) => void;

export interface MonitoringOptions {
  config: Config;
  mode: Mode;
  now: () => number;
  env: NodeJS.ProcessEnv;
  log: MonitoringLog;
}

function packageVersion(): string {
  try {
    // dist/runtime/ and source/runtime/ both sit two levels below the package root
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: string};
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** How long the end of a run waits for the last webhook messages (the "stopped" one) before it exits. */
const ALERT_FLUSH_MS = 5_000;

export class RunMonitoring {
  private latest: EngineSnapshot | null = null;
  private server: MetricsServer | null = null;
  private readonly alerter: Alerter;

  /** Resolves the webhooks' secrets at once: a named variable that is not set is exit 2, naming the key. */
  constructor(private readonly options: MonitoringOptions) {
    try {
      this.alerter = new Alerter({
        config: options.config.alerts,
        mode: options.mode,
        symbol: options.config.symbol,
        snapshot: () => this.latest,
        now: options.now,
        env: options.env,
        log: (level, text) => options.log(level, text),
      });
    } catch (error) {
      if (error instanceof WebhookConfigError) throw new StartupError(error.message, 2, {cause: error});
      throw error;
    }
  }

  /** The webhook tokens and URLs: never to be written to the state file or the journals. */
  secrets(): string[] {
    return this.alerter.secrets();
  }

  /** Starts the metrics endpoint (before start-up, so /healthz answers "starting"); exit 2 naming metrics.port when it cannot bind. */
  async start(): Promise<void> {
    const {config, now, log} = this.options;
    if (config.metrics.port === null) return;
    // prom-client is loaded only when the endpoint is on: a bot without metrics does not hold it in memory
    const {buildMetricsRegistry} = await import('../monitoring/metricsRegistry.js');
    const registry = buildMetricsRegistry({snapshot: () => this.latest, now, version: packageVersion(), config, alertMessages: () => this.alerter.stats()});
    try {
      this.server = await MetricsServer.start({
        host: config.metrics.host,
        port: config.metrics.port,
        registry,
        snapshot: () => this.latest,
        now,
        sampleIntervalMs: config.timers.complianceSampleSec * 1000,
        onError: (error) => log('error', `metrics endpoint: ${error.message}`),
      });
    } catch (error) {
      if (error instanceof MetricsServerError) throw new StartupError(error.message, 2, {cause: error});
      throw error;
    }
    log('info', 'metrics listening', {url: this.server.url, paths: ['/metrics', '/healthz', '/readyz']});
  }

  /** Every published snapshot (called by the consumer: only a reference is kept and our orders glanced at). */
  observe(snapshot: EngineSnapshot): void {
    this.latest = snapshot;
    this.server?.observe(snapshot);
  }

  /** The engine runs: the alerter starts watching snapshots and says so. */
  engineStarted(): void {
    this.alerter.start();
    this.alerter.lifecycle('started', {mode: this.options.mode});
  }

  markStopping(): void {
    this.server?.markStopping();
  }

  /** The run's end as the webhooks hear it: none of ours left, or what may be left (null: never confirmed). */
  runEnded(leftoverOrders: number | null, crash: string | null): void {
    const details = {leftoverOrders, ...(crash !== null ? {reason: `crash: ${crash}`} : {})};
    this.alerter.lifecycle(leftoverOrders === 0 ? 'stopped' : 'stopUnconfirmed', details);
  }

  /** Waits up to 5 s for the last webhook messages, then closes the endpoint. */
  async close(): Promise<void> {
    await this.alerter.stop(ALERT_FLUSH_MS);
    await this.server?.close();
    this.server = null;
  }
}
