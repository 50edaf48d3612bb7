// Headless (--no-ui) output: one JSON object per line on stdout, nothing else. Lines below the configured
// level (log.level, --log-level) are not written.
import type {JsonLogLevel} from '../config/configSchema.js';
import type {Mode} from '../engine/view/snapshot.js';

const rank: Record<JsonLogLevel, number> = {debug: 0, info: 1, warn: 2, error: 3};

export class JsonLineLog {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly mode: Mode,
    private readonly threshold: JsonLogLevel = 'info',
  ) {}

  enabled(level: JsonLogLevel): boolean {
    return rank[level] >= rank[this.threshold];
  }

  write(level: JsonLogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    if (!this.enabled(level)) return;
    const line = {time: new Date().toISOString(), level, mode: this.mode.toUpperCase(), msg, ...fields};
    this.out.write(JSON.stringify(line) + '\n');
  }
}
