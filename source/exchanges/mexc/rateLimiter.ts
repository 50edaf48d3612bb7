// Request budget: one token bucket per documented MEXC limit (docs/protocols/mexc.md §2.1). A request takes tokens from
// every bucket it counts against, or waits for them up to `maxWaitMs`, or is refused at once (no queue
// that grows without bound, no retry storm).
//
// A token bucket sized naively (capacity = limit, refill = limit/window) can let through up to twice the
// limit inside one window (a full burst plus a window of refill). The buckets here are split so the burst
// plus one window of refill equals the limit: no window of `windowMs` ever sees more than `amount`.

export interface RateLimit {
  amount: number;
  windowMs: number;
}

export class TokenBucket {
  readonly capacity: number;
  private readonly refillPerMs: number;
  private tokens: number;
  private updatedAt: number;

  constructor(limit: RateLimit, now: number) {
    if (!(limit.amount > 0 && limit.windowMs > 0)) throw new Error(`bad rate limit ${JSON.stringify(limit)}`);
    this.capacity = Math.max(1, Math.ceil(limit.amount / 2));
    this.refillPerMs = Math.max(limit.amount - this.capacity, 1) / limit.windowMs;
    this.tokens = this.capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
      this.updatedAt = now;
    }
  }

  /** ms until `cost` tokens are available (0 = now); Infinity if the cost exceeds the capacity. */
  waitFor(cost: number, now: number): number {
    this.refill(now);
    if (cost > this.capacity) return Number.POSITIVE_INFINITY;
    if (this.tokens >= cost) return 0;
    return Math.ceil((cost - this.tokens) / this.refillPerMs);
  }

  /** Takes tokens now; the balance may go negative, which reserves future refill for this request. */
  take(cost: number, now: number): void {
    this.refill(now);
    this.tokens -= cost;
  }

  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }
}

export interface BucketCost {
  bucket: string;
  cost: number;
}

export type Acquisition = {ok: true; waitMs: number} | {ok: false; retryAt: number};

/** A set of named buckets; `reserve` is all-or-nothing across the buckets a request needs. */
export class RequestBudget {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    limits: Readonly<Record<string, RateLimit>>,
    private readonly now: () => number,
    private readonly maxWaitMs: number,
  ) {
    for (const [name, limit] of Object.entries(limits)) this.buckets.set(name, new TokenBucket(limit, now()));
  }

  /**
   * Reserves the tokens if they are available within `maxWaitMs` and says how long to wait before sending;
   * otherwise takes nothing and says when to try again. Unknown bucket names are a programming error.
   */
  reserve(costs: readonly BucketCost[]): Acquisition {
    const now = this.now();
    const waitMs = this.waitMs(costs);
    if (waitMs > this.maxWaitMs) return {ok: false, retryAt: Number.isFinite(waitMs) ? now + waitMs : now + 60_000};
    for (const {bucket, cost} of costs) this.buckets.get(bucket)?.take(cost, now);
    return {ok: true, waitMs};
  }

  /** ms until every bucket can pay its cost (0 = now, Infinity = never); takes nothing. */
  waitMs(costs: readonly BucketCost[]): number {
    const now = this.now();
    let waitMs = 0;
    for (const {bucket, cost} of costs) {
      const found = this.buckets.get(bucket);
      if (!found) throw new Error(`no rate-limit bucket named ${bucket}`);
      waitMs = Math.max(waitMs, found.waitFor(cost, now));
    }
    return waitMs;
  }

  has(bucket: string): boolean {
    return this.buckets.has(bucket);
  }
}
