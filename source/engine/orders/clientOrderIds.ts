// clientOrderIds unique across restarts without any stored counter: prefix + start time (base 36) +
// a per-run random tag + a sequence. MEXC accepts letters and digits; we stay within 32 characters.
import {randomBytes} from 'node:crypto';

export function clientOrderIdFactory(prefix: string, now: number = Date.now()): () => string {
  const run = now.toString(36) + randomBytes(3).toString('hex');
  let sequence = 0;
  return () => `${prefix}${run}${(sequence++).toString(36)}`;
}
