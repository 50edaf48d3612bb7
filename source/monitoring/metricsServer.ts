// The monitoring HTTP endpoint (docs/monitoring.md §1-2): /metrics in the Prometheus text format,
// /healthz and /readyz as JSON. Off unless a port is configured; binds loopback unless told otherwise.
// Every answer is built from the latest snapshot; nothing here waits on the engine.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Registry} from 'prom-client';
import type {EngineSnapshot} from '../engine/view/snapshot.js';
import {healthReport, ReadinessLatch, type HealthReport} from './healthReport.js';

export class MetricsServerError extends Error {
  constructor(message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.name = 'MetricsServerError';
  }
}

export interface MetricsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  snapshot: () => EngineSnapshot | null;
  now: () => number;
  sampleIntervalMs: number;
  /** a scrape or probe failed (the registry threw): logged, answered 500 */
  onError?: (error: Error) => void;
}

export class MetricsServer {
  private readonly server: Server;
  private readonly readiness = new ReadinessLatch();
  private stopping = false;
  private scrapes = 0;

  private constructor(private readonly options: MetricsServerOptions) {
    this.server = createServer((request, response) => void this.answer(request, response));
    // a scraper that keeps its connection open must not hold the process at exit
    this.server.keepAliveTimeout = 5_000;
  }

  /** Binds the port; a port that cannot be bound is a MetricsServerError naming it. */
  static async start(options: MetricsServerOptions): Promise<MetricsServer> {
    const metrics = new MetricsServer(options);
    await new Promise<void>((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException): void => {
        const why = error.code === 'EADDRINUSE' ? 'the port is in use' : error.code === 'EACCES' ? 'permission denied' : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' ? 'no such address on this machine' : error.message;
        reject(new MetricsServerError(`metrics.port ${options.port} on metrics.host ${options.host}: ${why}`, {cause: error}));
      };
      metrics.server.once('error', failed);
      metrics.server.listen(options.port, options.host, () => {
        metrics.server.off('error', failed);
        resolve();
      });
    });
    return metrics;
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  get scrapeCount(): number {
    return this.scrapes;
  }

  /** Fed every published snapshot, so readiness is not missed between probes (cheap: a look at our orders). */
  observe(snapshot: EngineSnapshot): void {
    this.readiness.observe(snapshot);
  }

  markStopping(): void {
    this.stopping = true;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, {allow: 'GET, HEAD', 'content-type': 'text/plain'}).end('method not allowed\n');
      return;
    }
    try {
      switch (path) {
        case '/metrics': {
          this.scrapes++;
          const body = await this.options.registry.metrics();
          response.writeHead(200, {'content-type': this.options.registry.contentType}).end(request.method === 'HEAD' ? undefined : body);
          return;
        }
        case '/healthz':
          return this.json(response, request, healthReport(this.options.snapshot(), {now: this.options.now(), sampleIntervalMs: this.options.sampleIntervalMs, stopping: this.stopping}));
        case '/readyz':
          return this.json(response, request, this.readiness.report(this.stopping));
        default:
          response.writeHead(404, {'content-type': 'text/plain'}).end('not found: try /metrics, /healthz or /readyz\n');
      }
    } catch (error) {
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
      if (!response.headersSent) response.writeHead(500, {'content-type': 'text/plain'});
      response.end('internal error\n');
    }
  }

  private json(response: ServerResponse, request: IncomingMessage, report: HealthReport): void {
    const snapshot = this.options.snapshot();
    const body = JSON.stringify({status: report.ok ? 'ok' : 'fail', reason: report.reason, symbol: snapshot?.symbol ?? null, mode: snapshot?.mode ?? null, checks: report.checks});
    response.writeHead(report.ok ? 200 : 503, {'content-type': 'application/json', 'cache-control': 'no-store'}).end(request.method === 'HEAD' ? undefined : body + '\n');
  }
}
