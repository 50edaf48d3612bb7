// Headless (--no-ui) output: one JSON object per line on stdout, nothing else.
import type {Mode} from '../engine/view/snapshot.js';
import type {LogLevel} from '../exchanges/shared/logger.js';

export class JsonLineLog {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly mode: Mode,
  ) {}

  write(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    const line = {time: new Date().toISOString(), level, mode: this.mode.toUpperCase(), msg, ...fields};
    this.out.write(JSON.stringify(line) + '\n');
  }
}
