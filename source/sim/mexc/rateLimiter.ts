// Sliding-window weight limits (docs/protocols/mexc.md §2.1): each endpoint has its own 500-weight-per-10-s
// budget per IP (public endpoints) or per account (keyed endpoints), the English docs' reading; batchOrders
// and account are additionally limited to 2 requests/s. The Chinese docs say the 500 is shared by all
// endpoints: unverified which is live, so the window and limit are parameters.

export interface LimitRule {
  limit: number;
  windowMs: number;
}

export const ENDPOINT_LIMIT: LimitRule = {limit: 500, windowMs: 10_000};
export const TWO_PER_SECOND: LimitRule = {limit: 2, windowMs: 1000};

export type LimitCheck = {ok: true} | {ok: false; retryAfterMs: number};

export class SlidingWindowLimiter {
  private readonly log = new Map<string, Array<{time: number; weight: number}>>();

  /** Records `weight` under `key` if it fits in the rule's window; otherwise says when it would. */
  consume(key: string, weight: number, rule: LimitRule, now: number): LimitCheck {
    const entries = this.log.get(key) ?? [];
    while (entries.length > 0 && entries[0]!.time <= now - rule.windowMs) entries.shift();
    let used = entries.reduce((sum, entry) => sum + entry.weight, 0);
    if (used + weight > rule.limit) {
      let retryAt = now;
      for (const entry of entries) {
        used -= entry.weight;
        retryAt = entry.time + rule.windowMs;
        if (used + weight <= rule.limit) break;
      }
      this.log.set(key, entries);
      return {ok: false, retryAfterMs: Math.max(1, retryAt - now)};
    }
    entries.push({time: now, weight});
    this.log.set(key, entries);
    return {ok: true};
  }
}
