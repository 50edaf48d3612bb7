// The Prometheus registry of one bot: the metrics of docs/monitoring.md §1 filled from the engine's
// latest snapshot at scrape time, plus prom-client's default process metrics. A scrape reads the
// snapshot the engine already published; it never touches engine state or waits on the queue consumer.
import {Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValueWithName} from 'prom-client';
import type {Config} from '../config/configSchema.js';
import type {EngineSnapshot} from '../engine/view/snapshot.js';
import {ALERT_MESSAGES_METRIC, DECISION_LATENCY_METRIC, metricCatalog} from './metricCatalog.js';
import {decisionLatencySeries, snapshotReadings, type SnapshotReadings} from './snapshotReadings.js';

/** How often prom-client's default metrics sample the event loop's delay (ms). */
export const EVENT_LOOP_SAMPLE_MS = 100;

/** How many webhook messages went which way (alerts/alerter.ts), per receiver kind. */
export interface AlertMessageCount {
  kind: string;
  outcome: 'sent' | 'failed' | 'dropped';
  count: number;
}

export interface MetricsSource {
  /** the engine's latest snapshot; null before the engine runs */
  snapshot: () => EngineSnapshot | null;
  now: () => number;
  version: string;
  config: Config;
  alertMessages?: () => readonly AlertMessageCount[];
  /** prom-client's default process metrics (off in unit tests that count series) */
  processMetrics?: boolean;
}

/**
 * The engine measures decision latency into fixed buckets (engine/engineTallies.ts) and the snapshot
 * carries them; this histogram only reports them, so it overrides how prom-client reads its values.
 */
class SnapshotHistogram extends Histogram<string> {
  constructor(
    name: string,
    help: string,
    private readonly read: () => Array<{suffix: string; labels: Record<string, string>; value: number}>,
  ) {
    super({name, help, labelNames: ['symbol'], registers: []});
  }

  override async get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    return this.getForPromString();
  }

  // the registry's text exposition calls this when it exists (prom-client lib/registry.js)
  async getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    const values = this.read().map(({suffix, labels, value}) => ({metricName: `${this.name}${suffix}`, labels, value}));
    return {name: this.name, help: this.help, type: 'histogram' as never, aggregator: 'sum', collect: () => undefined, values};
  }

  declare readonly name: string;
  declare readonly help: string;
}

export function buildMetricsRegistry(source: MetricsSource): Registry {
  const registry = new Registry();
  // one reading of the snapshot serves every metric of a scrape (the collects run one after another)
  let cached: {snapshot: EngineSnapshot; at: number; readings: SnapshotReadings} | null = null;
  const readings = (): SnapshotReadings => {
    const snapshot = source.snapshot();
    if (snapshot === null) return {};
    const now = source.now();
    if (cached === null || cached.snapshot !== snapshot || now - cached.at > 100) {
      cached = {snapshot, at: now, readings: snapshotReadings(snapshot, {now, version: source.version, config: source.config})};
    }
    return cached.readings;
  };

  for (const definition of metricCatalog) {
    const series = () => readings()[definition.name] ?? [];
    const options = {name: definition.name, help: definition.help, labelNames: ['symbol', ...definition.labels], registers: [registry]};
    // each scrape reports the snapshot as it stands: a series the snapshot no longer has goes, and a
    // counter shows the engine's own count (reset, then set to it)
    if (definition.type === 'gauge') {
      new Gauge({
        ...options,
        collect() {
          this.reset();
          for (const {labels, value} of series()) this.set(labels, value);
        },
      });
    } else {
      new Counter({
        ...options,
        collect() {
          this.reset();
          for (const {labels, value} of series()) this.inc(labels, value);
        },
      });
    }
  }
  registry.registerMetric(
    new SnapshotHistogram(DECISION_LATENCY_METRIC, 'Seconds the consumer spends on a batch that ends in a decision pass.', () => {
      const snapshot = source.snapshot();
      return snapshot === null ? [] : decisionLatencySeries(snapshot);
    }),
  );
  new Counter({
    name: ALERT_MESSAGES_METRIC,
    help: 'Webhook messages by receiver kind and outcome (sent, failed after retries, dropped).',
    labelNames: ['symbol', 'kind', 'outcome'],
    registers: [registry],
    collect() {
      this.reset();
      const symbol = source.config.symbol;
      for (const {kind, outcome, count} of source.alertMessages?.() ?? []) this.inc({symbol, kind, outcome}, count);
    },
  });
  // prom-client samples event-loop delay every 10 ms by default: about 0.8 % of a core on its own, more
  // than all the scrapes (bench/metricsRuns.ts); every 100 ms still sees any stall worth an alert
  if (source.processMetrics !== false) collectDefaultMetrics({register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS});
  return registry;
}
