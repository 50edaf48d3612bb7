// Logs repeated warnings (malformed frames) without flooding: the first few, then every 100th.
import type {Logger} from './logger.js';

export class RateLimitedLog {
  private count = 0;

  constructor(
    private readonly log: Logger,
    private readonly firstN = 10,
    private readonly every = 100,
  ) {}

  warn(message: string): void {
    this.count += 1;
    if (this.count <= this.firstN || this.count % this.every === 0) this.log('warn', message);
  }
}
