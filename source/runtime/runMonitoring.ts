// The monitoring side of one run (docs/monitoring.md): the metrics endpoint when a port is configured,
// and the webhook alerter when receivers are. Both read the engine's published snapshot and live
// outside the queue consumer; neither can delay or stop the bot (a failed scrape or webhook is logged).
import {readFileSync} from 'node:fs';
import type {Config} from '../config/configSchema.js';
import type {EngineSnapshot, Mode} from '../engine/view/snapshot.js';
import {buildMetricsRegistry} from '../monitoring/metricsRegistry.js';
import {MetricsServer, MetricsServerError} from '../monitoring/metricsServer.js';
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

export class RunMonitoring {
  private latest: EngineSnapshot | null = null;
  private server: MetricsServer | null = null;

  constructor(private readonly options: MonitoringOptions) {}

  /** Starts the metrics endpoint (before start-up, so /healthz answers "starting"); exit 2 naming metrics.port when it cannot bind. */
  async start(): Promise<void> {
    const {config, now, log} = this.options;
    if (config.metrics.port === null) return;
    const registry = buildMetricsRegistry({snapshot: () => this.latest, now, version: packageVersion(), config});
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

  get metricsUrl(): string | null {
    return this.server?.url ?? null;
  }

  /** Every published snapshot (called by the consumer: only a reference is kept and our orders glanced at). */
  observe(snapshot: EngineSnapshot): void {
    this.latest = snapshot;
    this.server?.observe(snapshot);
  }

  markStopping(): void {
    this.server?.markStopping();
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}
